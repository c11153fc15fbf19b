"""BASELINE — the citation check as it was on ``main`` before issue 17 (``api/routes/check.py`` at
commit 1461cf3), copied here unchanged in its logic so that ``bench/check.py`` can measure today's
code and the new one in the same run. Not used by the service.

Differences from the copy on main: the route's body is a plain async function taking the driver
and settings, and it returns plain dicts.
"""

from __future__ import annotations

import re
from typing import Any

from danchieu.api.resolver import key_spelling
from danchieu.graph import aio as db
from danchieu.ingest.models import Citation
from danchieu.ingest.textutil import fold


def _extract(text: str) -> list[Citation]:
    from danchieu.ingest.pipeline import extract_text

    return extract_text(text, source="<check>").citations


# after a cited number: an optional date, then "của <issuer>" up to the next clause
_WRITTEN_ISSUER = re.compile(
    r"^\s*(?:ngày\s+[\d/.\-]+|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})?\s*,?\s*của\s+"
    r"(?P<issuer>[^,;.\n()]+?)(?=\s+(?:về|quy định|hướng dẫn|ban hành|nhằm|và|đã|thì|để)\b|[,;.\n()]|$)",
    re.IGNORECASE)


def written_issuer(text: str, mention_end: int) -> str | None:
    m = _WRITTEN_ISSUER.match(text[mention_end: mention_end + 200])
    return m.group("issuer").strip() if m else None


def compare(citation: Citation, record: dict[str, Any], issuer: str | None = None) -> list[dict[str, Any]]:
    checks = [{"field": "number", "agrees": key_spelling(citation.number) == key_spelling(record.get("number") or "")}]
    if citation.date and record.get("date"):
        checks.append({"field": "date", "agrees": citation.date == record["date"]})
    issuer = issuer or citation.issuer
    if issuer and record.get("issuer"):
        checks.append({"field": "issuer", "agrees": fold(issuer) == fold(record["issuer"])})
    if citation.type and record.get("type"):
        checks.append({"field": "type", "agrees": fold(citation.type) == fold(record["type"])})
    return checks


async def check_citation(driver: Any, settings: Any, citation: Citation, text: str) -> dict[str, Any]:
    number = key_spelling(citation.number)
    rows = await db.read(driver, settings, "api/resolve_key_prefix", prefixes=[f"{number}@"], limit=20)
    if citation.year is not None:
        rows = [r for r in rows if r.get("year") in (citation.year, None)] or rows
    real = [r for r in rows if not r.get("placeholder")]
    if not rows:
        return {"status": "not_found", "citator": []}
    if len(real) > 1:
        return {"status": "ambiguous", "citator": []}
    record = real[0] if real else rows[0]
    issuers = {w for m in citation.mentions if (w := written_issuer(text, m.end))}
    checks = compare(citation, record, min(issuers) if issuers else None)
    agrees = all(c["agrees"] for c in checks)
    status = "mismatch" if not agrees else ("verified" if real else "unverified")
    return {"status": status, "citator": [], "checks": checks}


async def baseline_check(driver: Any, settings: Any, text: str) -> list[dict[str, Any]]:
    """The old ``POST /v1/check``: one extraction, then one query per cited document."""
    return [await check_citation(driver, settings, c, text) for c in _extract(text)]
