"""``danchieu ingest``: a worker pool over real files into the real Neo4j; failures reported, not fatal."""

from __future__ import annotations

import pytest
from danchieu.graph.ingest import IngestSummary, ingest_paths
from danchieu.graph.loader import LoadResult

from tests.graph.conftest import graph_counts

pytestmark = pytest.mark.neo4j

TEXTS = [
    ("VĂN PHÒNG CHÍNH PHỦ\n\nSố: {n}/TB-VPCP\n\nHà Nội, ngày 2 tháng 3 năm 2022\n\nTHÔNG BÁO\n\n"
    "Kết luận của Phó Thủ tướng {tag} tại cuộc họp về phòng, chống thiên tai năm {n}.\n\n"
    "Thực hiện Nghị quyết số 12/NQ-CP ngày 1 tháng 2 năm 2022 của Chính phủ, các bộ báo cáo kết quả."),
    ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\n\nSố: {n}/QĐ-UBND\n\nLạng Sơn, ngày 5 tháng 6 năm 2023\n\nQUYẾT ĐỊNH\n\n"
    "Về việc phê duyệt kế hoạch {tag} bảo vệ rừng đợt {n}.\n\nCăn cứ Luật Lâm nghiệp năm 2017."),
    ("BỘ Y TẾ\n\nSố: {n}/CV-BYT\n\nHà Nội, ngày 9 tháng 9 năm 2021\n\nCÔNG VĂN\n\n"
    "Gửi Sở Y tế các tỉnh, thành phố về tiêm chủng {tag} mũi {n}."),
]


def _corpus(tmp_path, tag: str, bad: bool = True):
    for i, t in enumerate(TEXTS):
        (tmp_path / f"{tag}-{i}.txt").write_text(t.format(n=900 + i, tag=tag), encoding="utf-8")
    if bad:
        (tmp_path / f"{tag}-empty.txt").write_text("", encoding="utf-8")
    return tmp_path


def test_a_corrupt_file_is_reported_while_the_rest_lands(neo4j_driver, neo4j_db, neo4j_settings, tag, tmp_path):
    summary = ingest_paths([_corpus(tmp_path, tag)], neo4j_settings, workers=2, progress=False)
    assert (summary.files, summary.documents, len(summary.failed)) == (4, 3, 1)
    path, reason = summary.failed[0]
    assert path.endswith(f"{tag}-empty.txt") and reason.startswith("empty")
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (d:Document) WHERE d.source STARTS WITH $tag RETURN d.source AS s ORDER BY s", tag=tag,
        database_=neo4j_db)
    assert [r["s"] for r in records] == [f"{tag}-{i}.txt" for i in range(3)]


def test_ingesting_the_same_files_twice_yields_the_same_graph(neo4j_driver, neo4j_db, neo4j_settings, tag, tmp_path):
    corpus = _corpus(tmp_path, tag, bad=False)
    ingest_paths([corpus / "*.txt"], neo4j_settings, workers=1, progress=False)
    before = graph_counts(neo4j_driver, neo4j_db, tag)
    again = ingest_paths([corpus], neo4j_settings, workers=2, progress=False)
    assert (again.documents, again.unchanged) == (0, 3)
    assert graph_counts(neo4j_driver, neo4j_db, tag) == before


def test_a_missing_path_is_a_clear_error(neo4j_settings, tmp_path):
    from danchieu.errors import DanchieuError

    with pytest.raises(DanchieuError, match="no such file"):
        ingest_paths([tmp_path / "nowhere" / "*.txt"], neo4j_settings, workers=1, progress=False)


def test_the_summary_counts_every_outcome_and_names_each_failure():
    s = IngestSummary(files=4)
    for status in ("loaded", "updated", "unchanged", "duplicate"):
        s.add(f"{status}.txt", LoadResult("k", status, relationships=2, entities=1, citations=1), 10)
    s.failed.append(("bad.docx", "unsupported_format: not a Word file"))
    text = s.render()
    assert (s.documents, s.skipped, s.relationships) == (2, 2, 8)
    assert "2 document(s) written (1 new, 1 updated), 2 skipped (1 unchanged, 1 duplicate), 1 failed" in text
    assert "failed: bad.docx: unsupported_format: not a Word file" in text
