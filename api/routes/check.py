"""Citation check: POST a text, get back each document it cites, whether that document is in the
graph, and whether the number, date, issuer and type written agree with the record — a guard
against wrong or invented citations.

Citations are found by the project's own extractor (:func:`ingest.pipeline.extract_text`), run in a
worker thread so the event loop keeps serving.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import DriverDep, SettingsDep
from api.models import Candidate, CheckedCitation, CheckIn, CheckOut, EvidenceOut, FieldCheck
from api.problems import Problem
from api.resolver import key_spelling
from danchieu.config import Settings
from graph import aio as db
from ingest.models import Citation
from ingest.textutil import fold

router = APIRouter(tags=["check"])
MAX_CHECK_CHARS = 200_000


def _extract(text: str) -> list[Citation]:
    from ingest.pipeline import extract_text

    return extract_text(text, source="<check>").citations


# after a cited number: an optional date, then "của <issuer>" up to the next clause
_WRITTEN_ISSUER = re.compile(
    r"^\s*(?:ngày\s+[\d/.\-]+|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})?\s*,?\s*của\s+"
    r"(?P<issuer>[^,;.\n()]+?)(?=\s+(?:về|quy định|hướng dẫn|ban hành|nhằm|và|đã|thì|để)\b|[,;.\n()]|$)",
    re.IGNORECASE)


def written_issuer(text: str, mention_end: int) -> str | None:
    """The issuer the text itself names after a citation: "… 128/NQ-CP ngày 11/10/2021 của Quốc hội
    về …" → "Quốc hội" (the extractor may instead infer it from the number's code)."""
    m = _WRITTEN_ISSUER.match(text[mention_end: mention_end + 200])
    return m.group("issuer").strip() if m else None


def compare(citation: Citation, record: dict[str, Any], issuer: str | None = None) -> list[FieldCheck]:
    """Field-by-field agreement between what the text says and the graph's record (fields the text
    does not give are not checked). ``issuer`` is the issuer as written, when the text names one."""
    checks = [FieldCheck(field="number", cited=citation.number, record=record.get("number"),
                         agrees=key_spelling(citation.number) == key_spelling(record.get("number") or ""))]
    if citation.date and record.get("date"):
        checks.append(FieldCheck(field="date", cited=citation.date, record=record["date"],
                                 agrees=citation.date == record["date"]))
    issuer = issuer or citation.issuer
    if issuer and record.get("issuer"):
        checks.append(FieldCheck(field="issuer", cited=issuer, record=record["issuer"],
                                 agrees=fold(issuer) == fold(record["issuer"])))
    if citation.type and record.get("type"):
        checks.append(FieldCheck(field="type", cited=citation.type, record=record["type"],
                                 agrees=fold(citation.type) == fold(record["type"])))
    return checks


def _candidate(row: dict[str, Any]) -> Candidate:
    fields: dict[str, Any] = {k: row.get(k) for k in ("key", "name", "number", "type", "issuer", "date")}
    return Candidate.model_validate(fields | {"placeholder": bool(row.get("placeholder"))})


async def check_citation(driver: Any, settings: Settings, citation: Citation, text: str) -> CheckedCitation:
    number = key_spelling(citation.number)
    rows = await db.read(driver, settings, "api/resolve_key_prefix", prefixes=[f"{number}@"], limit=20)
    if citation.year is not None:
        rows = [r for r in rows if r.get("year") in (citation.year, None)] or rows
    real = [r for r in rows if not r.get("placeholder")]
    ev = [EvidenceOut(start=m.start, end=m.end, text=m.text, sentence=m.sentence) for m in citation.mentions]
    base: dict[str, Any] = {"number": citation.number,
                            "cited_as": citation.mentions[0].text if citation.mentions else None,
                            "evidence": ev}
    if not rows:
        return CheckedCitation.model_validate(base | {"status": "not_found"})
    if len(real) > 1:
        return CheckedCitation.model_validate(base | {"status": "ambiguous",
                                                      "candidates": [_candidate(r) for r in real]})
    # A document only known as cited by others (placeholder) still carries what those citations
    # printed (date, issuer): a detail that contradicts it is a mismatch, agreement stays unverified.
    record = real[0] if real else rows[0]
    issuers = {w for m in citation.mentions if (w := written_issuer(text, m.end))}
    # several mentions naming different issuers: check the first as written, the others show in evidence
    checks = compare(citation, record, min(issuers) if issuers else None)
    agrees = all(c.agrees for c in checks)
    status = "mismatch" if not agrees else ("verified" if real else "unverified")
    return CheckedCitation.model_validate(base | {"status": status, "key": record["key"],
                                                  "record": _candidate(record), "checks": checks})


@router.post("/check", response_model=CheckOut)
async def check(body: CheckIn, driver: DriverDep, settings: SettingsDep) -> CheckOut:
    """Each document the text cites: ``verified`` (in the graph, every given detail agrees),
    ``mismatch`` (in the graph, a detail differs — see ``checks``), ``unverified`` (only known as
    cited by other documents), ``ambiguous`` or ``not_found`` (possibly invented)."""
    if len(body.text) > MAX_CHECK_CHARS:
        raise Problem(413, f"the text is longer than {MAX_CHECK_CHARS} characters")
    citations = await run_in_threadpool(_extract, body.text)
    results = [await check_citation(driver, settings, c, body.text) for c in citations]
    summary: dict[str, int] = {}
    for r in results:
        summary[r.status] = summary.get(r.status, 0) + 1
    return CheckOut(citations=results, summary=summary)
