"""The serving model (issue 16): ``danchieu serve`` runs one API process per core (here 2), every
process answers correctly against the real Neo4j, and a long ``/v1/check`` never holds up the event
loop — ``/health`` answers while it runs, even with a single process. No timed assertions: only
what was answered, and in which order."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.serving import stop_process, wait_until_serving

pytestmark = pytest.mark.neo4j


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _spawned_children(pid: int) -> list[str]:
    """Command lines of the processes ``pid`` started with multiprocessing's "spawn" (uvicorn's workers)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                cmd = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if "spawn_main" in cmd:
                found.append(cmd)
    return found


@contextmanager
def serve(settings, workers: int, tmp_path: Path) -> Iterator[tuple[str, int]]:
    port = _free_port()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "NEO4J_URI": settings.neo4j_uri,
           "NEO4J_USER": settings.neo4j_user, "NEO4J_PASSWORD": settings.neo4j_password,
           "NEO4J_DATABASE": settings.neo4j_database, "DANCHIEU_LOG_LEVEL": "INFO",
           "DANCHIEU_QUERY_TIMEOUT": "120", "DANCHIEU_NEO4J_CONNECT_TIMEOUT": "30"}
    log_path = tmp_path / f"serve-{workers}.log"
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen([sys.executable, "-m", "danchieu.cli", "serve", "--host", "127.0.0.1", "--port",
                                 str(port), "--workers", str(workers), "--no-access-log"],
                                cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(
            proc, lambda: httpx.get(f"{base}/ready", timeout=5).status_code == 200
            and len(_spawned_children(proc.pid)) >= (workers if workers > 1 else 0),
            120, "danchieu serve", lambda: ":\n" + log_path.read_text()[-3000:])
        yield base, proc.pid
    finally:
        stop_process(proc, 30)


def test_serve_runs_two_processes_and_each_answers_correctly(neo4j_settings, seed_graph, tmp_path):
    with serve(neo4j_settings, 2, tmp_path) as (base, pid):
        assert len(_spawned_children(pid)) == 2  # two uvicorn workers under the supervisor
        # fresh connections, so that the kernel hands them to either process
        answers = []
        for _ in range(24):
            with httpx.Client(base_url=base, timeout=60) as c:
                r = c.get(f"/v1/documents/{seed_graph.nq}/citing", params={"type": "TB"})
                answers.append((r.status_code, sorted(i["key"] for i in r.json()["items"])))
        assert {a for a, _ in answers} == {200}
        assert all(keys == sorted([seed_graph.tb2021, seed_graph.tb2023]) for _, keys in answers)
        with httpx.Client(base_url=base, timeout=60) as c:
            assert c.get("/v1/search", params={"q": "pham minh chinh"}).status_code == 200
            assert c.get(f"/v1/documents/{seed_graph.tb2021}").json()["key"] == seed_graph.tb2021


def test_health_answers_while_a_long_check_runs_on_a_single_process(neo4j_settings, tmp_path):
    # 1,000 distinct numbers (the most /v1/check reads) in a text just under the 200,000-character cap:
    # seconds of reading in the reading process, one lookup query, a thousand verdicts
    text = ", ".join(f"{i}/NQ-CP" for i in range(1, 30000))[:199_000]
    with serve(neo4j_settings, 1, tmp_path) as (base, _pid):
        done = threading.Event()
        outcome: dict[str, object] = {}

        def long_check() -> None:
            try:
                with httpx.Client(base_url=base, timeout=300) as c:
                    r = c.post("/v1/check", json={"text": text})
                    outcome["status"] = r.status_code
                    outcome["truncated"] = r.json()["truncated"]
            finally:
                done.set()

        worker = threading.Thread(target=long_check)
        worker.start()
        answered_during = 0
        with httpx.Client(base_url=base, timeout=300) as c:
            while not done.is_set():
                r = c.get("/health")
                if r.status_code == 200 and not done.is_set():
                    answered_during += 1
                time.sleep(0.01)
        worker.join()
        assert outcome["status"] == 200 and outcome["truncated"] is True
        # a loop held by the reading would answer the polls queued behind it only at its end (a few);
        # a free loop answers one every 10 ms all along
        assert answered_during >= 10, f"/health answered only {answered_during} times while the check ran"
