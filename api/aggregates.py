"""Whole-graph aggregates (the rankings), computed once and shared while the graph stays the same.

A ranking reads every citation or signature of the graph: milliseconds for the gazette, seconds at a
million documents — too much to repeat for each of 50 clients. Each API process keeps the answer of
each ranking request and serves it again while

the graph is unchanged — no transaction was committed since (the bookmark of an empty read,
:func:`danchieu.graph.aio.graph_version`: one round trip, no scan, on every request). An answer older
than :data:`MAX_AGE_S` is computed again in the background while the kept one, of the very same graph,
is still served (a million documents: a ranking takes minutes, and its age alone must not turn every
request into a wait).

Concurrent requests for the same missing answer wait for one computation (never 50 at once), and
for at most ``wait_s``: beyond that the request answers 503 with ``Retry-After``
(:class:`~danchieu.errors.AggregatePending`) while the computation goes on, so a ranking that takes
minutes at a million documents is computed once instead of timing out for every client.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from danchieu.graph import aio as db
from danchieu.graph.driver import AsyncDriver

from danchieu.config import Settings
from danchieu.errors import AggregatePending

MAX_AGE_S = 600.0
VERSION_CHECK_S = 0.0  # seconds a version is trusted without asking again (0: ask on every request)
MAX_ENTRIES = 256


class AggregateCache:
    def __init__(self, max_age_s: float = MAX_AGE_S, version_check_s: float = VERSION_CHECK_S,
                 max_entries: int = MAX_ENTRIES) -> None:
        self.max_age_s, self.version_check_s, self.max_entries = max_age_s, version_check_s, max_entries
        self._entries: OrderedDict[Hashable, tuple[Any, float, Any]] = OrderedDict()  # value, when, version
        self._pending: dict[Hashable, asyncio.Task[Any]] = {}
        self._version: Any = None
        self._version_at = float("-inf")

    async def version(self, driver: AsyncDriver, settings: Settings) -> Any:
        now = time.monotonic()
        if now - self._version_at >= self.version_check_s:
            self._version, self._version_at = await db.graph_version(driver, settings), now
        return self._version

    async def get(self, key: Hashable, driver: AsyncDriver, settings: Settings,
                  compute: Callable[[], Awaitable[Any]], wait_s: float | None = None) -> Any:
        version = await self.version(driver, settings)
        hit = self._entries.get(key)
        if hit is not None and hit[2] == version:
            self._entries.move_to_end(key)
            if time.monotonic() - hit[1] >= self.max_age_s:
                self._start(key, version, compute)  # refreshed behind the answer kept meanwhile
            return hit[0]
        task = self._start(key, version, compute)
        # shielded: a client that hangs up, or stops waiting, does not cancel the computation
        if wait_s is None:
            return await asyncio.shield(task)
        try:
            return await asyncio.wait_for(asyncio.shield(task), wait_s)
        except TimeoutError:
            raise AggregatePending(f"still being computed over the whole graph after {wait_s:g} s; "
                                   "the computation goes on: retry in a moment") from None

    def _start(self, key: Hashable, version: Any, compute: Callable[[], Awaitable[Any]]) -> asyncio.Future[Any]:
        """The computation of ``key`` under way, started if none is."""
        task = self._pending.get(key)
        if task is None:
            task = asyncio.ensure_future(compute())
            self._pending[key] = task
            task.add_done_callback(functools.partial(self._settle, key, version))
        return task

    def _settle(self, key: Hashable, version: Any, task: asyncio.Task[Any]) -> None:
        self._pending.pop(key, None)
        if task.cancelled() or task.exception() is not None:
            return  # errors are not cached: the next request tries again
        self._entries[key] = (task.result(), time.monotonic(), version)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
