"""docker-compose.yml cannot run here (no Docker engine): check its structure instead."""

import yaml

from danchieu.config import REPO_ROOT


def _compose() -> dict:
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_has_neo4j_api_and_worker():
    assert set(_compose()["services"]) >= {"neo4j", "api", "worker"}


def test_neo4j_is_5_26_community_with_auth_volumes_and_healthcheck():
    neo4j = _compose()["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    assert any(v.startswith("neo4j-data:/data") for v in neo4j["volumes"])
    assert "7474" in neo4j["healthcheck"]["test"][-1]
    assert {"127.0.0.1:7474:7474", "127.0.0.1:7687:7687"} <= set(neo4j["ports"])


def test_api_and_worker_are_built_here_and_wait_for_a_healthy_neo4j():
    services = _compose()["services"]
    for name in ("api", "worker"):
        svc = services[name]
        assert svc["build"] == "."
        assert svc["depends_on"]["neo4j"]["condition"] == "service_healthy"
        assert svc["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
        assert "NEO4J_PASSWORD" in svc["environment"]
    assert "127.0.0.1:8000:8000" in services["api"]["ports"]
    assert (REPO_ROOT / "Dockerfile").exists()


def test_browser_settings_use_the_names_neo4j_5_26_declares():
    env = _compose()["services"]["neo4j"]["environment"]
    assert "guide.html" in env["NEO4J_browser_post__connect__cmd"]
    assert "NEO4J_browser_remote__content__hostname__whitelist" in env
