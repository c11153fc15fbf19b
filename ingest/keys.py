"""Canonical document keys: one key per real document, used by the graph as node key.

Numbers restart every year, so the key is the normalised symbol plus the issue year:
``"128/NQ-CP@2021"``, ``"30/2020/ND-CP@2020"``, ``"25-CT/TW@2023"``; ``"…@?"`` while the year is
unknown. A document with no printed number is keyed by its text hash (:func:`content_key`).

>>> document_key("30/2020/NĐ-CP", None)
'30/2020/ND-CP@2020'
>>> eli_uri("Nghị quyết", 2021, "128/NQ-CP")
'/vn/2021/nghi-quyet/128-nq-cp'
"""

from __future__ import annotations

import re
from functools import lru_cache

from danchieu.ingest.codes import split_number
from danchieu.ingest.textutil import strip_diacritics

UNKNOWN_YEAR = "?"
_DASHES = re.compile(r"\s*[\-–—‐‑]\s*")
_SLASHES = re.compile(r"\s*/\s*")
_SPACES = re.compile(r"\s+")
_YEAR_DASH = re.compile(r"^(\d+)-((?:19|20)\d\d)/")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)  # a national corpus cites the same decrees again and again
def symbol_key(number: str) -> str:
    """``"30/2020/nđ – cp"`` → ``"30/2020/ND-CP"``: upper case, Đ→D, no spaces, one dash form."""
    parts = split_number(number)
    s = parts.symbol if parts else number
    s = _SLASHES.sub("/", _DASHES.sub("-", s))
    s = _YEAR_DASH.sub(r"\1/\2/", s)  # "02-2021/X" and "02/2021/X" are one document
    return _SPACES.sub("", strip_diacritics(s)).upper()


def document_key(number: str, year: int | None) -> str:
    """Node key of a numbered document. A year printed in the number wins over ``year``."""
    parts = split_number(number)
    if parts and parts.year:
        year = parts.year
    return f"{symbol_key(number)}@{year if year else UNKNOWN_YEAR}"


def split_key(key: str) -> tuple[str, int | None]:
    """``"128/NQ-CP@2021"`` → ``("128/NQ-CP", 2021)``."""
    symbol, _, year = key.rpartition("@")
    return symbol, int(year) if year.isdigit() else None


def slug(text: str) -> str:
    """``"Nghị quyết"`` → ``"nghi-quyet"``; ``"128/NQ-CP"`` → ``"128-nq-cp"``."""
    return _SLUG_JUNK.sub("-", strip_diacritics(text or "").lower()).strip("-")


def eli_uri(type_name: str | None, year: int | None, number: str) -> str:
    """ELI-style URI ``/vn/{year}/{type-slug}/{number-slug}``; ``van-ban`` / ``unknown`` fill gaps."""
    return f"/vn/{year or 'unknown'}/{slug(type_name or '') or 'van-ban'}/{slug(symbol_key(number))}"


def content_key(text_hash: str) -> str:
    """Key of a document with no printed number: ``"sha:" + first 16 hex digits``."""
    return "sha:" + (text_hash or "")[:16]
