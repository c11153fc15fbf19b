"""Real gazette files on the real Neo4j: ``ingest`` in two orders and in one go gives the CITES that
``extract`` gives; no year-less citation is left beside a unique twin; every date has its source.

A subset (four Nghị quyết of 2026 with year-less Party references and a typo'd date "58/2022/NĐ-CP
ngày 31 tháng 8 năm 2002"), so it runs in a minute or two; ``danchieu ingest ../shared/corpus/gazette
data/seeds`` is the same by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from danchieu.graph.ingest import ingest_paths
from danchieu.graph.rows import build_rows
from danchieu.ingest.batch import extract_batch
from danchieu.queries import load_query

from tests.conftest import SHARED, shared

pytestmark = pytest.mark.neo4j

GAZETTE = SHARED / "corpus" / "gazette"
FILES = ["chinh_sach_dn/nghi-quyet-so-97-nq-cp-469324.txt", "chinh_sach_dn/nghi-quyet-so-100-nq-cp-469357.txt",
         "hd_kinh_te/nghi-quyet-so-122-nq-cp-469492.txt", "chinh_sach_dn/nghi-quyet-so-105-nq-cp-469364.txt"]

ORPHANS = """
MATCH (n:Document|Person|Agency|Province)
WHERE (n:Document AND coalesce(n.placeholder, false) OR NOT n:Document) AND NOT (n)--()
DELETE n
"""


@pytest.fixture
def files(tmp_path, tag, neo4j_driver, neo4j_db) -> list[Path]:
    shared("corpus", "gazette")
    # the same texts loaded earlier in the session (the explorer's gazette graph) would be "unchanged"
    # and keep their untagged source: remove them so that this test loads its own copies
    neo4j_driver.execute_query("MATCH (d:Document) WHERE d.source IN $names DETACH DELETE d",
                               names=[Path(n).name for n in FILES], database_=neo4j_db)
    out = []
    for name in FILES:  # the tag in the file name lets the test remove what it loaded
        out.append(tmp_path / f"{tag}-{Path(name).name}")
        shutil.copy(GAZETTE / name, out[-1])
    yield out
    _wipe(neo4j_driver, neo4j_db, tag)


def _wipe(driver, db, tag: str) -> None:
    driver.execute_query(load_query("load/delete_tagged"), tag=tag, database_=db)
    driver.execute_query(ORPHANS, database_=db)


def _graph_cites(driver, db, tag: str) -> set[tuple[str, str, str]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Document)-[r:CITES]->(b:Document) WHERE a.source CONTAINS $tag "
        "RETURN a.key AS a, b.key AS b, r.resolution AS res", tag=tag, database_=db)
    return {(r["a"], r["b"], r["res"]) for r in records}


def test_ingest_in_any_order_gives_the_cites_of_extract_on_gazette_files(neo4j_driver, neo4j_db, neo4j_settings,
                                                                         files, tag):
    expected = {(rows.key, c["target"]["key"], c["resolution"])
                for rows in (build_rows(item.doc) for item in extract_batch(files)) for c in rows.cites}
    for batches in ([files[:2], files[2:]], [files[2:], files[:2]], [files]):
        for batch in batches:
            ingest_paths(batch, neo4j_settings, workers=1, progress=False)
        assert _graph_cites(neo4j_driver, neo4j_db, tag) == expected
        _wipe(neo4j_driver, neo4j_db, tag)


def test_gazette_files_leave_no_unsourced_date_and_no_year_less_twin(neo4j_driver, neo4j_db, neo4j_settings, files,
                                                                     tag):
    ingest_paths(files, neo4j_settings, workers=1, progress=False)
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (a:Document)-[:CITES]->(d:Document) WHERE a.source CONTAINS $tag AND d.date IS NOT NULL "
        "RETURN DISTINCT d.key AS key, d.date_source AS source, d.date.year AS year", tag=tag, database_=neo4j_db)
    assert records and all(r["source"] for r in records)
    assert all(str(r["year"]) == r["key"].rpartition("@")[2] for r in records if not r["key"].endswith("@?"))
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (a:Document)-[:CITES]->(d:Document) WHERE a.source CONTAINS $tag AND d.key ENDS WITH '@?' "
        "WITH DISTINCT d MATCH (t:Document) WHERE t.key STARTS WITH substring(d.key, 0, size(d.key) - 1) "
        "AND t <> d RETURN d.key AS key, count(t) AS twins", tag=tag, database_=neo4j_db)
    assert [r["key"] for r in records if r["twins"] == 1] == []
