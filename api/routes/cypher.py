"""``POST /v1/cypher``: read-only Cypher for power users (API key required).

Runs in a READ transaction (the server refuses any write), with the configured time limit and at
most ``DANCHIEU_CYPHER_ROW_CAP`` rows. The user's text is the query; values go in ``params``.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ApiKeyDep, DriverDep, SettingsDep
from api.models import CypherIn, CypherOut
from api.problems import Problem
from danchieu.errors import QueryRefused
from graph import aio as db

router = APIRouter(tags=["cypher"])


@router.post("/cypher", response_model=CypherOut, responses={401: {}, 403: {}, 504: {}})
async def run_cypher(body: CypherIn, _key: ApiKeyDep, driver: DriverDep, settings: SettingsDep) -> CypherOut:
    cap = min(body.limit or settings.cypher_row_cap, settings.cypher_row_cap)
    try:
        timeout = min(body.timeout_s or settings.query_timeout_s, settings.query_timeout_s)
        rows, truncated = await db.read_text(driver, settings, body.query, body.params, row_cap=cap, timeout=timeout)
    except QueryRefused as exc:
        # syntax errors, writes refused in the READ transaction, unknown procedures, bad parameters
        raise Problem(400, str(exc)) from exc
    columns = list(rows[0].keys()) if rows else []
    return CypherOut(columns=columns, rows=rows, truncated=truncated)
