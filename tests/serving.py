"""Starting and stopping a real API process in tests (the API, browser and install tests share it)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable

import httpx
import pytest


def wait_until_serving(proc: subprocess.Popen, ready: Callable[[], bool], seconds: float,
                       what: str, log: Callable[[], str]) -> None:
    """Poll ``ready`` until it holds; fail with ``log()`` if the process exits or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while True:
        if proc.poll() is not None:
            pytest.fail(f"{what} exited with {proc.returncode}{log()}")
        try:
            if ready():
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"{what} was not ready within {seconds:.0f} s{log()}")
        time.sleep(0.3)


def stop_process(proc: subprocess.Popen, timeout: float) -> None:
    """Terminate, then kill if it does not end within ``timeout`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
