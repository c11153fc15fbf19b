"""One extraction path: ``danchieu ingest`` in any order gives the CITES edges ``danchieu extract``
gives on the same files, on the real Neo4j; year-less citations are re-linked when the document
they mean arrives, and an ambiguous one stays visibly ambiguous."""

from __future__ import annotations

from pathlib import Path

import pytest
from danchieu.graph.ingest import ingest_paths
from danchieu.graph.rows import build_rows
from danchieu.ingest.batch import extract_batch
from danchieu.queries import load_query

pytestmark = pytest.mark.neo4j

HEAD = "VĂN PHÒNG CHÍNH PHỦ\n\nSố: {number}\n\n{dated}THÔNG BÁO\n\n"
BODY = "Kết luận về công tác năm {n}.\n\n{body}\n\nCác bộ, ngành báo cáo kết quả thực hiện.\n"


def _doc(tag: str, n: int, date: str | None, body: str) -> str:
    day, month, year = date.split("/") if date else ("", "", "")
    dated = f"Hà Nội, ngày {day} tháng {month} năm {year}\n\n" if date else ""
    return HEAD.format(number=f"{n}/TB-{tag}", dated=dated) + BODY.format(n=n, body=body.format(tag=tag))


# Who cites what (each sentence written for this test):
# - 12/NQ-{tag} is printed by one document (2022): cited without a year in 2023 → that one; cited
#   in 2020 → nothing known before 2020, stays year-less;
# - 7/KH-{tag} is dated by a citation elsewhere (3/4/2020): cited without a year in 2024 → 2020;
# - 5/CT-{tag} is known in 2019 and 2021: cited without a year by a document with no date → ambiguous.
FILES = {
    "a": (101, "05/06/2023", "Thực hiện Nghị quyết số 12/NQ-{tag} của Chính phủ, các bộ triển khai."),
    "c": (103, "10/01/2024", "Tiếp tục thực hiện Kế hoạch số 7/KH-{tag} của Bộ Nội vụ về cải cách."),
    "e": (105, None, "Quán triệt Chỉ thị số 5/CT-{tag} của Thủ tướng Chính phủ về tiết kiệm."),
    "g": (107, "02/02/2020", "Thực hiện Nghị quyết số 12/NQ-{tag} của Chính phủ, các địa phương báo cáo."),
    "d": (104, "09/09/2021", "Căn cứ Kế hoạch số 7/KH-{tag} ngày 3/4/2020 của Bộ Nội vụ và Chỉ thị số "
                             "5/CT-{tag} ngày 1/1/2021 của Thủ tướng Chính phủ về tiết kiệm."),
    "f": (106, "15/08/2019", "Ban hành kèm theo Chỉ thị này quy chế làm việc."),
}


def _write(tmp: Path, tag: str) -> dict[str, Path]:
    paths = {}
    for name, (n, date, body) in FILES.items():
        paths[name] = tmp / f"{tag}-{name}.txt"
        paths[name].write_text(_doc(tag, n, date, body), encoding="utf-8")
    # the printed twins: "Số: 12/NQ-{tag}" (2022) and "Số: 5/CT-{tag}" (2019)
    paths["b"] = tmp / f"{tag}-b.txt"
    paths["b"].write_text(_doc(tag, 0, "20/03/2022", "Nội dung nghị quyết.").replace(f"0/TB-{tag}", f"12/NQ-{tag}")
                          .replace("THÔNG BÁO", "NGHỊ QUYẾT"), encoding="utf-8")
    paths["f"].write_text(paths["f"].read_text(encoding="utf-8").replace(f"106/TB-{tag}", f"5/CT-{tag}")
                          .replace("THÔNG BÁO", "CHỈ THỊ"), encoding="utf-8")
    return paths


def _extracted_cites(paths: list[Path]) -> set[tuple[str, str, str]]:
    out = set()
    for item in extract_batch(paths):
        rows = build_rows(item.doc)
        out |= {(rows.key, c["target"]["key"], c["resolution"]) for c in rows.cites}
    return out


def _graph_cites(driver, db, tag: str) -> set[tuple[str, str, str]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Document)-[r:CITES]->(b:Document) WHERE a.key CONTAINS $tag "
        "RETURN a.key AS a, b.key AS b, r.resolution AS res", tag=tag, database_=db)
    return {(r["a"], r["b"], r["res"]) for r in records}


def _wipe(driver, db, tag: str) -> None:
    driver.execute_query(load_query("load/delete_tagged"), tag=tag, database_=db)


@pytest.fixture
def corpus(tmp_path, tag):
    return _write(tmp_path, tag)


def test_extract_resolves_year_less_citations_from_the_whole_batch(corpus, tag):
    cites = _extracted_cites(list(corpus.values()))
    assert (f"101/TB-{tag}@2023", f"12/NQ-{tag}@2022", "inferred") in cites
    assert (f"103/TB-{tag}@2024", f"7/KH-{tag}@2020", "inferred") in cites
    assert (f"107/TB-{tag}@2020", f"12/NQ-{tag}@?", "ambiguous") in cites  # nothing known before 2020
    assert (f"105/TB-{tag}@?", f"5/CT-{tag}@?", "ambiguous") in cites  # 2019 or 2021: no citing date


@pytest.mark.parametrize("order", ["citing first", "cited first", "one go"])
def test_ingest_in_any_order_gives_the_cites_of_extract(neo4j_driver, neo4j_db, neo4j_settings, corpus, tag, order):
    citing = [corpus[k] for k in "aceg"]
    cited = [corpus[k] for k in "bdf"]
    batches = {"citing first": [citing, cited], "cited first": [cited, citing], "one go": [citing + cited]}[order]
    for batch in batches:
        ingest_paths(batch, neo4j_settings, workers=1, progress=False)
    assert _graph_cites(neo4j_driver, neo4j_db, tag) == _extracted_cites(list(corpus.values()))


def test_a_relinked_citation_says_why_and_leaves_no_year_less_twin(neo4j_driver, neo4j_db, neo4j_settings, corpus,
                                                                  tag):
    ingest_paths([corpus["a"]], neo4j_settings, workers=1, progress=False)
    summary = ingest_paths([corpus["b"]], neo4j_settings, workers=1, progress=False)
    assert summary.relinked == 1
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (:Document {key: $src})-[r:CITES]->(t:Document) "
        "RETURN t.key AS key, r.resolution AS res, r.resolved_by AS why, r.ev_text AS ev", src=f"101/TB-{tag}@2023",
        database_=neo4j_db)
    [edge] = records
    assert (edge["key"], edge["res"]) == (f"12/NQ-{tag}@2022", "inferred")
    assert "12/NQ-" in edge["why"] and edge["ev"]  # the reason, and the evidence kept
    records, _, _ = neo4j_driver.execute_query("MATCH (d:Document {key: $k}) RETURN d", k=f"12/NQ-{tag}@?",
                                               database_=neo4j_db)
    assert records == []


def test_an_ambiguous_citation_stays_visibly_ambiguous(neo4j_driver, neo4j_db, neo4j_settings, corpus, tag):
    ingest_paths([corpus[k] for k in "edf"], neo4j_settings, workers=1, progress=False)
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (:Document {key: $src})-[r:CITES]->(t:Document) RETURN t.key AS key, r.resolution AS res, "
        "r.resolved_by AS why", src=f"105/TB-{tag}@?", database_=neo4j_db)
    [edge] = records
    assert (edge["key"], edge["res"]) == (f"5/CT-{tag}@?", "ambiguous")
    assert "2019" in edge["why"] and "2021" in edge["why"]


def test_every_stored_date_says_where_it_comes_from(neo4j_driver, neo4j_db, neo4j_settings, corpus, tag):
    ingest_paths(list(corpus.values()), neo4j_settings, workers=1, progress=False)
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (d:Document) WHERE d.key CONTAINS $tag AND d.date IS NOT NULL "
        "RETURN d.key AS key, d.date_source AS source", tag=tag, database_=neo4j_db)
    sources = {r["key"]: r["source"] for r in records}
    assert None not in sources.values()
    assert sources[f"101/TB-{tag}@2023"] == "printed"
    assert sources[f"7/KH-{tag}@2020"] == "cited_with_date"
