"""The Neo4j Browser's style sheet and guide, served with the CORS headers the Browser needs
(``:style http://host/browser/style.grass``, ``:play http://host/browser/guide.html``)."""

from __future__ import annotations

from pathlib import Path

from danchieu.graph.browser import BROWSER_DIR
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from danchieu.errors import NotFound

router = APIRouter(prefix="/browser", include_in_schema=False)
BROWSER_ORIGINS = {"http://localhost:7474", "http://127.0.0.1:7474"}
ASSETS = {"style.grass": "text/plain; charset=utf-8", "guide.html": "text/html; charset=utf-8"}


def _serve(name: str, request: Request) -> FileResponse:
    path: Path = BROWSER_DIR / name
    if not path.is_file():
        raise NotFound(f"{name} has not been built yet (graph/browser/{name})")
    headers = {"Vary": "Origin"}
    origin = request.headers.get("origin")
    if origin in BROWSER_ORIGINS:
        headers["Access-Control-Allow-Origin"] = origin
    return FileResponse(path, media_type=ASSETS[name], headers=headers)


@router.get("/style.grass")
async def style(request: Request) -> FileResponse:
    return _serve("style.grass", request)


@router.get("/guide.html")
async def guide(request: Request) -> FileResponse:
    return _serve("guide.html", request)
