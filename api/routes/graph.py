"""Compact nodes/edges JSON for the explorer: neighbourhood, shortest paths, hubs and shared views."""

from __future__ import annotations

from typing import Annotated, Literal

from danchieu.api import resolver, views
from danchieu.api.deps import DriverDep, SettingsDep
from danchieu.api.hub_pages import hub_pages
from danchieu.api.models import GraphOut, HubOut, Neighborhood, SnapshotIn, SnapshotOut
from danchieu.api.params import PageDep
from fastapi import APIRouter, Query, Request

router = APIRouter(prefix="/graph", tags=["graph"])
RelType = Literal["CITES", "SIGNED", "ISSUED", "MENTIONS", "ASSIGNS", "REPORTS_ON", "COPY_OF", "MERGED_INTO",
                  "LOCATED_IN"]


@router.get("/neighborhood", response_model=Neighborhood)
async def neighborhood(
    request: Request, driver: DriverDep, settings: SettingsDep, page: PageDep,
    key: Annotated[str, Query(min_length=1, max_length=300, description="node key or document reference")],
    rel: RelType | None = None,
    direction: Literal["out", "in", "both"] = "both",
) -> Neighborhood:
    """The node's relationships (one type or all), one page at a time."""
    node_key = await resolver.resolve_key(driver, settings, key)
    view = ("neighborhood", rel, direction, page.skip, page.limit)
    return await hub_pages(request.app.state).page(
        driver, settings, node_key, view, lambda: views.neighborhood(driver, settings, node_key, rel, direction, page))


@router.get("/path", response_model=GraphOut)
async def path(
    driver: DriverDep, settings: SettingsDep,
    source: Annotated[str, Query(min_length=1, max_length=300)],
    target: Annotated[str, Query(min_length=1, max_length=300)],
    max_depth: Annotated[int, Query(ge=1, le=6)] = 6,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
    relations: Annotated[Literal["any", "cites"], Query(
        description="'cites': citations only (either direction), never through mentions or signers")] = "any",
) -> GraphOut:
    """Shortest paths between any two nodes, over any relationship (or citations only), in either direction."""
    s = await resolver.resolve_key(driver, settings, source)
    t = await resolver.resolve_key(driver, settings, target)
    if relations == "cites":
        return await views.citation_paths(driver, settings, s, t, max_depth, limit)
    return await views.paths(driver, settings, s, t, max_depth, limit)


@router.get("/hub", response_model=HubOut)
async def hub(
    driver: DriverDep, settings: SettingsDep,
    key: Annotated[str, Query(min_length=1, max_length=300, description="node key or document reference")],
    rel: RelType | None = None,
    direction: Literal["out", "in", "both"] = "both",
) -> HubOut:
    """All of a node's relationships (one type or all) at once, up to a cap, for the explorer to group
    into compound nodes by type, year or issuer; `total` says how many exist, `truncated` when capped."""
    node_key = await resolver.resolve_key(driver, settings, key)
    return await views.hub(driver, settings, node_key, rel, direction)


@router.post("/snapshot", response_model=SnapshotOut)
async def snapshot(driver: DriverDep, settings: SettingsDep, body: SnapshotIn) -> SnapshotOut:
    """A shared view named by stable keys (node keys; edges as source key, type, target key) read again
    from the graph as it is now: the nodes and edges still there with their evidence, keys that now
    belong to another document (`renamed`, from its `aliases`), and what is gone (`missing_nodes`,
    `missing_edges`) — so a link made before a re-ingest shows the same view or says what disappeared."""
    return await views.snapshot(driver, settings, body)
