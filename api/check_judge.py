"""The judging half of the citation check: what a draft prints about a cited document against what
the graph holds, field by field, with a status and a reason (no I/O: the rows come from one query,
``queries/api/check_lookup.cypher``).

Statuses, as citation checkers report them (found / ambiguous / not found, and partial
verification said explicitly rather than true/false):

* ``verified`` — a document held in full, every printed field agrees;
* ``mismatch`` — a printed field differs (which one, and what the record says);
* ``partially_verified`` — the graph only holds what other documents printed about it (a
  placeholder): nothing contradicts it, and each field says how many of those sources agree;
* ``ambiguous`` — several documents fit (the candidates);
* ``not_found`` — no document under that number (possibly invented).

Citator flags: later documents that amend, replace, repeal or consolidate the cited one.
"""

from __future__ import annotations

import re
from typing import Any

from danchieu.api.check_extract import Cited, Reading
from danchieu.api.models import Candidate, CheckedCitation, CheckOut, CitatorFlag, EvidenceOut, FieldCheck
from danchieu.api.resolver import key_spelling
from danchieu.ingest.citations import printed_after
from danchieu.ingest.issuer_names import canonical, same_issuer
from danchieu.ingest.textutil import fold

_NUMBER_YEAR = re.compile(r"/((?:19|20)\d\d)/")
NOT_IN_FORCE = ("thay thế", "bãi bỏ")
# A subject printed after "về …" names the record's subject when most of its word pairs are in the
# record's title (drafters shorten a title, they do not swap its words); calibrated on the gazette's
# own citations by bench/check.py.
TITLE_AGREEMENT = 0.5
_STOP = {"ve", "viec", "cua", "va", "cac", "nhung", "mot", "so", "doi", "voi", "tren", "dia", "ban", "trong"}


def _pairs(text: str) -> set[tuple[str, str]]:
    words = [w for w in fold(text).split() if w not in _STOP]
    return set(zip(words, words[1:])) or {(w, "") for w in words}


def title_agreement(cited: str, record: str) -> float:
    """Share of the cited subject's word pairs found in the record's title (0..1).

    >>> title_agreement("thích ứng an toàn", "Ban hành Quy định tạm thời thích ứng an toàn, linh hoạt")
    1.0
    """
    a, b = _pairs(cited), _pairs(record)
    return len(a & b) / len(a) if a else 1.0


def candidate(row: dict[str, Any]) -> Candidate:
    fields = {k: row.get(k) for k in ("key", "name", "number", "type", "issuer", "date")}
    return Candidate.model_validate(fields | {"placeholder": bool(row.get("placeholder"))})


def _source_values(row: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Dates and issuers the documents citing a placeholder printed after its number."""
    dates: list[str] = []
    issuers: list[str] = []
    for src in row.get("sources") or []:
        p = printed_after(src.get("after") or "", 0)
        if p.date:
            dates.append(p.date)
        if p.issuer:
            issuers.append(p.issuer)
    return dates, issuers


def _field(name: str, cited: str, record: str | None, agrees: bool, full: bool,
           sources: list[str] | None = None, same: Any = None) -> FieldCheck:
    """One field's verdict. For a placeholder with sources the verdict is theirs: mismatch when none
    of the sources that printed the field agrees, else partially verified by that many."""
    out: dict[str, Any] = {"field": name, "cited": cited, "record": record, "agrees": agrees}
    if full:
        out |= {"status": "verified" if agrees else "mismatch",
                "reason": None if agrees else f"the record says {record!r}"}
    elif sources:
        agreeing = sum(1 for v in sources if same(cited, v))
        out |= {"agrees": agreeing > 0, "status": "partially_verified" if agreeing else "mismatch",
                "sources": len(sources), "agreeing": agreeing,
                "reason": (f"{agreeing} of {len(sources)} documents citing it print the same" if agreeing
                           else f"{len(sources)} documents citing it print {sorted(set(sources))[0]!r}")}
    else:  # the placeholder's own value, printed by the document that first cited it
        out |= {"status": "partially_verified" if agrees else "mismatch",
                "reason": ("agrees with what another document printed about it" if agrees
                           else f"another document printed {record!r}")}
    return FieldCheck.model_validate(out)


def compare(cited: Cited, record: dict[str, Any]) -> list[FieldCheck]:
    """Field-by-field agreement between what the text prints and the record (a field the text does
    not print is not checked; when it prints several values, a differing one is reported)."""
    full = not record.get("placeholder")
    number_ok = key_spelling(cited.number) == key_spelling(record.get("number") or "")
    checks = [FieldCheck.model_validate({"field": "number", "cited": cited.number, "record": record.get("number"),
                                         "agrees": number_ok, "status": "verified" if full else "partially_verified"})]
    src_dates, src_issuers = _source_values(record) if not full else ([], [])
    own_year = _NUMBER_YEAR.search(cited.number)
    odd = [d for d in cited.dates if own_year and d[:4] != own_year.group(1)]
    if odd:  # "167/2025/NĐ-CP ngày 15/05/2026": the number's year and the date's contradict each other
        checks.append(FieldCheck.model_validate({
            "field": "date", "cited": odd[0], "record": record.get("date"), "agrees": False, "status": "mismatch",
            "reason": f"the number says {own_year.group(1)}, the date {odd[0][:4]}"}))  # type: ignore[union-attr]
    elif cited.dates and (record.get("date") or src_dates):
        rec = record.get("date")
        date = next((d for d in cited.dates if d != rec), cited.dates[0])
        checks.append(_field("date", date, rec, date == rec, full, src_dates, lambda a, b: a == b))
    if cited.issuers and (record.get("issuer") or src_issuers):
        rec = record.get("issuer")
        issuer = next((i for i in cited.issuers if not same_issuer(i, rec)), cited.issuers[0])
        checks.append(_field("issuer", canonical(issuer) or issuer, rec, same_issuer(issuer, rec), full,
                             src_issuers, same_issuer))
    if cited.type and record.get("type"):
        ok = fold(cited.type) == fold(record["type"])
        checks.append(_field("type", cited.type, record["type"], ok, full))
    if cited.titles and record.get("title") and full:
        scores = [(title_agreement(t, record["title"]), t) for t in cited.titles]
        score, title = min(scores)
        ok = score >= TITLE_AGREEMENT
        check = _field("title", title, record["title"], ok, full)
        if not ok:
            check.reason = f"the record's subject is {record['title']!r}: another document's subject?"
        checks.append(check)
    return checks


def citator(record: dict[str, Any]) -> list[CitatorFlag]:
    return [CitatorFlag(kind=f["kind"], key=f["key"], name=f.get("name"), type=f.get("type"), date=f.get("date"),
                        in_force=f["kind"] not in NOT_IN_FORCE) for f in record.get("citator") or []]


def _reason(status: str, checks: list[FieldCheck], record: dict[str, Any], flags: list[CitatorFlag]) -> str:
    if status == "mismatch":
        bad = [c for c in checks if not c.agrees]
        why = "; ".join(f"{c.field}: {c.reason or 'differs'}" for c in bad)
        text = f"{', '.join(c.field for c in bad)} differ{'s' if len(bad) == 1 else ''} from the record ({why})"
    elif status == "verified":
        text = "held in full; every printed detail agrees"
    else:
        n = record.get("cited_by") or 0
        text = (f"not held in full: known from {n} document{'s' if n != 1 else ''} citing it; "
                "no printed detail contradicts them")
    gone = [f for f in flags if not f.in_force]
    if gone:
        f = gone[0]
        text += f"; {f.kind} by {f.name or f.key}" + (f" of {f.date}" if f.date else "")
    return text


def _pick(cited: Cited, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows the citation may mean, full documents first: by the printed year, then date."""
    if cited.year is not None:
        rows = [r for r in rows if r.get("year") in (cited.year, None)] or rows
    real = [r for r in rows if not r.get("placeholder")]
    if len(real) > 1 and cited.dates:
        dated = [r for r in real if r.get("date") in cited.dates]
        real = dated if len(dated) == 1 else real
    return rows, real


def judge(cited: Cited, rows: list[dict[str, Any]]) -> CheckedCitation:
    """The verdict on one cited document, given the documents under its number."""
    ev = [EvidenceOut(start=m.start, end=m.end, text=m.text, sentence=m.window) for m in cited.mentions]
    base: dict[str, Any] = {"number": cited.number, "cited_as": cited.mentions[0].text if cited.mentions else None,
                            "evidence": ev}
    rows, real = _pick(cited, rows)
    if not rows:
        return CheckedCitation.model_validate(base | {
            "status": "not_found",
            "reason": f"no document numbered {cited.number} in the graph: invented or mistyped?"})
    if len(real) > 1:
        return CheckedCitation.model_validate(base | {
            "status": "ambiguous", "candidates": [candidate(r) for r in real],
            "reason": f"{len(real)} documents are numbered {cited.number}: print the date or year"})
    record = real[0] if real else rows[0]
    checks = compare(cited, record)
    flags = citator(record)
    agrees = all(c.agrees for c in checks)
    status = "mismatch" if not agrees else ("verified" if real else "partially_verified")
    return CheckedCitation.model_validate(base | {
        "status": status, "key": record["key"], "record": candidate(record), "checks": checks,
        "citator": flags, "reason": _reason(status, checks, record, flags)})


def summary(results: list[CheckedCitation]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in results:
        out[r.status] = out.get(r.status, 0) + 1
    return out


def judge_all(reading: Reading, found: dict[str, list[dict[str, Any]]]) -> list[CheckedCitation]:
    """Every cited document of ``reading``, judged against the rows found under its number
    (``{"128/NQ-CP@": [row, …]}``, as `danchieu.api.check_work.lookup` returns them)."""
    return [judge(c, found.get(f"{key_spelling(c.number)}@", [])) for c in reading.cited]


def answer(reading: Reading, found: dict[str, list[dict[str, Any]]]) -> bytes:
    """The whole ``/v1/check`` answer as JSON bytes — the very bytes FastAPI writes for a ``CheckOut``
    (pydantic's serialiser, field aliases). Run in a reading process with the reading itself: judging
    a thousand citations and serialising their evidence is 0.1–0.3 s of CPU, which in the API process
    would hold the interpreter lock that its event loop (and ``/health``) needs."""
    results = judge_all(reading, found)
    out = CheckOut(citations=results, summary=summary(results), truncated=reading.truncated,
                   checked_chars=reading.checked_chars)
    return out.model_dump_json(by_alias=True).encode()
