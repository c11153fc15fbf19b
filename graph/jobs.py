"""The ingest job queue, kept in Neo4j as ``(:IngestJob)`` nodes so any worker that reaches the
database can take part, on any machine.

Life cycle: ``queued`` → ``running`` (claimed with a lease by one worker; the worker renews it) →
``done`` (with ``document_key``) or back to ``queued`` after a failed attempt, ``failed`` after
:data:`MAX_ATTEMPTS` attempts (or at once when the file itself is unreadable). A job whose worker
died keeps ``running`` until its lease expires, then the next claim takes it again.

    job_id = enqueue_job(driver, "neo4j", "/uploads/3f…_thong-bao.pdf", "thong-bao.pdf")
    get_job(driver, "neo4j", job_id)["status"]  # "queued"
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import neo4j
from danchieu.graph.driver import translate_errors
from danchieu.queries import load_query

from danchieu.errors import NotFound

MAX_ATTEMPTS = 3
DEFAULT_QUEUE = "default"


@dataclass(frozen=True, slots=True)
class Job:
    """A job claimed by this worker."""

    id: str
    path: str
    filename: str | None
    attempts: int


def _write(driver: neo4j.Driver, database: str, name: str, **params: Any) -> list[dict[str, Any]]:
    with translate_errors():
        records, _, _ = driver.execute_query(load_query(name), params, database_=database,
                                             routing_=neo4j.RoutingControl.WRITE)
    return [dict(r) for r in records]


def enqueue_job(driver: neo4j.Driver, database: str, path: str, filename: str | None = None,
                queue: str = DEFAULT_QUEUE, job_id: str | None = None) -> str:
    """Queue ``path`` for ingestion; returns the new job id."""
    job_id = job_id or uuid.uuid4().hex
    _write(driver, database, "jobs/enqueue", id=job_id, path=str(path), filename=filename, queue=queue)
    return job_id


def get_job(driver: neo4j.Driver, database: str, job_id: str) -> dict[str, Any]:
    """The job's fields (``status``, ``attempts``, ``error``, ``document_key``…); :class:`NotFound` if none."""
    with translate_errors():
        records, _, _ = driver.execute_query(load_query("jobs/get"), id=job_id, database_=database,
                                             routing_=neo4j.RoutingControl.READ)
    if not records:
        raise NotFound(f"no ingest job has the id {job_id!r}")
    return dict(records[0])


def claim_job(driver: neo4j.Driver, database: str, worker: str, lease_s: int,
              queue: str = DEFAULT_QUEUE) -> Job | None:
    """Take the oldest claimable job (atomically), or ``None`` when there is none right now."""
    _write(driver, database, "jobs/fail_expired", max_attempts=MAX_ATTEMPTS, queue=queue)
    for _ in range(3):  # a lost race returns no row although other jobs may wait: try again
        rows = _write(driver, database, "jobs/claim", worker=worker, lease_s=lease_s, queue=queue)
        if rows:
            r = rows[0]
            return Job(r["id"], r["path"], r["filename"], r["attempts"])
    return None


def renew_lease(driver: neo4j.Driver, database: str, job: Job, worker: str, lease_s: int) -> bool:
    """Extend the lease; ``False`` when the job is no longer this worker's."""
    return bool(_write(driver, database, "jobs/heartbeat", id=job.id, worker=worker, lease_s=lease_s))


def finish_job(driver: neo4j.Driver, database: str, job: Job, worker: str, document_key: str,
               note: str | None = None) -> bool:
    return bool(_write(driver, database, "jobs/finish", id=job.id, worker=worker, document_key=document_key,
                       note=note))


def fail_job(driver: neo4j.Driver, database: str, job: Job, worker: str, error: str,
             permanent: bool = False) -> str | None:
    """Record a failed attempt; returns the new status (``queued`` or ``failed``)."""
    rows = _write(driver, database, "jobs/fail", id=job.id, worker=worker, error=error[:2000],
                  permanent=permanent, max_attempts=MAX_ATTEMPTS)
    return rows[0]["status"] if rows else None


def delete_jobs(driver: neo4j.Driver, database: str, ids: list[str]) -> int:
    return int(_write(driver, database, "jobs/delete", ids=ids)[0]["deleted"])
