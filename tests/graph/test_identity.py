"""Document identity: MinHash near-duplicates (pure) and the 2023 notice linked to its news report."""

from __future__ import annotations

import re

import pytest
from danchieu.graph import identity
from danchieu.graph.loader import load_document

from tests.conftest import SEEDS
from tests.graph.factory import document

NOTICE = SEEDS / "000_75ed59264df2aac4.txt"  # the 2023 summary notice, PDF text without its header
REPORT = SEEDS / "002_12b27913f790055e.txt"  # the news article about Thông báo 494/TB-VPCP ngày 29/11/2023
OTHER = SEEDS / "001_589c686c53b9cadd.txt"  # another notice of the same office on the same epidemic


@pytest.mark.parametrize(("a", "b", "low", "high"), [
    (NOTICE, REPORT, 0.7, 1.0),
    (NOTICE, OTHER, 0.0, 0.3),
    (REPORT, OTHER, 0.0, 0.3),
])
def test_containment_separates_the_same_notice_from_a_neighbour(a, b, low, high):
    sa, sb = identity.signature(a.read_text()), identity.signature(b.read_text())
    assert low <= identity.containment(sa, sb.minhash, sb.shingles) <= high


@pytest.mark.parametrize(("one", "other"), [
    ("Thủ tướng Chính phủ phát biểu kết luận tại hội nghị tổng kết công tác phòng, chống dịch",
     "THỦ TƯỚNG CHÍNH PHỦ PHÁT BIỂU KẾT LUẬN TẠI HỘI NGHỊ TỔNG KẾT CÔNG TÁC PHÒNG, CHỐNG DỊCH"),
    ("Ủy ban nhân dân tỉnh Bắc Giang báo cáo Thủ tướng về công tác phòng, chống dịch bệnh",
     "Uỷ ban nhân dân tỉnh Bắc Giang báo cáo Thủ tướng về công tác phòng, chống dịch bệnh"),
])
def test_case_and_tone_mark_placement_do_not_change_the_signature(one, other):
    assert identity.signature(one).minhash == identity.signature(other).minhash


def test_an_empty_text_has_an_empty_signature_and_matches_nothing():
    empty = identity.signature("  \n ")
    assert empty.minhash == () and identity.decide("sha:0", empty, [], []).action == "load"


@pytest.mark.parametrize(("key", "reports_on", "cand_key", "cand_reports", "action"), [
    ("sha:aaaa", [], "sha:bbbb", ["494/TB-VPCP@2023"], "rekey_self"),
    ("sha:aaaa", [], "285/TB-VPCP@2021", [], "skip"),
    ("sha:bbbb", ["494/TB-VPCP@2023"], "sha:aaaa", [], "rekey_other"),
    ("494/TB-VPCP@2023", [], "sha:aaaa", [], "absorb"),
    ("sha:bbbb", ["1/TB-A@2023", "2/TB-B@2023"], "sha:aaaa", [], "load"),  # which one? do not guess
])
def test_decisions_for_a_near_duplicate(key, reports_on, cand_key, cand_reports, action):
    sig = identity.signature(NOTICE.read_text())
    cand = identity.Candidate(cand_key, list(sig.minhash), sig.shingles, None, cand_reports)
    assert identity.decide(key, sig, reports_on, [cand]).action == action


def _tagged(text: str, tag: str) -> str:
    """The tag after every word: the two texts stay near-duplicates of each other and of nothing else
    (the shared database may hold the real seeds, which this test must not touch)."""
    return re.sub(r"(\w+)", rf"\1 {tag}", text)


def _seed_pair(tag: str):
    """The two seed texts, tagged so the test owns their keys, hashes and MinHash bands."""
    target = f"494/TB-{tag}@2023"
    notice = document(_tagged(NOTICE.read_text(), tag), type_="Thông báo", source=f"000-{tag}.txt")
    report = document(_tagged(REPORT.read_text(), tag), type_="Bài báo", source=f"002-{tag}.txt",
                      cites=[(_tagged("Thông báo 494/TB-VPCP", tag), f"494/TB-{tag}", target)], reports_on=[target])
    report.citations[0].type, report.citations[0].date = "Thông báo", "2023-11-29"
    return notice, report, target


@pytest.mark.neo4j
@pytest.mark.parametrize("notice_first", [True, False])
def test_the_headerless_notice_and_its_news_report_meet_on_one_numbered_document(
        neo4j_driver, neo4j_db, tag, notice_first):
    notice, report, target = _seed_pair(tag)
    first, second = (notice, report) if notice_first else (report, notice)
    load_document(neo4j_driver, neo4j_db, first)
    load_document(neo4j_driver, neo4j_db, second)
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (r:Document)-[:REPORTS_ON]->(d:Document {key: $k}) RETURN r.source AS report, d.source AS notice, "
        "d.number AS number, toString(d.date) AS date, d.placeholder AS ph, d.aliases AS aliases",
        k=target, database_=neo4j_db)
    assert [dict(r) for r in records] == [{
        "report": f"002-{tag}.txt", "notice": f"000-{tag}.txt", "number": f"494/TB-{tag}", "date": "2023-11-29",
        "ph": False, "aliases": [f"sha:{notice.text_hash[:16]}"]}]
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (d:Document) WHERE d.key IN $keys RETURN count(d) AS n",
        keys=[f"sha:{notice.text_hash[:16]}", f"sha:{report.text_hash[:16]}"], database_=neo4j_db)
    assert records[0]["n"] == 1  # the report keeps its sha key; the notice's is now an alias only


@pytest.mark.neo4j
def test_citations_of_the_reported_number_move_to_the_headerless_notice_when_it_is_identified(
        neo4j_driver, neo4j_db, tag):
    notice, report, target = _seed_pair(tag)
    citing_text = f"Số: 3/CV-{tag}\n\nThực hiện Thông báo số 494/TB-{tag} ngày 29/11/2023 của Văn phòng Chính phủ."
    citing = document(citing_text, number=f"3/CV-{tag}", date="2023-12-05", type_="Công văn",
                      cites=[(f"Thông báo số 494/TB-{tag}", f"494/TB-{tag}", target)])
    load_document(neo4j_driver, neo4j_db, citing)  # 494 exists only as a placeholder
    load_document(neo4j_driver, neo4j_db, notice)  # a numberless text, unknown yet to be 494
    load_document(neo4j_driver, neo4j_db, report)  # the report says which notice it is
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (d:Document {key: $k}) OPTIONAL MATCH (c)-[:CITES]->(d) OPTIONAL MATCH (r)-[:REPORTS_ON]->(d) "
        "RETURN count(DISTINCT d) AS nodes, d.source AS source, d.placeholder AS ph, "
        "collect(DISTINCT c.key) AS citing, collect(DISTINCT r.source) AS reports", k=target, database_=neo4j_db)
    found = dict(records[0])
    found["citing"] = sorted(found["citing"])
    assert found == {"nodes": 1, "source": f"000-{tag}.txt", "ph": False,
                     "citing": sorted([f"3/CV-{tag}@2023", f"sha:{report.text_hash[:16]}"]),
                     "reports": [f"002-{tag}.txt"]}
