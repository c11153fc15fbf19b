"""Pure ASGI guards that run before any route reads a body (issue 14 item 3).

``BodyLimit`` counts a request body's bytes **as they arrive**, so a chunked body (no
``Content-Length``) is cut at the limit instead of being spooled to ``/tmp`` or read into memory
first; it also refuses a keyed route (uploads, Cypher) without a valid ``X-API-Key`` before the
body is touched — FastAPI reads and parses the body before it resolves the key dependency.
``refuse_keys_in_url`` keeps keys out of URLs (and so out of access logs).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from danchieu.api.deps import key_matches
from danchieu.api.problems import MEDIA_TYPE, TITLES
from starlette.exceptions import HTTPException

from danchieu.config import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# (method, path) of the routes that need a key; the route's own dependency checks again.
KEYED_ROUTES = {("POST", "/v1/documents"), ("POST", "/v1/cypher")}
UPLOAD_ROUTES = {("POST", "/v1/documents")}
MULTIPART_SLACK = 64 * 1024  # boundaries and part headers around the uploaded file
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# query parameters that look like credentials: refused, and never written to the access log as sent
# (``key`` itself is a node key in /v1/graph/neighborhood, so it is not one of them)
_SECRET_PARAM = re.compile(rb"(?i)(?:^|&)((?:x[_-])?api[_-]?key|access[_-]?token|password)=([^&]*)")


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when the bytes received pass the limit. An ``HTTPException`` so that
    FastAPI's body reader lets it through (it turns other errors into 400) and it answers 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


async def send_problem(send: Send, status: int, detail: str, path: str,
                       headers: dict[str, str] | None = None) -> None:
    """A problem+json answer written straight to ASGI (no request object exists yet)."""
    vi, en = TITLES.get(status, ("Lỗi", "Error"))
    body = json.dumps({"type": "about:blank", "status": status, "title": vi, "title_en": en, "detail": detail,
                       "instance": path}, ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", MEDIA_TYPE.encode()), (b"content-length", str(len(body)).encode()),
           (b"connection", b"close")]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse bodies over the limit (413) as their bytes arrive, and keyed routes without a valid
    key (401/403) before their body is read. Uploads may carry ``max_upload_bytes`` (plus the
    multipart envelope); every other body ``max_body_bytes``."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    def limit_for(self, method: str, path: str) -> int:
        if (method, path) in UPLOAD_ROUTES:
            return self.settings.max_upload_bytes + MULTIPART_SLACK
        return self.settings.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if (method, path) in KEYED_ROUTES:
            key = headers.get("x-api-key", "")
            if not key:
                await send_problem(send, 401, "send an API key in the X-API-Key header", path,
                                   {"WWW-Authenticate": "ApiKey"})
                return
            if not key_matches(key, self.settings.api_key_list):
                await send_problem(send, 403, "the API key is not accepted", path)
                return
        limit = self.limit_for(method, path)
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await send_problem(send, 413, f"the request body is larger than {limit} bytes", path)
            return
        received = 0
        started = over = False

        async def counting_receive() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if over:  # hang up after the 413: the server must not go on reading (and parsing) the rest
                    message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as exc:  # a route that read the body outside FastAPI's own reader
            if not started:
                await send_problem(send, 413, str(exc.detail), path)


class KeysNotInUrl:
    """A credential in the query string (``?api_key=…``) is refused with 400 and masked in the scope
    before anything logs it: uvicorn's access log prints the same scope's query string."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _SECRET_PARAM.search(scope.get("query_string", b"")):
            scope["query_string"] = mask_query(scope["query_string"])
            await send_problem(send, 400, "send the API key in the X-API-Key header, never in the URL",
                               scope["path"])
            return
        await self.app(scope, receive, send)


def mask_query(query: bytes) -> bytes:
    """``b"q=x&api_key=s3cret"`` → ``b"q=x&api_key=***"``."""
    return _SECRET_PARAM.sub(lambda m: m.group(0)[: m.start(2) - m.start(0)] + b"***", query)


class RedactSecrets(logging.Filter):
    """For uvicorn's access log: masks credential-like query parameters in the logged path, in case
    a request reached the log before (or without) :class:`KeysNotInUrl`."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) >= 3 and isinstance(record.args[2], str):
            path = record.args[2]
            if "?" in path:
                base, _, query = path.partition("?")
                masked = mask_query(query.encode("latin-1", "replace")).decode("latin-1")
                record.args = (*record.args[:2], f"{base}?{masked}", *record.args[3:])
        return True
