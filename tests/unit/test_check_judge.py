"""The citation check's verdicts, table-driven on rows shaped like the lookup query's (no database:
the API tests run the same on real Neo4j)."""

from __future__ import annotations

import pytest
from danchieu.api.check_extract import read_citations, window
from danchieu.api.check_judge import judge

FULL = {"key": "15/2021/TT-BKHDT@2021", "number": "15/2021/TT-BKHĐT", "type": "Thông tư", "date": "2021-03-05",
        "issuer": "Bộ Kế hoạch và Đầu tư", "year": 2021, "title": "Hướng dẫn lập kế hoạch đầu tư công trung hạn",
        "placeholder": False, "citator": [], "sources": [], "cited_by": 3}
PLACEHOLDER = FULL | {"placeholder": True, "title": None, "cited_by": 2,
                      "sources": [{"key": "a", "after": " ngày 05/3/2021 của Bộ Kế hoạch và Đầu tư về"},
                                  {"key": "b", "after": " ngày 05/3/2021 của Bộ Kế hoạch và Đầu tư;"}]}
TWIN = FULL | {"key": "15/2021/TT-BKHDT@2021b", "date": "2021-09-09"}
REPLACED = FULL | {"citator": [{"kind": "thay thế", "key": "7/2023/TT-BKHDT@2023", "name": "Thông tư 7/2023/TT-BKHĐT",
                                "type": "Thông tư", "date": "2023-01-01"}]}
CITE = "Căn cứ Thông tư số 15/2021/TT-BKHĐT ngày {d} của {i} về {t};"

# (date, issuer, subject printed, rows under the number, status, fields that disagree)
CASES = [
    ("05/3/2021", "Bộ Kế hoạch và Đầu tư", "hướng dẫn lập kế hoạch đầu tư công", [FULL], "verified", []),
    ("06/3/2021", "Bộ Kế hoạch và Đầu tư", "hướng dẫn lập kế hoạch đầu tư công", [FULL], "mismatch", ["date"]),
    ("05/3/2021", "Bộ Tài chính", "hướng dẫn lập kế hoạch đầu tư công", [FULL], "mismatch", ["issuer"]),
    ("05/3/2021", "Bộ Kế hoạch và Đầu tư", "chế độ tiền lương của viên chức", [FULL], "mismatch", ["title"]),
    ("05/3/2021", "Bộ Kế hoạch và Đầu tư", "đầu tư công", [PLACEHOLDER], "partially_verified", []),
    ("07/3/2021", "Bộ Kế hoạch và Đầu tư", "đầu tư công", [PLACEHOLDER], "mismatch", ["date"]),
    ("05/3/2021", "Bộ Kế hoạch và Đầu tư", "đầu tư công", [], "not_found", []),
    ("05/3/2021", "Bộ Kế hoạch và Đầu tư", "đầu tư công", [FULL, TWIN], "verified", []),  # the date picks one
    ("01/01/2021", "Bộ Kế hoạch và Đầu tư", "đầu tư công", [FULL, TWIN], "ambiguous", []),
    ("05/3/2021", "Bộ Kế hoạch và Đầu tư", "hướng dẫn lập kế hoạch đầu tư công", [REPLACED], "verified", []),
    # the number's year and the printed date's contradict each other, whatever the graph holds
    ("05/3/2022", "Bộ Kế hoạch và Đầu tư", "đầu tư công", [PLACEHOLDER | {"sources": []}], "mismatch", ["date"]),
]


@pytest.mark.parametrize("d,issuer,subject,rows,status,disagree", CASES)
def test_each_status_with_the_fields_that_disagree(d, issuer, subject, rows, status, disagree):
    cited = read_citations(CITE.format(d=d, i=issuer, t=subject)).cited[0]
    result = judge(cited, rows)
    assert result.status == status, result
    assert sorted(c.field for c in result.checks if not c.agrees) == disagree
    assert result.reason


def test_a_replaced_document_carries_a_flag_that_it_is_no_longer_in_force():
    cited = read_citations(CITE.format(d="05/3/2021", i="Bộ Kế hoạch và Đầu tư", t="đầu tư công")).cited[0]
    flags = judge(cited, [REPLACED]).citator
    assert [(f.kind, f.in_force, f.date) for f in flags] == [("thay thế", False, "2023-01-01")]


def test_evidence_is_a_bounded_window_even_without_a_full_stop():
    text = "x " * 5000 + "Nghị quyết số 128/NQ-CP" + " y" * 5000
    s = text.index("Nghị quyết")
    w = window(text, s, s + 23)
    assert "Nghị quyết số 128/NQ-CP" in w and len(w) <= 300
