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
    # Neo4j's integers are 64-bit: a larger one, even nested, is the client's error (was a 500)
    for params in ({"n": 2**63}, {"m": {"xs": [1, -(2**63) - 1]}}):
        assert_problem(client.post("/v1/cypher", headers=AUTH, json={"query": "RETURN $n", "params": params}), 422)


# --- issue 14 item 6: read-only by construction --------------------------------------------------------
@pytest.mark.parametrize("query", [
    "SHOW USERS", "SHOW SETTINGS", "SHOW TRANSACTIONS", "CALL dbms.queryJmx('*')", "CALL dbms.listConnections()",
    "CALL db.clearQueryCaches()", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "LOAD CSV FROM 'http://127.0.0.1:7474/' AS line RETURN line", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "CREATE USER intruder SET PASSWORD 'intruder-password'", "CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN 1",
    "EXPLAIN MATCH (n) RETURN n", "CALL dbms.components() YIELD name RETURN name",
], ids=lambda q: q.split("(")[0][:32])
def test_admin_commands_procedures_and_url_loading_are_refused_before_running(client, query):
    body = assert_problem(client.post("/v1/cypher", headers=AUTH, json={"query": query}), 400)
    assert "refused" in body["detail"] or "EXPLAIN" in body["detail"]


def test_a_list_that_would_exhaust_the_servers_memory_is_refused_and_the_server_stays_up(client):
    bomb = "WITH [x IN range(1,30000000) | toString(x)] AS l RETURN size(l)"
    body = assert_problem(client.post("/v1/cypher", headers=AUTH, json={"query": bomb}), 400)
    assert "range()" in body["detail"]
    nested = "UNWIND range(1, 10) AS y RETURN [x IN range(1, $n) | x] AS l"
    assert_problem(client.post("/v1/cypher", headers=AUTH, json={"query": nested, "params": {"n": 10_000_000}}), 400)
    assert client.post("/v1/cypher", headers=AUTH, json={"query": "RETURN 1 AS one"}).json()["rows"] == [{"one": 1}]


def test_schema_procedures_on_the_allow_list_run(client):
    r = client.post("/v1/cypher", headers=AUTH, json={"query": "CALL db.labels() YIELD label RETURN label LIMIT 1"})
    assert r.status_code == 200, r.text


def test_one_huge_row_passes_neither_the_row_cap_nor_the_byte_cap(client, api_settings):
    big = "RETURN [x IN range(1, 200000) | 'abcdefghij'] AS big"  # ~2.6 MB of JSON in one row
    capped = api_settings.model_copy(update={"cypher_max_bytes": 100_000})
    from danchieu.api.app import create_app
    from fastapi.testclient import TestClient

    with TestClient(create_app(capped), raise_server_exceptions=False) as small:
        r = small.post("/v1/cypher", headers=AUTH, json={"query": big})
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [] and r.json()["truncated"] is True


def test_the_endpoint_connects_as_the_dedicated_reader_not_the_admin(client, sync_driver, api_settings):
    client.post("/v1/cypher", headers=AUTH, json={"query": "RETURN 1"})
    records, _, _ = sync_driver.execute_query("SHOW USERS YIELD user RETURN collect(user) AS users", database_="system")
    assert api_settings.neo4j_reader_user in records[0]["users"]
    assert client.app.state.reader_driver is not None  # the route's own driver, not the admin's
