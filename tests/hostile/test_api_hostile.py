"""Issue 14 items 1, 5 and 6 as the attack report ran them, against the real app and the real Neo4j
(scaled to seconds; each bound is a ratio or a count, never a time). The routes' own specifications
are in tests/api/routes/test_check.py and test_cypher.py; this is the hostile suite's reproduction."""

from __future__ import annotations

import pytest

from tests.api.conftest import API_KEY, api_settings, client, sync_driver  # noqa: F401 — the API's fixtures

pytestmark = pytest.mark.neo4j
AUTH = {"X-API-Key": API_KEY}


# --- item 1: /v1/check, unauthenticated ----------------------------------------------------------------
def test_a_repeated_citation_without_full_stops_answers_in_size_linear_in_the_text(client):  # noqa: F811
    # before: each mention's evidence was the whole text (60 KB → 132 MB of response)
    sizes = {}
    for copies in (500, 2000):  # 15 KB and 60 KB
        r = client.post("/v1/check", json={"text": "128/NQ-CP ngày 11/10/2021 của " * copies})
        assert r.status_code == 200
        sizes[copies] = len(r.content)
    assert sizes[2000] <= 6 * sizes[500]  # linear: ×4 (quadratic, as before: ×16)
    assert sizes[2000] < 2000 * 1000  # a bounded evidence window per mention


def test_tens_of_thousands_of_distinct_numbers_are_cut_at_the_number_limit(client):  # noqa: F811
    from danchieu.api.check_extract import MAX_NUMBERS

    r = client.post("/v1/check", json={"text": ", ".join(f"{i}/NQ-CP" for i in range(1, 10000))})  # ~80 KB
    assert r.status_code == 200
    assert r.json()["truncated"] is True and len(r.json()["citations"]) <= MAX_NUMBERS


def test_the_issues_full_size_inputs_are_refused_before_any_work(client):  # noqa: F811
    for text in ("128/NQ-CP ngày 11/10/2021 của " * 7000, ", ".join(f"{i}/NQ-CP" for i in range(1, 30000))):
        assert client.post("/v1/check", json={"text": text}).status_code == 413


# --- item 5: a read-only query that took the JVM down ---------------------------------------------------
def test_the_30_million_element_list_is_refused_and_neo4j_stays_up(client):  # noqa: F811
    bomb = "WITH [x IN range(1,30000000) | toString(x)] AS l RETURN size(l)"
    assert client.post("/v1/cypher", headers=AUTH, json={"query": bomb}).status_code == 400
    assert client.post("/v1/cypher", headers=AUTH, json={"query": "RETURN 1 AS one"}).json()["rows"] == [{"one": 1}]
    assert client.get("/ready").status_code == 200


# --- item 6: the "read-only" endpoint's admin powers ----------------------------------------------------
@pytest.mark.parametrize("query", [
    "SHOW USERS", "SHOW SETTINGS", "CALL dbms.queryJmx('*')", "CALL dbms.listConnections()",
    "CALL db.clearQueryCaches()", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "LOAD CSV FROM 'http://127.0.0.1:7474/' AS line RETURN line",
], ids=lambda q: q.split("(")[0][:28])
def test_no_admin_command_or_url_loading_passes(client, query):  # noqa: F811
    assert client.post("/v1/cypher", headers=AUTH, json={"query": query}).status_code == 400


def test_one_row_of_53_mb_does_not_pass_the_byte_cap(client):  # noqa: F811
    r = client.post("/v1/cypher", headers=AUTH,
                    json={"query": "RETURN [x IN range(1, 400000) | 'abcdefghijklmnopqrstuvwxyz'] AS big"})  # ~12 MB
    assert r.status_code in (200, 400)
    assert len(r.content) < 5 * 1024 * 1024  # DANCHIEU_CYPHER_MAX_BYTES (4 MiB) and a little JSON


# --- item 7: uploads were world-readable ---------------------------------------------------------------
def test_an_uploaded_file_is_readable_by_the_service_alone(client, api_settings, sync_driver, neo4j_settings):  # noqa: F811
    import stat

    from danchieu.graph.jobs import delete_jobs

    r = client.post("/v1/documents", files={"file": ("thong-bao.txt", "THÔNG BÁO\nKết luận.\n".encode(), "text/plain")},
                    headers=AUTH)
    assert r.status_code == 202, r.text
    try:
        stored = next(api_settings.upload_dir.glob(f"{r.json()['id']}_*"))
        assert stat.S_IMODE(stored.stat().st_mode) == 0o600
        assert stat.S_IMODE(api_settings.upload_dir.stat().st_mode) == 0o700
    finally:
        delete_jobs(sync_driver, neo4j_settings.neo4j_database, [r.json()["id"]])
