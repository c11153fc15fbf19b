"""People, agencies, provinces: detail, documents over time, titles, co-occurrence, 2025 mergers."""

from __future__ import annotations

import pytest

from tests.api.conftest import assert_problem

pytestmark = pytest.mark.neo4j


def test_person_detail_counts_documents_per_year_and_co_occurring_entities(client, seed_graph):
    r = client.get(f"/v1/persons/{seed_graph.hiep}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["name"] == "Nguyễn Sỹ Hiệp" and body["kind"] == "person" and body["documents"] == 2
    assert body["timeline"] == [{"year": 2021, "documents": 1}, {"year": 2023, "documents": 1}]
    co = {c["key"]: c["shared"] for c in body["co_occurring"]}
    assert co == {seed_graph.pmc: 1, seed_graph.bac_giang: 1, seed_graph.bac_ninh: 1}


def test_titles_held_come_from_the_documents_that_name_the_person(client, seed_graph):
    body = client.get(f"/v1/persons/{seed_graph.pmc}").json()
    assert body["titles"] == [{"title": "Thủ tướng Chính phủ", "first_seen": "2021-10-27", "last_seen": "2021-10-27",
                               "documents": 1}]


def test_person_documents_carry_the_titles_as_of_each_document(client, seed_graph):
    body = client.get(f"/v1/persons/{seed_graph.hiep}/documents").json()
    assert [d["key"] for d in body["items"]] == [seed_graph.tb2023, seed_graph.tb2021]
    assert all(d["roles"] == ["SIGNED"] and d["titles"] == ["Phó Chủ nhiệm"] for d in body["items"])


def test_province_page_knows_the_2025_merger_from_both_sides(client, seed_graph):
    bg = client.get(f"/v1/provinces/{seed_graph.bac_giang}").json()
    assert bg["merged_into"] == [{"key": seed_graph.bac_ninh, "name": "Bắc Ninh", "effective": "2025-07-01"}]
    bn = client.get(f"/v1/provinces/{seed_graph.bac_ninh}").json()
    assert [m["key"] for m in bn["merged_from"]] == [seed_graph.bac_giang]


def test_province_documents_include_those_of_merged_provinces_unless_told_not_to(client, seed_graph):
    url = f"/v1/provinces/{seed_graph.bac_ninh}/documents"
    assert [d["key"] for d in client.get(url).json()["items"]] == [seed_graph.tb2023, seed_graph.tb2021]
    only = client.get(url, params={"include_merged": False}).json()["items"]
    assert [d["key"] for d in only] == [seed_graph.tb2023]


def test_agency_detail_and_documents(client, seed_graph):
    body = client.get(f"/v1/agencies/{seed_graph.vpcp}").json()
    assert body["abbreviation"] == "VPCP" and body["documents"] == 3
    docs = client.get(f"/v1/agencies/{seed_graph.vpcp}/documents", params={"limit": 2}).json()
    assert len(docs["items"]) == 2 and docs["next_cursor"]


def test_entity_without_documents_has_empty_pages(client, sync_driver, neo4j_settings, seed_graph):
    from tests.api.graph_builder import GraphBuilder

    g = GraphBuilder()
    key = g.entity("Person", f"person:le-van-a-{seed_graph.run}", "Lê Văn A")
    g.create(sync_driver, neo4j_settings.neo4j_database)
    try:
        body = client.get(f"/v1/persons/{key}").json()
        assert body["documents"] == 0 and body["timeline"] == [] and body["co_occurring"] == []
        assert client.get(f"/v1/persons/{key}/documents").json()["items"] == []
    finally:
        g.delete(sync_driver, neo4j_settings.neo4j_database)


def test_unknown_or_wrong_kind_of_key_is_404(client, seed_graph):
    assert_problem(client.get("/v1/persons/person:nobody-" + seed_graph.run), 404)
    assert_problem(client.get(f"/v1/persons/{seed_graph.vpcp}"), 404)
    assert_problem(client.get(f"/v1/provinces/{seed_graph.hiep}/documents"), 404)


def test_entity_pages_reject_bad_paging(client, seed_graph):
    assert_problem(client.get(f"/v1/persons/{seed_graph.hiep}/documents", params={"limit": -1}), 422)
    assert_problem(client.get(f"/v1/persons/{seed_graph.hiep}/documents", params={"cursor": "eyJvIjogLTF9"}), 422)
