"""Views the explorer's journalist workflow needs beyond the core API: a document's profile counts,
rankings (most cited, most active signers and issuers, influence) and full-text search of bodies."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from danchieu.api import rankings, resolver
from danchieu.api.aggregates import AggregateCache
from danchieu.api.deps import DriverDep, SettingsDep
from danchieu.api.models import BodyHit, BodySearchOut, DocumentProfile, RankingOut, RankingRow
from danchieu.api.problems import Problem
from danchieu.api.shape import type_filter
from danchieu.graph import aio as db
from danchieu.graph.driver import AsyncDriver
from danchieu.ingest.textutil import fold, nfc, strip_diacritics
from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from danchieu.config import Settings
from danchieu.errors import NotFound

router = APIRouter(tags=["explorer"])
_TOKEN = re.compile(r"[a-z0-9]+")
MAX_TOKENS = 12
SNIPPET_CHARS = 90  # either side of the first word found
# Rankings read the whole graph: 4–130 s each at a million documents on 2 cores. A request waits
# RANKING_WAIT_S, then gets 503 + Retry-After while the computation goes on (graph.aio.AGGREGATE_TIMEOUT_S).
RANKING_WAIT_S = 30.0


@router.get("/documents/{key:path}/profile", response_model=DocumentProfile)
async def document_profile(driver: DriverDep, settings: SettingsDep, key: str) -> DocumentProfile:
    """Exact counts of a document's citations out and in, mentions, tasks, signers; its date's source."""
    doc_key = await resolver.resolve_document_key(driver, settings, key)
    rows = await db.read(driver, settings, "api/document_profile", key=doc_key)
    if not rows:
        raise NotFound(f"no document has the key {doc_key!r}")
    return DocumentProfile(**rows[0])


Ranking = Literal["cited", "signers", "issuers", "influence"]


@router.get("/rankings/{ranking}", response_model=RankingOut)
async def ranking(
    request: Request, driver: DriverDep, settings: SettingsDep, ranking: Ranking,
    type: Annotated[str | None, Query(max_length=60, description="document type: 'Thông báo', 'NQ'")] = None,
    issuer: Annotated[str | None, Query(max_length=120, description="issuer of the cited documents ('cited')")] = None,
    year_from: Annotated[int | None, Query(ge=1945, le=2100)] = None,
    year_to: Annotated[int | None, Query(ge=1945, le=2100)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> RankingOut:
    """``cited``: documents by distinct citing documents (citations made in the period); ``signers`` /
    ``issuers``: people / agencies by documents signed / issued; ``influence``: PageRank over citations.
    Whole-graph aggregates: computed once and shared while the graph is unchanged (``api/aggregates.py``);
    while one is first computed (minutes at a million documents), 503 with ``Retry-After``."""
    if year_from is not None and year_to is not None and year_from > year_to:
        raise Problem(422, "year_from is after year_to")
    years = {"year_from": year_from, "year_to": year_to}
    issuer_value = nfc(issuer).strip() if issuer and issuer.strip() else None

    async def compute() -> list[dict[str, Any]]:
        if ranking == "influence":
            return await _influence(driver, settings, type, issuer_value, years, limit)
        # whole-graph scans, once per graph version: the rankings' time limit, not a request's
        if ranking == "cited":
            return await db.read_aggregate(driver, settings, "api/ranking_cited", limit=limit, issuer=issuer_value,
                                           **type_filter(type), **years)
        return await db.read_aggregate(driver, settings, "api/ranking_actors", limit=limit,
                                       rel="SIGNED" if ranking == "signers" else "ISSUED", **type_filter(type), **years)

    key = ("ranking", ranking, type_filter(type)["type"], issuer_value if ranking in ("cited", "influence") else None,
           year_from, year_to, limit)
    rows = await aggregates(request, settings).get(key, driver, settings, compute, wait_s=RANKING_WAIT_S)
    return RankingOut(ranking=ranking, items=[RankingRow(rank=i + 1, **r) for i, r in enumerate(rows)])


def aggregates(request: Request, settings: Settings) -> AggregateCache:
    """This process's cache of whole-graph aggregates (kept on the app's state), shared with the
    machine's other API processes through ``DANCHIEU_AGGREGATE_DIR``."""
    cache = getattr(request.app.state, "aggregates", None)
    if cache is None:
        cache = request.app.state.aggregates = AggregateCache(shared_dir=settings.aggregate_dir)
    return cache


async def _influence(driver: AsyncDriver, settings: Settings, type_: str | None, issuer_value: str | None,
                     years: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    edges = await db.read_aggregate(driver, settings, "api/citation_edges", **years)
    # CPU work off the event loop, unrolling the pairs included (a million citations: a second or more)
    scores = await run_in_threadpool(rankings.pagerank_rows, edges)
    ordered = sorted(scores, key=lambda k: (-scores[k], k))
    wanted = type_filter(type_)
    rows: list[dict[str, Any]] = []
    # filters apply to the ranked documents, not to the graph the score is computed on
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        cards = {c["key"]: c for c in await db.read(driver, settings, "api/documents_cards", keys=chunk)}
        for key in chunk:
            card = cards.get(key)
            if card and _matches(card, wanted, issuer_value):
                rows.append({"key": key, "kind": "document", "score": round(scores[key], 6),
                             **{f: card[f] for f in ("name", "type", "issuer", "date", "title", "placeholder")}})
                if len(rows) >= limit:
                    return rows
    return rows


def _matches(card: dict[str, Any], wanted: dict[str, str | None], issuer: str | None) -> bool:
    if wanted["type"] is not None:
        prefix = wanted["type_prefix"] or ""
        if not (card.get("type_code") == wanted["type_code"] or card.get("type") == wanted["type"]
                or (card.get("name_folded") or "").startswith(prefix)):
            return False
    return issuer is None or issuer in (card.get("issuer"), card.get("issuer_code"))


def body_query(text: str) -> str:
    """``"vắc xin"`` → ``'"vac xin"'``: the folded words as one phrase (no user character reaches
    Lucene's syntax: only [a-z0-9] tokens are kept)."""
    tokens = _TOKEN.findall(fold(text).replace("_", " "))[:MAX_TOKENS]
    return f'"{" ".join(tokens)}"' if tokens else ""


def snippet(text: str, query: str) -> str:
    """The text around the first place the folded query occurs (same length after folding per
    character, so offsets carry over), with "…" where it was cut."""
    if not text:
        return ""
    folded = "".join((strip_diacritics(c).casefold() or c)[:1] for c in text)
    words = _TOKEN.findall(fold(query))
    at = -1
    if words:
        m = re.search(r"\W+".join(re.escape(w) for w in words), folded)
        at = m.start() if m else -1
    if at < 0:
        return text[: 2 * SNIPPET_CHARS].strip() + ("…" if len(text) > 2 * SNIPPET_CHARS else "")
    start, end = max(0, at - SNIPPET_CHARS), min(len(text), at + SNIPPET_CHARS)
    body = " ".join(text[start:end].split())
    return ("…" if start else "") + body + ("…" if end < len(text) else "")


@router.get("/search/bodies", response_model=BodySearchOut)
async def search_bodies(
    driver: DriverDep, settings: SettingsDep,
    q: Annotated[str, Query(min_length=1, max_length=300, description="words of the text: 'vắc xin', 'vac xin'")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> BodySearchOut:
    """Documents whose body contains the words (as a phrase), diacritics folded, best first."""
    lucene = body_query(q)
    if not lucene:
        return BodySearchOut(query=q, results=[])
    rows = await db.read(driver, settings, "api/search_bodies", lucene=lucene, limit=limit)
    return BodySearchOut(query=q, results=[
        BodyHit(**{k: r[k] for k in ("key", "name", "type", "date", "number", "issuer", "title", "score")},
                snippet=snippet(r["text"] or "", q)) for r in rows])
