"""The loader against a real Neo4j: one transaction per document, idempotent, updates in place."""

from __future__ import annotations

import threading

import pytest
from danchieu.graph.loader import load_document

from tests.graph.conftest import graph_counts
from tests.graph.factory import document

pytestmark = pytest.mark.neo4j


def _notice(tag: str, number: int = 285, extra: str = "", cited: int = 128) -> tuple:
    text = (f"VĂN PHÒNG CHÍNH PHỦ\nSố: {number}/TB-{tag}\nHà Nội, ngày 27 tháng 10 năm 2021\nTHÔNG BÁO\n"
            f"Triển khai Nghị quyết số {cited}/NQ-{tag} của Chính phủ, Thủ tướng Chính phủ Trần Văn {tag} "
            f"đã chủ trì cuộc họp với tỉnh Bắc Giang {tag}. Giao Bộ Y tế {tag} chủ trì hướng dẫn cách ly.{extra}\n"
            f"KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nLê Văn {tag}")
    return text, {
        "number": f"{number}/TB-{tag}", "date": "2021-10-27", "issuer": f"Văn phòng Chính phủ {tag}",
        "cites": [(f"Nghị quyết số {cited}/NQ-{tag}", f"{cited}/NQ-{tag}", f"{cited}/NQ-{tag}@2021")],
        "persons": [f"Trần Văn {tag}"], "agencies": [f"Bộ Y tế {tag}"], "provinces": [f"Bắc Giang {tag}"],
        "signers": [(f"Lê Văn {tag}", "Phó Chủ nhiệm", "KT. Bộ trưởng, Chủ nhiệm")],
        "assigns": [(f"Bộ Y tế {tag}", "chủ trì hướng dẫn cách ly")]}


def _rows(driver, db, query: str, **params) -> list[dict]:
    records, _, _ = driver.execute_query(query, database_=db, **params)
    return [dict(r) for r in records]


def test_a_document_lands_with_every_edge_and_its_evidence(neo4j_driver, neo4j_db, tag):
    text, facts = _notice(tag)
    result = load_document(neo4j_driver, neo4j_db, document(text, **facts))
    assert (result.key, result.status) == (f"285/TB-{tag}@2021", "loaded")
    rels = _rows(neo4j_driver, neo4j_db,
                 "MATCH (d:Document {key: $k})-[r]-(o) RETURN type(r) AS t, o.key AS o ORDER BY t",
                 k=result.key)
    assert sorted((r["t"], r["o"]) for r in rels) == sorted([
        ("ASSIGNS", f"agency:bo-y-te-{tag.lower()}"), ("CITES", f"128/NQ-{tag}@2021"),
        ("ISSUED", f"agency:van-phong-chinh-phu-{tag.lower()}"),
        ("MENTIONS", f"agency:bo-y-te-{tag.lower()}"), ("MENTIONS", f"person:tran-van-{tag.lower()}"),
        ("MENTIONS", f"province:bac-giang-{tag.lower()}"), ("SIGNED", f"person:le-van-{tag.lower()}")])
    cite = _rows(neo4j_driver, neo4j_db, "MATCH (d:Document {key: $k})-[r:CITES]->(c) "
                 "RETURN d.text AS text, r.ev_start AS s, r.ev_end AS e, r.ev_sentence AS sent, "
                 "r.kind AS kind, c.placeholder AS ph, c.name AS name", k=result.key)[0]
    assert cite["text"][cite["s"][0]:cite["e"][0]] == f"Nghị quyết số 128/NQ-{tag}"
    assert f"Triển khai Nghị quyết số 128/NQ-{tag} của Chính phủ" in cite["sent"][0]
    assert (cite["kind"], cite["ph"], cite["name"]) == ("căn cứ", True, f"Nghị quyết 128/NQ-{tag}")
    labels = _rows(neo4j_driver, neo4j_db, "MATCH (d:Document {key: $k}) RETURN labels(d) AS l, d.name AS n, "
                   "d.uri AS uri, d.date AS date", k=result.key)[0]
    assert sorted(labels["l"]) == ["Document", "ThongBao"]
    assert labels["n"] == f"Thông báo 285/TB-{tag}"
    assert labels["uri"] == f"/vn/2021/thong-bao/285-tb-{tag.lower()}"
    assert labels["date"].iso_format() == "2021-10-27"


def test_loading_the_same_document_twice_changes_nothing(neo4j_driver, neo4j_db, tag):
    text, facts = _notice(tag)
    load_document(neo4j_driver, neo4j_db, document(text, **facts))
    before = graph_counts(neo4j_driver, neo4j_db, tag)
    again = load_document(neo4j_driver, neo4j_db, document(text, **facts))
    assert again.status == "unchanged"
    assert graph_counts(neo4j_driver, neo4j_db, tag) == before


def test_the_same_text_under_another_file_name_is_a_duplicate(neo4j_driver, neo4j_db, tag):
    text, facts = _notice(tag)
    load_document(neo4j_driver, neo4j_db, document(text, source="a.txt", **facts))
    before = graph_counts(neo4j_driver, neo4j_db, tag)
    dup = load_document(neo4j_driver, neo4j_db, document(text, source="copy-of-a.txt", **facts))
    assert (dup.status, dup.key) == ("duplicate", f"285/TB-{tag}@2021")
    assert graph_counts(neo4j_driver, neo4j_db, tag) == before


def test_a_changed_document_replaces_its_own_edges_and_keeps_those_of_others(neo4j_driver, neo4j_db, tag):
    text, facts = _notice(tag)
    load_document(neo4j_driver, neo4j_db, document(text, **facts))
    citing = f"Số: 7/TB-{tag}\nThực hiện Thông báo số 285/TB-{tag} của Văn phòng Chính phủ."
    load_document(neo4j_driver, neo4j_db, document(citing, number=f"7/TB-{tag}", date="2021-11-02", cites=[
        (f"Thông báo số 285/TB-{tag}", f"285/TB-{tag}", f"285/TB-{tag}@2021")]))
    new_text, new_facts = _notice(tag, cited=99, extra=" Bổ sung: cập nhật.")
    result = load_document(neo4j_driver, neo4j_db, document(new_text, **new_facts))
    assert result.status == "updated"
    cited = _rows(neo4j_driver, neo4j_db, "MATCH (:Document {key: $k})-[:CITES]->(c) RETURN c.key AS c",
                  k=result.key)
    assert cited == [{"c": f"99/NQ-{tag}@2021"}]
    assert _rows(neo4j_driver, neo4j_db, "MATCH (c:Document {key: $k}) RETURN count(c) AS n",
                 k=f"128/NQ-{tag}@2021") == [{"n": 0}]  # the orphaned placeholder went with its edge
    incoming = _rows(neo4j_driver, neo4j_db, "MATCH (s)-[:CITES]->(:Document {key: $k}) RETURN s.key AS s",
                     k=result.key)
    assert incoming == [{"s": f"7/TB-{tag}@2021"}]


def test_a_placeholder_is_upgraded_in_place_when_its_document_arrives(neo4j_driver, neo4j_db, tag):
    citing = f"Số: 7/TB-{tag}\nThực hiện Thông báo số 285/TB-{tag} ngày 27/10/2021."
    load_document(neo4j_driver, neo4j_db, document(citing, number=f"7/TB-{tag}", date="2021-11-02", cites=[
        (f"Thông báo số 285/TB-{tag}", f"285/TB-{tag}", f"285/TB-{tag}@2021")]))
    node_id = _rows(neo4j_driver, neo4j_db, "MATCH (d:Document {key: $k}) RETURN elementId(d) AS id, "
                    "d.placeholder AS ph", k=f"285/TB-{tag}@2021")
    assert node_id[0]["ph"] is True
    text, facts = _notice(tag)
    load_document(neo4j_driver, neo4j_db, document(text, **facts))
    after = _rows(neo4j_driver, neo4j_db, "MATCH (s)-[:CITES]->(d:Document {key: $k}) RETURN elementId(d) AS id, "
                  "d.placeholder AS ph, d.source AS src, s.key AS s", k=f"285/TB-{tag}@2021")
    assert after == [{"id": node_id[0]["id"], "ph": False, "src": "test.txt", "s": f"7/TB-{tag}@2021"}]


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_writers_of_the_same_document_make_no_duplicates(neo4j_driver, neo4j_db, tag, writers):
    text, facts = _notice(tag)
    statuses: list[str] = []
    barrier = threading.Barrier(writers)

    def write() -> None:
        barrier.wait()
        statuses.append(load_document(neo4j_driver, neo4j_db, document(text, **facts)).status)

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == ["loaded"] + ["unchanged"] * (writers - 1)
    counts = _rows(neo4j_driver, neo4j_db, "MATCH (n:Document|Person|Agency|Province) WHERE n.key CONTAINS $t "
                   "RETURN n.key AS k, count(*) AS c ORDER BY k", t=tag.lower())
    counts += _rows(neo4j_driver, neo4j_db, "MATCH (n:Document) WHERE n.key CONTAINS $t "
                    "RETURN n.key AS k, count(*) AS c", t=tag)
    assert counts and all(r["c"] == 1 for r in counts)
    assert graph_counts(neo4j_driver, neo4j_db, tag) == {"nodes": 7, "relationships": 7}


def test_a_batch_lands_in_one_go_and_a_bad_document_is_reported_alone(neo4j_driver, neo4j_db, tag):
    from danchieu.graph import identity
    from danchieu.graph.loader import load_batch
    from danchieu.graph.rows import build_rows

    items = []
    for n in (1, 2, 3):
        text, facts = _notice(tag, number=n, cited=100 + n)
        doc = document(text, **facts)
        items.append((build_rows(doc), identity.signature(doc.text)))
    items[1][0].doc["title"] = {"not": "a property value"}  # Neo4j refuses maps as property values
    results = load_batch(neo4j_driver, neo4j_db, items)
    assert [getattr(r, "status", type(r).__name__) for r in results] == ["loaded", "LoaderError", "loaded"]
    assert "nothing of it was written" in str(results[1])
    landed = _rows(neo4j_driver, neo4j_db, "MATCH (d:Document) WHERE d.key IN $keys AND NOT d.placeholder "
                   "RETURN d.key AS k ORDER BY k", keys=[r.key for r, _ in items])
    assert [r["k"] for r in landed] == [f"1/TB-{tag}@2021", f"3/TB-{tag}@2021"]
    again = load_batch(neo4j_driver, neo4j_db, [items[0], items[2]])
    assert [r.status for r in again] == ["unchanged", "unchanged"]


def test_two_numbered_documents_with_the_same_text_are_two_documents(neo4j_driver, neo4j_db, tag):
    # Scanned gazette PDFs whose only text is the signature block: the numbers come from elsewhere.
    text = f"TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\nHồ Văn {tag}"
    first = load_document(neo4j_driver, neo4j_db, document(text, number=f"115/NQ-{tag}", type_="Nghị quyết",
                                                           source=f"{tag}-115.txt"))
    second = load_document(neo4j_driver, neo4j_db, document(text, number=f"186/2026/NĐ-{tag}", type_="Nghị định",
                                                            source=f"{tag}-186.txt"))
    assert (first.status, second.status) == ("loaded", "loaded")
    assert second.key == f"186/2026/ND-{tag}@2026"
