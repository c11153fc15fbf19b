"""The known-documents registry that resolves year-less citations (ingest/known.py)."""

from __future__ import annotations

from pathlib import Path

from danchieu.ingest.known import KnownDocument, KnownDocuments, add_extracted, fact_symbols, facts
from danchieu.ingest.models import Citation, DocumentInfo, ExtractedDocument


def test_registry_round_trips_through_tsv(tmp_path: Path) -> None:
    known = KnownDocuments([KnownDocument("128/NQ-CP@2021", "128/NQ-CP", "Nghị quyết", "Chính phủ", "2021-10-11", "a"),
                            KnownDocument("16/CT-TTG@2020", "16/CT-TTg", "Chỉ thị", None, None, "b")])
    known.to_tsv(tmp_path / "k.tsv", header="test registry")
    again = KnownDocuments.from_tsv(tmp_path / "k.tsv")
    assert sorted(again.rows(), key=lambda d: d.key) == sorted(known.rows(), key=lambda d: d.key)


def test_candidates_match_any_spelling_of_the_symbol() -> None:
    known = KnownDocuments([KnownDocument("16/CT-TTG@2020", "16/CT-TTg"), KnownDocument("16/CT-TTG@2026", "16/CT-TTg")])
    assert [d.year for d in known.candidates("16/ct-ttg")] == [2020, 2026]


def test_a_dated_entry_replaces_an_undated_one() -> None:
    known = KnownDocuments([KnownDocument("16/CT-TTG@2020", "16/CT-TTg")])
    known.add(KnownDocument("16/CT-TTG@2020", "16/CT-TTg", date="2020-03-31"))
    known.add(KnownDocument("16/CT-TTG@2020", "16/CT-TTg"))
    assert [d.date for d in known.candidates("16/CT-TTg")] == ["2020-03-31"]


def test_add_extracted_keeps_own_number_and_exactly_dated_citations_only() -> None:
    doc = ExtractedDocument(source="x.txt", text="", text_hash="0",
                            document=DocumentInfo(number="285/TB-VPCP", date="2021-10-27", type="Thông báo"))
    doc.citations = [Citation("128/NQ-CP", "128/NQ-CP@2021", date="2021-10-11", resolution="exact"),
                     Citation("16/CT-TTg", "16/CT-TTG@2020", date="2020-03-31", resolution="inferred")]
    known = KnownDocuments()
    add_extracted(known, doc)
    assert sorted(d.key for d in known.rows()) == ["128/NQ-CP@2021", "285/TB-VPCP@2021"]


def test_a_known_date_that_contradicts_the_year_of_its_key_is_no_evidence():
    known = KnownDocuments([KnownDocument("58/2022/ND-CP@2022", "58/2022/NĐ-CP", date="2002-08-31")])
    assert [(d.key, d.date) for d in known.rows()] == [("58/2022/ND-CP@2022", None)]


def test_the_shipped_registry_holds_no_contradicting_date():
    import csv

    import danchieu.ingest.known  # noqa: F401

    from danchieu import ingest

    with open(ingest.known._DEFAULT, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    bad = [r["key"] for r in rows if r["date"] and r["date"][:4] != r["key"].rpartition("@")[2]]
    assert rows and bad == []


def test_fact_symbols_are_the_symbols_of_the_facts() -> None:
    """The shortcut bulk import takes gives what the facts give, whatever the number looks like."""
    cites = [Citation("128/NQ-CP", "128/NQ-CP@2021", date="2021-10-11"),
             Citation("16/CT-TTg", "16/CT-TTG@2020", date="2020-03-31", resolution="inferred"),
             Citation("15/CT-TTg", "15/CT-TTG@?", resolution="ambiguous"),
             Citation("25-CT/TW", "25-CT/TW@2023", date="2023-06-02")]
    numbers = ["285/TB-VPCP", "30/2020/nđ – cp", "02-2021/BLĐTBXH", "12/abc"]  # the last one no symbol at all
    infos = [DocumentInfo(number=n, date="2021-10-27") for n in numbers] + [
        DocumentInfo(number="285/TB-VPCP", date="?-10-27"), DocumentInfo(number="285/TB-VPCP"), DocumentInfo()]
    for info in infos:
        doc = ExtractedDocument(source="x.txt", text="", text_hash="0", document=info, citations=cites)
        assert fact_symbols(doc) == {f.symbol for f in facts(doc)}, info
