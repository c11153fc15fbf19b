"""Running named queries on the API's one async driver (the async half of :mod:`danchieu.graph.driver`).

Every call goes through :func:`read` or :func:`write`: parameters only, a time limit on every
transaction, and driver exceptions translated into :mod:`danchieu.errors` at this boundary so that
routes never see ``neo4j.exceptions``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import uuid
from typing import Any

import neo4j
from danchieu.graph import readonly
from danchieu.graph.driver import translate
from danchieu.queries import load_query
from neo4j import exceptions as nx

from danchieu.config import Settings
from danchieu.errors import GraphTimeout, GraphUnavailable, QueryRefused

log = logging.getLogger("danchieu.graph")


_PLAIN = frozenset({str, int, float, bool, type(None)})


def to_json(value: Any) -> Any:
    """A driver value as plain JSON: dates as ISO strings, nodes as their properties.

    On every row of every request: plain values (most of them) are passed through without a call."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {k: v if type(v) in _PLAIN else to_json(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [v if type(v) in _PLAIN else to_json(v) for v in value]
    if isinstance(value, (str, int, float, bool)):  # subclasses
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


# administration at start-up (the read-only user) may wait longer than a request
ADMIN_TIMEOUT_S = 30.0


async def _run(driver: neo4j.AsyncDriver, settings: Settings, text: str, params: dict[str, Any],
               access: str, row_cap: int | None = None, timeout: float | None = None,
               byte_cap: int | None = None, admin: neo4j.AsyncDriver | None = None) -> tuple[list[dict], bool]:
    limit_s = timeout or settings.query_timeout_s
    tag = uuid.uuid4().hex

    async def work(session: neo4j.AsyncSession) -> tuple[list[dict], bool]:
        # an explicit transaction: no silent retries (an API should answer 503 now, not in 30 s)
        # and the session's access mode is enforced by the server (READ refuses any write)
        # BEGIN must answer quickly: a hung server (SIGSTOP) answers 503 now, not after the time limit
        begin_s = settings.neo4j_connect_timeout_s
        try:
            tx = await asyncio.wait_for(
                session.begin_transaction(timeout=limit_s, metadata={"danchieu_request": tag}), begin_s)
        except TimeoutError as exc:
            raise GraphUnavailable(f"Neo4j did not answer within {begin_s:g} s (hung or overloaded); "
                                   "try again") from exc
        try:
            result = await tx.run(text, params)  # type: ignore[arg-type]
            rows: list[dict] = []
            size = 0
            truncated = False
            async for record in result:
                if row_cap is not None and len(rows) >= row_cap:
                    truncated = True  # the rest is discarded with the transaction
                    break
                row = to_json(dict(record.items()))
                if byte_cap is not None:
                    size += len(json.dumps(row, ensure_ascii=False, default=str).encode("utf-8"))
                    if size > byte_cap:
                        truncated = True  # the response stays under its byte cap, whatever one row holds
                        break
                rows.append(row)
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
            return await asyncio.wait_for(work(session), timeout=limit_s + 2)
    except TimeoutError as exc:
        if admin is not None:
            await _terminate(admin, tag)
        raise GraphTimeout(f"the query took longer than {limit_s:g} s") from exc
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        raise translate(exc) from exc


async def _terminate(admin: neo4j.AsyncDriver, tag: str) -> None:
    """End on the server the transaction a timed-out request left running (best effort, bounded)."""
    try:
        async with admin.session(database="system", notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF) \
                as session:
            result = await asyncio.wait_for(session.run(load_query("admin/terminate_tagged"), tag=tag), 3)
            ended = await asyncio.wait_for(result.data(), 3)
        log.warning("terminated %d timed-out transaction(s) on the server", len(ended))
    except (TimeoutError, nx.Neo4jError, nx.DriverError, OSError) as exc:
        log.warning("could not terminate a timed-out transaction: %s %s", type(exc).__name__, exc)


async def read(driver: neo4j.AsyncDriver, settings: Settings, name: str, **params: Any) -> list[dict]:
    """Rows of the named read query, e.g. ``await read(driver, settings, "api/document_detail", key=k)``."""
    return await _read_auto(driver, settings, load_query(name), params)


async def _read_auto(driver: neo4j.AsyncDriver, settings: Settings, text: str, params: dict[str, Any],
                     timeout: float | None = None) -> list[dict]:
    """One of the application's own read queries in an auto-commit transaction: one round trip
    (RUN and PULL together) where an explicit transaction takes three (BEGIN, RUN + PULL, ROLLBACK) —
    the API's hot path (issue 16). Only for named queries of this package, which are reads by
    construction (a user's Cypher goes through :func:`read_text`, in an explicit READ transaction).
    The same bounds: the server's time limit on the transaction, and the first answer (the query
    planned and started) within the connect time-out, so a hung server gives 503 in seconds."""
    limit_s = timeout or settings.query_timeout_s
    first_s = settings.neo4j_connect_timeout_s

    async def work(session: neo4j.AsyncSession) -> list[dict]:
        try:
            result = await asyncio.wait_for(session.run(neo4j.Query(text, timeout=limit_s), params), first_s)
        except TimeoutError as exc:
            raise GraphUnavailable(f"Neo4j did not answer within {first_s:g} s (hung or overloaded); "
                                   "try again") from exc
        return [to_json(dict(record.items())) async for record in result]

    try:
        async with driver.session(database=settings.neo4j_database, default_access_mode=neo4j.READ_ACCESS,
                                  notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF) as session:
            return await asyncio.wait_for(work(session), timeout=limit_s + 2)
    except TimeoutError as exc:
        raise GraphTimeout(f"the query took longer than {limit_s:g} s") from exc
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        raise translate(exc) from exc


# a whole-graph aggregate (a ranking over every citation) may take longer than a request's query;
# the API computes each once per graph version (danchieu.api.aggregates), never per request
AGGREGATE_TIMEOUT_S = 900.0


async def read_aggregate(driver: neo4j.AsyncDriver, settings: Settings, name: str, **params: Any) -> list[dict]:
    """Rows of a named read query over the whole graph, with :data:`AGGREGATE_TIMEOUT_S` as its limit."""
    return await _read_auto(driver, settings, load_query(name), params,
                            timeout=max(AGGREGATE_TIMEOUT_S, settings.query_timeout_s))


async def graph_version(driver: neo4j.AsyncDriver, settings: Settings) -> str:
    """An opaque name of the graph's state: the bookmark of an empty read, which changes with every
    committed write (one round trip, no scan) — what the API's cached aggregates are keyed on."""
    limit_s = settings.neo4j_connect_timeout_s
    try:
        async with driver.session(database=settings.neo4j_database, default_access_mode=neo4j.READ_ACCESS,
                                  notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF) as session:
            result = await asyncio.wait_for(session.run(load_query("api/graph_version")), limit_s)
            await asyncio.wait_for(result.consume(), limit_s)
            bookmarks = await session.last_bookmarks()
    except TimeoutError as exc:
        raise GraphUnavailable(f"Neo4j did not answer within {limit_s:g} s (hung or overloaded); try again") from exc
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        raise translate(exc) from exc
    return ",".join(sorted(bookmarks.raw_values))


async def write(driver: neo4j.AsyncDriver, settings: Settings, name: str, **params: Any) -> list[dict]:
    """Rows of the named write query (only behind an API key)."""
    rows, _ = await _run(driver, settings, load_query(name), params, neo4j.WRITE_ACCESS)
    return rows


async def read_text(reader: neo4j.AsyncDriver, settings: Settings, text: str, params: dict[str, Any],
                    row_cap: int, timeout: float | None = None, byte_cap: int | None = None,
                    admin: neo4j.AsyncDriver | None = None) -> tuple[list[dict], bool]:
    """A power user's Cypher as the read-only user: checked by its text and its plan
    (:mod:`danchieu.graph.readonly`), then run in a READ transaction capped at ``row_cap`` rows and
    ``byte_cap`` bytes: (rows, truncated). On a time-out ``admin`` ends it on the server too."""
    readonly.check_text(text, params)
    await _check_plan(reader, settings, text, params)
    return await _run(reader, settings, text, params, neo4j.READ_ACCESS, row_cap=row_cap, timeout=timeout,
                      byte_cap=byte_cap if byte_cap is not None else settings.cypher_max_bytes, admin=admin)


async def _check_plan(reader: neo4j.AsyncDriver, settings: Settings, text: str, params: dict[str, Any]) -> None:
    """``EXPLAIN`` the query (nothing runs) and refuse what is not a plain read."""
    if re.match(r"(?is)\s*(?:/\*.*?\*/\s*|//[^\n]*\n\s*)*(?:EXPLAIN|PROFILE)\b", text):
        raise QueryRefused("send the query without EXPLAIN or PROFILE")
    try:
        async with reader.session(database=settings.neo4j_database, default_access_mode=neo4j.READ_ACCESS,
                                  notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF) as session:
            result = await asyncio.wait_for(session.run("EXPLAIN " + text, params), settings.query_timeout_s)
            summary = await asyncio.wait_for(result.consume(), settings.query_timeout_s)
    except TimeoutError as exc:
        raise GraphUnavailable("Neo4j did not plan the query in time; try again") from exc
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        raise translate(exc) from exc
    readonly.check_plan(summary.query_type, summary.plan)


async def ensure_reader_user(admin: neo4j.AsyncDriver, settings: Settings) -> None:
    """Create (or re-key) the dedicated user ``/v1/cypher`` connects as, so that the endpoint never
    holds the admin's credentials. Idempotent; run at the API's start."""
    params = {"name": settings.neo4j_reader_user, "password": settings.require_reader_password()}
    try:
        async with admin.session(database="system") as session:
            for name in ("admin/reader_create", "admin/reader_password"):
                try:
                    result = await asyncio.wait_for(session.run(load_query(name), params), ADMIN_TIMEOUT_S)
                    await result.consume()
                except nx.ClientError as exc:
                    if "cannot be the same" not in (exc.message or ""):  # the password is already right
                        raise
    except TimeoutError as exc:
        raise GraphUnavailable("Neo4j did not answer while creating the read-only user") from exc
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        raise translate(exc) from exc
