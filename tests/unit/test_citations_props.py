"""Property-based tests: citation extraction never crashes and its offsets always slice back."""

from __future__ import annotations

from danchieu.ingest.citations import find_citations
from danchieu.ingest.known import KnownDocument, KnownDocuments
from danchieu.ingest.layout import ParsedLayout
from danchieu.ingest.models import DocumentInfo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Pieces of real reference syntax, so that random texts often come close to a reference.
FRAGMENTS = ["Nghị quyết", "số", "128/NQ-CP", "ngày", "11", "tháng", "10", "năm", "2021", "của", "Chính phủ",
             "về", "Căn cứ", "Chỉ thị", "15/CT-TTg", "và", "25-CT/TW", "30/2020/NĐ-CP", "khoản 2 Điều 3", "Luật",
             "Khám bệnh, chữa bệnh", "Số:", "\n", "\n\n", ";", ",", ".", "/", "-", "–", "Nghị quyết 128", "QH15",
             "80/2023/", "Uỷ ban", "Ủy ban nhân dân tỉnh", "vừa ban hành", "Thông báo", "8 5 2 0/BCT", " /QĐ-UBND"]
KNOWN = KnownDocuments([KnownDocument("128/NQ-CP@2021", "128/NQ-CP", "Nghị quyết", "Chính phủ", "2021-10-11"),
                        KnownDocument("15/CT-TTG@2020", "15/CT-TTg", None, None, None)])

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=60).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=80).map("".join),
)
infos = st.builds(DocumentInfo,
                  number=st.one_of(st.none(), st.sampled_from(["128/NQ-CP", "x", ""]), st.text(max_size=10)),
                  date=st.one_of(st.none(), st.sampled_from(["2021-05-27", "2020-01-01"])),
                  type=st.one_of(st.none(), st.just("Bài báo")))


def check(text: str, info: DocumentInfo) -> None:
    result = find_citations(text, ParsedLayout(document=info), known=KNOWN)
    for c in result.citations:
        assert c.key and c.number and c.mentions
        assert c.resolution in {"exact", "inferred", "ambiguous"}
        for m in c.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start:m.end] == m.text
    for r in result.named_references:
        for m in r.mentions:
            assert text[m.start:m.end] == m.text
    assert set(result.reports_on) <= {c.key for c in result.citations}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, infos)
def test_extraction_never_crashes_and_offsets_slice_back(text: str, info: DocumentInfo) -> None:
    check(text, info)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=2000))
def test_arbitrary_unicode_is_handled(text: str) -> None:
    check(text, DocumentInfo())
