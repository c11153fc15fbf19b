"""Small text helpers every extraction stage shares: Unicode folding and evidence.

``fold`` is the one matching form of Vietnamese text across the project (search keys, gazetteer
look-ups, the scorer's comparison): NFC, diacritics removed, đ→d, case folded, punctuation as spaces.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.models import Evidence

_NON_WORD = re.compile(r"[^\w/]+")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# "oa", "oe", "uy" closing a syllable: the old style puts the tone on the second vowel (hoà, khoẻ,
# thuỷ), the new style on the first (hòa, khỏe, thủy). "qu" + y is a consonant + vowel (quý) and
# a final consonant (hoàng, thuyết) fixes the tone on the second vowel in both styles.
_OLD_STYLE_TONE = re.compile(
    r"(?<![qQ])([oOuU])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])")
_PAIRS = {"o": "ae", "u": "y"}


def _move_tone(m: re.Match[str]) -> str:
    first, second = m.group(1), m.group(2)
    decomposed = unicodedata.normalize("NFD", second)
    bare, marks = decomposed[0], "".join(c for c in decomposed[1:] if c in _TONE_MARKS)
    if bare.lower() not in _PAIRS[first.lower()] or not marks:
        return m.group(0)
    return unicodedata.normalize("NFC", first + marks) + bare


def tone_normalize(text: str) -> str:
    """One tone-mark placement for matching, same length as the input (offsets stay valid).

    >>> tone_normalize("CỘNG HOÀ, uỷ ban, thuỷ lợi, khoẻ, hoàng, quý")
    'CỘNG HÒA, ủy ban, thủy lợi, khỏe, hoàng, quý'
    """
    text = nfc(text)
    return _OLD_STYLE_TONE.sub(_move_tone, text)


def strip_diacritics(text: str) -> str:
    """``"Phạm Minh Chính"`` → ``"Pham Minh Chinh"`` (keeps case and punctuation)."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


def fold(text: str | None) -> str:
    """Matching key: ``"Bộ Công Thương"`` and ``"bo cong thuong"`` fold alike."""
    if not text:
        return ""
    folded = strip_diacritics(nfc(text)).casefold()
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip()


_SENTENCE_END = re.compile(r"(?<=[.;!?:])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])|\n\s*\n|\n(?=\s*(?:\d+[.)]|[a-zđ][)]|[-–•+])\s)")


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence (or list item / paragraph) around ``text[start:end]``."""
    end = start if end is None else end
    left = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 2000), start):
        left = m.end()
    after = _SENTENCE_END.search(text, end)
    right = after.start() if after else len(text)
    return left, max(right, end)


def make_evidence(text: str, start: int, end: int) -> Evidence:
    """Evidence for ``text[start:end]``: the exact mention and its sentence, whitespace folded."""
    s0, s1 = sentence_bounds(text, start, end)
    sentence = _SPACES.sub(" ", text[s0:s1]).strip()
    return Evidence(start=start, end=end, text=text[start:end], sentence=sentence, sentence_start=s0)
