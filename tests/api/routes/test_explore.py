"""The explorer's workflow views: a hub's relations at once, citations-only paths, a document's
profile counts, rankings and body search (issue 15)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.api.conftest import assert_problem

pytestmark = pytest.mark.neo4j


def test_hub_returns_every_relation_at_once_with_an_honest_total(client, seed_graph):
    hub = client.get("/v1/graph/hub", params={"key": seed_graph.tb2021}).json()
    page = client.get("/v1/graph/neighborhood", params={"key": seed_graph.tb2021, "limit": 100}).json()
    assert hub["center"] == seed_graph.tb2021
    assert hub["total"] == hub["loaded"] == len(hub["edges"]) == page["total"] and not hub["truncated"]
    assert {e["id"] for e in hub["edges"]} == {e["id"] for e in page["edges"]}


def test_hub_merges_parallel_relationships_into_one_edge_with_all_their_evidence(client, seed_graph, sync_driver,
                                                                                neo4j_settings):
    db = neo4j_settings.neo4j_database
    sync_driver.execute_query(
        "MATCH (d:Document {key: $d}), (a:Agency {key: $a}) "
        "CREATE (d)-[:ASSIGNS {task: 'một', ev_start: [0], ev_end: [3], ev_text: ['Thủ'],"
        " ev_sentence: ['Một.']}]->(a) "
        "CREATE (d)-[:ASSIGNS {task: 'hai', ev_start: [5], ev_end: [8], ev_text: ['tướng'],"
        " ev_sentence: ['Hai.']}]->(a)",
        d=seed_graph.tb2023, a=seed_graph.vpcp, database_=db)
    try:
        hub = client.get("/v1/graph/hub", params={"key": seed_graph.tb2023, "rel": "ASSIGNS",
                                                  "direction": "out"}).json()
        assert hub["total"] == hub["loaded"] == 1
        assert sorted(ev["sentence"] for ev in hub["edges"][0]["evidence"]) == ["Hai.", "Một."]
    finally:
        sync_driver.execute_query("MATCH (:Document {key: $d})-[r:ASSIGNS]->(:Agency {key: $a}) DELETE r",
                                  d=seed_graph.tb2023, a=seed_graph.vpcp, database_=db)


def test_hub_of_an_unknown_key_is_404(client):
    assert_problem(client.get("/v1/graph/hub", params={"key": "person:nobody-at-all-here"}), 404)


def test_citations_only_path_never_goes_through_a_signer(client, seed_graph):
    params = {"source": seed_graph.tb2021, "target": seed_graph.tb2023}
    any_rel = client.get("/v1/graph/path", params=params).json()
    cites = client.get("/v1/graph/path", params={**params, "relations": "cites"}).json()
    assert {e["type"] for e in any_rel["edges"]} >= {"SIGNED"} or {e["type"] for e in any_rel["edges"]} >= {"CITES"}
    assert cites["edges"] and {e["type"] for e in cites["edges"]} == {"CITES"}
    assert seed_graph.nq in {n["id"] for n in cites["nodes"]}
    assert all(e["evidence"] for e in cites["edges"])


def test_citations_only_path_between_a_person_and_a_document_is_422(client, seed_graph):
    r = client.get("/v1/graph/path", params={"source": seed_graph.hiep, "target": seed_graph.nq, "relations": "cites"})
    assert_problem(r, 422)


def test_document_profile_counts_each_kind_of_link(client, seed_graph):
    r = client.get(f"/v1/documents/{quote(seed_graph.tb2021, safe='')}/profile")
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["cites"], body["cited_by"], body["signers"], body["mentions"]) == (1, 0, 1, 2)
    assert "date_source" in body
    nq = client.get(f"/v1/documents/{quote(seed_graph.nq, safe='')}/profile").json()
    assert nq["cited_by"] == 2


def test_rankings_of_signers_count_documents_signed(client, seed_graph):
    body = client.get("/v1/rankings/signers", params={"limit": 200}).json()
    row = next(r for r in body["items"] if r["key"] == seed_graph.hiep)
    assert row["count"] == 2 and row["kind"] == "person"
    assert row["first"] == "2021-10-27" and row["last"] == "2023-09-12"
    counts = [r["count"] for r in body["items"]]
    assert counts == sorted(counts, reverse=True) and [r["rank"] for r in body["items"]] == list(
        range(1, len(counts) + 1))


def test_rankings_of_cited_documents_filter_by_type_and_issuer(client, seed_graph):
    body = client.get("/v1/rankings/cited", params={"type": "NQ", "issuer": "Chính phủ", "year_from": 2021,
                                                    "year_to": 2023, "limit": 200}).json()
    row = next(r for r in body["items"] if r["key"] == seed_graph.nq)
    assert row["count"] == 2
    assert all(r["type"] == "Nghị quyết" for r in body["items"])


def test_influence_ranks_the_resolution_above_the_notices_citing_it(client, seed_graph):
    def scores(**params: object) -> dict[str, float]:
        items = client.get("/v1/rankings/influence", params={"limit": 200, **params}).json()["items"]
        assert all(0 < r["score"] < 1 for r in items)
        return {r["key"]: r["score"] for r in items}

    resolutions = scores(type="NQ", issuer="Chính phủ")
    notices = scores(type="TB", issuer="VPCP")
    assert resolutions[seed_graph.nq] > notices[seed_graph.tb2021]


def test_rankings_refuse_an_inverted_period(client):
    assert_problem(client.get("/v1/rankings/cited", params={"year_from": 2024, "year_to": 2020}), 422)


@pytest.mark.parametrize("query", ["thích ứng an toàn", "thich ung an toan", "THÍCH ỨNG AN TOÀN"])
def test_body_search_finds_words_of_the_text_with_or_without_diacritics(client, seed_graph, query):
    body = client.get("/v1/search/bodies", params={"q": query, "limit": 100}).json()
    hit = next(r for r in body["results"] if r["key"] == seed_graph.tb2021)
    assert "thích ứng an toàn" in hit["snippet"]


def test_body_search_ignores_lucene_syntax(client):
    r = client.get("/v1/search/bodies", params={"q": '"*:* OR (" AND ~'})
    assert r.status_code == 200 and isinstance(r.json()["results"], list)
