"""Citation check against injected errors, beside the baseline (main's check), in one run.

    .venv/bin/python bench/check.py [--per-kind N] [--seed S] [--out bench/results/check.txt]

Needs a graph with documents held in full (``danchieu ingest /work/shared/corpus/gazette``; the
settings come from the environment / ``.env`` like every command). From the graph's own full
documents it builds one citation sentence per case, as a drafter writes them:

    Căn cứ Thông tư số 01/2025/TT-BLĐTBXH ngày 10 tháng 01 năm 2025 của Bộ Lao động - Thương binh
    và Xã hội về quy định mức điều chỉnh tiền lương …;

* ``correct`` — number, date, issuer, type and subject as the record holds them (documents the graph
  knows to be replaced or repealed are left out: citing those is an error kind of its own);
* ``wrong_day``, ``wrong_month_year`` — the date changed;
* ``wrong_issuer`` — another body that issues documents in the graph;
* ``wrong_type`` — another document type;
* ``invented_number`` — an ordinal no document has;
* ``another_year`` — the year inside the number changed (a real number of another year, or none);
* ``wrong_subject`` — another document's subject (trích yếu) after "về";
* ``replaced`` — a document a later document replaced or repealed (sửa đổi is no alarm).

Each sentence goes through ``POST /v1/check`` of the real app (and through the baseline, a copy of
main's route in ``bench/check_baseline.py``). An *alarm* is a status other than verified /
partially_verified (unverified for the baseline), or a citator flag saying the document is no
longer in force. Prints, per error kind, recall (alarms / cases) and precision (alarms on the kind
/ those plus the false alarms on as many correct citations), the overall precision of alarms, and
the share of correct citations verified.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from danchieu.api.app import create_app  # noqa: E402
from danchieu.graph.driver import create_async_driver, create_driver  # noqa: E402
from danchieu.ingest.issuer_names import split_bodies  # noqa: E402
from danchieu.queries import load_query  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from bench.check_baseline import baseline_check  # noqa: E402
from danchieu.config import Settings  # noqa: E402

KINDS = ["correct", "wrong_day", "wrong_month_year", "wrong_issuer", "wrong_type", "invented_number",
         "another_year", "wrong_subject", "replaced"]
TYPES = ["Nghị định", "Thông tư", "Quyết định", "Nghị quyết", "Chỉ thị", "Luật"]
GONE_KINDS = ["thay thế", "bãi bỏ"]


def _iso(value: Any) -> str | None:
    return value.iso_format() if hasattr(value, "iso_format") else value


def load(settings: Settings) -> dict[str, Any]:
    driver = create_driver(settings)
    try:
        recs, _, _ = driver.execute_query(load_query("api/check_bench"), gone_kinds=GONE_KINDS,
                                          database_=settings.neo4j_database)
    finally:
        driver.close()
    row = dict(recs[0])
    for doc in row["full"] + row["gone"]:
        doc["date"] = _iso(doc["date"])
    return row


def usable(doc: dict[str, Any]) -> bool:
    """A record a drafter could cite right: a known issuer, a subject of reasonable length."""
    title = doc.get("title") or ""
    return bool(split_bodies(doc["issuer"])) and 10 <= len(title) <= 250 and "…" not in title and "..." not in title


def sentence(doc: dict[str, Any], style: int, *, number: str | None = None, day: str | None = None,
             issuer: str | None = None, type_: str | None = None, title: str | None = None) -> str:
    """"Căn cứ <type> số <number> ngày <date> của <issuer> về <subject>;" in one of four styles."""
    d = day if day is not None else doc.get("date")
    parts = [f"Căn cứ {type_ or doc['type']} số {number or doc['number']}"]
    if d:
        y, m, dd = d.split("-")
        parts.append(f"ngày {int(dd)} tháng {int(m)} năm {y}" if style % 2 else f"ngày {dd}/{m}/{y}")
    iss = issuer or doc.get("issuer")
    if iss:
        lead = "Bộ trưởng " if style % 4 == 3 and iss.startswith("Bộ ") else ""
        parts.append(f"của {lead}{iss}")
    subject = title if title is not None else doc.get("title")
    if subject:
        parts.append("về " + subject[0].lower() + subject[1:])
    return " ".join(parts) + ";"


def _shift_day(iso: str, rng: random.Random) -> str:
    d = date.fromisoformat(iso)
    for delta in rng.sample([1, 2, 3, -1, -2, -3], 6):
        nd = d + timedelta(days=delta)
        if nd.month == d.month:
            return nd.isoformat()
    return (d + timedelta(days=1)).isoformat()


def _shift_month_year(iso: str, style: int) -> str:
    d = date.fromisoformat(iso)
    if style % 2:
        return d.replace(year=d.year - 1, day=min(d.day, 28)).isoformat()
    return d.replace(month=d.month % 12 + 1, day=min(d.day, 28)).isoformat()


def _invented(number: str, keys: set[str], rng: random.Random) -> str:
    head, rest = number.split("/", 1) if "/" in number else number.split("-", 1)
    for _ in range(100):
        n = f"{rng.randint(900, 9899)}/{rest}"
        if not any(k.startswith(n.upper().replace("Đ", "D") + "@") for k in keys):
            return n
    return f"98765/{rest}"


def _another_year(number: str) -> str | None:
    m = re.match(r"^(\d+)/((?:19|20)\d\d)/(.+)$", number)
    return f"{m.group(1)}/{int(m.group(2)) - 1}/{m.group(3)}" if m else None


def build(data: dict[str, Any], per_kind: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    keys = set(data["keys"])
    pool = [d for d in data["full"] if usable(d) and not d["gone"]]
    rng.shuffle(pool)
    issuers = sorted({d["issuer"] for d in pool})
    cases: list[tuple[str, str]] = []
    picks = pool[:per_kind]
    for i, doc in enumerate(picks):
        cases.append(("correct", sentence(doc, i)))
        cases.append(("wrong_day", sentence(doc, i, day=_shift_day(doc["date"], rng))))
        cases.append(("wrong_month_year", sentence(doc, i, day=_shift_month_year(doc["date"], i))))
        others = [x for x in issuers if not set(split_bodies(x) or []) & set(split_bodies(doc["issuer"]) or [])]
        cases.append(("wrong_issuer", sentence(doc, i, issuer=rng.choice(others))))
        cases.append(("wrong_type", sentence(doc, i, type_=rng.choice([t for t in TYPES if t != doc["type"]]))))
        cases.append(("invented_number", sentence(doc, i, number=_invented(doc["number"], keys, rng))))
        other_year = _another_year(doc["number"])
        if other_year:
            cases.append(("another_year", sentence(doc, i, number=other_year)))
        same_issuer = [x for x in pool if x["issuer"] == doc["issuer"] and x["title"] != doc["title"]]
        other = rng.choice(same_issuer or [x for x in pool if x["title"] != doc["title"]])
        cases.append(("wrong_subject", sentence(doc, i, title=other["title"])))
    gone = [d for d in data["gone"] if d.get("number")]
    rng.shuffle(gone)
    for i, doc in enumerate(gone[:per_kind]):
        cases.append(("replaced", sentence(doc, i)))
    return cases


def alarm_new(result: dict[str, Any]) -> bool:
    gone = any(not f["in_force"] for f in result.get("citator") or [])
    return result["status"] not in ("verified", "partially_verified") or gone


def alarm_baseline(result: dict[str, Any]) -> bool:
    return result["status"] not in ("verified", "unverified")


def run_new(cases: list[tuple[str, str]], settings: Settings) -> list[dict[str, Any] | None]:
    out: list[dict[str, Any] | None] = []
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        for _, text in cases:
            r = client.post("/v1/check", json={"text": text})
            cits = r.json().get("citations", []) if r.status_code == 200 else []
            out.append(cits[0] if cits else None)
    return out


def run_baseline(cases: list[tuple[str, str]], settings: Settings) -> list[dict[str, Any] | None]:
    async def go() -> list[dict[str, Any] | None]:
        driver = create_async_driver(settings)
        try:
            res: list[dict[str, Any] | None] = []
            for _, text in cases:
                cits = await baseline_check(driver, settings, text)
                res.append(cits[0] if cits else None)
            return res
        finally:
            await driver.close()

    return asyncio.run(go())


def score(cases: list[tuple[str, str]], results: list[dict[str, Any] | None], alarm) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    by_kind: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    for (kind, _), res in zip(cases, results):
        c = by_kind[kind]
        c["n"] += 1
        if res is None:
            c["missed_citation"] += 1
            c["alarm"] += kind != "correct"  # nothing found to verify: the citation is not vouched for
            continue
        c["alarm"] += alarm(res)
        c["verified"] += res["status"] == "verified"
    false_alarms = by_kind["correct"]["alarm"]
    rows = {}
    for kind in KINDS:
        c = by_kind[kind]
        if kind == "correct" or not c["n"]:
            continue
        tp = c["alarm"]
        rows[kind] = {"n": c["n"], "recall": tp / c["n"], "precision": tp / (tp + false_alarms) if tp else 0.0}
    tp_all = sum(by_kind[k]["alarm"] for k in KINDS if k != "correct")
    n_correct = by_kind["correct"]["n"] or 1
    return {"kinds": rows, "precision": tp_all / (tp_all + false_alarms) if tp_all else 0.0,
            "verified": by_kind["correct"]["verified"] / n_correct, "false_alarms": false_alarms,
            "correct": by_kind["correct"]["n"]}


def report(base: dict[str, Any], new: dict[str, Any]) -> str:
    lines = [f"{'error kind':<18}{'n':>5}  {'recall base':>11} {'recall new':>10}  {'prec. base':>10} {'prec. new':>9}"]
    for kind, row in new["kinds"].items():
        b = base["kinds"].get(kind, {"recall": 0.0, "precision": 0.0})
        lines.append(f"{kind:<18}{row['n']:>5}  {b['recall']:>11.3f} {row['recall']:>10.3f}  "
                     f"{b['precision']:>10.3f} {row['precision']:>9.3f}")
    lines.append(f"{'all errors':<18}{'':>5}  {'':>11} {'':>10}  {base['precision']:>10.3f} {new['precision']:>9.3f}")
    lines.append(f"correct citations verified: base {base['verified']:.3f} ({base['false_alarms']} false alarms of "
                 f"{base['correct']}), new {new['verified']:.3f} ({new['false_alarms']} false alarms of "
                 f"{new['correct']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-kind", type=int, default=100, help="cases per error kind (default 100)")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--out", type=Path, default=None, help="also write the report (and the misses) here")
    ap.add_argument("--show-misses", action="store_true", help="print the cases the new check gets wrong")
    args = ap.parse_args(argv)
    settings = Settings()
    data = load(settings)
    cases = build(data, args.per_kind, args.seed)
    print(f"{len(data['full'])} documents held in full, {len(data['gone'])} replaced or repealed; "
          f"{len(cases)} cases", file=sys.stderr)
    new_results = run_new(cases, settings)
    base_results = run_baseline(cases, settings)
    text = report(score(cases, base_results, alarm_baseline), score(cases, new_results, alarm_new))
    misses = []
    for (kind, sent), res in zip(cases, new_results):
        wrong = (res is None or alarm_new(res)) if kind == "correct" else (res is not None and not alarm_new(res))
        if wrong or (kind == "correct" and res is not None and res["status"] != "verified"):
            misses.append(f"[{kind}] {sent}\n    → {res and res['status']}: {res and res.get('reason')}")
    print(text)
    if args.show_misses:
        print("\n".join(misses))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(f"$ .venv/bin/python bench/check.py --per-kind {args.per_kind} --seed {args.seed}\n"
                            f"{len(cases)} cases from {len(data['full'])} full documents\n\n{text}\n\n"
                            f"misses of the new check ({len(misses)}):\n" + "\n".join(misses) + "\n",
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
