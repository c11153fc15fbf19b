"""Fixtures for end-to-end tests of the explorer in a real headless Chromium.

The chain is real from end to end: the seeds in ``data/seeds`` are ingested into the test Neo4j
(``danchieu ingest``, idempotent, skipped when they are already there), the API is started with
uvicorn on a free port serving the explorer build from ``api/static/explorer`` (built with
``npm ci && npm run build`` when missing), and Debian's ``/usr/bin/chromium`` is driven by
Playwright. Every page blocks requests to any other host and records them, so a test can assert
that the page works with the network cut after load. Screenshots go to ``test-output/browser/``;
with ``DANCHIEU_DOC_SCREENSHOTS=1`` the 1280×800 ones are also written to ``docs/screenshots/``.

The seed documents are shared reference data (the same keys as ``danchieu up`` loads), so they
are not removed after the session.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

from tests.conftest import REPO, SEEDS
from tests.serving import wait_until_serving

CHROMIUM = Path(os.environ.get("DANCHIEU_CHROMIUM", "/usr/bin/chromium"))
EXPLORER_SRC = REPO / "explorer"
EXPLORER_BUILD = REPO / "api" / "static" / "explorer"
OUTPUT = REPO / "test-output" / "browser"
DOC_SHOTS = REPO / "docs" / "screenshots"
# A document every seed ingest produces; when it is there the seeds are loaded.
SEED_PROBE_KEY = "285/TB-VPCP@2021"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env_for(settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
                "NEO4J_PASSWORD": settings.neo4j_password, "NEO4J_DATABASE": settings.neo4j_database})
    return env


def _build_explorer() -> None:
    if (EXPLORER_BUILD / "index.html").is_file() and (EXPLORER_BUILD / "explorer.js").is_file():
        return
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("the explorer is not built and npm is not installed (apt-get install npm)")
    if not (EXPLORER_SRC / "node_modules").is_dir():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=EXPLORER_SRC, check=True)
    subprocess.run([npm, "run", "build"], cwd=EXPLORER_SRC, check=True)


def _seeds_loaded(driver, database: str) -> bool:
    records, _, _ = driver.execute_query(
        "MATCH (d:Document {key: $key}) WHERE NOT coalesce(d.placeholder, false) RETURN count(d) AS n",
        key=SEED_PROBE_KEY, database_=database)
    return records[0]["n"] > 0


@pytest.fixture(scope="session")
def seeded_graph(neo4j_driver, neo4j_settings) -> None:
    """The five seed documents are in the test database."""
    if _seeds_loaded(neo4j_driver, neo4j_settings.neo4j_database):
        return
    cmd = [sys.executable, "-m", "danchieu.cli", "ingest", str(SEEDS), "--workers", "1", "--quiet"]
    done = subprocess.run(cmd, check=False, cwd=REPO, env=_env_for(neo4j_settings),
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0 or not _seeds_loaded(neo4j_driver, neo4j_settings.neo4j_database):
        pytest.fail(f"ingesting the seeds failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")


@pytest.fixture(scope="session")
def api_url(live_api: str, seeded_graph) -> str:
    """Base URL of the real API serving the explorer, with the seeds in the graph."""
    return live_api


@pytest.fixture(scope="session")
def live_api(neo4j_driver, neo4j_settings) -> Iterator[str]:
    """Base URL of the real API (uvicorn) serving the explorer build and the test database."""
    _build_explorer()
    port = _free_port()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    log = (OUTPUT / "api.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "danchieu.api.app:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        cwd=REPO, env=_env_for(neo4j_settings), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(proc, lambda: httpx.get(f"{base}/explore/", timeout=2).status_code == 200, 60,
                           "the API", lambda: f"; see {OUTPUT / 'api.log'}")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # --no-sandbox: CI and dev containers run as root, where Chromium's sandbox cannot start.
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@dataclass
class PageWatch:
    """What a page did that a test may assert on: console errors and attempts to leave the host."""

    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)


def open_page(browser, api_url: str, *, width: int = 1280, height: int = 800, downloads: bool = False):
    """A fresh context and page that can only reach ``api_url``; returns (context, page, watch)."""
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=downloads,
                                  locale="vi-VN")
    page = context.new_page()
    watch = PageWatch()
    host = urlparse(api_url).netloc

    def gate(route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).netloc == host:
            route.continue_()
        else:
            watch.external_requests.append(url)
            route.abort()

    page.route("**/*", gate)
    page.on("console", lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: watch.console_errors.append(f"pageerror: {exc}"))
    return context, page, watch


@pytest.fixture
def explorer(browser, api_url):
    """A 1280×800 page on /explore/, ready; asserts no console errors and no other hosts afterwards."""
    context, page, watch = open_page(browser, api_url, downloads=True)
    page.goto(f"{api_url}/explore/")
    page.wait_for_function("window.explorer && window.explorer.ready")
    yield page, watch
    context.close()
    assert watch.console_errors == [], watch.console_errors
    assert watch.external_requests == [], watch.external_requests


def screenshot(page, name: str, *, doc: bool = False) -> Path:
    """Saves test-output/browser/<name>.png (and docs/screenshots/<name>.png when asked and enabled)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path))
    if doc and os.environ.get("DANCHIEU_DOC_SCREENSHOTS") == "1":
        DOC_SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOC_SHOTS / f"{name}.png")
    return path


def export_click(page, button_id: str) -> None:
    """Clicks an entry of the toolbar's export menu (PNG, GraphML, CSV, share), opening it first."""
    if not page.evaluate("document.getElementById('export-menu').open"):
        page.click("#export-menu summary")
    page.click(f"#{button_id}")


# Every edge as drawn (source endpoint, its bends, target endpoint) against the box of every visible
# node it does not join (nor a compound holding one of its ends): the pairs where a segment crosses a
# box, i.e. where an edge passes under a node. Independent of the explorer's own router.
CROSSINGS_JS = """() => {
  const cy = window.cy;
  const hits = (p, q, b) => {
    let t0 = 0, t1 = 1;
    const dx = q.x - p.x, dy = q.y - p.y;
    for (const [pk, qk] of [[-dx, p.x - b.x1], [dx, b.x2 - p.x], [-dy, p.y - b.y1], [dy, b.y2 - p.y]]) {
      if (pk === 0) { if (qk < 0) return false; continue; }
      const r = qk / pk;
      if (pk < 0) t0 = Math.max(t0, r); else t1 = Math.min(t1, r);
      if (t0 > t1) return false;
    }
    return true;
  };
  const boxes = cy.nodes().filter(n => n.visible()).map(n => {
    const bb = n.boundingBox({includeLabels: false, includeOverlays: false});
    return {n, b: {x1: bb.x1 + 1, y1: bb.y1 + 1, x2: bb.x2 - 1, y2: bb.y2 - 1}};
  });
  const out = [];
  cy.edges().filter(e => e.visible()).forEach(e => {
    const ends = e.source().union(e.target());
    const skip = ends.union(ends.ancestors());
    const pts = [e.sourceEndpoint()];
    if (e.pstyle('curve-style').value === 'segments') pts.push(...e.segmentPoints());
    else if (e.pstyle('curve-style').value !== 'straight' && e.controlPoints()) pts.push(...e.controlPoints());
    pts.push(e.targetEndpoint());
    for (const {n, b} of boxes) {
      if (skip.contains(n)) continue;
      for (let i = 0; i + 1 < pts.length; i++) {
        if (hits(pts[i], pts[i + 1], b)) { out.push([e.id(), n.id()]); break; }
      }
    }
  });
  return out;
}"""
