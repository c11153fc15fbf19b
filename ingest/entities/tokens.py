"""Syllable tokens of a Vietnamese text, with the folded form every gazetteer look-up uses.

Vietnamese writes one syllable per orthographic word, so a gazetteer entry is a sequence of
syllables. Tokens keep their offsets in the original (normalised) text; matching happens on the
folded form (``danchieu.ingest.textutil.fold``), checks of case and tone marks on the original.

>>> toks = tokenize("Bộ Y tế")
>>> toks.folds
['bo', 'y', 'te']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from danchieu.ingest.textutil import strip_diacritics

_WORD = re.compile(r"\w+")
# Characters allowed between two syllables of one name: spaces and line breaks (PDF text breaks
# names over lines), and the punctuation official names contain ("phòng, chống", "Lao động -
# Thương binh", "TP. HCM", "BGD&ĐT").
_NAME_GAP = re.compile(r"[\s,\-–.&*]*")
_MAX_GAP = 12
# Tone marks (dấu thanh) as combining characters; the other marks (breve, circumflex, horn) shape
# the vowel and are kept.
_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """``"Hòa"`` → ``"hoa"``; one syllable, no punctuation inside."""
    return strip_diacritics(word).casefold()


@lru_cache(maxsize=100_000)
def tone_key(word: str) -> tuple[str, str]:
    """The syllable with its tone mark set apart, so that "hòa" and "hoà" compare equal.

    >>> tone_key("hoà") == tone_key("Hòa")
    True
    """
    decomposed = unicodedata.normalize("NFD", word.casefold())
    tones = "".join(c for c in decomposed if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return base, tones


def has_diacritics(word: str) -> bool:
    return strip_diacritics(word) != word


def is_capitalised(word: str) -> bool:
    """First letter upper case ("Minh", "HÀ", "COVID")."""
    return word[:1].isupper()


@dataclass(slots=True)
class Tokens:
    """Parallel lists: ``starts[i]:ends[i]`` in ``text`` is syllable ``i``, folded ``folds[i]``."""

    text: str
    starts: list[int]
    ends: list[int]
    folds: list[str]

    def __len__(self) -> int:
        return len(self.starts)

    def word(self, i: int) -> str:
        return self.text[self.starts[i]:self.ends[i]]

    def gap(self, i: int) -> str:
        """What stands between syllable ``i`` and syllable ``i + 1`` (after the last one: the rest)."""
        if i + 1 >= len(self.starts):
            return self.text[self.ends[i]:]
        return self.text[self.ends[i]:self.starts[i + 1]]

    def joinable(self, i: int) -> bool:
        """Can syllables ``i`` and ``i + 1`` belong to one name?"""
        a, b = self.ends[i], self.starts[i + 1]
        if b - a > _MAX_GAP:
            return self.text[a:b].isspace()
        m = _NAME_GAP.match(self.text, a, b)
        return m is not None and m.end() == b

    def spaced(self, i: int) -> bool:
        """Only white space (line breaks included) between ``i`` and ``i + 1``."""
        return self.text[self.ends[i]:self.starts[i + 1]].isspace()

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        from bisect import bisect_left

        return bisect_left(self.starts, offset)


def tokenize(text: str) -> Tokens:
    starts: list[int] = []
    ends: list[int] = []
    folds: list[str] = []
    for m in _WORD.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
        folds.append(fold_word(m.group()))
    return Tokens(text, starts, ends, folds)


def fold_tokens(phrase: str) -> tuple[str, ...]:
    """The folded syllables of a gazetteer phrase: ``"Bộ Lao động - Thương binh"`` →
    ``("bo", "lao", "dong", "thuong", "binh")``."""
    return tuple(fold_word(w) for w in _WORD.findall(phrase))
