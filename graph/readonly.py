"""What ``POST /v1/cypher`` may run: read-only by construction, not by the transaction mode alone.

Neo4j Community has no fine-grained roles (every user may administer the server), so a query is
checked before it runs (issue 14 item 6):

1. by its text, for what a plan cannot show: ``range()`` calls whose lists would be huge (the
   memory tracker does not count a list comprehension: ``[x IN range(1,30000000) | toString(x)]``
   took the JVM down; ``UNWIND range(…)`` streams and is left to the time limit), and
   ``replace()`` nested deep enough to grow a string exponentially;
2. by its plan (``EXPLAIN``, which runs nothing): the query must be of type read (``r``), every
   operator must be a read operator (no ``LoadCSV``, ``Show…``, ``Terminate…``, administration
   commands or writes) and every procedure must be on :data:`ALLOWED_PROCEDURES`.

    check_text("WITH [x IN range(1,30000000) | toString(x)] AS l RETURN size(l)", {})  # QueryRefused
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from danchieu.errors import QueryRefused

# Procedures a reader may call: schema introspection and the full-text indexes.
ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
})
# Operators that read nothing of the graph's data but act on the server, or that write.
_DENIED_OPERATOR = re.compile(
    r"LoadCSV|^Show|Terminate|Administration|Command|Create|Delete|Merge|^Set|Remove|Foreach|"
    r"TransactionApply|TransactionForeach|LockNodes|EmptyResult", re.IGNORECASE)
# The largest list all range() calls of one query may build together (their product: nested ones multiply).
MAX_RANGE_ELEMENTS = 1_000_000
MAX_REPLACE_CALLS = 4

_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_RANGE = re.compile(r"(?i)(?<![\w.$])`?range`?\s*\(")
_UNWOUND = re.compile(r"(?i)\bUNWIND\s*$")
_REPLACE = re.compile(r"(?i)(?<![\w.$])`?replace`?\s*\(")
_INT = re.compile(r"\s*(-?\d+)\s*")
_PARAM = re.compile(r"\s*\$`?(\w+)`?\s*")


def _code(text: str) -> str:
    """The query without comments and string literals (their words are no clauses or calls)."""
    return _STRING.sub("''", _COMMENT.sub(" ", text))


def _arguments(code: str, open_paren: int) -> list[str] | None:
    """The top-level arguments of the call whose "(" is at ``open_paren``, or None if unbalanced."""
    depth, start, args = 0, open_paren + 1, []
    for i in range(open_paren, len(code)):
        ch = code[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                args.append(code[start:i])
                return args
        elif ch == "," and depth == 1:
            args.append(code[start:i])
            start = i + 1
    return None


def _integer(arg: str, params: dict[str, Any]) -> int | None:
    m = _INT.fullmatch(arg)
    if m:
        return int(m.group(1))
    p = _PARAM.fullmatch(arg)
    if p and isinstance(params.get(p.group(1)), int) and not isinstance(params.get(p.group(1)), bool):
        return int(params[p.group(1)])
    return None


def check_text(text: str, params: dict[str, Any]) -> None:
    """Refuse what the plan cannot show: lists and strings that would not fit in the server's memory."""
    code = _code(text)
    total = 1
    for m in _RANGE.finditer(code):
        if _UNWOUND.search(code, 0, m.start()):
            continue  # UNWIND range(…) streams its numbers (the time limit bounds it): no list is built
        args = _arguments(code, m.end() - 1)
        values = [_integer(a, params) for a in args] if args else None
        if not values or len(values) not in (2, 3) or any(v is None for v in values):
            raise QueryRefused("refused: range() needs literal integer bounds (or integer parameters) on this endpoint")
        start, end = values[0], values[1]
        step = values[2] if len(values) == 3 else 1
        if step == 0:
            raise QueryRefused("refused: range() with a step of 0 never ends")
        total *= max(0, (end - start) // step + 1)  # type: ignore[operator]
        if total > MAX_RANGE_ELEMENTS:
            raise QueryRefused(f"refused: range() would build more than {MAX_RANGE_ELEMENTS:,} elements; narrow it")
    if len(_REPLACE.findall(code)) > MAX_REPLACE_CALLS:
        raise QueryRefused(f"refused: more than {MAX_REPLACE_CALLS} replace() calls in one query")


def _operators(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("children", []) or []:
        yield from _operators(child)


def check_plan(query_type: str | None, plan: dict[str, Any] | None) -> None:
    """Refuse a plan that writes, administers, loads files or URLs, or calls a procedure not allowed."""
    if query_type != "r" or plan is None:
        kind = {"w": "writes", "rw": "writes", "s": "changes the schema or administers the server"}
        what = kind.get(query_type or "", "is not a read")
        raise QueryRefused(f"refused: only read queries run here; this one {what}")
    for op in _operators(plan):
        name, _, database = str(op.get("operatorType", "")).partition("@")
        if database == "system":  # users, roles, databases: administration
            raise QueryRefused("refused: administration commands are not allowed on the read-only endpoint")
        if name == "ProcedureCall":
            details = str((op.get("args") or {}).get("Details", ""))
            proc = details.split("(", 1)[0].strip()
            if proc not in ALLOWED_PROCEDURES:
                raise QueryRefused(f"refused: the procedure {proc or '?'} is not allowed here; allowed: "
                                   f"{', '.join(sorted(ALLOWED_PROCEDURES))}")
        elif _DENIED_OPERATOR.search(name):
            raise QueryRefused(f"refused: {name} is not allowed on the read-only endpoint")

