"""The headline query (documents citing X), the citation tree around a document, citation chains."""

from __future__ import annotations

from typing import Annotated, Literal

from danchieu.api import resolver, views
from danchieu.api.deps import DriverDep, SettingsDep
from danchieu.api.hub_pages import hub_pages
from danchieu.api.models import CitingPage, GraphOut
from danchieu.api.params import FiltersDep, PageDep
from fastapi import APIRouter, Query, Request

router = APIRouter(tags=["citations"])
Direction = Literal["out", "in", "both"]


@router.get("/documents/{key:path}/citing", response_model=CitingPage)
async def citing_documents(
    request: Request, driver: DriverDep, settings: SettingsDep, key: str, page: PageDep, filters: FiltersDep,
    depth: Annotated[int, Query(ge=1, le=5, description="1 = direct citations; N = through up to N steps")] = 1,
) -> CitingPage:
    """Documents citing X — e.g. every Thông báo implementing Nghị quyết 128 — with their signers and
    the sentence that cites. ``key`` accepts any spelling: ``Nghị quyết 128``, ``128/NQ-CP``, …"""
    doc_key = await resolver.resolve_document_key(driver, settings, key)
    view = ("citing", depth, tuple(sorted(filters.items())), page.skip, page.limit)
    return await hub_pages(request.app.state).page(
        driver, settings, doc_key, view, lambda: views.citing(driver, settings, doc_key, depth, filters, page))


@router.get("/documents/{key:path}/tree", response_model=GraphOut)
async def citation_tree(
    driver: DriverDep, settings: SettingsDep, key: str,
    direction: Direction = "both",
    depth: Annotated[int, Query(ge=1, le=4)] = 2,
) -> GraphOut:
    """The citation tree around a document: what it cites (``out``), what cites it (``in``), or both,
    up to ``depth`` steps, each document and citation once."""
    doc_key = await resolver.resolve_document_key(driver, settings, key)
    return await views.citation_tree(driver, settings, doc_key, direction, depth)


@router.get("/citations/chain", response_model=GraphOut)
async def citation_chain(
    driver: DriverDep, settings: SettingsDep,
    source: Annotated[str, Query(min_length=1, max_length=300, description="the citing end")],
    target: Annotated[str, Query(min_length=1, max_length=300, description="the cited end")],
    max_depth: Annotated[int, Query(ge=1, le=10)] = 6,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> GraphOut:
    """The shortest chains of citations leading from ``source`` to ``target`` (empty when none)."""
    s = await resolver.resolve_document_key(driver, settings, source)
    t = await resolver.resolve_document_key(driver, settings, target)
    return await views.paths(driver, settings, s, t, max_depth, limit, citations_only=True)
