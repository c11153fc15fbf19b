"""Dependency aliases so routes never import globals: ``SettingsDep``, ``DriverDep``, ``ApiKeyDep``.

The settings and the one async driver live on ``app.state`` (set in the app's lifespan).
"""

from __future__ import annotations

import hmac
from typing import Annotated

from danchieu.api.problems import Problem
from danchieu.graph.driver import AsyncDriver
from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from danchieu.config import Settings
from danchieu.errors import GraphUnavailable


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_driver(request: Request) -> AsyncDriver:
    driver = getattr(request.app.state, "driver", None)
    if driver is None:
        raise GraphUnavailable("the API has no Neo4j driver (check NEO4J_PASSWORD and restart)")
    return driver


async def get_reader_driver(request: Request) -> AsyncDriver:
    """The driver of ``/v1/cypher``, connected as the dedicated read-only user (never the admin).
    The user is created (or re-keyed) on first use, so a Neo4j that was down at start-up is fine."""
    state = request.app.state
    if getattr(state, "reader_driver", None) is None:
        from danchieu.graph.aio import ensure_reader_user
        from danchieu.graph.driver import create_async_reader_driver

        settings = get_settings(request)
        await ensure_reader_user(get_driver(request), settings)
        state.reader_driver = create_async_reader_driver(settings)
    return state.reader_driver


_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False,
                               description="One of the keys in DANCHIEU_API_KEYS")


def key_matches(given: str, accepted: list[str]) -> bool:
    """Constant-time comparison against every accepted key (no early exit that would leak which)."""
    given_b = given.encode("utf-8")
    found = False
    for key in accepted:
        found |= hmac.compare_digest(given_b, key.encode("utf-8"))
    return found


def require_api_key(settings: Annotated[Settings, Depends(get_settings)],
                    key: Annotated[str | None, Security(_api_key_header)] = None) -> str:
    """401 without a key, 403 with a wrong one. The key itself is never logged or echoed."""
    if not key:
        raise Problem(401, "send an API key in the X-API-Key header", {"WWW-Authenticate": "ApiKey"})
    if not key_matches(key, settings.api_key_list):
        raise Problem(403, "the API key is not accepted")
    return "api-key"


SettingsDep = Annotated[Settings, Depends(get_settings)]
DriverDep = Annotated[AsyncDriver, Depends(get_driver)]
ReaderDep = Annotated[AsyncDriver, Depends(get_reader_driver)]
ApiKeyDep = Annotated[str, Depends(require_api_key)]
