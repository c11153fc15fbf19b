"""Documents: list with filters, resolve, detail, text with spans."""

from __future__ import annotations

import pytest

from tests.api.conftest import assert_problem

pytestmark = pytest.mark.neo4j


def test_detail_has_metadata_signers_issuer_and_citations_both_ways(client, seed_graph):
    r = client.get(f"/v1/documents/{seed_graph.tb2021}")
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["type"] == "Thông báo" and d["date"] == "2021-10-27" and d["issuer"] == "Văn phòng Chính phủ"
    assert [s["name"] for s in d["signers"]] == ["Nguyễn Sỹ Hiệp"]
    assert d["signers"][0]["evidence"][0]["text"] == "Nguyễn Sỹ Hiệp"
    assert [a["key"] for a in d["issuers"]] == [seed_graph.vpcp]
    assert [(c["key"], c["kind"]) for c in d["citations_out"]] == [(seed_graph.nq, "thực hiện")]
    assert d["citations_in"] == []
    assert {e["key"] for e in d["entities"]} == {seed_graph.pmc, seed_graph.bac_giang}
    pmc = next(e for e in d["entities"] if e["key"] == seed_graph.pmc)
    assert pmc["kind"] == "person" and pmc["titles"] == ["Thủ tướng Chính phủ"]


def test_lists_the_graph_does_not_store_are_empty_lists_in_the_answer(client, seed_graph):
    """An empty list is not stored (graph/rows.py, and the bulk import cannot): the JSON still says []."""
    d = client.get(f"/v1/documents/{seed_graph.tb2021}").json()
    assert d["citations_out"][0]["pinpoints"] == []
    assert next(e for e in d["entities"] if e["key"] == seed_graph.bac_giang)["titles"] == []
    page = client.get(f"/v1/documents/{seed_graph.nq}/citing").json()
    assert page["items"] and all(i["pinpoints"] == [] for i in page["items"])


def test_detail_of_the_resolution_lists_who_cites_it(client, seed_graph):
    d = client.get(f"/v1/documents/{seed_graph.nq}").json()
    assert {c["key"] for c in d["citations_in"]} == {seed_graph.tb2021, seed_graph.tb2023}


def test_detail_of_the_2023_notice_shows_the_report_on_it(client, seed_graph):
    d = client.get(f"/v1/documents/{seed_graph.tb2023}").json()
    assert d["reports"] == [{"key": seed_graph.article, "name": "Bài báo (2023-09-13)", "date": "2023-09-13",
                             "direction": "reported_by"}]
    assert any(c["key"] == seed_graph.placeholder and c["placeholder"] for c in d["citations_out"])


@pytest.mark.parametrize("spelling", [
    "Nghị quyết {a}", "NQ {a}/NQ-CP", "nghi quyet {a}", "{a}/NQ-CP", "{a}/nq-cp", "Nghị quyết số {a}/NQ-CP",
    "Nghị quyết {a}/NQ-CP ngày 11/10/2021", "{a}/NQ-CP@2021", "nq {a}", "Nghi quyet so {a}",
    "Nghi\u0323 quye\u0302\u0301t {a}",  # decomposed tone marks (NFD) must still match
])
def test_any_usual_spelling_reaches_the_same_document(client, seed_graph, spelling):
    r = client.get(f"/v1/documents/{spelling.format(a=seed_graph.nq_ordinal)}")
    assert r.status_code == 200, r.text
    assert r.json()["key"] == seed_graph.nq


def test_a_year_picks_one_of_two_directives_with_the_same_number(client, seed_graph):
    r = client.get(f"/v1/documents/Chỉ thị {seed_graph.ct_number} năm 2020")
    assert r.json()["key"] == seed_graph.ct2020
    body = assert_problem(client.get(f"/v1/documents/Chỉ thị {seed_graph.ct_number}"), 409)
    assert {c["key"] for c in body["candidates"]} == {seed_graph.ct2020, seed_graph.ct2021}


def test_resolve_returns_candidates_instead_of_guessing(client, seed_graph):
    r = client.get("/v1/resolve", params={"q": f"Nghị quyết {seed_graph.ambiguous_ordinal}"})
    assert r.status_code == 200
    assert len(r.json()["candidates"]) == 2
    assert client.get("/v1/resolve", params={"q": "Nghị quyết 1/ZZZ-QQQ"}).json()["candidates"] == []


def test_a_type_name_that_does_not_match_is_not_a_match(client, seed_graph):
    # "Thông báo {a}" must not fall back to the Nghị quyết with the same ordinal
    assert_problem(client.get(f"/v1/documents/Thông báo {seed_graph.nq_ordinal}"), 404)


def test_unknown_document_is_404_problem_in_both_languages(client, seed_graph):
    body = assert_problem(client.get("/v1/documents/99999/XX-YY@1990"), 404)
    assert body["title"] == "Không tìm thấy" and body["title_en"] == "Not found"


def test_an_entity_key_is_not_a_document(client, seed_graph):
    assert_problem(client.get(f"/v1/documents/{seed_graph.hiep}"), 404)


def test_text_has_spans_at_the_offsets_of_entities_signers_and_citations(client, seed_graph):
    r = client.get(f"/v1/documents/{seed_graph.tb2021}/text")
    assert r.status_code == 200, r.text
    body = r.json()
    text = body["text"]
    by_kind = {(s["kind"], text[s["start"]:s["end"]]) for s in body["spans"]}
    assert ("citation", f"Nghị quyết số {seed_graph.nq_ordinal}/NQ-CP") in by_kind
    assert ("person", "Nguyễn Sỹ Hiệp") in by_kind and ("person", "Phạm Minh Chính") in by_kind
    assert ("province", "Bắc Giang") in by_kind
    starts = [s["start"] for s in body["spans"]]
    assert starts == sorted(starts)


def test_text_of_a_placeholder_is_empty_without_spans(client, seed_graph):
    body = client.get(f"/v1/documents/{seed_graph.placeholder}/text").json()
    assert body["spans"] == []


def test_list_filters_by_type_issuer_and_years(client, seed_graph):
    r = client.get("/v1/documents", params={"type": "TB", "issuer": "VPCP", "year_from": 2021, "year_to": 2023,
                                            "person": seed_graph.hiep, "limit": 100})
    assert r.status_code == 200, r.text
    assert {d["key"] for d in r.json()["items"]} == {seed_graph.tb2021, seed_graph.tb2023}


def test_list_leaves_out_placeholders_unless_asked(client, seed_graph):
    params = {"year_from": 2023, "year_to": 2023, "type": "Nghị quyết", "limit": 100}
    keys = {d["key"] for d in client.get("/v1/documents", params=params).json()["items"]}
    assert seed_graph.placeholder not in keys
    keys = {d["key"] for d in client.get("/v1/documents", params={**params, "placeholders": True}).json()["items"]}
    assert seed_graph.placeholder in keys


def test_list_pages_follow_the_cursor(client, seed_graph):
    params = {"person": seed_graph.hiep, "limit": 1}
    first = client.get("/v1/documents", params=params).json()
    second = client.get("/v1/documents", params={**params, "cursor": first["next_cursor"]}).json()
    assert [d["key"] for d in first["items"] + second["items"]] == [seed_graph.tb2023, seed_graph.tb2021]
    assert second["next_cursor"] is None


def test_list_with_no_match_is_an_empty_page(client, seed_graph):
    r = client.get("/v1/documents", params={"person": "person:nobody-" + seed_graph.run})
    assert r.status_code == 200 and r.json() == {"items": [], "next_cursor": None}


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"year_from": 1800}, {"cursor": "%%%"},
                                    {"year_from": 2022, "year_to": 2021}])
def test_list_rejects_bad_parameters(client, seed_graph, params):
    body = assert_problem(client.get("/v1/documents", params=params), 422)
    assert body["title_en"] == "Invalid parameters"


def test_resolve_and_text_errors(client, seed_graph):
    assert_problem(client.get("/v1/resolve"), 422)
    assert_problem(client.get("/v1/resolve", params={"q": "x" * 301}), 422)
    assert_problem(client.get("/v1/documents/1/NONE-X@1999/text"), 404)
