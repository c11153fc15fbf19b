"""On every gazette document, every "Căn cứ …" clause yields its references.

An independent, deliberately plain pattern counts the numbers written in each clause
(``123/2020/NĐ-CP``, ``25-CT/TW``, ``1234/BYT-MT``); the extractor must find a citation mention on each
of them. Differences are printed (``pytest -s``) so that a reviewer sees which forms are missed. The
documents come from the session's one extraction of the gazette (``gazette_extraction``), made as
``danchieu ingest`` makes it.
"""

from __future__ import annotations

import re

import pytest
from danchieu.ingest.keys import slug

from tests.conftest import shared

# A "Căn cứ" clause runs from the words at the start of a line to the ";" or final "." that ends it.
CLAUSE = re.compile(r"(?m)^[ \t*_]*Căn\s+cứ\b(?:[^;]|\n)*?(?:;|\.[ \t]*$|\n[ \t]*\n|\Z)")
# Plain on purpose: digits, optional year, then capital letters joined by "/" or "-".
# The one deliberate difference: technical standards and procedures ("QCVN 01:2008/BLĐTBXH",
# "QTKĐ: 06-2021/BLĐTBXH") have numbers but are not documents of the citation graph.
STANDARD_BEFORE = re.compile(r"(?:QCVN|TCVN|QTKĐ)[\s:\d\-]*\Z")
NUMBER = re.compile(r"(?<![\w/.:])\d{1,5}\s?[/-](?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:[/-][A-ZĐ][A-Za-zĐđ0-9]*)*")


# A law cited by name: head word and a capitalised word ("Luật Đầu tư", "Bộ luật Lao động").
LAW = re.compile(r"(?<!\w)(?:Bộ luật|Luật|Pháp lệnh)\s+(?=[A-ZĐ])")


@pytest.mark.slow
@pytest.mark.timeout(3600)  # the session's extraction of the gazette: ~5 min on 2 free cores, over 10 loaded
def test_every_can_cu_clause_yields_its_references(gazette_extraction) -> None:
    clauses = expected = missed_total = laws = laws_missed = 0
    report: list[str] = []
    items = gazette_extraction.under(shared("corpus", "gazette"))
    assert len(items) == len(list(shared("corpus", "gazette").rglob("*.txt")))
    for item in items:
        path, doc = item.path, item.doc
        if item.error is not None:  # refused (a page of a signature only): it must hide no clause
            text = path.read_text(encoding="utf-8")
            assert not CLAUSE.search(text), f"{path} was refused ({item.error}) but has a 'Căn cứ' clause"
            continue
        spans = sorted((m.start, m.end) for c in doc.citations for m in c.mentions)
        law_starts = {m.start for r in doc.named_references for m in r.mentions}
        # The gazette names each file after its own number ("thong-tu-so-18-2023-tt-bldtbxh-41360"):
        # that number in an annex form ("Căn cứ Thông tư số 18/2023/TT-BLĐTBXH …") is not a citation.
        own_slug = path.stem
        for clause in CLAUSE.finditer(doc.text):
            clauses += 1
            for n in NUMBER.finditer(clause.group(0)):
                if f"-so-{slug(n.group(0))}-" in own_slug:
                    continue
                if STANDARD_BEFORE.search(clause.group(0)[max(0, n.start() - 16):n.start()]):
                    continue
                expected += 1
                pos = clause.start() + n.start()
                if not any(a <= pos < b for a, b in spans):
                    missed_total += 1
                    report.append(f"{path.parent.name}/{path.name}: missed {n.group(0)!r} in "
                                  f"{' '.join(clause.group(0).split())[:160]!r}")
            for law in LAW.finditer(clause.group(0)):
                laws += 1
                pos = clause.start() + law.start()
                if pos not in law_starts:
                    laws_missed += 1
                    report.append(f"{path.parent.name}/{path.name}: missed law at "
                                  f"{' '.join(doc.text[pos:pos + 60].split())!r}")
    print(f"\n{clauses} 'Căn cứ' clause(s), {expected} number(s) by the plain pattern, {missed_total} missed; "
          f"{laws} law name(s), {laws_missed} missed")
    for line in report[:50]:
        print("  " + line)
    assert clauses > 1000
    assert missed_total == 0, f"{missed_total} of {expected} numbers in 'Căn cứ' clauses missed; see output"
    assert laws_missed == 0, f"{laws_missed} of {laws} law names in 'Căn cứ' clauses missed; see output"
