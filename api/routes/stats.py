"""``GET /v1/stats``: how much is in the graph."""

from __future__ import annotations

from danchieu.api.deps import DriverDep, SettingsDep
from danchieu.api.models import Stats
from danchieu.graph import aio as db
from fastapi import APIRouter

router = APIRouter(tags=["health"])


@router.get("/stats", response_model=Stats)
async def stats(driver: DriverDep, settings: SettingsDep) -> Stats:
    rows = await db.read(driver, settings, "api/stats")
    return Stats(**rows[0])
