"""Citation check: POST a text, get back each document it cites, whether that document is in the
graph, whether the number, date, issuer, type and subject written agree with the record, and
whether a later document amended, replaced, repealed or consolidated it.

Bounded work per request (issue 14): at most :data:`MAX_CHECK_CHARS` characters (413 above), at
most :data:`danchieu.api.check_extract.MAX_NUMBERS` numbers read (the rest is reported as not checked),
evidence windows of at most 300 characters, the reading — and the judging and the answer's JSON —
in a worker process at a lower priority (the event loop only looks up and passes bytes on, so it keeps
serving ``/health``), and **one** database query for all cited numbers together.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from danchieu.api.check_extract import Reading, read_citations
from danchieu.api.check_judge import NOT_IN_FORCE, answer
from danchieu.api.deps import DriverDep, SettingsDep
from danchieu.api.models import CheckIn, CheckOut
from danchieu.api.problems import Problem
from danchieu.api.reading_priority import lower_priority
from danchieu.api.resolver import key_spelling
from danchieu.graph import aio as db
from fastapi import APIRouter, Response
from starlette.concurrency import run_in_threadpool

from danchieu.config import Settings, cpu_count
from danchieu.log import get_logger

router = APIRouter(tags=["check"])
T = TypeVar("T")
log = get_logger(__name__)
MAX_CHECK_CHARS = 200_000
# per cited number: documents, citator flags and placeholder sources read back (bounds the answer)
PER_NUMBER, PER_CITATOR, PER_SOURCES, AFTER_CHARS = 20, 5, 20, 300
CITATOR_KINDS = ["sửa đổi", *NOT_IN_FORCE, "hợp nhất"]

_pool: Executor | None = None
_pool_lock = threading.Lock()


def pool_size(settings: Settings) -> int:
    """Reading processes of this API process: the cores shared among the API's processes
    (``danchieu serve`` runs ``settings.worker_count`` of them), so that all of them together never
    read more texts at once than there are cores, and at most 2 each."""
    return max(1, min(2, cpu_count() // max(1, settings.worker_count)))


def _executor(settings: Settings) -> Executor:
    """A small pool of reading processes, started on first use ("spawn": no fork of a process that
    holds the driver's threads and sockets). Its size bounds how many texts are read at once."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=pool_size(settings), initializer=lower_priority,
                                        mp_context=multiprocessing.get_context("spawn"))
        return _pool


def _reset_pool() -> None:
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None


def shutdown_pool() -> None:
    """End the reading processes (the app's shutdown): a reading in progress, or one already queued
    to a process, is abandoned rather than left running after the service."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is None:
        return
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()


async def in_worker(settings: Settings, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in a reading process (the reading, and the judging with the answer's JSON)."""
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(_executor(settings), fn, *args)
    except BrokenProcessPool:  # a worker died (killed, out of memory): a fresh pool, one retry
        _reset_pool()
        return await loop.run_in_executor(_executor(settings), fn, *args)
    except RuntimeError as exc:  # no process can be started here (a main module without its guard)
        log.warning("check: working in a thread, no worker process: %s", str(exc).strip().splitlines()[0])
        return await run_in_threadpool(fn, *args)


async def read_in_worker(text: str, settings: Settings) -> Reading:
    return await in_worker(settings, read_citations, text)


async def lookup(driver: Any, settings: Any, numbers: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The documents under every cited number, in one query: ``{"128/NQ-CP@": [row, …]}``."""
    prefixes = sorted({f"{key_spelling(n)}@" for n in numbers})
    if not prefixes:
        return {}
    rows = await db.read(driver, settings, "api/check_lookup", prefixes=prefixes, per_number=PER_NUMBER,
                         citator_kinds=CITATOR_KINDS, gone_kinds=list(NOT_IN_FORCE),
                         consolidated_type="Văn bản hợp nhất",
                         amends_kind="sửa đổi", consolidates_kind="hợp nhất", per_citator=PER_CITATOR,
                         per_sources=PER_SOURCES, after_chars=AFTER_CHARS)
    return {r["prefix"]: r["documents"] for r in rows}


@router.post("/check", response_model=CheckOut)
async def check(body: CheckIn, driver: DriverDep, settings: SettingsDep) -> Response:
    """Each document the text cites: ``verified`` (held in full, every printed detail agrees),
    ``mismatch`` (a detail differs — see ``checks``), ``partially_verified`` (only known from what
    other documents printed about it), ``ambiguous`` (see ``candidates``) or ``not_found`` (possibly
    invented); ``citator`` names later documents that amend, replace, repeal or consolidate it."""
    if len(body.text) > MAX_CHECK_CHARS:
        raise Problem(413, f"the text is longer than {MAX_CHECK_CHARS} characters: check it in parts")
    reading = await read_in_worker(body.text, settings)
    found = await lookup(driver, settings, [c.number for c in reading.cited])
    # judged and serialised in the reading process too: the event loop only passes bytes on
    return Response(await in_worker(settings, answer, reading, found), media_type="application/json")
