"""Neighbourhood and shortest paths in the explorer's nodes/edges JSON."""

from __future__ import annotations

import pytest

from tests.api.conftest import assert_problem

pytestmark = pytest.mark.neo4j

NODE_FIELDS = {"id", "kind", "name", "type", "date", "number", "issuer", "labels"}
EDGE_FIELDS = {"id", "source", "target", "type", "kind", "document_key", "evidence", "label"}


def test_neighborhood_of_a_notice_has_the_contract_shape_and_plain_vietnamese_labels(client, seed_graph):
    r = client.get("/v1/graph/neighborhood", params={"key": seed_graph.tb2021})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["center"] == seed_graph.tb2021 and body["total"] == 5 and body["next_cursor"] is None
    assert all(NODE_FIELDS <= set(n) for n in body["nodes"])
    assert all(EDGE_FIELDS <= set(e) for e in body["edges"])
    cites = next(e for e in body["edges"] if e["type"] == "CITES")
    assert cites["label"] == (f"Thông báo {seed_graph.tb2021.split('@')[0]} "
                              f"thực hiện Nghị quyết {seed_graph.nq_ordinal}/NQ-CP")
    assert cites["document_key"] == seed_graph.tb2021
    assert cites["evidence"][0]["sentence"].startswith("Thủ tướng Chính phủ Phạm Minh Chính chủ trì")
    signed = next(e for e in body["edges"] if e["type"] == "SIGNED")
    assert signed["source"] == seed_graph.hiep and signed["label"].startswith("Nguyễn Sỹ Hiệp ký Thông báo")
    kinds = {n["id"]: n["kind"] for n in body["nodes"]}
    assert kinds[seed_graph.hiep] == "person" and kinds[seed_graph.vpcp] == "agency"
    assert kinds[seed_graph.bac_giang] == "province" and kinds[seed_graph.nq] == "document"


@pytest.mark.parametrize("rel,direction,expected", [
    ("CITES", "out", {"nq"}), ("CITES", "in", set()), ("SIGNED", "both", {"hiep"}),
    ("MENTIONS", "out", {"pmc", "bac_giang"}),
])
def test_neighborhood_filters_by_relationship_and_direction(client, seed_graph, rel, direction, expected):
    body = client.get("/v1/graph/neighborhood", params={"key": seed_graph.tb2021, "rel": rel,
                                                        "direction": direction}).json()
    assert {n["id"] for n in body["nodes"]} - {seed_graph.tb2021} == {getattr(seed_graph, k) for k in expected}
    assert body["total"] == len(expected)


def test_neighborhood_pages_with_cursor(client, seed_graph):
    seen = []
    cursor = None
    for _ in range(10):
        params = {"key": seed_graph.tb2021, "limit": 4} | ({"cursor": cursor} if cursor else {})
        body = client.get("/v1/graph/neighborhood", params=params).json()
        seen += [e["id"] for e in body["edges"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 5


def test_neighborhood_of_an_entity_and_of_a_loosely_written_document(client, seed_graph):
    body = client.get("/v1/graph/neighborhood", params={"key": seed_graph.hiep}).json()
    assert {n["id"] for n in body["nodes"]} == {seed_graph.hiep, seed_graph.tb2021, seed_graph.tb2023}
    body = client.get("/v1/graph/neighborhood", params={"key": f"nghi quyet {seed_graph.nq_ordinal}"}).json()
    assert body["center"] == seed_graph.nq


def test_neighborhood_of_an_isolated_document_is_empty(client, seed_graph):
    body = client.get("/v1/graph/neighborhood", params={"key": seed_graph.lonely}).json()
    assert body["edges"] == [] and body["total"] == 0 and [n["id"] for n in body["nodes"]] == [seed_graph.lonely]


def test_neighborhood_errors(client, seed_graph):
    assert_problem(client.get("/v1/graph/neighborhood", params={"key": "person:nobody-" + seed_graph.run}), 404)
    assert_problem(client.get("/v1/graph/neighborhood", params={"key": seed_graph.hiep, "rel": "KNOWS"}), 422)
    assert_problem(client.get("/v1/graph/neighborhood", params={"key": seed_graph.hiep, "direction": "up"}), 422)
    assert_problem(client.get("/v1/graph/neighborhood"), 422)


def test_path_between_a_person_and_a_province_goes_through_a_document(client, seed_graph):
    r = client.get("/v1/graph/path", params={"source": seed_graph.pmc, "target": seed_graph.bac_giang})
    assert r.status_code == 200, r.text
    ids = {n["id"] for n in r.json()["nodes"]}
    assert ids == {seed_graph.pmc, seed_graph.tb2021, seed_graph.bac_giang}
    assert len(r.json()["edges"]) == 2


def test_path_respects_max_depth(client, seed_graph):
    # Phạm Minh Chính → TB 2021 → NQ → TB 2023 → Bài báo is 4 hops
    far = client.get("/v1/graph/path", params={"source": seed_graph.pmc, "target": seed_graph.article}).json()
    assert len(far["edges"]) >= 3
    near = client.get("/v1/graph/path", params={"source": seed_graph.pmc, "target": seed_graph.article,
                                                 "max_depth": 2}).json()
    assert near == {"nodes": [], "edges": []}


def test_path_errors(client, seed_graph):
    assert_problem(client.get("/v1/graph/path", params={"source": seed_graph.pmc, "target": seed_graph.pmc}), 422)
    assert_problem(client.get("/v1/graph/path", params={"source": seed_graph.pmc, "target": "agency:none-x"}), 404)
    assert_problem(client.get("/v1/graph/path", params={"source": seed_graph.pmc, "target": seed_graph.nq,
                                                        "max_depth": 7}), 422)


def test_a_snapshot_comes_back_from_its_keys_with_evidence(client, seed_graph):
    body = {"nodes": [seed_graph.tb2021, seed_graph.nq, seed_graph.hiep],
            "edges": [{"source": seed_graph.tb2021, "type": "CITES", "target": seed_graph.nq},
                      {"source": seed_graph.hiep, "type": "SIGNED", "target": seed_graph.tb2021}]}
    r = client.post("/v1/graph/snapshot", json=body)
    assert r.status_code == 200, r.text
    out = r.json()
    assert sorted(n["id"] for n in out["nodes"]) == sorted(body["nodes"])
    assert {e["id"] for e in out["edges"]} == {f"CITES:{seed_graph.tb2021}->{seed_graph.nq}",
                                               f"SIGNED:{seed_graph.hiep}->{seed_graph.tb2021}"}
    assert all(e["evidence"] for e in out["edges"])
    assert out["missing_nodes"] == [] and out["missing_edges"] == [] and out["renamed"] == {}


def test_a_snapshot_says_what_is_gone(client, seed_graph):
    gone = "99999/NQ-CP@1999"
    body = {"nodes": [seed_graph.tb2021, gone],
            "edges": [{"source": seed_graph.tb2021, "type": "CITES", "target": gone},
                      {"source": seed_graph.tb2021, "type": "SIGNED", "target": seed_graph.nq}]}
    out = client.post("/v1/graph/snapshot", json=body).json()
    assert [n["id"] for n in out["nodes"]] == [seed_graph.tb2021]
    assert out["missing_nodes"] == [gone]
    assert sorted(out["missing_edges"]) == sorted([f"CITES:{seed_graph.tb2021}->{gone}",
                                                   f"SIGNED:{seed_graph.tb2021}->{seed_graph.nq}"])


def test_a_snapshot_refuses_what_is_not_a_key_list(client, seed_graph):
    assert_problem(client.post("/v1/graph/snapshot", json={"nodes": "x"}), 422)
    bad_edge = {"source": "a", "type": "LIKES", "target": "b"}
    assert_problem(client.post("/v1/graph/snapshot", json={"edges": [bad_edge]}), 422)
