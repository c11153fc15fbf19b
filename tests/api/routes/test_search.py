"""Search across documents and entities: diacritic-insensitive, typo-tolerant, ranked."""

from __future__ import annotations

import random
import string

import pytest
from danchieu.api.routes.search import lucene_query
from danchieu.api.search_exact import code_form

from tests.api.conftest import assert_problem
from tests.api.graph_builder import GraphBuilder


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


@pytest.fixture
def coded_agencies(sync_driver, neo4j_settings):
    """Agencies known only from the numbers of what they issued: one code with one issuer, one code
    two agencies share (as every province's "UBND" is)."""
    run = "".join(random.choices(string.ascii_uppercase, k=6))
    one, shared = f"Q{run}", f"Z{run}"
    g = GraphBuilder()
    sole = g.entity("Agency", f"agency:sole-{run.lower()}", f"Cục Thử nghiệm {run}")
    first = g.entity("Agency", f"agency:first-{run.lower()}", f"Ủy ban Thử nghiệm Một {run}")
    second = g.entity("Agency", f"agency:second-{run.lower()}", f"Ủy ban Thử nghiệm Hai {run}")
    for i, (agency, code) in enumerate([(sole, one), (sole, one), (first, shared), (second, shared)]):
        doc = g.document("Quyết định", "QĐ", f"{90 + i}/QĐ-{code}", f"2024-0{i + 1}-15", issuer_code=code)
        g.rel("ISSUED", agency, doc)
    g.create(sync_driver, neo4j_settings.neo4j_database)
    try:
        yield {"one": one, "shared": shared, "sole": sole, "candidates": {first, second}}
    finally:
        g.delete(sync_driver, neo4j_settings.neo4j_database)


@pytest.mark.neo4j
def test_an_issuer_code_found_only_in_document_numbers_finds_its_agency_first(client, coded_agencies):
    for query in (coded_agencies["one"], coded_agencies["one"].lower()):
        results = client.get("/v1/search", params={"q": query, "limit": 50}).json()["results"]
        assert results[0]["key"] == coded_agencies["sole"], results
        assert results[0]["kind"] == "agency" and results[0]["match"] == "exact"
        assert any(r["kind"] == "document" for r in results)  # the documents numbered …/QĐ-<code> still follow


@pytest.mark.neo4j
def test_an_ambiguous_issuer_code_lists_its_candidates_instead_of_guessing(client, coded_agencies):
    results = client.get("/v1/search", params={"q": coded_agencies["shared"], "kind": "agency"}).json()["results"]
    marked = {r["key"] for r in results if r["match"] == "ambiguous"}
    assert marked == coded_agencies["candidates"]
    assert not any(r["match"] == "exact" for r in results)


@pytest.mark.parametrize("text,code", [("BTC", "btc"), ("bgdđt", "bgddt"), ("QH15", "qh15"),
                                       ("Bộ Tài chính", ""), ("128", ""), ("x", "")])
def test_the_code_form_of_a_query_folds_case_and_d(text, code):
    assert code_form(text) == code
