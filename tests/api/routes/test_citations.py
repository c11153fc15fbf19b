"""The headline query — documents citing X with signers and evidence — the tree and the chains."""

from __future__ import annotations

import pytest

from tests.api.conftest import assert_problem

pytestmark = pytest.mark.neo4j


def test_documents_citing_a_resolution_written_loosely_list_both_notices_with_signer_and_sentence(client, seed_graph):
    r = client.get(f"/v1/documents/Nghị quyết {seed_graph.nq_ordinal}/citing")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["target"]["key"] == seed_graph.nq
    keys = [i["key"] for i in body["items"]]
    assert sorted(keys) == sorted([seed_graph.tb2021, seed_graph.tb2023])
    assert keys[0] == seed_graph.tb2023  # newest first
    for item in body["items"]:
        assert item["kind"] == "thực hiện"
        assert [s["name"] for s in item["signers"]] == ["Nguyễn Sỹ Hiệp"]
        assert item["signers"][0]["position"] == "Phó Chủ nhiệm"
        sentence = item["evidence"][0]["sentence"]
        assert f"Nghị quyết số {seed_graph.nq_ordinal}/NQ-CP" in sentence and "thực hiện" in sentence
    assert body["total"] == 2 and body["next_cursor"] is None


@pytest.mark.parametrize("type_filter", ["Thông báo", "thong bao", "TB"])
def test_type_filter_accepts_name_folded_name_or_code(client, seed_graph, type_filter):
    r = client.get(f"/v1/documents/{seed_graph.nq}/citing", params={"type": type_filter})
    assert r.status_code == 200, r.text
    assert {i["type"] for i in r.json()["items"]} == {"Thông báo"}
    assert r.json()["total"] == 2


def test_type_filter_that_matches_nothing_gives_an_empty_page(client, seed_graph):
    r = client.get(f"/v1/documents/{seed_graph.nq}/citing", params={"type": "Công điện"})
    assert r.status_code == 200
    assert r.json()["items"] == [] and r.json()["total"] == 0


def test_transitive_citing_reaches_the_news_report_through_the_2023_notice(client, seed_graph):
    direct = client.get(f"/v1/documents/{seed_graph.nq}/citing").json()
    assert seed_graph.article not in [i["key"] for i in direct["items"]]
    r = client.get(f"/v1/documents/{seed_graph.nq}/citing", params={"depth": 2})
    items = {i["key"]: i for i in r.json()["items"]}
    assert items[seed_graph.article]["distance"] == 2
    assert items[seed_graph.article]["via"] == seed_graph.tb2023
    assert items[seed_graph.tb2021]["distance"] == 1


def test_citing_pages_with_cursor_without_repeating(client, seed_graph):
    first = client.get(f"/v1/documents/{seed_graph.nq}/citing", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = client.get(f"/v1/documents/{seed_graph.nq}/citing",
                        params={"limit": 1, "cursor": first["next_cursor"]}).json()
    assert len(second["items"]) == 1 and second["next_cursor"] is None
    assert first["items"][0]["key"] != second["items"][0]["key"]


def test_filters_by_year_range_province_and_person(client, seed_graph):
    url = f"/v1/documents/{seed_graph.nq}/citing"
    assert [i["key"] for i in client.get(url, params={"year_from": 2022}).json()["items"]] == [seed_graph.tb2023]
    assert [i["key"]
            for i in client.get(url, params={"province": seed_graph.bac_giang}).json()["items"]] == [seed_graph.tb2021]
    assert len(client.get(url, params={"person": seed_graph.hiep}).json()["items"]) == 2
    assert client.get(url, params={"person": seed_graph.pmc}).json()["total"] == 1


def test_document_nobody_cites_has_an_empty_citing_page(client, seed_graph):
    r = client.get(f"/v1/documents/{seed_graph.lonely}/citing")
    assert r.status_code == 200 and r.json()["items"] == []


def test_citing_an_unknown_document_is_404(client, seed_graph):
    assert_problem(client.get("/v1/documents/1/XYZ-ABC@1999/citing"), 404)


def test_citing_an_ambiguous_reference_is_409_with_candidates(client, seed_graph):
    body = assert_problem(client.get(f"/v1/documents/Nghị quyết {seed_graph.ambiguous_ordinal}/citing"), 409)
    assert len(body["candidates"]) == 2


@pytest.mark.parametrize("params", [{"depth": 0}, {"depth": 9}, {"limit": 0}, {"limit": 1000},
                                    {"cursor": "not-a-cursor"},
                                    {"year_from": 2023, "year_to": 2020}])
def test_citing_rejects_bad_parameters_with_422(client, seed_graph, params):
    assert_problem(client.get(f"/v1/documents/{seed_graph.nq}/citing", params=params), 422)


def test_citation_tree_out_and_in_is_deduplicated(client, seed_graph):
    r = client.get(f"/v1/documents/{seed_graph.tb2023}/tree", params={"direction": "both", "depth": 2})
    assert r.status_code == 200, r.text
    ids = [n["id"] for n in r.json()["nodes"]]
    assert len(ids) == len(set(ids))
    assert {seed_graph.nq, seed_graph.placeholder, seed_graph.article, seed_graph.tb2021} <= set(ids)
    edge_ids = [e["id"] for e in r.json()["edges"]]
    assert len(edge_ids) == len(set(edge_ids))


def test_citation_tree_out_only_follows_what_the_document_cites(client, seed_graph):
    r = client.get(f"/v1/documents/{seed_graph.tb2023}/tree", params={"direction": "out", "depth": 1})
    ids = {n["id"] for n in r.json()["nodes"]}
    assert ids == {seed_graph.tb2023, seed_graph.nq, seed_graph.placeholder}


def test_citation_chain_from_news_report_to_resolution(client, seed_graph):
    r = client.get("/v1/citations/chain", params={"source": seed_graph.article, "target": seed_graph.nq})
    assert r.status_code == 200, r.text
    edges = r.json()["edges"]
    assert [(e["source"], e["target"]) for e in edges] == [(seed_graph.article, seed_graph.tb2023),
                                                          (seed_graph.tb2023, seed_graph.nq)]


def test_citation_chain_against_the_direction_of_citation_is_empty(client, seed_graph):
    r = client.get("/v1/citations/chain", params={"source": seed_graph.nq, "target": seed_graph.article})
    assert r.status_code == 200 and r.json() == {"nodes": [], "edges": []}


def test_tree_of_an_isolated_document_is_just_that_document(client, seed_graph):
    body = client.get(f"/v1/documents/{seed_graph.lonely}/tree").json()
    assert [n["id"] for n in body["nodes"]] == [seed_graph.lonely] and body["edges"] == []


def test_tree_and_chain_errors(client, seed_graph):
    assert_problem(client.get(f"/v1/documents/{seed_graph.nq}/tree", params={"depth": 9}), 422)
    assert_problem(client.get(f"/v1/documents/{seed_graph.nq}/tree", params={"direction": "sideways"}), 422)
    assert_problem(client.get("/v1/documents/1/NONE-X@1999/tree"), 404)
    assert_problem(client.get("/v1/citations/chain", params={"source": seed_graph.nq}), 422)
    assert_problem(client.get("/v1/citations/chain", params={"source": seed_graph.nq, "target": "1/NONE-X@1999"}), 404)
