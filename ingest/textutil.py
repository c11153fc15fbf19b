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
    m = _SENTENCE_END.search(text, end)
    right = m.start() if m else len(text)
    return left, max(right, end)


def make_evidence(text: str, start: int, end: int) -> Evidence:
    """Evidence for ``text[start:end]``: the exact mention and its sentence, whitespace folded."""
    s0, s1 = sentence_bounds(text, start, end)
    sentence = _SPACES.sub(" ", text[s0:s1]).strip()
    return Evidence(start=start, end=end, text=text[start:end], sentence=sentence, sentence_start=s0)
