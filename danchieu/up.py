"""``danchieu up`` / ``danchieu down``: the whole service for the sample corpus, idempotently.

up: write ``.env`` if missing (generated Neo4j password) → start Neo4j → apply the schema →
build the explorer when npm is there and the build is missing → ingest ``data/seeds`` (unchanged
documents are skipped) → (re)start the API in the background on :8000 and wait for ``/health``.
Running it again changes nothing but restarting the API.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from danchieu.config import REPO_ROOT, Settings, get_settings
from danchieu.errors import DanchieuError
from danchieu.log import get_logger

log = get_logger(__name__)

ENV_FILE = Path(".env")
SAMPLES = REPO_ROOT / "data" / "seeds"


def ensure_env_file(path: Path = ENV_FILE, example: Path = REPO_ROOT / ".env.example") -> bool:
    """Create ``.env`` from ``.env.example`` with a generated password. False if it existed."""
    if path.exists():
        return False
    lines = []
    for line in example.read_text(encoding="utf-8").splitlines():
        if line.startswith("NEO4J_PASSWORD="):
            line = f"NEO4J_PASSWORD={secrets.token_urlsafe(18)}"
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return True


def api_pid_file(settings: Settings) -> Path:
    return Path(settings.neo4j_home).expanduser().parent / "run" / f"api-{settings.api_port}.pid"


def _alive(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def stop_api(settings: Settings) -> bool:
    pid_file = api_pid_file(settings)
    pid = _alive(pid_file)
    pid_file.unlink(missing_ok=True)
    if pid is None:
        return False
    os.killpg(pid, signal.SIGTERM)
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except OSError:
            return True
        time.sleep(0.2)
    os.killpg(pid, signal.SIGKILL)
    return True


def start_api(settings: Settings, timeout: float = 60.0) -> str:
    stop_api(settings)
    pid_file = api_pid_file(settings)
    pid_file.parent.mkdir(parents=True, exist_ok=True)
    log_path = pid_file.with_suffix(".log")
    with open(log_path, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "danchieu.cli", "serve"], stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    pid_file.write_text(str(proc.pid))
    url = f"http://{settings.api_host}:{settings.api_port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log_path.read_text(errors="replace").strip().splitlines()[-10:]
            raise DanchieuError(f"the API exited during start-up; see {log_path}:\n" + "\n".join(tail))
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as resp:
                if resp.status == 200:
                    return url
        except OSError:
            time.sleep(0.5)
    raise DanchieuError(f"the API did not answer {url}/health within {timeout:.0f} s; see {log_path}")


def _explorer_sources_newer(src: Path, built: Path) -> bool:
    """A build older than any of its sources is stale (a checkout that moved on must not serve it)."""
    stamp = built.stat().st_mtime
    sources = [src / "package.json", src / "package-lock.json", src / "build.mjs", *(src / "src").rglob("*")]
    return any(p.is_file() and p.stat().st_mtime > stamp for p in sources)


def build_explorer(force: bool = False) -> str:
    src = REPO_ROOT / "explorer"
    built = REPO_ROOT / "api" / "static" / "explorer" / "index.html"
    if not (src / "package.json").exists():
        return "no explorer sources"
    if built.exists() and not force and not _explorer_sources_newer(src, built):
        return "explorer already built"
    npm = shutil.which("npm")
    if not npm:
        return "npm not found: the explorer is not built (install Node.js and npm)"
    for cmd in (["ci", "--no-audit", "--no-fund"], ["run", "build"]):
        proc = subprocess.run([npm, *cmd], cwd=src, capture_output=True, text=True)
        if proc.returncode != 0:
            raise DanchieuError(f"npm {' '.join(cmd)} failed:\n{proc.stderr.strip()[-800:]}")
    return "explorer built"


def require_checkout(root: Path = REPO_ROOT) -> None:
    """`up` sets up a checkout for development; an installed package has no samples to ingest."""
    if not (root / "data" / "seeds").is_dir() or not (root / ".env.example").is_file():
        raise DanchieuError(
            f"`danchieu up` runs from a checkout of the repository ({root} has no data/seeds or .env.example); "
            "with an installed package use `danchieu neo4j start`, `danchieu schema apply`, "
            "`danchieu ingest PATH` and `danchieu serve`")


def run_up(settings: Settings | None = None, serve: bool = True) -> None:
    require_checkout()
    if ensure_env_file():
        print("wrote .env with a generated Neo4j password")
        get_settings.cache_clear()
    settings = get_settings()
    from danchieu.graph import migrations
    from danchieu.graph.driver import open_driver
    from danchieu.graph.ingest import ingest_paths
    from danchieu.graph.neo4j_server import LocalNeo4j

    server = LocalNeo4j(settings)
    started = server.start()
    print(("started" if started else "already running:"), server.status())
    with open_driver(settings) as driver:
        applied = migrations.apply(driver, settings.neo4j_database)
    print(f"schema: {len(applied)} migration(s) applied now")
    print(build_explorer())
    summary = ingest_paths([SAMPLES], settings=settings, workers=None, progress=False)
    print(summary.render())
    if serve:
        url = start_api(settings)
        print(f"API:      {url}/docs   (health: {url}/health)")
        print(f"Explorer: {url}/explore/")
        print(f"Browser:  http://127.0.0.1:{server.http_port}/browser/  (user neo4j, password in .env)")


def run_down(settings: Settings | None = None) -> None:
    from danchieu.graph.neo4j_server import LocalNeo4j

    settings = settings or get_settings()
    print("API stopped." if stop_api(settings) else "API was not running.")
    print("Neo4j stopped." if LocalNeo4j(settings).stop() else "Neo4j was not running.")
