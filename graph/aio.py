"""Running named queries on the API's one async driver (the async half of :mod:`graph.driver`).

Every call goes through :func:`read` or :func:`write`: parameters only, a time limit on every
transaction, and driver exceptions translated into :mod:`danchieu.errors` at this boundary so that
routes never see ``neo4j.exceptions``.
"""

from __future__ import annotations

import asyncio
from typing import Any

import neo4j
from neo4j import exceptions as nx

from danchieu.config import Settings
from danchieu.errors import GraphTimeout
from graph.driver import translate
from queries import load_query


def to_json(value: Any) -> Any:
    """A driver value as plain JSON: dates as ISO strings, nodes as their properties."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), "properties": to_json(dict(value))}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, "source": to_json(value.start_node.get("key") if value.start_node else None),
                "target": to_json(value.end_node.get("key") if value.end_node else None),
                "properties": to_json(dict(value))}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [to_json(n) for n in value.nodes], "relationships": [to_json(r) for r in value.relationships]}
    iso = getattr(value, "iso_format", None)
    if callable(iso):
        return iso()
    return str(value)


async def _run(driver: neo4j.AsyncDriver, settings: Settings, text: str, params: dict[str, Any],
               access: str, row_cap: int | None = None, timeout: float | None = None) -> tuple[list[dict], bool]:
    limit_s = timeout or settings.query_timeout_s

    async def work(session: neo4j.AsyncSession) -> tuple[list[dict], bool]:
        # an explicit transaction: no silent retries (an API should answer 503 now, not in 30 s)
        # and the session's access mode is enforced by the server (READ refuses any write)
        tx = await session.begin_transaction(timeout=limit_s)
        try:
            result = await tx.run(text, params)  # type: ignore[arg-type]
            rows: list[dict] = []
            truncated = False
            async for record in result:
                if row_cap is not None and len(rows) >= row_cap:
                    truncated = True  # the rest is discarded with the transaction
                    break
                rows.append(to_json(dict(record.items())))
            if access == neo4j.WRITE_ACCESS:
                await tx.commit()
            return rows, truncated
        finally:
            if not tx.closed():
                await tx.close()

    try:
        # notifications off: the server's "unknown relationship type" hints on a young graph would
        # be logged on every request
        async with driver.session(database=settings.neo4j_database, default_access_mode=access,
                                  notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF) as session:
            # the server enforces the transaction timeout; this guard also covers a stuck network
            return await asyncio.wait_for(work(session), timeout=limit_s + 5)
    except TimeoutError as exc:
        raise GraphTimeout(f"the query took longer than {limit_s:g} s") from exc
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        raise translate(exc) from exc


async def read(driver: neo4j.AsyncDriver, settings: Settings, name: str, **params: Any) -> list[dict]:
    """Rows of the named read query, e.g. ``await read(driver, settings, "api/document_detail", key=k)``."""
    rows, _ = await _run(driver, settings, load_query(name), params, neo4j.READ_ACCESS)
    return rows


async def write(driver: neo4j.AsyncDriver, settings: Settings, name: str, **params: Any) -> list[dict]:
    """Rows of the named write query (only behind an API key)."""
    rows, _ = await _run(driver, settings, load_query(name), params, neo4j.WRITE_ACCESS)
    return rows


async def read_text(driver: neo4j.AsyncDriver, settings: Settings, text: str, params: dict[str, Any],
                    row_cap: int, timeout: float | None = None) -> tuple[list[dict], bool]:
    """A power user's Cypher, in a READ transaction, capped at ``row_cap`` rows: (rows, truncated)."""
    return await _run(driver, settings, text, params, neo4j.READ_ACCESS, row_cap=row_cap, timeout=timeout)
