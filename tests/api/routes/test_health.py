"""/health, /ready, /v1/stats, the Browser assets, the explorer mount."""

from __future__ import annotations

import pytest

from tests.api.conftest import assert_problem


def test_health_answers_without_the_database(client):
    assert client.get("/health").json() == {"status": "ok"}


@pytest.mark.neo4j
def test_ready_when_migrations_are_applied_and_search_indexes_online(client):
    r = client.get("/ready")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "ready" and body["neo4j"] is True and body["migrations"]
    assert body["indexes"] == {"document_search": "ONLINE", "entity_search": "ONLINE", "document_body": "ONLINE"}


@pytest.mark.neo4j
def test_stats_count_the_test_graph_among_the_rest(client, seed_graph):
    body = client.get("/v1/stats").json()
    assert body["documents"] >= 10 and body["placeholders"] >= 1 and body["citations"] >= 4
    assert any(t["type"] == "Thông báo" for t in body["by_type"])


def test_openapi_is_published_at_docs(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/v1/documents/{key}/citing" in paths and "/v1/graph/neighborhood" in paths


@pytest.mark.parametrize("origin", ["http://localhost:7474", "http://127.0.0.1:7474"])
def test_browser_assets_carry_cors_for_the_neo4j_browser(client, origin):
    from danchieu.api.routes.browser_assets import BROWSER_DIR

    for name in ("style.grass", "guide.html"):
        r = client.get(f"/browser/{name}", headers={"Origin": origin})
        if not (BROWSER_DIR / name).is_file():
            assert_problem(r, 404)
            continue
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == origin


def test_browser_assets_give_no_cors_to_other_origins(client):
    r = client.get("/browser/guide.html", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_cors_is_limited_to_configured_origins(client):
    ok = client.options("/v1/search",
                        headers={"Origin": "http://localhost:7474", "Access-Control-Request-Method": "GET"})
    assert ok.headers.get("access-control-allow-origin") == "http://localhost:7474"
    bad = client.options("/v1/search",
                         headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in bad.headers


def test_unknown_route_is_a_404_problem(client):
    assert_problem(client.get("/v1/nothing-here"), 404)


def test_root_redirects_to_the_explorer_when_it_is_built(client):
    from danchieu.api.app import EXPLORER_DIR

    r = client.get("/", follow_redirects=False)
    assert r.status_code in (302, 307) and r.headers["location"] == "/explore/"
    page = client.get("/explore/")
    if not (EXPLORER_DIR / "index.html").is_file():
        # a checkout without `npm run build`: a page that says how to build it, not a bare 404
        assert page.status_code == 503 and "npm run build" in page.text
        return
    assert page.status_code == 200 and "<html" in page.text.lower()


@pytest.fixture
def unmigrated_client(api_settings, sync_driver, neo4j_db):
    """The API over a database whose schema was never applied (removed for the test, restored after)."""
    from danchieu.api.app import create_app
    from danchieu.graph import migrations
    from fastapi.testclient import TestClient

    from tests.api.graph_builder import FIXTURES

    for listing in ("schema_constraints", "schema_indexes"):
        query = (FIXTURES / f"{listing}.cypher").read_text(encoding="utf-8")
        for row in sync_driver.execute_query(query, database_=neo4j_db).records:
            sync_driver.execute_query(f"DROP {row['kind']} `{row['name']}` IF EXISTS", database_=neo4j_db)
    sync_driver.execute_query("MATCH (m:__SchemaMigration) DELETE m", database_=neo4j_db)
    try:
        with TestClient(create_app(api_settings), raise_server_exceptions=False) as c:
            yield c
    finally:
        migrations.apply(sync_driver, neo4j_db)


@pytest.mark.neo4j
def test_without_migrations_ready_and_search_answer_503_saying_what_to_do(unmigrated_client):
    r = unmigrated_client.get("/ready")
    assert r.status_code == 503 and r.headers["retry-after"]
    assert r.json()["status"] == "not_ready" and "danchieu schema apply" in r.json()["detail"]
    body = assert_problem(unmigrated_client.get("/v1/search", params={"q": "nghi quyet 128"}), 503)
    assert body["detail"] == "schema not applied: run `danchieu schema apply`"
