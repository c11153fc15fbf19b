"""Search across documents and entities: diacritic-insensitive, typo-tolerant, ranked.

A reference in any spelling ("nq 128", "128/NQ-CP") is first resolved exactly and ranked on top, and so
are the agencies and provinces a whole query names ("BTC", "VPCP", "TP HCM", "ĐN":
:mod:`danchieu.api.search_exact`; an ambiguous code lists its candidates, marked so); the full-text
indexes (diacritics folded by their analyzer) add fuzzy matches. The Lucene query is built from folded
word tokens only, so no user character can change its syntax.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from danchieu.api import resolver
from danchieu.api.deps import DriverDep, SettingsDep
from danchieu.api.models import SearchOut, SearchResult
from danchieu.api.search_exact import exact_entities
from danchieu.graph import aio as db
from danchieu.ingest.textutil import fold
from fastapi import APIRouter, Query

router = APIRouter(tags=["search"])
_TOKEN = re.compile(r"[a-z0-9]+")
MAX_TOKENS = 12
EXACT_BONUS = 1000.0  # an exact reference outranks any full-text score


def _variants(token: str) -> list[str]:
    """Other spellings a word may match: within one edit for words of 4+ letters; for shorter
    syllables only the i/y alternation of Vietnamese spelling (Sĩ/Sỹ, lí/lý, kĩ/kỹ) — a fuzzy
    2-letter term would expand to hundreds of index terms and slow every search."""
    if token.isdigit():
        return []
    if len(token) >= 4:
        return [f"{token}~1"]
    if token[-1] in "iy":
        return [token[:-1] + ("y" if token[-1] == "i" else "i")]
    return []


def lucene_query(text: str) -> str:
    """``"Phạm Minh Chín"`` → ``"+(pham^2 pham~1) +(minh^2 minh~1) +(chin^2 chin~1)"``: every word
    required, each matching exactly (ranked higher) or a variant — typos tolerated, ranking kept."""
    tokens = _TOKEN.findall(fold(text).replace("_", " "))[:MAX_TOKENS]
    clauses = []
    for t in tokens:
        clauses.append(f"+({t}^2{''.join(' ' + v for v in _variants(t))})")
    return " ".join(clauses)


@router.get("/search", response_model=SearchOut)
async def search(
    driver: DriverDep, settings: SettingsDep,
    q: Annotated[str, Query(min_length=1, max_length=300, description="'pham minh chinh', 'nq 128', 'BYT'")],
    kind: Literal["document", "person", "agency", "province"] | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchOut:
    results: dict[str, SearchResult] = {}
    if kind in (None, "document"):
        for r in await resolver.candidates(driver, settings, q):
            if "Document" in (r.get("labels") or ["Document"]):
                results[r["key"]] = SearchResult(kind="document", key=r["key"], name=r.get("name"), type=r.get("type"),
                                                 date=r.get("date"), number=r.get("number"), score=EXACT_BONUS,
                                                 match="exact")
    for hit in await exact_entities(driver, settings, q, kind):
        # candidates of an ambiguous code rank below an exact match, above any full-text hit
        bonus = EXACT_BONUS if hit.match == "exact" else EXACT_BONUS / 2
        results[hit.key] = SearchResult(kind=hit.kind, key=hit.key, name=hit.name, match=hit.match,
                                        score=bonus + min(hit.weight, EXACT_BONUS / 4) / 1000)
    lucene = lucene_query(q)
    if lucene and kind in (None, "document"):
        for r in await db.read(driver, settings, "api/search_documents", lucene=lucene, limit=limit):
            results.setdefault(r["key"], SearchResult(kind="document", **r))
    if lucene and kind != "document":
        wanted = fold(q).replace(" ", "")
        for r in await db.read(driver, settings, "api/search_entities", lucene=lucene, limit=limit, kind=kind):
            # "BYT", "vpcp": an agency's own abbreviation outranks documents whose numbers contain it
            exact = (bool(r.get("abbreviation")) and fold(r["abbreviation"]).replace(" ", "") == wanted
                     or fold(r["name"] or "").replace(" ", "") == wanted)  # the whole name: "bo tai chinh"
            score = r["score"] + (EXACT_BONUS if exact else 0.0)
            results.setdefault(r["key"], SearchResult(kind=r["kind"], key=r["key"], name=r["name"], score=score,
                                                      match="exact" if exact else None))
    ranked = sorted(results.values(), key=lambda r: (-r.score, r.key))[:limit]
    return SearchOut(query=q, results=ranked)
