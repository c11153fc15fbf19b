"""Issue 14 item 4: an uploaded file is extracted in a child process with a time and a memory limit,
so a bad file fails alone, its job ends as failed with the reason, and a stuck job's lease is not
renewed forever."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from danchieu.graph import jobs
from danchieu.graph.sandbox import Sandbox
from danchieu.graph.worker import _heartbeat, run_worker

from danchieu.errors import ExtractionLimit
from tests.hostile.test_zip_bomb import docx_bomb

pytestmark = pytest.mark.neo4j
NOTICE = "BỘ TÀI CHÍNH\n\nSố: {n}/TB-BTC\n\nTHÔNG BÁO\n\nKết luận {tag} về thu ngân sách."


def test_a_file_past_the_time_limit_fails_alone_and_the_next_one_is_read(tmp_path):
    slow = tmp_path / "slow.txt"
    slow.write_text("Căn cứ Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ, " * 20000, encoding="utf-8")
    ok = tmp_path / "ok.txt"
    ok.write_text(NOTICE.format(n=1, tag="ok"), encoding="utf-8")
    with Sandbox(timeout_s=0.2, memory_mb=2048) as box:
        with pytest.raises(ExtractionLimit, match="longer than"):
            box.extract(str(slow))
        box.timeout_s = 300
        assert box.extract(str(ok)).document.number == "1/TB-BTC"


def test_a_file_past_the_memory_limit_fails_alone(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Bộ Y tế giao đồng chí Nguyễn Văn An chủ trì. " * 60000, encoding="utf-8")  # ~2.7 MB
    with Sandbox(timeout_s=300, memory_mb=160) as box, pytest.raises(ExtractionLimit, match="memory|died"):
        box.extract(str(big))


def test_a_zip_bomb_upload_ends_as_a_failed_job_with_its_reason(neo4j_driver, neo4j_settings, tmp_path):
    queue = f"hostile-{uuid.uuid4().hex[:8]}"
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bomb(120))
    job_id = jobs.enqueue_job(neo4j_driver, neo4j_settings.neo4j_database, str(path), "bomb.docx", queue=queue)
    try:
        stats = run_worker(neo4j_settings, once=True, queue=queue, driver=neo4j_driver)
        job = jobs.get_job(neo4j_driver, neo4j_settings.neo4j_database, job_id)
        assert stats.failed == 1 and job["status"] == "failed" and "ZIP bomb" in job["error"]
    finally:
        jobs.delete_jobs(neo4j_driver, neo4j_settings.neo4j_database, [job_id])


def test_the_heartbeat_stops_renewing_a_job_past_its_limits(neo4j_driver, neo4j_settings, tmp_path):
    queue = f"hostile-{uuid.uuid4().hex[:8]}"
    db = neo4j_settings.neo4j_database
    path = tmp_path / "n.txt"
    path.write_text(NOTICE.format(n=2, tag=queue), encoding="utf-8")
    job_id = jobs.enqueue_job(neo4j_driver, db, str(path), "n.txt", queue=queue)
    try:
        job = jobs.claim_job(neo4j_driver, db, "stuck-worker", 3, queue=queue)
        assert job is not None
        stop = threading.Event()
        beat = threading.Thread(target=_heartbeat, args=(neo4j_driver, db, job, "stuck-worker", 3, stop,
                                                         time.monotonic() + 1.5), daemon=True)
        beat.start()
        beat.join(timeout=30)
        assert not beat.is_alive()  # it gave up by itself: the job was stuck past its deadline
        stop.set()
    finally:
        jobs.delete_jobs(neo4j_driver, db, [job_id])


def test_a_slow_upload_ends_as_a_failed_job_with_its_reason_and_the_next_job_is_done(
        neo4j_driver, neo4j_settings, tmp_path):
    from danchieu.ingest.pipeline import extract_file
    from danchieu.queries import load_query

    from tests.graph.factory import new_tag
    from tests.hostile import inputs

    queue, tag, db = f"hostile-{uuid.uuid4().hex[:8]}", new_tag(), neo4j_settings.neo4j_database
    ok = tmp_path / "ok.txt"
    ok.write_text(f"BỘ TÀI CHÍNH\n\nSố: 7/TB-{tag}\n\nTHÔNG BÁO\n\nKết luận về thu ngân sách.", encoding="utf-8")
    extract_file(ok)  # the models load once, outside the timing
    started = time.perf_counter()
    extract_file(ok)
    limit = max(3.0, 10 * (time.perf_counter() - started))  # many times a small file's cost on this machine
    slow = tmp_path / "slow.txt"
    slow.write_text(inputs.repeated_citation(1024 * 1024), encoding="utf-8")  # tens of seconds
    ids = [jobs.enqueue_job(neo4j_driver, db, str(p), p.name, queue=queue) for p in (slow, ok)]
    try:
        stats = run_worker(neo4j_settings.model_copy(update={"extract_timeout_s": limit}), once=True, queue=queue,
                           driver=neo4j_driver)
        stuck, done = (jobs.get_job(neo4j_driver, db, i) for i in ids)
    finally:
        jobs.delete_jobs(neo4j_driver, db, ids)
        neo4j_driver.execute_query(load_query("load/delete_tagged"), tag=tag, database_=db)
    assert stuck["status"] == "failed" and "took longer than" in stuck["error"] and stuck["attempts"] == 1
    assert done["status"] == "done" and stats.done == 1 and stats.failed == 1
