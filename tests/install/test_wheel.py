"""The installed package works outside the repository (issue 18): the wheel the Docker image
installs, in a fresh virtualenv, run from a directory that is not a checkout, against the test
Neo4j — `danchieu schema apply`, `danchieu ingest` on the seeds, `danchieu serve` answering
/ready, /explore/, a query route and the Browser guide."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, SEEDS
from tests.serving import wait_until_serving

pytestmark = [pytest.mark.neo4j, pytest.mark.install]

# What the wheel installs at the top of site-packages.
TOP_LEVEL = {"danchieu"}
# Where each kind of run-time file is looked for ("module:attribute"), all inside the installed package.
RUN_TIME_FILES = [
    "danchieu.api.app:EXPLORER_DIR",
    "danchieu.graph.browser:BROWSER_DIR",
    "danchieu.graph.migrations:SCHEMA_DIR",
    "danchieu.graph.neo4j_server:POM",
    "danchieu.queries.load_query",
    "danchieu.ingest.codes:_DATA",
    "danchieu.ingest.entities.gazetteer:DATA_DIR",
]
FIXTURES = Path(__file__).parent / "fixtures"
DELETE_GRAPH = REPO / "tests" / "api" / "fixtures" / "delete_graph.cypher"

PROBE = r"""
import importlib, json, pkgutil, sys
top, targets = json.loads(sys.argv[1]), json.loads(sys.argv[2])
modules = {}
for name in top:
    package = importlib.import_module(name)
    modules[name] = package.__file__
    for info in pkgutil.walk_packages(package.__path__, name + "."):
        module = importlib.import_module(info.name)
        if module.__file__:  # data folders (ingest/data, api/static) are namespace packages without one
            modules[info.name] = module.__file__
files = {}
for target in targets:
    module, _, attr = target.partition(":")
    if not attr:
        module, _, attr = module.rpartition(".")
    value = getattr(importlib.import_module(module), attr)
    files[target] = str(value) if not callable(value) else importlib.import_module(module).__file__
print(json.dumps({"modules": modules, "files": files}))
"""


def _top_level_names(wheel: Path) -> set[str]:
    names = zipfile.ZipFile(wheel).namelist()
    return {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}


def test_the_wheel_installs_only_the_expected_top_level_names(wheel):
    assert _top_level_names(wheel) == TOP_LEVEL


def test_the_wheel_carries_every_run_time_file(wheel):
    names = zipfile.ZipFile(wheel).namelist()

    def shipped(suffix: str) -> bool:
        return any(n.endswith(suffix) for n in names)

    for suffix in ("static/explorer/index.html", "static/explorer/explorer.js", "static/explorer/explorer.css",
                   "browser/guide.html", "browser/style.grass", "browser/favorites.zip", "neo4j-server/pom.xml",
                   "schema/V001__constraints.cypher", "api/ready.cypher", "data/codes/doc_types.yaml",
                   "data/gazetteer/agencies.yaml", "data/provinces.yaml"):
        assert shipped(suffix), f"the wheel lacks …/{suffix}"
    for folder in ("graph/schema", "queries", "ingest/data"):  # every data file of these folders, not a sample
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and path.suffix in {".cypher", ".yaml", ".tsv"}:
                assert shipped(path.relative_to(REPO).as_posix()), f"the wheel lacks {path.relative_to(REPO)}"


def test_every_module_and_run_time_file_comes_from_the_installed_package(installed):
    done = installed.run("python", "-c", PROBE, json.dumps(sorted(TOP_LEVEL)), json.dumps(RUN_TIME_FILES))
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout)
    site = installed.site_packages.resolve()
    for name, path in {**found["modules"], **found["files"]}.items():
        resolved = Path(path).resolve()
        assert site in resolved.parents, f"{name} is read from {resolved}, not from the installed package"
        assert REPO not in resolved.parents
        assert resolved.exists(), f"{name}: {resolved} is missing from the installed package"


def test_extraction_from_the_install_matches_the_checkout(installed, tmp_path):
    """Same JSON for the seeds: no gazetteer, code table or rule file is left behind in the checkout."""
    ours, theirs = tmp_path / "checkout", tmp_path / "installed"
    checkout = subprocess.run([sys.executable, "-m", "danchieu.cli", "extract", str(SEEDS), "--out", str(ours)],
                              cwd=REPO, capture_output=True, text=True, timeout=900)
    assert checkout.returncode == 0, checkout.stderr[-3000:]
    done = installed.run("danchieu", "extract", str(SEEDS), "--out", str(theirs))
    assert done.returncode == 0, done.stderr[-3000:]
    expected = sorted(p.name for p in ours.glob("*.json"))
    assert expected and sorted(p.name for p in theirs.glob("*.json")) == expected
    for name in expected:
        assert json.loads((theirs / name).read_text("utf-8")) == json.loads((ours / name).read_text("utf-8")), name


def test_schema_apply_from_the_install_agrees_with_the_applied_migrations(installed, neo4j_settings):
    """What the compose `migrate` service runs; the shipped migrations carry the checkout's checksums."""
    done = installed.run("danchieu", "schema", "apply", settings=neo4j_settings)
    assert done.returncode == 0, done.stdout + done.stderr


def _graph_keys(driver, database: str) -> set[str]:
    records, _, _ = driver.execute_query((FIXTURES / "graph_keys.cypher").read_text("utf-8"), database_=database)
    return {r["key"] for r in records}


@pytest.fixture(scope="module")
def ingested(installed, neo4j_settings, neo4j_driver, tmp_path_factory) -> Iterator[subprocess.CompletedProcess]:
    """`danchieu ingest` of the installed package on a copy of the seeds outside the repository;
    afterwards only what it added to the test graph is removed."""
    db = neo4j_settings.neo4j_database
    before = _graph_keys(neo4j_driver, db)
    seeds = tmp_path_factory.mktemp("seeds") / "seeds"
    shutil.copytree(SEEDS, seeds)
    done = installed.run("danchieu", "ingest", str(seeds), "--workers", "1", "--quiet", settings=neo4j_settings)
    yield done
    added = _graph_keys(neo4j_driver, db) - before
    if added:
        neo4j_driver.execute_query(DELETE_GRAPH.read_text("utf-8"), keys=sorted(added), database_=db)


def test_ingest_from_the_install_loads_the_seeds(ingested, neo4j_driver, neo4j_settings):
    assert ingested.returncode == 0, ingested.stdout[-3000:] + ingested.stderr[-3000:]
    assert "Traceback" not in ingested.stderr
    assert "285/TB-VPCP@2021" in _graph_keys(neo4j_driver, neo4j_settings.neo4j_database)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Served:
    base: str
    log: Path


@pytest.fixture(scope="module")
def served(installed, neo4j_settings, ingested, tmp_path_factory) -> Iterator[Served]:
    """`danchieu serve` of the installed package, started from a directory that is not a checkout."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("serve") / "serve.log"
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen([str(installed.bin / "danchieu"), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=installed.cwd, env=installed.env(neo4j_settings), stdout=log,
                                stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(proc, lambda: httpx.get(f"{base}/health", timeout=2).status_code == 200, 90,
                           "danchieu serve", lambda: ":\n" + log_path.read_text()[-3000:])
        yield Served(base, log_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_ready_from_the_install(served):
    r = httpx.get(f"{served.base}/ready", timeout=10)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "ready"


def test_explore_serves_the_explorer_shipped_in_the_wheel(served):
    page = httpx.get(f"{served.base}/explore/", timeout=10)
    assert page.status_code == 200 and "explorer.js" in page.text
    script = httpx.get(f"{served.base}/explore/explorer.js", timeout=10)
    assert script.status_code == 200 and len(script.content) > 10_000
    assert httpx.get(f"{served.base}/", timeout=10).headers.get("location") == "/explore/"
    assert "the explorer is not built" not in served.log.read_text(encoding="utf-8")


def test_a_query_route_answers_from_the_install(served):
    r = httpx.get(f"{served.base}/v1/documents/Nghị quyết 128/citing", params={"type": "Thông báo"}, timeout=30)
    assert r.status_code == 200, r.text
    assert "285/TB-VPCP" in [item["number"] for item in r.json()["items"]]


def test_browser_guide_and_style_are_served_from_the_install(served):
    guide = httpx.get(f"{served.base}/browser/guide.html", timeout=10)
    assert guide.status_code == 200 and guide.headers["content-type"].startswith("text/html")
    assert "<slide" in guide.text
    assert httpx.get(f"{served.base}/browser/style.grass", timeout=10).status_code == 200
