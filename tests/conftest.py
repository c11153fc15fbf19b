"""Shared fixtures. Neo4j tests run against a real server, found in this order:

1. ``NEO4J_TEST_URI`` (with ``NEO4J_TEST_USER`` / ``NEO4J_TEST_PASSWORD``, falling back to the
   ``NEO4J_*`` settings) — any running server, e.g. the one CI starts;
2. a testcontainers ``Neo4jContainer`` when a Docker daemon answers;
3. the local server of ``danchieu neo4j`` on test ports (7688/7475) with its own data directory
   under ``~/.cache/danchieu/neo4j-test``, started for the session and stopped after it.

Tests own their data: they create nodes with keys from :func:`unique` and remove them afterwards.
"""

from __future__ import annotations

import asyncio
import os
import threading
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the repository (a git worktree one level deeper finds it too), or DANCHIEU_SHARED
SHARED = Path(os.environ.get("DANCHIEU_SHARED") or next(
    (p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()), REPO.parent / "shared"))
SEEDS = REPO / "data" / "seeds"


def unavailable(reason: str) -> NoReturn:
    """What a test needs is not on this machine (``../shared``, a Debian tool). CI has all of it, so
    there the test fails, never skips: a broken checkout must not come out green."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def shared(*parts: str) -> Path:
    """A path under ``../shared`` that the calling test needs (see :func:`unavailable`)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        unavailable(f"../shared is required: no {path} (set DANCHIEU_SHARED)")
    return path


@dataclass(frozen=True)
class CorpusExtraction:
    """A batch extracted once for the session: each item keeps its document (``doc``) and its load rows
    (``payload``), in path order; ``symbols`` are the numbers the batch itself defines."""

    items: list[Any]
    symbols: set[str]

    def under(self, folder: Path) -> list[Any]:
        """The items of the files under ``folder``: a document, or the reason the file was refused."""
        return [item for item in self.items if folder in Path(item.path).parents]


@pytest.fixture(scope="session")
def gazette_extraction() -> CorpusExtraction:
    """The seeds and the whole Công báo extracted once, as ``danchieu ingest`` extracts a batch (two
    passes, two worker processes): the slowest step of the suite (~5 min on 2 free cores), shared by
    the gazette citation test, the bulk-vs-loader test and the workflow tests' graph instead of being
    run by each."""
    from danchieu.graph.ingest import rows_for_load
    from danchieu.ingest.batch import extract_batch

    paths = [shared("corpus", "seeds"), shared("corpus", "gazette")]
    items = extract_batch(paths, [], workers=2, finish=rows_for_load, keep_doc=True)
    return CorpusExtraction(items, {f.symbol for item in items for f in item.facts})


def run_async(make: Callable[[], Awaitable[Any]]) -> Any:
    """``asyncio.run(make())`` in a thread of its own. The browser tests' Playwright keeps an event
    loop running in the main thread for the whole session, where ``asyncio.run`` refuses to start."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(make())  # type: ignore[arg-type]
        except BaseException as exc:  # re-raised in the test's thread
            result["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


@dataclass(frozen=True)
class Neo4jTarget:
    uri: str
    user: str
    password: str
    database: str = "neo4j"


def _docker_answers() -> bool:
    try:
        import docker  # type: ignore[import-not-found]

        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def neo4j_target() -> Iterator[Neo4jTarget]:
    from danchieu.config import Settings

    settings = Settings()  # type: ignore[call-arg]
    uri = os.environ.get("NEO4J_TEST_URI")
    if uri:
        yield Neo4jTarget(uri, os.environ.get("NEO4J_TEST_USER", settings.neo4j_user),
                          os.environ.get("NEO4J_TEST_PASSWORD", settings.neo4j_password))
        return
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5.26-community") as container:
            yield Neo4jTarget(container.get_connection_url(), "neo4j", container.password)
        return
    from danchieu.graph.neo4j_server import LocalNeo4j

    test_settings = settings.model_copy(update={
        "neo4j_home": settings.neo4j_home.parent / "neo4j-test",
        "neo4j_bolt_port": int(os.environ.get("DANCHIEU_TEST_BOLT_PORT", "7688")),
        "neo4j_http_port": int(os.environ.get("DANCHIEU_TEST_HTTP_PORT", "7475")),
        "neo4j_password": "danchieu-test-password",
        "neo4j_heap": "768m",
        "neo4j_pagecache": "256m",
    })
    server = LocalNeo4j(test_settings)
    started_here = server.start()
    try:
        yield Neo4jTarget(f"bolt://127.0.0.1:{server.bolt_port}", "neo4j", test_settings.neo4j_password)
    finally:
        if started_here:
            server.stop()


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_target: Neo4jTarget):
    """Settings pointing at the test server, whose schema migrations are applied before any test
    sees them: whatever order the tests run in and whatever the server held before."""
    from danchieu.graph import migrations
    from danchieu.graph.driver import create_driver

    from danchieu.config import Settings

    settings = Settings().model_copy(update={  # type: ignore[call-arg]
        "neo4j_uri": neo4j_target.uri, "neo4j_user": neo4j_target.user,
        "neo4j_password": neo4j_target.password, "neo4j_database": neo4j_target.database})
    driver = create_driver(settings)
    try:
        driver.verify_connectivity()
        migrations.apply(driver, settings.neo4j_database)
    finally:
        driver.close()
    return settings


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings):
    """A driver to the test server (the schema is applied by ``neo4j_settings``)."""
    from danchieu.graph.driver import create_driver

    driver = create_driver(neo4j_settings)
    driver.verify_connectivity()
    yield driver
    driver.close()


@pytest.fixture
def neo4j_db(neo4j_settings) -> str:
    return neo4j_settings.neo4j_database


def unique(prefix: str = "test") -> str:
    """A key no other test (or real document) uses: ``test-3f2a…``."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"
