"""``danchieu worker``: a long-lived process that ingests queued upload jobs one at a time.

Run as many as you like, on as many machines as reach the database: a claim is atomic
(:mod:`danchieu.graph.jobs`), a lease guards each running job and is renewed by a heartbeat thread, and a
job whose worker died is claimed again once its lease expires. Ctrl-C (or SIGTERM) lets the
current document finish, then the worker exits; a second Ctrl-C stops at once.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
import uuid
from dataclasses import dataclass

import neo4j
from danchieu.graph import jobs
from danchieu.graph.driver import create_driver
from danchieu.graph.loader import load_document
from danchieu.graph.sandbox import Sandbox

from danchieu.config import Settings
from danchieu.errors import DanchieuError, GraphUnavailable, ReadError
from danchieu.log import get_logger

log = get_logger(__name__)


@dataclass(slots=True)
class WorkerStats:
    done: int = 0
    failed: int = 0
    requeued: int = 0


def worker_name() -> str:
    """``host:pid:random`` — unique per process, readable in the job's ``worker`` field."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class _Stop:
    """First SIGINT/SIGTERM: finish the current job, then exit. Second: the default (stop now)."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._previous: dict[int, object] = {}

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._handle)

    def _handle(self, signum: int, frame: object) -> None:
        if self.event.is_set():
            raise KeyboardInterrupt
        log.info("stopping after the current document (press Ctrl-C again to stop now)")
        self.event.set()

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]


def run_worker(settings: Settings, once: bool = False, *, queue: str = jobs.DEFAULT_QUEUE,
               poll_s: float = 2.0, lease_s: int | None = None, stop: threading.Event | None = None,
               driver: neo4j.Driver | None = None) -> WorkerStats:
    """Claim and ingest jobs until stopped (or, with ``once``, until the queue is empty)."""
    lease = lease_s or settings.job_lease_s
    name = worker_name()
    stopper = _Stop()
    if stop is not None:
        stopper.event = stop
    stopper.install()
    own_driver = driver is None
    drv = driver or create_driver(settings)
    stats = WorkerStats()
    box = Sandbox(settings.extract_timeout_s, settings.extract_memory_mb)
    log.info("worker %s polling queue %r", name, queue)
    try:
        while not stopper.event.is_set():
            try:
                job = jobs.claim_job(drv, settings.neo4j_database, name, lease, queue=queue)
            except GraphUnavailable as exc:
                log.warning("Neo4j unavailable (%s); retrying in %.0fs", exc, poll_s)
                stopper.event.wait(poll_s)
                continue
            if job is None:
                if once:
                    break
                stopper.event.wait(poll_s)
                continue
            _run_job(drv, settings.neo4j_database, job, name, lease, stats, box)
    finally:
        box.close()
        stopper.restore()
        if own_driver:
            drv.close()
    return stats


def _run_job(driver: neo4j.Driver, database: str, job: jobs.Job, worker: str, lease_s: int,
             stats: WorkerStats, box: Sandbox) -> None:
    from danchieu.graph import relink
    from danchieu.ingest.known import KnownDocuments, default_registry, fact_symbols

    beat_stop = threading.Event()
    # the lease is renewed while the job can still be making progress, never past its limits: a job
    # stuck beyond them is left to expire and be taken by another worker (or failed after 3 losses)
    deadline = time.monotonic() + box.timeout_s + lease_s
    beat = threading.Thread(target=_heartbeat, args=(driver, database, job, worker, lease_s, beat_stop, deadline),
                            daemon=True, name=f"lease-{job.id[:8]}")
    beat.start()
    try:
        # the same registry as ``danchieu ingest``: the shipped table and what the graph knows; then the
        # graph's older year-less citations that this document resolves are re-linked to it
        known = KnownDocuments(default_registry().rows() + relink.known_documents(driver, database))
        doc = box.extract(job.path, known=known)  # a child process with a wall-clock and a memory limit
        result = load_document(driver, database, doc)
        relink.relink(driver, database, fact_symbols(doc))
        jobs.finish_job(driver, database, job, worker, result.key, note=result.note or result.status)
        stats.done += 1
        log.info("job %s done: %s (%s)", job.id, result.key, result.status)
    except ReadError as exc:  # the file itself is bad: trying again cannot help
        _fail(driver, database, job, worker, f"{exc.reason}: {exc}", True, stats)
    except DanchieuError as exc:
        _fail(driver, database, job, worker, str(exc), False, stats)
    except Exception as exc:  # noqa: BLE001 — a bug on one file must not kill the worker
        _fail(driver, database, job, worker, f"internal error: {type(exc).__name__}: {exc}", False, stats)
    finally:
        beat_stop.set()
        beat.join()


def _fail(driver: neo4j.Driver, database: str, job: jobs.Job, worker: str, error: str, permanent: bool,
          stats: WorkerStats) -> None:
    status = None
    for _ in range(5):  # record the failure even across a short outage
        try:
            status = jobs.fail_job(driver, database, job, worker, error, permanent=permanent)
            break
        except GraphUnavailable:
            time.sleep(2)
    if status == "queued":
        stats.requeued += 1
    else:
        stats.failed += 1
    log.warning("job %s attempt %d failed (%s): %s", job.id, job.attempts, status, error)


def _heartbeat(driver: neo4j.Driver, database: str, job: jobs.Job, worker: str, lease_s: int,
               stop: threading.Event, deadline: float | None = None) -> None:
    while not stop.wait(max(1.0, lease_s / 3)):
        if deadline is not None and time.monotonic() > deadline:
            log.warning("job %s is past its time limit: its lease is no longer renewed", job.id)
            return
        try:
            if not jobs.renew_lease(driver, database, job, worker, lease_s):
                log.warning("job %s is no longer held by this worker", job.id)
                return
        except DanchieuError as exc:
            log.warning("could not renew the lease of job %s: %s", job.id, exc)
