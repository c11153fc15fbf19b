"""Titles (chức danh), words of address and family names, from ``ingest/data/gazetteer``.

>>> hit = title_trie().longest_at(tokenize("Phó Thủ tướng Chính phủ Vũ Đức Đam"), 0)
>>> hit.payloads[0].name
'Phó Thủ tướng Chính phủ'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from danchieu.ingest.entities.gazetteer import load_data
from danchieu.ingest.entities.matcher import SyllableTrie
from danchieu.ingest.entities.tokens import fold_tokens, fold_word, tokenize  # noqa: F401  (doctest)


@dataclass(frozen=True, slots=True)
class TitleHit:
    name: str  # canonical spelling, "Phó Thủ tướng Chính phủ"
    needs_org: bool  # "Trưởng", "Bí thư": only a title with the body it heads


@lru_cache(maxsize=1)
def title_trie() -> SyllableTrie:
    data = load_data("titles.yaml")
    trie = SyllableTrie()
    for name in data["standalone"]:
        trie.add(fold_tokens(name), TitleHit(name, False))
    for name in data["with_org"]:
        trie.add(fold_tokens(name), TitleHit(name, True))
    return trie


@lru_cache(maxsize=1)
def honorific_trie() -> SyllableTrie:
    trie = SyllableTrie()
    for word in load_data("titles.yaml")["honorifics"]:
        trie.add(fold_tokens(word), word)
    return trie


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Family names in lower case with their marks: ``"nguyễn"``, ``"phạm"``, …

    Marks are kept: "Tô" is a family name, "Tổ" (as in "Tổ công tác") is not."""
    return frozenset(unicodedata.normalize("NFC", s).casefold() for s in load_data("surnames.yaml")["surnames"])


def is_surname(word: str) -> bool:
    return unicodedata.normalize("NFC", word).casefold() in surnames()
