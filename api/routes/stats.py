"""``GET /v1/stats``: how much is in the graph."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import DriverDep, SettingsDep
from api.models import Stats
from graph import aio as db

router = APIRouter(tags=["health"])


@router.get("/stats", response_model=Stats)
async def stats(driver: DriverDep, settings: SettingsDep) -> Stats:
    rows = await db.read(driver, settings, "api/stats")
    return Stats(**rows[0])
