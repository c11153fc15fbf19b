"""``POST /v1/documents``: upload one file (API key required) → 202 and a queued ingest job."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path
from typing import Annotated

from danchieu.api.deps import ApiKeyDep, DriverDep, SettingsDep
from danchieu.api.models import JobOut
from danchieu.api.problems import Problem
from danchieu.graph import aio as db
from fastapi import APIRouter, File, UploadFile
from fastapi.responses import JSONResponse

router = APIRouter(tags=["uploads"])
ACCEPTED_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc"}
CHUNK = 1 << 16
_UNSAFE = re.compile(r"[^\w.-]+")


def safe_name(filename: str) -> str:
    """A file name that cannot leave the upload directory: ``"../x y.pdf"`` → ``"x_y.pdf"``."""
    base = Path(filename.replace("\\", "/")).name
    return _UNSAFE.sub("_", base).strip("._")[:120] or "upload"


@router.post("/documents", status_code=202, response_model=JobOut,
             responses={401: {}, 403: {}, 413: {}, 415: {}})
async def upload(file: Annotated[UploadFile, File(description="a .txt, .md, .html, .pdf, .docx or .doc document")],
                 _key: ApiKeyDep, driver: DriverDep, settings: SettingsDep) -> JSONResponse:
    name = safe_name(file.filename or "")
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise Problem(415, f"files of type {suffix or '(none)'!r} are not accepted; send one of "
                           f"{', '.join(sorted(ACCEPTED_SUFFIXES))}")
    job_id = uuid.uuid4().hex
    settings.upload_dir.mkdir(parents=True, exist_ok=True)
    settings.upload_dir.chmod(0o700)  # uploads are the service's alone (directory 0700, files 0600)
    path = settings.upload_dir / f"{job_id}_{name}"
    size = 0
    try:
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            while chunk := await file.read(CHUNK):
                size += len(chunk)
                if size > settings.max_upload_bytes:
                    raise Problem(413, f"the file is larger than {settings.max_upload_bytes} bytes")
                out.write(chunk)
        if size == 0:
            raise Problem(422, "the file is empty")
        # the graph engineer's queue queries: one definition of a job for the API and the workers
        await db.write(driver, settings, "jobs/enqueue", id=job_id, path=str(path), filename=name, queue="default")
        rows = await db.read(driver, settings, "jobs/get", id=job_id)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    job = JobOut(**rows[0])
    return JSONResponse(job.model_dump(), status_code=202, headers={"Location": f"/v1/jobs/{job_id}"})
