"""``GET /v1/jobs/{id}``: the state of an upload's ingest job."""

from __future__ import annotations

from typing import Annotated

from danchieu.api.deps import DriverDep, SettingsDep
from danchieu.api.models import JobOut
from danchieu.graph import aio as db
from fastapi import APIRouter, Path

from danchieu.errors import NotFound

router = APIRouter(tags=["uploads"])


@router.get("/jobs/{job_id}", response_model=JobOut)
async def get_job(driver: DriverDep, settings: SettingsDep,
                  job_id: Annotated[str, Path(min_length=1, max_length=64)]) -> JobOut:
    """``queued`` → ``running`` → ``done`` (with ``document_key``) or ``failed`` (with ``error``)."""
    rows = await db.read(driver, settings, "jobs/get", id=job_id)
    if not rows:
        raise NotFound(f"no job has the id {job_id!r}")
    return JobOut(**rows[0])
