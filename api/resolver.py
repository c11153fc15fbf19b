"""The one reference resolver: every way people write a document, to the graph's document key.

    "Nghị quyết 128"  "NQ 128/NQ-CP"  "nghi quyet 128"  "128/NQ-CP"  "Chỉ thị 16/CT-TTg năm 2020"
    "128/NQ-CP@2021"  "sha:0123456789abcdef"  "https://…/eli/…"        → "128/NQ-CP@2021"

Only the *shape* of a Vietnamese document number is written here (ordinal, optional year, symbol
``TYPE-ISSUER``; Party documents write ``25-CT/TW``). Which type names and codes exist is read from
the graph itself (each document's ``type`` and ``type_code``), so a new document type needs no code.
An input that fits several documents raises :class:`Ambiguous` with the candidates — never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from danchieu.graph import aio as db
from danchieu.graph.driver import AsyncDriver
from danchieu.ingest.keys import slug, symbol_key
from danchieu.ingest.textutil import fold, nfc

from danchieu.config import Settings
from danchieu.errors import Ambiguous, NotFound

ENTITY_PREFIXES = ("person:", "agency:", "province:")
_SHA_KEY = re.compile(r"^sha:[0-9a-f]{16}$")
_KEY = re.compile(r"^(?P<number>[^@\s]+)@(?P<year>\d{4}|\?)$")
# "128/NQ-CP", "80/2023/QH15", "25-CT/TW", "10-TB/VPTW", "16/CT-TTg", "05/2021/TT-BYT"
_NUMBER = re.compile(r"(?<![\w/])(?P<n>\d{1,5}(?:/(?P<y>(?:19|20)\d{2}))?[/-][A-ZĐ][A-ZĐ0-9]*(?:[-/][A-ZĐ0-9]+)*)",
                     re.IGNORECASE)
# "nghi quyet 128", "nq 128", "chi thi so 16" (already folded)
_TYPE_AND_ORDINAL = re.compile(r"^(?P<type>[a-z][a-z ]*?)\s+(?:so\s+)?(?P<n>\d{1,5})(?![\w/-])")
_YEAR = re.compile(r"\b(?:nam|ngay \d{1,2}/\d{1,2}/|ngay \d{1,2} thang \d{1,2} nam)\s*((?:19|20)\d{2})\b")
_URI = re.compile(r"^https?://|^/?eli/|^/vn/", re.IGNORECASE)
MAX_CANDIDATES = 50


@dataclass(frozen=True, slots=True)
class Reference:
    """What the input says about the document it names."""

    raw: str
    key: str | None = None  # a graph key, as given
    number: str | None = None  # full symbol in key spelling: "128/NQ-CP"
    ordinal: str | None = None  # "128" when only type and ordinal are written
    type_words: str | None = None  # folded type as written: "nghi quyet" or "nq"
    year: int | None = None
    uri: str | None = None
    number_slug: str | None = None  # "128-nq-cp" from an ELI URI


def key_spelling(number: str) -> str:
    """The number as it stands in a key (``danchieu.ingest.keys.symbol_key``): ``"128/nq-cp"`` → ``"128/NQ-CP"``."""
    return symbol_key(nfc(number).strip())


def parse_reference(text: str) -> Reference:
    """Read one reference. ``parse_reference("Chỉ thị 16/CT-TTg năm 2020")`` →
    ``Reference(number="16/CT-TTG", type_words="chi thi", year=2020)``."""
    raw = nfc(text).strip()
    if raw.startswith(ENTITY_PREFIXES) or _SHA_KEY.match(raw):
        return Reference(raw=raw, key=raw)
    if _URI.match(raw):
        return _parse_uri(raw)
    m = _KEY.match(raw)
    if m and _NUMBER.fullmatch(m["number"]):
        year = int(m["year"]) if m["year"] != "?" else None
        return Reference(raw=raw, key=f"{key_spelling(m['number'])}@{m['year']}", number=key_spelling(m["number"]),
                         year=year)
    folded = fold(raw)
    ym = _YEAR.search(folded)
    year = int(ym.group(1)) if ym else None
    nm = _NUMBER.search(raw)
    if nm:
        head = fold(raw[: nm.start()])
        head = re.sub(r"\s*\bso\b\s*$", "", head).strip()
        year = year or (int(nm["y"]) if nm["y"] else None)
        return Reference(raw=raw, number=key_spelling(nm["n"]), type_words=head or None, year=year)
    tm = _TYPE_AND_ORDINAL.match(_YEAR.sub(" ", folded).strip())  # "năm 2020" is a year, not an ordinal
    if tm:
        return Reference(raw=raw, ordinal=tm["n"], type_words=tm["type"].strip(), year=year)
    return Reference(raw=raw)


def _parse_uri(raw: str) -> Reference:
    """An ELI-style URI (``danchieu.ingest.keys.eli_uri``): ``/vn/2021/nghi-quyet/128-nq-cp``, possibly behind a
    host and ``/eli``. Segments are recognised by shape: a 4-digit year, the number slug (starts with
    the ordinal), the type slug (letters)."""
    path = re.sub(r"^https?://[^/]+", "", raw).split("?")[0].split("#")[0]
    segments = [s.lower() for s in path.split("/") if s and s.lower() not in {"eli", "vn"}]
    year = next((int(s) for s in segments if re.fullmatch(r"(?:19|20)\d{2}", s)), None)
    number_slug = next((s for s in segments
                        if re.match(r"\d{1,5}(?:-|$)", s) and not re.fullmatch(r"(?:19|20)\d{2}", s)),
                       None)
    type_slug = next((s for s in segments if re.fullmatch(r"[a-z]+(?:-[a-z]+)*", s)), None)
    if not number_slug:
        return Reference(raw=raw, uri=raw, year=year)
    ordinal = re.match(r"\d+", number_slug).group(0)  # type: ignore[union-attr]
    type_words = type_slug.replace("-", " ") if type_slug and type_slug != "van-ban" else None
    return Reference(raw=raw, uri=raw, ordinal=ordinal, year=year, number_slug=number_slug,
                     type_words=None if "-" in number_slug else type_words)


def _type_matches(type_words: str | None, row: dict[str, Any]) -> bool:
    if not type_words:
        return True
    return type_words in {fold(row.get("type")), fold(row.get("type_code"))}


def _year_filter(rows: list[dict[str, Any]], year: int | None) -> list[dict[str, Any]]:
    if year is None:
        return rows
    exact = [r for r in rows if r.get("year") == year]
    return exact or [r for r in rows if r.get("year") is None]


def _drop_shadowed_placeholders(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A placeholder of unknown year stands for the same document as a real one with that number."""
    real = {r["number"] for r in rows if not r.get("placeholder") and r.get("number")}
    return [r for r in rows if not (r.get("placeholder") and r.get("year") is None and r.get("number") in real)]


async def candidates(driver: AsyncDriver, settings: Settings, text: str) -> list[dict[str, Any]]:
    """Every document the reference can mean, best first (empty when none)."""
    ref = parse_reference(text)
    if ref.key:
        rows = await db.read(driver, settings, "api/node_by_key", key=ref.key)
        return [r for r in rows if r.get("key")]  # a node deleted while being read has no key
    rows = []
    if ref.uri:
        rows = await db.read(driver, settings, "api/resolve_uri", uri=ref.uri)
        if rows:
            return rows
    if ref.number:
        prefixes = [f"{ref.number}@"]
    elif ref.ordinal:
        prefixes = [f"{ref.ordinal}/", f"{ref.ordinal}-"]
    else:
        return []
    rows = await db.read(driver, settings, "api/resolve_key_prefix", prefixes=prefixes, limit=MAX_CANDIDATES * 4)
    if ref.number_slug and "-" in ref.number_slug:  # the URI names the full number: compare slugs
        rows = [r for r in rows if r.get("number") and slug(key_spelling(r["number"])) == ref.number_slug]
    elif ref.ordinal:  # "Nghị quyết 128" must not match "128/TB-VPCP"
        rows = [r for r in rows if _type_matches(ref.type_words, r)]
    rows = _drop_shadowed_placeholders(_year_filter([r for r in rows if r.get("key")], ref.year))
    return rows[:MAX_CANDIDATES]


async def resolve_key(driver: AsyncDriver, settings: Settings, text: str) -> str:
    """The one key ``text`` names. Raises :class:`NotFound` or :class:`Ambiguous` (with candidates).

    A graph key is returned as it is, without a round trip: the query that uses it finds no node
    and the route answers 404 (the explorer only ever sends keys, so this is its fast path)."""
    ref = parse_reference(text)
    if ref.key:
        return ref.key
    found = await candidates(driver, settings, text)
    if not found:
        raise NotFound(f"no document or entity matches {text!r}")
    if len(found) > 1:
        raise Ambiguous(f"{text!r} matches {len(found)} documents: choose one key", candidates=found)
    return str(found[0]["key"])


async def resolve_document_key(driver: AsyncDriver, settings: Settings, text: str) -> str:
    """Like :func:`resolve_key`, for routes that only take documents."""
    if nfc(text).strip().startswith(ENTITY_PREFIXES):
        raise NotFound(f"{text!r} is a person, agency or province, not a document")
    return await resolve_key(driver, settings, text)
