"""Exact entity matches of a whole search query, ranked above every full-text hit.

- **Agencies by abbreviation or issuer code.** Every code that stands after the type in a document
  number ("116/2025/TT-BTC", "…/QĐ-BYT", "…/TB-VPCP") names its issuer. Two sources say which agency
  a code is: the gazetteer (abbreviations, and the issuer codes of ``ingest/data/codes/issuers.yaml``)
  and the graph itself (the agencies that ``ISSUED`` documents numbered with that code) — so a code
  that no data file lists still finds its agency. When neither gives one agency (e.g. "UBND": every
  province's committee), every candidate is returned marked ``ambiguous``: never a guess.
- **Provinces by alias**: "TP HCM", "HN", "ĐN", "tinh bac giang" (``province_by_alias``).

Both fold diacritics and case: "btc", "BGDDT" and "BGDĐT" are the same code.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from danchieu.graph import aio as db
from danchieu.graph.driver import AsyncDriver
from danchieu.ingest.entities.gazetteer import all_agencies
from danchieu.ingest.entities.provinces import province_by_alias
from danchieu.ingest.textutil import fold

from danchieu.config import Settings

# An issuer code is one word of 2–12 letters (digits allowed after the first: "QH15" is a term, not
# an agency, and a number alone is never a code).
_CODE = re.compile(r"^[a-z][a-z0-9]{1,11}$")
# The documents read to learn what a code stands for: enough to see every issuer of a code.
SAMPLE = 500
# One agency issued at least this share of the documents carrying the code: it is that agency.
DOMINANT = 0.8
MAX_CANDIDATES = 12


@dataclass(frozen=True, slots=True)
class ExactHit:
    kind: str  # "agency" | "province"
    key: str
    name: str | None
    match: str  # "exact" | "ambiguous"
    weight: float = 0.0  # orders several candidates: documents issued with the code


def code_form(text: str) -> str:
    """``"BGDĐT"``, ``"bgddt"``, ``" BYT "`` → ``"bgddt"``, ``"byt"``: the folded code of a one-word
    query, or ``""`` ("Bộ Tài chính" is a name, not a code)."""
    folded = fold(text).strip()
    return folded if _CODE.match(folded) else ""


@lru_cache(maxsize=1)
def _gazetteer_codes() -> dict[str, tuple[str, ...]]:
    """Folded abbreviation or issuer code → the agency keys the gazetteer gives it."""
    out: dict[str, list[str]] = {}
    for rec in all_agencies():
        for code in (*rec.abbreviations, *rec.codes):
            form = code_form(code)
            if form and rec.key not in out.setdefault(form, []):
                out[form].append(rec.key)
    return {k: tuple(v) for k, v in out.items()}


async def _agencies(driver: AsyncDriver, settings: Settings, code: str) -> list[ExactHit]:
    rows = await db.read(driver, settings, "api/agencies_by_issuer_code", lucene=f"number:{code}", sample=SAMPLE)
    issued: Counter[str] = Counter()
    names: dict[str, str | None] = {}
    for r in rows:
        if code_form(r["code"] or "") == code:
            issued[r["key"]] += r["documents"]
            names[r["key"]] = r["name"]
    known = [k for k in _gazetteer_codes().get(code, ())]
    if known:
        present = {r["key"]: r for r in await db.read(driver, settings, "api/entities_by_keys", keys=known)}
        for key, r in present.items():
            names.setdefault(key, r["name"])
        known = [k for k in known if k in present]
    if len(known) == 1:  # the gazetteer's reading, when the agency is in the graph
        return [ExactHit("agency", known[0], names.get(known[0]), "exact", float(issued.get(known[0], 0)))]
    pool = Counter({k: issued.get(k, 0) for k in known}) if known else issued
    total = sum(pool.values())
    ranked = sorted(pool.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) == 1 or (ranked and total and ranked[0][1] >= DOMINANT * total):
        key, n = ranked[0]
        return [ExactHit("agency", key, names.get(key), "exact", float(n))]
    return [ExactHit("agency", k, names.get(k), "ambiguous", float(n)) for k, n in ranked[:MAX_CANDIDATES]]


async def exact_entities(driver: AsyncDriver, settings: Settings, query: str, kind: str | None) -> list[ExactHit]:
    """The agencies and provinces a whole query names exactly (see the module's docstring)."""
    hits: list[ExactHit] = []
    if kind in (None, "agency"):
        code = code_form(query)
        if code:
            hits += await _agencies(driver, settings, code)
    if kind in (None, "province"):
        rec = province_by_alias(query)
        if rec is not None:
            found = await db.read(driver, settings, "api/entities_by_keys", keys=[rec.key])
            if found:
                hits.append(ExactHit("province", rec.key, found[0]["name"], "exact"))
    return hits
