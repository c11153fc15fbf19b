"""Titles (chức danh), words of address and family names, from ``ingest/data/gazetteer``.

>>> hit = title_trie().longest_at(tokenize("Phó Thủ tướng Chính phủ Vũ Đức Đam"), 0)
>>> hit.payloads[0].name
'Phó Thủ tướng Chính phủ'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from danchieu.ingest.entities.gazetteer import load_data
from danchieu.ingest.entities.matcher import SyllableTrie
from danchieu.ingest.entities.tokens import fold_tokens, fold_word, tokenize  # noqa: F401  (doctest)
from danchieu.ingest.identity import restore_case
from danchieu.ingest.textutil import fold


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


def recase_title(title: str, names: list[str]) -> str:
    """A document title printed in capitals and set in sentence case (:func:`identity.proper_case`) gets
    back the capitals of the names the document itself spells out (its persons, agencies, provinces)
    and of an office named with its body ("bộ trưởng Bộ Công Thương" → "Bộ trưởng Bộ Công Thương").

    >>> recase_title("Kết luận của Phó Thủ tướng lê thành long tại tỉnh Ninh Bình", ["Lê Thành Long"])
    'Kết luận của Phó Thủ tướng Lê Thành Long tại tỉnh Ninh Bình'
    >>> recase_title("Thông tư của bộ trưởng Bộ Công Thương; các bộ trưởng", [])
    'Thông tư của Bộ trưởng Bộ Công Thương; các bộ trưởng'
    """
    folded = fold(title)
    for name in sorted({n for n in names if n and len(n) >= 4}, key=len, reverse=True):
        if fold(name) in folded:
            title = restore_case(title, name)
    pattern, spelling = _office_before_body()
    return pattern.sub(lambda m: spelling[m.group(1)], title)


@lru_cache(maxsize=1)
def _office_before_body() -> tuple[re.Pattern[str], dict[str, str]]:
    """Offices in lower case followed by a capitalised word, and how each is spelled."""
    data = load_data("titles.yaml")
    spelling = {t.lower(): t for t in [*data["standalone"], *data["with_org"]]}
    alternatives = "|".join(map(re.escape, sorted(spelling, key=len, reverse=True)))
    return re.compile(rf"(?<!\w)({alternatives})(?=\s+[A-ZĐÀ-Ỹ])"), spelling
