"""Documents: list, resolve a reference, detail, text with spans."""

from __future__ import annotations

from typing import Annotated, Any

from danchieu.api import resolver
from danchieu.api.deps import DriverDep, SettingsDep
from danchieu.api.hub_pages import hub_pages
from danchieu.api.models import (
    AgencyRef,
    AssignmentOut,
    Candidate,
    CitationLink,
    DocumentDetail,
    DocumentLink,
    DocumentPage,
    DocumentSummary,
    DocumentText,
    EntityMention,
    ResolveOut,
    SignerOut,
    Span,
)
from danchieu.api.params import FiltersDep, PageDep
from danchieu.api.shape import encode_cursor, evidence
from danchieu.graph import aio as db
from danchieu.graph.driver import AsyncDriver
from fastapi import APIRouter, Query, Request

from danchieu.config import Settings
from danchieu.errors import NotFound

router = APIRouter(tags=["documents"])
LINK_CAP = 200  # citations in/out listed in a detail; the citing endpoint pages through all of them


@router.get("/documents", response_model=DocumentPage)
async def list_documents(driver: DriverDep, settings: SettingsDep, page: PageDep, filters: FiltersDep,
                         placeholders: Annotated[bool, Query(
                             description="include cited documents not ingested")] = False,
                         ) -> DocumentPage:
    """Documents newest first, filtered by type, issuer, years, province, person, agency."""
    rows = await db.read(driver, settings, "api/documents_list", skip=page.skip, limit=page.limit + 1,
                         placeholders=placeholders, **filters)
    more = len(rows) > page.limit
    return DocumentPage(items=[DocumentSummary(**r) for r in rows[: page.limit]],
                        next_cursor=encode_cursor(page.skip + page.limit) if more else None)


@router.get("/resolve", response_model=ResolveOut)
async def resolve(driver: DriverDep, settings: SettingsDep,
                  q: Annotated[str, Query(min_length=1, max_length=300,
                                          description="'Nghị quyết 128', '128/NQ-CP', …")],
                  ) -> ResolveOut:
    """Every document a reference can mean (none, one, or several candidates to choose from)."""
    found = await resolver.candidates(driver, settings, q)
    return ResolveOut(query=q, candidates=[Candidate(**_candidate(r)) for r in found])


def _candidate(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row.get(k) for k in ("key", "name", "number", "type", "issuer", "date", "placeholder")
            if row.get(k) is not None} | {"key": row["key"]}


@router.get("/documents/{key:path}/text", response_model=DocumentText)
async def document_text(driver: DriverDep, settings: SettingsDep, key: str) -> DocumentText:
    """The normalised text with the offsets of every entity, signer and citation found in it."""
    doc_key = await resolver.resolve_document_key(driver, settings, key)
    rows = await db.read(driver, settings, "api/document_text", key=doc_key)
    if not rows:
        raise NotFound(f"no document has the key {doc_key!r}")
    text = rows[0]["text"] or ""
    spans: list[Span] = []
    for group in rows[0]["groups"]:
        for start, end in zip(group.get("starts") or [], group.get("ends") or []):
            if start is not None and end is not None and 0 <= start < end <= len(text):
                spans.append(Span(start=start, end=end, kind=group["kind"], key=group["key"], label=group["label"]))
    spans.sort(key=lambda s: (s.start, s.end))
    return DocumentText(key=doc_key, text=text, spans=spans)


@router.get("/documents/{key:path}", response_model=DocumentDetail)
async def document_detail(request: Request, driver: DriverDep, settings: SettingsDep, key: str) -> DocumentDetail:
    """Metadata, signers, issuer, citations out and in (with kinds and evidence), entities, copies, reports."""
    doc_key = await resolver.resolve_document_key(driver, settings, key)
    return await hub_pages(request.app.state).page(driver, settings, doc_key, ("detail",),
                                                   lambda: _document_detail(driver, settings, doc_key))


async def _document_detail(driver: AsyncDriver, settings: Settings, doc_key: str) -> DocumentDetail:
    rows = await db.read(driver, settings, "api/document_detail", key=doc_key, cap=LINK_CAP)
    if not rows:
        raise NotFound(f"no document has the key {doc_key!r}")
    r = rows[0]

    def links(items: list[dict[str, Any]]) -> list[CitationLink]:
        return [CitationLink(**{k: v for k, v in i.items() if not k.startswith("ev_") and v is not None},
                             evidence=evidence(i)) for i in items]

    base = {k: r[k] for k in ("key", "number", "type", "type_code", "issuer", "issuer_code", "date", "year",
                              "title", "place", "uri", "source", "name", "placeholder")}
    return DocumentDetail(
        **base,
        signers=[SignerOut(key=s["key"], name=s["name"], capacity=s["capacity"], position=s["position"],
                           evidence=evidence(s)) for s in r["signers"]],
        issuers=[AgencyRef(**a) for a in r["issuers"]],
        citations_out=links(r["citations_out"]), citations_in=links(r["citations_in"]),
        entities=[EntityMention(**{k: v for k, v in e.items() if v is not None}) for e in r["entities"]],
        copies=[DocumentLink(**c) for c in r["copies"]], reports=[DocumentLink(**c) for c in r["reports"]],
        assignments=[AssignmentOut(**a) for a in r["assignments"]],
    )
