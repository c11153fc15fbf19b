"""Read-only Cypher for power users: key required, READ transaction, row cap, timeout."""

from __future__ import annotations

import pytest

from tests.api.conftest import API_KEY, assert_problem

pytestmark = pytest.mark.neo4j
AUTH = {"X-API-Key": API_KEY}


def test_a_read_query_returns_columns_and_rows_with_dates_as_iso(client, seed_graph):
    r = client.post("/v1/cypher", headers=AUTH, json={
        "query": "MATCH (d:Document {key: $k}) RETURN d.key AS key, d.date AS date", "params": {"k": seed_graph.nq}})
    assert r.status_code == 200, r.text
    assert r.json() == {"columns": ["key", "date"], "rows": [{"key": seed_graph.nq, "date": "2021-10-11"}],
                        "truncated": False}


def test_a_query_with_no_rows_is_an_empty_result(client):
    r = client.post("/v1/cypher", headers=AUTH, json={"query": "MATCH (d:Document {key: 'none@0'}) RETURN d"})
    assert r.json() == {"columns": [], "rows": [], "truncated": False}


def test_rows_are_capped(client, api_settings):
    r = client.post("/v1/cypher", headers=AUTH, json={"query": "UNWIND range(1, 500) AS i RETURN i"})
    assert len(r.json()["rows"]) == api_settings.cypher_row_cap and r.json()["truncated"] is True
    r = client.post("/v1/cypher", headers=AUTH, json={"query": "UNWIND range(1, 500) AS i RETURN i", "limit": 3})
    assert [x["i"] for x in r.json()["rows"]] == [1, 2, 3]


@pytest.mark.parametrize("query", ["CREATE (n:ApiWriteAttempt) RETURN n",
                                   "MATCH (d:Document) SET d.hacked = true RETURN count(d)",
                                   "MATCH (n:ApiWriteAttempt) DETACH DELETE n"])
def test_writes_are_refused_by_the_read_transaction(client, sync_driver, neo4j_settings, query):
    body = assert_problem(client.post("/v1/cypher", headers=AUTH, json={"query": query}), 400)
    assert "refused" in body["detail"]
    records, _, _ = sync_driver.execute_query("MATCH (n:ApiWriteAttempt) RETURN count(n) AS n",
                                              database_=neo4j_settings.neo4j_database)
    assert records[0]["n"] == 0


def test_syntax_error_is_400(client):
    assert_problem(client.post("/v1/cypher", headers=AUTH, json={"query": "MATCH (n RETURN"}), 400)


def test_a_query_over_the_time_limit_is_504(client, api_settings):
    slow = "UNWIND range(1, 1000000000) AS i WITH i WHERE i % 7 = 99 RETURN count(i)"
    assert_problem(client.post("/v1/cypher", headers=AUTH, json={"query": slow, "timeout_s": 0.5}), 504)


def test_key_required_and_checked(client):
    assert_problem(client.post("/v1/cypher", json={"query": "RETURN 1"}), 401)
    assert_problem(client.post("/v1/cypher", headers={"X-API-Key": "nope"}, json={"query": "RETURN 1"}), 403)


def test_bad_bodies_are_422(client):
    assert_problem(client.post("/v1/cypher", headers=AUTH, json={"query": ""}), 422)
    assert_problem(client.post("/v1/cypher", headers=AUTH, json={"params": {}}), 422)
    assert_problem(client.post("/v1/cypher", headers=AUTH, json={"query": "RETURN 1", "limit": 0}), 422)
