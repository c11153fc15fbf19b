"""Citation check: POST a text, get back each document it cites, whether that document is in the
graph, whether the number, date, issuer, type and subject written agree with the record, and
whether a later document amended, replaced, repealed or consolidated it.

Bounded work per request (issue 14): at most :data:`MAX_CHECK_CHARS` characters (413 above), at
most :data:`danchieu.api.check_extract.MAX_NUMBERS` numbers read (the rest is reported as not checked),
evidence windows of at most 300 characters, **one** database query for all cited numbers together,
and all of that work — reading, lookup, judging, the answer's JSON — in a reading process at a lower
priority (:mod:`danchieu.api.check_work`): the event loop passes the text in and the bytes out, so it
keeps serving ``/health`` and the other routes.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from danchieu.api.check_work import check_text
from danchieu.api.deps import DriverDep, SettingsDep
from danchieu.api.models import CheckIn, CheckOut
from danchieu.api.problems import Problem
from danchieu.api.reading_priority import lower_priority
from fastapi import APIRouter, Response
from starlette.concurrency import run_in_threadpool

from danchieu.config import Settings, cpu_count
from danchieu.log import get_logger

router = APIRouter(tags=["check"])
T = TypeVar("T")
log = get_logger(__name__)
MAX_CHECK_CHARS = 200_000

_pool: Executor | None = None
_pool_lock = threading.Lock()
_submitter = ThreadPoolExecutor(1, thread_name_prefix="check-submit")  # lives as long as the process


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


def _reset_pool(broken: Executor) -> None:
    """Replace the pool that broke — only that one: a request that failed with it a moment after
    another must not shut down the fresh pool the first one already made."""
    global _pool
    with _pool_lock:
        if _pool is broken:
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


async def _submit(pool: Executor, fn: Callable[..., T], *args: Any) -> T:
    # Submitted from one long-lived thread. Not from the event loop: the first submission starts the
    # process (fork and exec), which would hold up every other request. Not from anyio's thread pool
    # either: a reading process's parent-death signal (reading_priority) follows the *thread* that
    # started it, and anyio's threads end after 10 s idle — which killed the reading process.
    future = await asyncio.get_running_loop().run_in_executor(_submitter, pool.submit, fn, *args)
    return await asyncio.wrap_future(future)


async def in_worker(settings: Settings, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in a reading process."""
    pool = _executor(settings)
    try:
        return await _submit(pool, fn, *args)
    except BrokenProcessPool:  # a worker died (killed, out of memory): a fresh pool, one retry
        _reset_pool(pool)
        return await _submit(_executor(settings), fn, *args)
    except RuntimeError as exc:  # no process can be started here (a main module without its guard)
        log.warning("check: working in a thread, no worker process: %s", str(exc).strip().splitlines()[0])
        return await run_in_threadpool(fn, *args)


@router.post("/check", response_model=CheckOut)
async def check(body: CheckIn, driver: DriverDep, settings: SettingsDep) -> Response:
    """Each document the text cites: ``verified`` (held in full, every printed detail agrees),
    ``mismatch`` (a detail differs — see ``checks``), ``partially_verified`` (only known from what
    other documents printed about it), ``ambiguous`` (see ``candidates``) or ``not_found`` (possibly
    invented); ``citator`` names later documents that amend, replace, repeal or consolidate it."""
    if len(body.text) > MAX_CHECK_CHARS:
        raise Problem(413, f"the text is longer than {MAX_CHECK_CHARS} characters: check it in parts")
    # read, looked up, judged and serialised in a reading process: the event loop passes bytes on
    # (``driver`` stays a dependency: without one the answer is 503 at once, as on every graph route)
    return Response(await in_worker(settings, check_text, body.text, settings), media_type="application/json")
