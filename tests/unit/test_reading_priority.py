"""The reading processes of ``/v1/check`` run after the API's own work: they lower their priority
first, and only then import the reading code (issue 14: ``/health`` answers while texts are read)."""

import os
import subprocess
import sys
import time

from danchieu.api.routes import check

from danchieu.config import Settings
from tests.conftest import run_async


def test_the_initializer_module_imports_nothing_of_the_reading_code():
    # a spawned process imports its initializer's module before calling it: a heavy module would be
    # imported at the API's priority (the extraction stage: over a second of CPU)
    code = ("import sys, danchieu.api.reading_priority; "
            "print(sorted(m for m in sys.modules if m.startswith(('danchieu.ingest', 'danchieu.api.check'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_reading_process_runs_at_a_lower_priority_than_the_api():
    ours = os.nice(0)
    pool = check._executor(Settings(_env_file=None))
    try:
        theirs = pool.submit(os.nice, 0).result(timeout=120)
    finally:
        check.shutdown_pool()
    assert theirs > ours or ours == 19


def test_a_reading_process_outlives_the_thread_and_the_event_loop_that_first_used_it():
    # its parent-death signal follows the thread that started it: started from a short-lived thread
    # (anyio's pool ends its threads with the loop or after 10 s idle), it was killed between requests
    settings = Settings(_env_file=None)
    try:
        first = run_async(lambda: check.in_worker(settings, os.getpid))  # each from a thread that then ends
        time.sleep(1.0)
        second = run_async(lambda: check.in_worker(settings, os.getpid))
    finally:
        check.shutdown_pool()
    assert first == second != os.getpid()
