"""Issue 14 items 4 and 7: the worker pool of `danchieu extract` and `danchieu ingest` gives each file a
wall-clock and a memory limit. A file past its time, or whose worker dies (its memory limit, the OOM
killer, kill -9), fails alone with its reason; a fresh worker takes the next file and the rest of
the batch comes back whole (before: one killed worker ended the run with a BrokenProcessPool)."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from danchieu.ingest import batch
from danchieu.ingest.batch import BatchItem, extract_batch
from danchieu.ingest.pipeline import extract_file
from danchieu.ingest.pool import FileLimits

from tests.hostile import inputs

NOTICE = "BỘ TÀI CHÍNH\n\nSố: {n}/TB-BTC\n\nTHÔNG BÁO\n\nKết luận về thu ngân sách năm {n}."


def _notices(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for i in range(count):
        path = tmp_path / f"notice-{i}.txt"
        path.write_text(NOTICE.format(n=i + 1), encoding="utf-8")
        paths.append(str(path))
    return paths


def _spawned_children() -> list[int]:
    pids = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        pids += [int(p) for p in (task / "children").read_text().split()]
    return [p for p in pids if b"spawn_main" in _cmdline(p)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # it ended between the listing and now
        return b""


def _by_name(items: list[BatchItem]) -> dict[str, BatchItem]:
    return {item.path.name: item for item in items}


def test_a_file_past_its_time_limit_fails_alone_and_the_rest_comes_back(tmp_path):
    small = _notices(tmp_path, 3)
    extract_file(small[0])  # the models load once, outside the timing
    started = time.perf_counter()
    extract_file(small[0])  # what one small file costs here (warm), so the limit scales with the machine
    limit = max(2.0, 10 * (time.perf_counter() - started))
    slow = tmp_path / "slow.txt"  # 1 MB of citations: tens of seconds, many times the limit
    slow.write_text(inputs.repeated_citation(1024 * 1024), encoding="utf-8")

    items = _by_name(extract_batch([small[0], str(slow), *small[1:]], workers=1,
                                   limits=FileLimits(seconds=limit)))

    assert items["slow.txt"].doc is None
    assert items["slow.txt"].error.startswith("resource_limit: slow.txt: extraction took longer than")
    assert [items[f"notice-{i}.txt"].doc.document.number for i in range(3)] == ["1/TB-BTC", "2/TB-BTC", "3/TB-BTC"]


def test_a_file_past_its_memory_limit_fails_alone_and_the_rest_comes_back(tmp_path):
    small = _notices(tmp_path, 2)
    big = tmp_path / "big.txt"  # ~2.7 MB of names and bodies: well over a gigabyte to extract
    big.write_text("Bộ Y tế giao đồng chí Nguyễn Văn An chủ trì. " * 60000, encoding="utf-8")

    items = _by_name(extract_batch([str(big), *small], workers=1, limits=FileLimits(memory_mb=1200)))

    assert items["big.txt"].doc is None
    assert items["big.txt"].error.startswith("resource_limit: big.txt:")
    assert "memory" in items["big.txt"].error
    assert items["notice-0.txt"].doc is not None and items["notice-1.txt"].doc is not None


def test_a_killed_extraction_process_fails_its_file_alone_and_a_new_one_takes_the_rest(tmp_path, monkeypatch):
    small = _notices(tmp_path, 3)
    slow = tmp_path / "slow.txt"
    slow.write_text(inputs.repeated_citation(1024 * 1024), encoding="utf-8")
    already = set(_spawned_children())  # other pools of this test process (the API's reading pool)
    killed: list[int] = []
    # files are handed out in the order given (not biggest first), so slow.txt is the one after notice-0
    monkeypatch.setattr(batch, "largest_first", list)

    def kill_the_worker_on_the_slow_file(item: BatchItem) -> None:
        if item.path.name != "notice-0.txt" or killed:
            return

        def later() -> None:
            time.sleep(1.5)  # the worker has been given slow.txt, which takes many seconds
            for _ in range(100):
                victims = [p for p in _spawned_children() if p not in already]
                if victims:
                    os.kill(victims[0], signal.SIGKILL)  # what the OOM killer does
                    killed.append(victims[0])
                    return
                time.sleep(0.1)

        threading.Thread(target=later, daemon=True).start()

    items = _by_name(extract_batch([small[0], str(slow), *small[1:]], workers=1,
                                   limits=FileLimits(seconds=600), progress=kill_the_worker_on_the_slow_file))

    assert killed
    assert items["slow.txt"].doc is None
    assert items["slow.txt"].error.startswith("resource_limit: slow.txt: the extraction process died (signal 9")
    assert all(items[f"notice-{i}.txt"].doc is not None for i in range(3))


def test_two_workers_share_a_batch_and_give_the_same_documents_as_one_process(tmp_path):
    files = _notices(tmp_path, 5)
    pooled = extract_batch(files, workers=2, limits=FileLimits(seconds=600, memory_mb=4096))
    alone = extract_batch(files, workers=1)
    assert [i.doc.to_json() for i in pooled] == [i.doc.to_json() for i in alone]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_that_cannot_even_start_is_one_clear_error(tmp_path, workers):
    from danchieu.errors import DanchieuError

    with pytest.raises(DanchieuError, match="could not start.*DANCHIEU_EXTRACT_MEMORY_MB"):
        extract_batch(_notices(tmp_path, 2), workers=workers, limits=FileLimits(memory_mb=64))
