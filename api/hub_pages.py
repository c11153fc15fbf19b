"""Pages over the relationships of a heavily connected node, shared per graph version.

A page of the documents citing X (newest first, filtered, with the total) or of a node's
neighbourhood (ordered by type and date, with the total) must read every relationship of X, however
small the page: Neo4j keeps no per-node order, so the cost grows with the degree. At a million
documents the most cited decree has 78,277 citing documents (~300k db hits for one page), and the
busiest signers thousands of documents; fifty journalists opening the same decree meant fifty such
scans at once, and timeouts (bench/results/api_1m.txt).

So a node with more than :data:`HUB_DEGREE` relationships has its pages computed once per graph
version and shared (the rankings' :class:`~danchieu.api.aggregates.AggregateCache`: one computation
for concurrent requests, the answer kept while no write is committed, exact — never a page of an
older graph). Every other node's page is read directly, as before.

A node's degree is read from the store's counts (``api/node_degree``, no walk) the first time its key
is asked and remembered for :data:`DEGREE_TTL_S`: it only chooses between the two paths, which give
the same answer.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from danchieu.api.aggregates import AggregateCache
from danchieu.graph import aio as db
from danchieu.graph.driver import AsyncDriver

from danchieu.config import Settings

HUB_DEGREE = 1000  # relationships above which a node's pages are shared per graph version
DEGREE_TTL_S = 600.0  # how long a node's degree is trusted before it is read again
DEGREE_ENTRIES = 100_000  # keys whose degree is remembered (a few MB)
PAGE_ENTRIES = 512  # hub pages kept per process (filters and page included in the key)

T = TypeVar("T")


class HubPages:
    def __init__(self, hub_degree: int = HUB_DEGREE) -> None:
        self.hub_degree = hub_degree
        self.pages = AggregateCache(max_entries=PAGE_ENTRIES)
        self._degrees: OrderedDict[str, tuple[int, float]] = OrderedDict()

    async def degree(self, driver: AsyncDriver, settings: Settings, key: str) -> int:
        """The node's number of relationships (0 when no node has the key), remembered a while."""
        now = time.monotonic()
        hit = self._degrees.get(key)
        if hit is not None and now - hit[1] < DEGREE_TTL_S:
            self._degrees.move_to_end(key)
            return hit[0]
        rows = await db.read(driver, settings, "api/node_degree", key=key)
        degree = int(rows[0]["degree"]) if rows else 0
        self._degrees[key] = (degree, now)
        self._degrees.move_to_end(key)
        while len(self._degrees) > DEGREE_ENTRIES:
            self._degrees.popitem(last=False)
        return degree

    async def page(self, driver: AsyncDriver, settings: Settings, key: str, view: Hashable,
                   compute: Callable[[], Awaitable[T]]) -> T:
        """``compute()``'s answer for the page ``view`` of node ``key``: shared when the node is a hub."""
        if await self.degree(driver, settings, key) <= self.hub_degree:
            return await compute()
        return await self.pages.get((key, view), driver, settings, compute)


def hub_pages(state: Any) -> HubPages:
    """The app's :class:`HubPages` (one per process, kept on ``app.state``)."""
    pages = getattr(state, "hub_pages", None)
    if pages is None:
        pages = state.hub_pages = HubPages()
    return pages
