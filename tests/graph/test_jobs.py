"""The job queue and the worker against a real Neo4j: atomic claims, leases, retries, clean stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from danchieu.graph import jobs
from danchieu.graph.worker import run_worker

from danchieu.errors import NotFound
from tests.conftest import REPO

pytestmark = pytest.mark.neo4j


@pytest.fixture
def queue(neo4j_driver, neo4j_db, tag):
    """A queue of this test's own (the shared database may hold other engineers' jobs)."""
    created: list[str] = []
    yield tag, created
    jobs.delete_jobs(neo4j_driver, neo4j_db, created)


def _enqueue(driver, db, q, path, name=None) -> str:
    tag, created = q
    job_id = jobs.enqueue_job(driver, db, str(path), name or os.path.basename(str(path)), queue=tag)
    created.append(job_id)
    return job_id


def _notice_file(tmp_path, tag: str, n: int = 1):
    path = tmp_path / f"{tag}-{n}.txt"
    path.write_text(f"BỘ TÀI CHÍNH\n\nSố: {n}/TB-BTC\n\nTHÔNG BÁO\n\nKết luận {tag} về thu ngân sách quý {n}.",
                    encoding="utf-8")
    return path


def test_a_queued_job_is_read_back_and_an_unknown_one_is_not_found(neo4j_driver, neo4j_db, queue, tmp_path):
    job_id = _enqueue(neo4j_driver, neo4j_db, queue, tmp_path / "a.txt", "a.txt")
    job = jobs.get_job(neo4j_driver, neo4j_db, job_id)
    assert (job["status"], job["attempts"], job["filename"]) == ("queued", 0, "a.txt")
    with pytest.raises(NotFound):
        jobs.get_job(neo4j_driver, neo4j_db, "no-such-job-" + queue[0])


def test_racing_workers_never_claim_the_same_job(neo4j_driver, neo4j_db, queue, tmp_path):
    ids = {_enqueue(neo4j_driver, neo4j_db, queue, tmp_path / f"{i}.txt") for i in range(16)}
    claimed: list[str] = []
    lock = threading.Lock()

    def claimer(n: int) -> None:
        while (job := jobs.claim_job(neo4j_driver, neo4j_db, f"w{n}", 60, queue=queue[0])) is not None:
            with lock:
                claimed.append(job.id)

    threads = [threading.Thread(target=claimer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(claimed) == sorted(ids)  # every job once, none twice


def test_the_worker_ingests_a_job_and_fails_an_unreadable_file_with_its_reason(
        neo4j_driver, neo4j_db, neo4j_settings, queue, tmp_path):
    good = _enqueue(neo4j_driver, neo4j_db, queue, _notice_file(tmp_path, queue[0]))
    empty = tmp_path / f"{queue[0]}-empty.txt"
    empty.write_text("", encoding="utf-8")
    bad = _enqueue(neo4j_driver, neo4j_db, queue, empty)
    stats = run_worker(neo4j_settings, once=True, queue=queue[0], driver=neo4j_driver)
    assert (stats.done, stats.failed) == (1, 1)
    done = jobs.get_job(neo4j_driver, neo4j_db, good)
    assert done["status"] == "done" and done["document_key"]
    failed = jobs.get_job(neo4j_driver, neo4j_db, bad)
    assert (failed["status"], failed["attempts"]) == ("failed", 1)
    assert failed["error"].startswith("empty")


def _server_env(settings) -> dict[str, str]:
    """The test server's address and credentials for a child process (CI has no .env)."""
    return {**os.environ, "NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
            "NEO4J_PASSWORD": settings.neo4j_password, "NEO4J_DATABASE": settings.neo4j_database}


def test_a_job_whose_worker_was_killed_completes_on_another_worker(
        neo4j_driver, neo4j_db, neo4j_settings, queue, tmp_path):
    job_id = _enqueue(neo4j_driver, neo4j_db, queue, _notice_file(tmp_path, queue[0], 2))
    dying = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from danchieu.config import Settings\nfrom danchieu.graph.driver import create_driver\n"
        "from danchieu.graph import jobs\n"
        "s = Settings().model_copy(update={'neo4j_uri': sys.argv[1]})\n"
        "job = jobs.claim_job(create_driver(s), s.neo4j_database, 'doomed', 2, queue=sys.argv[2])\n"
        "print(job.id, flush=True)\ntime.sleep(600)\n"), neo4j_settings.neo4j_uri, queue[0]],
        cwd=REPO, env=_server_env(neo4j_settings), stdout=subprocess.PIPE, text=True)
    try:
        assert dying.stdout.readline().strip() == job_id  # it holds the job…
        assert jobs.get_job(neo4j_driver, neo4j_db, job_id)["worker"] == "doomed"
    finally:
        dying.kill()  # …and dies without a word
        dying.wait()
    time.sleep(2.5)  # its lease runs out
    stats = run_worker(neo4j_settings, once=True, queue=queue[0], driver=neo4j_driver)
    job = jobs.get_job(neo4j_driver, neo4j_db, job_id)
    assert (stats.done, job["status"], job["attempts"]) == (1, "done", 2)
    assert job["worker"] != "doomed"


def test_a_job_lost_three_times_is_failed_with_its_reason(neo4j_driver, neo4j_db, queue, tmp_path):
    job_id = _enqueue(neo4j_driver, neo4j_db, queue, tmp_path / "x.txt")
    for attempt in range(1, jobs.MAX_ATTEMPTS + 1):
        job = jobs.claim_job(neo4j_driver, neo4j_db, f"dies-{attempt}", 0, queue=queue[0])
        assert job is not None and job.attempts == attempt
        time.sleep(0.05)  # the zero-second lease expires
    assert jobs.claim_job(neo4j_driver, neo4j_db, "next", 60, queue=queue[0]) is None
    job = jobs.get_job(neo4j_driver, neo4j_db, job_id)
    assert job["status"] == "failed" and "worker lost 3 time(s)" in job["error"]


def test_ctrl_c_stops_an_idle_worker_cleanly(neo4j_settings, queue):
    env = _server_env(neo4j_settings)
    proc = subprocess.Popen([sys.executable, "-c", (
        "import sys\nfrom danchieu.config import Settings\nfrom danchieu.graph.worker import run_worker\n"
        "print('ready', flush=True)\nrun_worker(Settings(), queue=sys.argv[1], poll_s=0.2)\nprint('bye')\n"),
        queue[0]], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert (proc.returncode, out.strip()) == (0, "bye"), err
