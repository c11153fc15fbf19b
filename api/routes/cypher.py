"""``POST /v1/cypher``: read-only Cypher for power users (API key required).

Read-only by construction (issue 14 item 6): it connects as a dedicated Neo4j user, not the admin;
the query's text and its ``EXPLAIN`` plan are checked first (:mod:`danchieu.graph.readonly`: reads only, no
``LOAD CSV``, ``SHOW``/``TERMINATE``, administration or procedures off the allow-list, no huge
``range()``); it runs in a READ transaction with the configured time limit (ended on the server
when it passes), at most ``DANCHIEU_CYPHER_ROW_CAP`` rows and ``DANCHIEU_CYPHER_MAX_BYTES`` bytes.
The user's text is the query; values go in ``params``.
"""

from __future__ import annotations

from danchieu.api.deps import ApiKeyDep, DriverDep, ReaderDep, SettingsDep
from danchieu.api.models import CypherIn, CypherOut
from danchieu.api.problems import Problem
from danchieu.graph import aio as db
from fastapi import APIRouter

from danchieu.errors import QueryRefused

router = APIRouter(tags=["cypher"])


@router.post("/cypher", response_model=CypherOut, responses={401: {}, 403: {}, 504: {}})
async def run_cypher(body: CypherIn, _key: ApiKeyDep, reader: ReaderDep, driver: DriverDep,
                     settings: SettingsDep) -> CypherOut:
    cap = min(body.limit or settings.cypher_row_cap, settings.cypher_row_cap)
    try:
        timeout = min(body.timeout_s or settings.query_timeout_s, settings.query_timeout_s)
        rows, truncated = await db.read_text(reader, settings, body.query, body.params, row_cap=cap, timeout=timeout,
                                             admin=driver)
    except QueryRefused as exc:
        # refused by the checks, syntax errors, writes refused in the READ transaction, bad parameters
        raise Problem(400, str(exc)) from exc
    columns = list(rows[0].keys()) if rows else []
    return CypherOut(columns=columns, rows=rows, truncated=truncated)
