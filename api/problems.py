"""Errors as ``application/problem+json`` (RFC 9457) with a Vietnamese and an English title.

    {"type": "about:blank", "status": 404, "title": "Không tìm thấy", "title_en": "Not found",
     "detail": "no document or entity matches '999/NQ-CP'"}

Every exception that reaches the app ends here: the project's own errors map to their status, the
framework's validation errors become 422, anything else a 500 whose body names no internals. A stack
trace is only ever written to the server log.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from danchieu import errors

log = logging.getLogger("danchieu.api")

MEDIA_TYPE = "application/problem+json"
RETRY_AFTER_S = 5

# (Vietnamese title, English title) per status
TITLES: dict[int, tuple[str, str]] = {
    400: ("Yêu cầu không hợp lệ", "Bad request"),
    401: ("Thiếu khoá API", "API key required"),
    403: ("Khoá API không đúng", "API key not accepted"),
    404: ("Không tìm thấy", "Not found"),
    405: ("Phương thức không được hỗ trợ", "Method not allowed"),
    409: ("Tham chiếu không rõ ràng", "Ambiguous reference"),
    413: ("Tệp quá lớn", "Payload too large"),
    415: ("Định dạng tệp không được hỗ trợ", "Unsupported media type"),
    422: ("Tham số không hợp lệ", "Invalid parameters"),
    500: ("Lỗi máy chủ", "Internal server error"),
    501: ("Chức năng chưa sẵn sàng", "Not implemented"),
    503: ("Cơ sở dữ liệu đồ thị tạm thời không truy cập được", "Graph database unavailable"),
    504: ("Truy vấn quá thời gian cho phép", "Query timed out"),
}


class Problem(Exception):
    """Raise from a route to answer with a problem document: ``raise Problem(403, "wrong key")``."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.detail, self.headers, self.extra = status, detail, headers or {}, extra


def problem_response(status: int, detail: str, request: Request | None = None,
                     headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    vi, en = TITLES.get(status, ("Lỗi", "Error"))
    body: dict[str, Any] = {"type": "about:blank", "status": status, "title": vi, "title_en": en,
                            "detail": detail}
    if request is not None:
        body["instance"] = request.url.path
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def status_for(exc: errors.DanchieuError) -> int:
    """The HTTP status of one of the project's errors."""
    table: list[tuple[type[errors.DanchieuError], int]] = [
        (errors.NotFound, 404), (errors.Ambiguous, 409), (errors.FileTooLarge, 413),
        (errors.UnsupportedFormat, 415), (errors.ReadError, 422), (errors.GraphUnavailable, 503),
        (errors.GraphAuthError, 503), (errors.SchemaNotApplied, 503), (errors.GraphTimeout, 504),
        (errors.ConfigError, 503),
    ]
    for cls, status in table:
        if isinstance(exc, cls):
            return status
    return 500


def _validation_detail(exc: RequestValidationError) -> list[dict[str, Any]]:
    # keep location, message and type only: the raw input may be large or hold secrets
    return [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()]


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.detail, request, exc.headers, **exc.extra)

    @app.exception_handler(errors.DanchieuError)
    async def _ours(request: Request, exc: errors.DanchieuError) -> JSONResponse:
        status = status_for(exc)
        headers = {"Retry-After": str(RETRY_AFTER_S)} if status == 503 else None
        extra: dict[str, Any] = {}
        if isinstance(exc, errors.Ambiguous):
            extra["candidates"] = exc.candidates
        if status == 500:
            log.error("graph error on %s: %s", request.url.path, exc)
            return problem_response(500, "the request could not be completed", request)
        return problem_response(status, str(exc), request, headers, **extra)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(422, "some parameters are missing or invalid", request,
                                errors=_validation_detail(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, ("", "Error"))[1]
        return problem_response(exc.status_code, detail, request, dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return problem_response(500, "the request could not be completed", request)
