"""Compact nodes/edges JSON for the explorer: neighbourhood and shortest paths."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api import resolver, views
from api.deps import DriverDep, SettingsDep
from api.models import GraphOut, Neighborhood
from api.params import PageDep

router = APIRouter(prefix="/graph", tags=["graph"])
RelType = Literal["CITES", "SIGNED", "ISSUED", "MENTIONS", "ASSIGNS", "REPORTS_ON", "COPY_OF", "MERGED_INTO",
                  "LOCATED_IN"]


@router.get("/neighborhood", response_model=Neighborhood)
async def neighborhood(
    driver: DriverDep, settings: SettingsDep, page: PageDep,
    key: Annotated[str, Query(min_length=1, max_length=300, description="node key or document reference")],
    rel: RelType | None = None,
    direction: Literal["out", "in", "both"] = "both",
) -> Neighborhood:
    """The node's relationships (one type or all), one page at a time."""
    node_key = await resolver.resolve_key(driver, settings, key)
    return await views.neighborhood(driver, settings, node_key, rel, direction, page)


@router.get("/path", response_model=GraphOut)
async def path(
    driver: DriverDep, settings: SettingsDep,
    source: Annotated[str, Query(min_length=1, max_length=300)],
    target: Annotated[str, Query(min_length=1, max_length=300)],
    max_depth: Annotated[int, Query(ge=1, le=6)] = 6,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> GraphOut:
    """Shortest paths between any two nodes, over any relationship, in either direction."""
    s = await resolver.resolve_key(driver, settings, source)
    t = await resolver.resolve_key(driver, settings, target)
    return await views.paths(driver, settings, s, t, max_depth, limit)
