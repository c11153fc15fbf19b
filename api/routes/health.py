"""``/health`` (the process answers) and ``/ready`` (Neo4j reachable and the schema applied)."""

from __future__ import annotations

from danchieu.api.deps import DriverDep, SettingsDep
from danchieu.api.models import Health, Ready
from danchieu.api.problems import RETRY_AFTER_S
from danchieu.graph import aio as db
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from danchieu.errors import GraphError, SchemaNotApplied

router = APIRouter(tags=["health"])
REQUIRED_INDEXES = ("document_search", "entity_search", "document_body")


@router.get("/health", response_model=Health)
async def health() -> Health:
    """Always 200 while the process runs (no database call: the service's own floor)."""
    return Health(status="ok")


@router.get("/ready", response_model=Ready, responses={503: {"model": Ready}})
async def ready(driver: DriverDep, settings: SettingsDep) -> Ready | JSONResponse:
    """200 when Neo4j answers, migrations are recorded and the search indexes are online; else 503."""
    try:
        rows = await db.read(driver, settings, "api/ready")
        migrations = [str(v) for v in rows[0]["migrations"]] if rows else []
        idx = await db.read(driver, settings, "api/ready_indexes", names=list(REQUIRED_INDEXES))
        indexes = {r["name"]: r["state"] for r in idx}
    except GraphError as exc:
        body = Ready(status="not_ready", neo4j=False, detail=str(exc))
        return JSONResponse(body.model_dump(), status_code=503, headers={"Retry-After": str(RETRY_AFTER_S)})
    ok = bool(migrations) and all(indexes.get(n) == "ONLINE" for n in REQUIRED_INDEXES)
    body = Ready(status="ready" if ok else "not_ready", neo4j=True, migrations=migrations, indexes=indexes,
                 detail=None if ok else str(SchemaNotApplied()))
    if not ok:
        return JSONResponse(body.model_dump(), status_code=503, headers={"Retry-After": str(RETRY_AFTER_S)})
    return body
