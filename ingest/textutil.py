"""Small text helpers every extraction stage shares: Unicode folding and evidence.

``fold`` is the one matching form of Vietnamese text across the project (search keys, gazetteer
look-ups, the scorer's comparison): NFC, diacritics removed, đ→d, case folded, punctuation as spaces.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache

from danchieu.ingest.models import Evidence

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
    if text.isascii():  # nothing to strip (document numbers, keys)
        return text
    bare = unicodedata.normalize("NFD", text).translate(_combining_marks())
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


@lru_cache(maxsize=1)
def _combining_marks() -> dict[int, None]:
    """Every code point with a combining class, for ``str.translate`` (a Python loop over each character
    of each key cost most of building a document's rows)."""
    return {c: None for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))}


def fold(text: str | None) -> str:
    """Matching key: ``"Bộ Công Thương"`` and ``"bo cong thuong"`` fold alike."""
    if not text:
        return ""
    folded = strip_diacritics(nfc(text)).casefold()
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip()


_SENTENCE_END = re.compile(r"(?<=[.;!?:])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])|\n\s*\n|\n(?=\s*(?:\d+[.)]|[a-zđ][)]|[-–•+])\s)")


# A sentence reaches at most this far on each side of a mention: legal sentences (a long "Căn cứ"
# list) stay inside it, and a text without full stops (one 5 MB line) gives each mention a bounded
# sentence instead of the whole text (the cost of evidence grew with the square of a line's length).
SENTENCE_REACH = 1000


@lru_cache(maxsize=8)
def _boundaries(text: str) -> tuple[list[int], list[int]]:
    """Every sentence boundary of ``text`` in one linear scan: (starts, ends) of the separators.

    Cached per text (a ``str`` caches its hash, and a hit on the same object compares by identity),
    so the mentions of one document share one scan.
    """
    starts: list[int] = []
    ends: list[int] = []
    for m in _SENTENCE_END.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence (or list item / paragraph) around ``text[start:end]``, at most
    :data:`SENTENCE_REACH` characters either side of the mention (cut at a space when longer)."""
    end = start if end is None else end
    starts, ends = _boundaries(text)
    floor = max(0, start - SENTENCE_REACH)
    i = bisect_right(ends, start) - 1  # the last separator that ends at or before the mention
    if i >= 0 and ends[i] >= floor:
        left = ends[i]
    elif floor == 0:
        left = 0
    else:  # no boundary within reach: start at a word, not mid-word
        space = text.find(" ", floor, start)
        left = space + 1 if space >= 0 else floor
    ceiling = min(len(text), end + SENTENCE_REACH)
    j = bisect_left(starts, end)  # the first separator that starts at or after the mention's end
    if j < len(starts) and starts[j] <= ceiling:
        right = starts[j]
    elif ceiling == len(text):
        right = ceiling
    else:
        space = text.rfind(" ", end, ceiling)
        right = space if space > end else ceiling
    return left, max(right, end)


def make_evidence(text: str, start: int, end: int) -> Evidence:
    """Evidence for ``text[start:end]``: the exact mention and its sentence, whitespace folded."""
    s0, s1 = sentence_bounds(text, start, end)
    sentence = " ".join(text[s0:s1].split())  # = _SPACES.sub(" ", …).strip() (same white space), 5× faster
    return Evidence(start=start, end=end, text=text[start:end], sentence=sentence, sentence_start=s0)
