"""docker-compose.yml and the Dockerfile cannot run here (no Docker engine): check their structure
instead. What the image does with the wheel is exercised without Docker by tests/install/."""

import re

import yaml

from danchieu.config import REPO_ROOT

APP_SERVICES = ("migrate", "api", "worker")


def _compose() -> dict:
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def _dockerfile() -> str:
    return (REPO_ROOT / "Dockerfile").read_text(encoding="utf-8")


def _final_stage() -> str:
    return re.split(r"^FROM ", _dockerfile(), flags=re.M)[-1]


def test_compose_has_neo4j_migrate_api_and_worker():
    assert set(_compose()["services"]) >= {"neo4j", *APP_SERVICES}


def test_neo4j_is_5_26_community_with_auth_volumes_and_healthcheck():
    neo4j = _compose()["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    assert any(v.startswith("neo4j-data:/data") for v in neo4j["volumes"])
    assert "7474" in neo4j["healthcheck"]["test"][-1]
    assert {"127.0.0.1:7474:7474", "127.0.0.1:7687:7687"} <= set(neo4j["ports"])


def test_app_services_are_built_here_and_point_at_the_neo4j_service():
    services = _compose()["services"]
    for name in APP_SERVICES:
        svc = services[name]
        assert svc["build"] == "."
        assert svc["image"] == services["api"]["image"], "one image for all three"
        assert svc["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
        assert "NEO4J_PASSWORD" in svc["environment"]
    assert "127.0.0.1:8000:8000" in services["api"]["ports"]


def test_migrations_run_once_in_a_one_shot_service_after_neo4j_is_healthy():
    migrate = _compose()["services"]["migrate"]
    assert migrate["command"] == ["danchieu", "schema", "apply"]
    assert migrate["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert migrate["restart"] == "no"


def test_api_and_worker_wait_for_a_healthy_neo4j_and_the_applied_schema():
    services = _compose()["services"]
    for name in ("api", "worker"):
        depends = services[name]["depends_on"]
        assert depends["neo4j"]["condition"] == "service_healthy"
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert "schema" not in " ".join(services[name]["command"]), "only migrate applies the schema"


def test_api_has_a_healthcheck_on_health_and_others_do_not_inherit_the_images():
    services = _compose()["services"]
    assert "/health" in " ".join(services["api"]["healthcheck"]["test"])
    # the image's HEALTHCHECK probes HTTP, which the worker and the one-shot migrate do not serve
    for name in ("migrate", "worker"):
        assert services[name]["healthcheck"] == {"disable": True}


def test_browser_settings_use_the_names_neo4j_5_26_declares():
    env = _compose()["services"]["neo4j"]["environment"]
    assert "guide.html" in env["NEO4J_browser_post__connect__cmd"]
    assert "NEO4J_browser_remote__content__hostname__whitelist" in env


def test_image_builds_the_wheel_with_the_explorer_inside():
    text = _dockerfile()
    assert re.search(r"^COPY --from=explorer /src/api/static/explorer/ api/static/explorer/$", text, re.M)
    wheel_stage = text[text.index("AS wheel"):text.rindex("FROM ")]
    assert "COPY --from=explorer" in wheel_stage and "pip wheel" in wheel_stage
    assert "static/explorer/index.html" in wheel_stage, "the build fails when the wheel lacks the explorer"


def test_final_image_installs_only_the_wheel_and_runs_as_a_non_root_user():
    final = _final_stage()
    assert "pip install /tmp/wheels/*.whl" in final
    assert not re.search(r"^COPY (danchieu|api|graph|ingest|queries)/", final, re.M), "no source tree at run time"
    users = re.findall(r"^USER (\S+)", final, re.M)
    assert users and users[-1] not in ("root", "0")


def test_final_image_has_a_healthcheck_on_health():
    final = _final_stage()
    assert re.search(r"^HEALTHCHECK ", final, re.M)
    assert "/health" in final[final.index("HEALTHCHECK"):]


def test_docker_context_leaves_local_environments_out():
    ignored = (REPO_ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "**/node_modules", ".env"} <= set(ignored)
