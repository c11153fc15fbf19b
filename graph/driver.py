"""The Neo4j driver: created in one place, errors translated into :mod:`danchieu.errors`.

Modules never create drivers themselves: they receive one (``driver``) and a database name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import neo4j
from neo4j import exceptions as nx

from danchieu.config import Settings
from danchieu.errors import (
    GraphAuthError,
    GraphError,
    GraphTimeout,
    GraphUnavailable,
    QueryRefused,
    SchemaNotApplied,
)

# How Neo4j says that an index a query names does not exist (the schema was never applied).
_MISSING_SCHEMA = re.compile(r"no such (?:fulltext )?(?:schema )?index|index .* does not exist", re.IGNORECASE)

# The driver types callers may annotate with, so that no module outside graph imports neo4j.
Driver = neo4j.Driver
AsyncDriver = neo4j.AsyncDriver


# Fail fast when Neo4j hangs (issue 14 item 7): a stopped server (SIGSTOP) must cost a request a
# few seconds, not the query's whole time limit. Connecting, waiting for a pooled connection and
# re-checking an idle one are each bounded; the API bounds BEGIN the same way (danchieu.graph.aio).
LIVENESS_AFTER_S = 2.0  # a connection idle this long is checked before it is used


def _options(settings: Settings) -> dict:
    wait = settings.neo4j_connect_timeout_s
    return {"connection_acquisition_timeout": wait + 2, "connection_timeout": wait,
            "liveness_check_timeout": LIVENESS_AFTER_S, "notifications_min_severity": "OFF"}


def create_driver(settings: Settings, uri: str | None = None) -> neo4j.Driver:
    return neo4j.GraphDatabase.driver(
        uri or settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.require_password()),
        max_connection_lifetime=3600,
        **_options(settings),
    )


def create_async_driver(settings: Settings) -> neo4j.AsyncDriver:
    """The driver of one API process (``danchieu serve`` runs one per core, each with its own pool)."""
    return neo4j.AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.require_password()),
        max_connection_pool_size=settings.neo4j_pool_size,
        **_options(settings),
    )


def create_async_reader_driver(settings: Settings) -> neo4j.AsyncDriver:
    """The driver of ``/v1/cypher``: the dedicated read-only user, never the admin (see
    :func:`danchieu.graph.aio.ensure_reader_user`)."""
    return neo4j.AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_reader_user, settings.require_reader_password()),
        max_connection_pool_size=10,
        **_options(settings),
    )


@contextmanager
def open_driver(settings: Settings, uri: str | None = None, verify: bool = True) -> Iterator[neo4j.Driver]:
    """A driver that is verified on entry and closed on exit; errors come out translated."""
    driver = create_driver(settings, uri)
    try:
        if verify:
            with translate_errors():
                driver.verify_connectivity()
        yield driver
    finally:
        driver.close()


def translate(exc: Exception) -> GraphError:
    """The project's error for a driver exception (call as ``raise translate(e) from e``)."""
    if isinstance(exc, nx.AuthError):
        return GraphAuthError("Neo4j refused the user or password: check NEO4J_USER / NEO4J_PASSWORD in .env")
    if isinstance(exc, (nx.ServiceUnavailable, nx.SessionExpired, OSError)):
        return GraphUnavailable(f"Neo4j is not reachable ({exc.__class__.__name__}): start it with "
                                "`danchieu neo4j start` or check NEO4J_URI")
    if isinstance(exc, nx.ClientError) and "TransactionTimedOut" in (exc.code or ""):
        return GraphTimeout("the query took longer than its time limit")
    if isinstance(exc, nx.ClientError) and _MISSING_SCHEMA.search(exc.message or ""):
        return SchemaNotApplied()
    if isinstance(exc, nx.ClientError):
        return QueryRefused(f"the query was refused: {exc.message or exc.code}")
    if isinstance(exc, nx.TransientError):
        return GraphUnavailable(f"Neo4j is busy, try again: {exc.message}")
    if isinstance(exc, nx.Neo4jError):
        return GraphError(f"Neo4j error {exc.code}: {exc.message}")
    return GraphError(str(exc))


@contextmanager
def translate_errors() -> Iterator[None]:
    try:
        yield
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        raise translate(exc) from exc
