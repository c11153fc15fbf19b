"""Errors when Neo4j is down: 503 with Retry-After on graph routes, /health still up, no trace."""

from __future__ import annotations

import socket

import pytest
from danchieu.api.app import create_app
from fastapi.testclient import TestClient

from tests.api.conftest import assert_problem


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def down_client():
    from danchieu.config import Settings

    settings = Settings().model_copy(update={  # type: ignore[call-arg]
        "neo4j_uri": f"bolt://127.0.0.1:{_closed_port()}", "neo4j_password": "not-a-real-password-1"})
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("path", ["/v1/documents/128/NQ-CP@2021", "/v1/search?q=nq+128", "/v1/stats",
                                  "/v1/graph/neighborhood?key=person:x"])
def test_graph_routes_answer_503_with_retry_after_when_neo4j_is_down(down_client, path):
    r = down_client.get(path)
    body = assert_problem(r, 503)
    assert r.headers["retry-after"].isdigit()
    assert "Neo4j" in body["detail"]


def test_ready_is_503_and_health_200_when_neo4j_is_down(down_client):
    assert down_client.get("/health").status_code == 200
    r = down_client.get("/ready")
    assert r.status_code == 503 and r.headers["retry-after"]


def test_a_placeholder_password_leaves_the_api_up_but_graph_routes_503():
    from danchieu.config import Settings

    settings = Settings().model_copy(update={"neo4j_password": "changeme"})  # type: ignore[call-arg]
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        assert c.get("/health").status_code == 200
        assert_problem(c.get("/v1/stats"), 503)


def test_key_comparison_accepts_only_exact_keys():
    from danchieu.api.deps import key_matches

    assert key_matches("abc", ["x", "abc"]) and not key_matches("ab", ["abc"]) and not key_matches("abcd", ["abc"])
    assert not key_matches("abc", [])
