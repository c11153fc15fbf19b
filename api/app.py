"""The FastAPI application: ``create_app(settings=None)``, run by ``danchieu serve`` as

    uvicorn danchieu.api.app:create_app --factory

One async Neo4j driver per process, created in the lifespan (not at import) and closed on shutdown.
"""

from __future__ import annotations

import html
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from danchieu.api import guards, problems
from danchieu.api.models import ProblemOut
from danchieu.api.routes import (
    browser_assets,
    check,
    citations,
    cypher,
    documents,
    entities,
    explore,
    export,
    graph,
    health,
    jobs,
    search,
    stats,
    uploads,
)
from danchieu.graph.driver import create_async_driver
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from danchieu.config import Settings, get_settings
from danchieu.errors import ConfigError

log = logging.getLogger("danchieu.api")
EXPLORER_DIR = Path(__file__).resolve().parent / "static" / "explorer"

DESCRIPTION = """Dẫn Chiếu — đồ thị trích dẫn văn bản hành chính Việt Nam.

A legal citation graph of Vietnamese government documents. Every document parameter accepts any
usual spelling: `Nghị quyết 128`, `NQ 128/NQ-CP`, `nghi quyet 128`, `128/NQ-CP`,
`Chỉ thị 16/CT-TTg năm 2020`, a graph key (`128/NQ-CP@2021`) or an ELI-style URI. Errors are
`application/problem+json` with Vietnamese (`title`) and English (`title_en`) titles.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            app.state.driver = create_async_driver(settings)
        except ConfigError as exc:
            # the process still answers /health and explains itself with 503 on every graph route
            log.error("no Neo4j driver: %s", exc)
            app.state.driver = None
        app.state.reader_driver = None  # /v1/cypher's own user, made on its first request (danchieu.api.deps)
        await _warm(app)
        try:
            yield
        finally:
            for name in ("reader_driver", "driver"):
                if getattr(app.state, name, None) is not None:
                    await getattr(app.state, name).close()
            check.shutdown_pool()  # its reading processes end with this API process, never orphaned

    app = FastAPI(title="Dẫn Chiếu API", version="1.0.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.driver = None
    problems.install(app)
    # the last added runs first: keys in URLs are refused, then bodies are counted as they arrive
    # (and keyed routes checked) before any route or multipart parser reads them
    app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origin_list, allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type", "X-API-Key"], allow_credentials=False)
    app.add_middleware(guards.BodyLimit, settings=settings)
    app.add_middleware(guards.KeysNotInUrl)
    _redact_access_log()

    problem = {"model": ProblemOut, "content": {problems.MEDIA_TYPE: {}}}
    common = {status: {**problem, "description": problems.TITLES[status][1]} for status in (404, 409, 422, 503, 504)}
    app.include_router(health.router)
    app.include_router(browser_assets.router)
    # citations first: its /documents/{key}/citing and /tree must win over /documents/{key:path}
    for module in (explore, citations, documents, entities, search, graph, check, uploads, jobs, cypher, export, stats):
        app.include_router(module.router, prefix="/v1", responses=common)  # type: ignore[arg-type]
    _mount_explorer(app)
    return app


async def _warm(app: FastAPI) -> None:
    """Build now, before the first request, what FastAPI and anyio build on first use: each included
    route's validators and serialisers (~0.2 s of the event loop at the first request under /v1, by
    which time other requests and /health wait behind it; the OpenAPI schema walks them all) and the
    thread pool's backend."""
    try:
        app.openapi()
    except Exception as exc:  # noqa: BLE001 — /docs would say so; the service itself still serves
        log.warning("the OpenAPI schema could not be built at start-up: %s", exc)
    await run_in_threadpool(lambda: None)


def _redact_access_log() -> None:
    """uvicorn's access log never prints a credential sent in a URL (once per process)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, guards.RedactSecrets) for f in access.filters):
        access.addFilter(guards.RedactSecrets())


def _mount_explorer(app: FastAPI, explorer_dir: Path | None = None) -> None:
    """Serve the explorer's build at /explore/ and send / there. Without a build (a checkout where
    `npm run build` has not run, or a wheel built without it) start-up logs a warning and /explore/
    answers a page that says so and how to fix it — the service itself still runs."""
    explorer_dir = explorer_dir or EXPLORER_DIR

    @app.get("/", include_in_schema=False)
    async def _root() -> RedirectResponse:
        return RedirectResponse("/explore/")

    if (explorer_dir / "index.html").is_file():
        app.mount("/explore", StaticFiles(directory=explorer_dir, html=True), name="explorer")
        return
    log.warning("the explorer is not built (no %s): /explore/ explains how to build it", explorer_dir / "index.html")

    @app.get("/explore", include_in_schema=False)
    @app.get("/explore/{rest:path}", include_in_schema=False)
    async def _missing(rest: str = "") -> HTMLResponse:
        return HTMLResponse(EXPLORER_MISSING.format(path=html.escape(str(explorer_dir))), status_code=503)


EXPLORER_MISSING = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Dẫn Chiếu — chưa có giao diện khám phá</title></head>
<body>
<h1>Giao diện khám phá chưa được dựng</h1>
<p>Bản cài đặt này không có tệp của giao diện khám phá (<code>{path}</code>). API vẫn chạy:
<a href="/docs">/docs</a>.</p>
<p>Từ mã nguồn: <code>cd explorer &amp;&amp; npm ci &amp;&amp; npm run build</code>, rồi khởi động lại
<code>danchieu serve</code>; hoặc cài gói wheel được dựng sau bước đó (ảnh Docker làm như vậy).</p>
<hr>
<h1 lang="en">The explorer is not built</h1>
<p lang="en">This installation has no explorer files (<code>{path}</code>). The API is running:
<a href="/docs">/docs</a>.</p>
<p lang="en">From a checkout: <code>cd explorer &amp;&amp; npm ci &amp;&amp; npm run build</code>, then restart
<code>danchieu serve</code>; or install a wheel built after that step (the Docker image does).</p>
</body></html>
"""
