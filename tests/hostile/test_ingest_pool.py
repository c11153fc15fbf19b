"""Issue 14 item 7: an extraction process killed mid-run (the OOM killer, kill -9) ends `danchieu
ingest` with one clear error that says how to resume, not a BrokenProcessPool traceback."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from danchieu.ingest.batch import extract_batch

from danchieu.errors import DanchieuError
from tests.hostile import inputs


def _spawned_children() -> list[int]:
    me = os.getpid()
    pids = []
    for task in Path(f"/proc/{me}/task").iterdir():
        children = (task / "children").read_text().split()
        pids += [int(p) for p in children]
    return [p for p in pids if b"spawn_main" in _cmdline(p)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # it ended between the listing and now
        return b""


def test_a_killed_extraction_process_ends_the_run_with_one_clear_error(tmp_path):
    files = []
    for i in range(24):
        path = tmp_path / f"{i}.txt"
        path.write_text(inputs.normal_text(96 * 1024), encoding="utf-8")
        files.append(str(path))

    # only the batch's own workers: earlier tests may have left other spawned pools alive in this
    # process (the API's reading pool of /v1/check)
    already = set(_spawned_children())

    def kill_one_when_busy() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            victims = [p for p in _spawned_children() if p not in already]
            if victims:
                time.sleep(1.0)  # let it start working
                os.kill(victims[0], signal.SIGKILL)
                return
            time.sleep(0.1)

    killer = threading.Thread(target=kill_one_when_busy, daemon=True)
    killer.start()
    with pytest.raises(DanchieuError, match="run the same command again to resume"):
        extract_batch(files, workers=2)
    killer.join(5)
