"""Search across documents and entities: diacritic-insensitive, typo-tolerant, ranked."""

from __future__ import annotations

import pytest
from danchieu.api.routes.search import lucene_query

from tests.api.conftest import assert_problem


@pytest.mark.parametrize("text,expected", [
    ("Phạm Minh Chính", "+(pham^2 pham~1) +(minh^2 minh~1) +(chinh^2 chinh~1)"),
    ("128/NQ-CP", "+(128^2) +(nq^2) +(cp^2)"),
    ('title:"x" OR *:* AND ~ \\', "+(title^2 title~1) +(x^2) +(or^2) +(and^2)"),
    ("   ", ""),
    ("Nguyễn Sĩ Hiệp", "+(nguyen^2 nguyen~1) +(si^2 sy) +(hiep^2 hiep~1)"),
])
def test_lucene_query_is_built_from_folded_words_only(text, expected):
    assert lucene_query(text) == expected


@pytest.mark.neo4j
@pytest.mark.parametrize("query", ["{a}/NQ-CP", "nq {a}", "Nghị quyết {a}", "nghi quyet {a}"])
def test_a_document_number_in_any_spelling_is_the_top_result(client, seed_graph, query):
    r = client.get("/v1/search", params={"q": query.format(a=seed_graph.nq_ordinal)})
    assert r.status_code == 200, r.text
    top = r.json()["results"][0]
    assert top["key"] == seed_graph.nq and top["kind"] == "document" and top["type"] == "Nghị quyết"


@pytest.mark.neo4j
@pytest.mark.parametrize("query,key", [
    ("pham minh chinh", "pmc"), ("Phạm Minh Chính", "pmc"), ("Nguyen Sy Hiep", "hiep"), ("nguyễn sĩ hiệp", "hiep"),
    ("bac giang", "bac_giang"), ("Bắc Ninh", "bac_ninh"),
])
def test_entities_are_found_without_diacritics_and_with_one_typo(client, seed_graph, query, key):
    r = client.get("/v1/search", params={"q": query, "limit": 100})
    assert getattr(seed_graph, key) in [x["key"] for x in r.json()["results"]]


@pytest.mark.neo4j
def test_agency_by_abbreviation(client, seed_graph):
    r = client.get("/v1/search", params={"q": "VPCP", "kind": "agency", "limit": 100})
    results = r.json()["results"]
    assert seed_graph.vpcp in [x["key"] for x in results]
    assert {x["kind"] for x in results} == {"agency"}


@pytest.mark.neo4j
def test_an_agency_abbreviation_outranks_documents_whose_numbers_contain_it(client, seed_graph):
    results = client.get("/v1/search", params={"q": "vpcp", "limit": 100}).json()["results"]
    kinds = [x["kind"] for x in results]
    keys = [x["key"] for x in results]
    assert "document" in kinds  # the test graph's notices are numbered …/TB-VPCP
    assert keys.index(seed_graph.vpcp) < kinds.index("document")


@pytest.mark.neo4j
def test_results_are_ranked_by_score(client, seed_graph):
    results = client.get("/v1/search", params={"q": "Phạm Minh Chính", "limit": 50}).json()["results"]
    scores = [x["score"] for x in results]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.neo4j
def test_nonsense_finds_nothing(client, seed_graph):
    r = client.get("/v1/search", params={"q": "zxqwvjk qqqzzzx"})
    assert r.status_code == 200 and r.json() == {"query": "zxqwvjk qqqzzzx", "results": []}


@pytest.mark.neo4j
@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x", "kind": "law"}, {"q": "x", "limit": 0}])
def test_search_rejects_bad_parameters(client, seed_graph, params):
    assert_problem(client.get("/v1/search", params=params), 422)
