"""The whole of one ``/v1/check`` request's work, as a reading process runs it: read the text, look
every cited number up (one query, with this process's own Neo4j driver), judge, and serialise the
answer — the API process passes the text in and the JSON bytes out (issue 14).

Why here and not in the API process: for a text with a thousand numbers the lookup brings back
thousands of documents (2.5 MB), whose decoding is ~0.3 s of CPU on the event loop and whose
hand-over to a worker meant pickling them under the interpreter lock; judging them is another
0.1–0.3 s. Spent in the API process, that CPU is time ``/health`` and every other request waits
for; spent here, it runs at the reading process's lower priority
(:mod:`danchieu.api.reading_priority`).
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from danchieu.api.check_extract import read_citations
from danchieu.api.check_judge import NOT_IN_FORCE, answer
from danchieu.api.resolver import key_spelling
from danchieu.graph import aio as db
from danchieu.graph.driver import create_async_driver

from danchieu.config import Settings

# per cited number: documents, citator flags and placeholder sources read back (bounds the answer)
PER_NUMBER, PER_CITATOR, PER_SOURCES, AFTER_CHARS = 20, 5, 20, 300
CITATOR_KINDS = ["sửa đổi", *NOT_IN_FORCE, "hợp nhất"]

_local = threading.local()  # per thread: an event loop and the driver made on it


async def lookup(driver: Any, settings: Settings, numbers: list[str]) -> dict[str, list[dict[str, Any]]]:
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


def _graph(settings: Settings) -> tuple[asyncio.AbstractEventLoop, Any]:
    """This thread's event loop and async driver, made on first use and kept (a reading process
    serves request after request); made again if the settings name another database."""
    key = (settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database)
    state = getattr(_local, "state", None)
    if state is None or state[0] != key:
        close_graph()
        loop = asyncio.new_event_loop()
        _local.state = state = (key, loop, create_async_driver(settings))
    return state[1], state[2]


def check_text(text: str, settings: Settings) -> bytes:
    """The ``/v1/check`` answer for ``text`` as JSON bytes. Errors are the graph's own
    (:class:`danchieu.errors.GraphUnavailable`, :class:`~danchieu.errors.GraphTimeout`), raised to
    the API process, which answers 503 or 504 as for any query."""
    reading = read_citations(text)
    loop, driver = _graph(settings)
    found = loop.run_until_complete(lookup(driver, settings, [c.number for c in reading.cited]))
    return answer(reading, found)


def close_graph() -> None:
    """Close this thread's driver and event loop, if it made them."""
    state = getattr(_local, "state", None)
    if state is not None:
        _local.state = None
        state[1].run_until_complete(state[2].close())
        state[1].close()
