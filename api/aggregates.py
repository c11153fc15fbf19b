"""Whole-graph aggregates (the rankings), computed once and shared while the graph stays the same.

A ranking reads every citation or signature of the graph: milliseconds for the gazette, seconds at a
million documents — too much to repeat for each of 50 clients. Each API process keeps the answer of
each ranking request and serves it again while

the graph is unchanged — no transaction was committed since (the bookmark of an empty read,
:func:`danchieu.graph.aio.graph_version`: one round trip, no scan, on every request). An answer older
than :data:`MAX_AGE_S` is computed again in the background while the kept one, of the very same graph,
is still served (a million documents: a ranking takes minutes, and its age alone must not turn every
request into a wait).

The API runs several processes (``danchieu serve --workers``). With ``shared_dir``, an answer is also
written there (JSON, named by graph version and request) and a process without it reads it before
computing: each ranking is computed once per graph version for all the processes on the machine,
not once per process — the processes that never computed it would otherwise answer 503 for minutes
to the clients that land on them.

Concurrent requests for the same missing answer wait for one computation (never 50 at once), and
for at most ``wait_s``: beyond that the request answers 503 with ``Retry-After``
(:class:`~danchieu.errors.AggregatePending`) while the computation goes on, so a ranking that takes
minutes at a million documents is computed once instead of timing out for every client.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from pathlib import Path
from typing import Any

from danchieu.graph import aio as db
from danchieu.graph.driver import AsyncDriver

from danchieu.config import Settings
from danchieu.errors import AggregatePending

MAX_AGE_S = 600.0
VERSION_CHECK_S = 0.0  # seconds a version is trusted without asking again (0: ask on every request)
MAX_ENTRIES = 256
SHARED_KEEP_S = 7 * 86400.0  # answers in the shared directory older than this are removed

log = logging.getLogger("danchieu.api")


class AggregateCache:
    def __init__(self, max_age_s: float = MAX_AGE_S, version_check_s: float = VERSION_CHECK_S,
                 max_entries: int = MAX_ENTRIES, shared_dir: Path | None = None) -> None:
        self.max_age_s, self.version_check_s, self.max_entries = max_age_s, version_check_s, max_entries
        self.shared_dir = shared_dir
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
        if (hit is None or hit[2] != version) and self.shared_dir is not None:
            hit = self._read_shared(key, version)  # another process's answer of the same graph
            if hit is not None:
                self._keep(key, hit)
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
        entry = (task.result(), time.monotonic(), version)
        self._keep(key, entry)
        if self.shared_dir is not None:
            self._write_shared(key, entry)

    def _keep(self, key: Hashable, entry: tuple[Any, float, Any]) -> None:
        self._entries[key] = entry
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def _shared_path(self, key: Hashable, version: Any) -> Path:
        assert self.shared_dir is not None
        name = hashlib.sha256(f"{version}\x00{key!r}".encode()).hexdigest()[:40]
        return self.shared_dir / f"{name}.json"

    def _read_shared(self, key: Hashable, version: Any) -> tuple[Any, float, Any] | None:
        path = self._shared_path(key, version)
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("shared aggregate %s unreadable (%s): computed again", path, exc)
            return None
        if saved.get("version") != version or saved.get("key") != repr(key):
            return None  # a hash collision, or another graph's answer
        age = max(0.0, time.time() - float(saved["at"]))
        return saved["value"], time.monotonic() - age, version

    def _write_shared(self, key: Hashable, entry: tuple[Any, float, Any]) -> None:
        value, _, version = entry
        path = self._shared_path(key, version)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps({"version": version, "key": repr(key), "at": time.time(), "value": value},
                              ensure_ascii=False)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)  # whole or absent for a reader in another process
            for old in path.parent.glob("*.json"):
                if time.time() - old.stat().st_mtime > SHARED_KEEP_S:
                    old.unlink(missing_ok=True)
        except (OSError, TypeError, ValueError) as exc:  # kept in this process only
            log.warning("aggregate not shared through %s: %s", path.parent, exc)
