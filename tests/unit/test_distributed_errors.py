"""The Dask engine's errors a user meets are one line that says what to do."""

from __future__ import annotations

import pytest
from danchieu.ingest.distributed import DaskRunner

from danchieu.errors import DanchieuError


def test_an_unreachable_scheduler_says_how_to_start_one() -> None:
    with pytest.raises(DanchieuError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:1 .*`dask"):
        with DaskRunner(scheduler="tcp://127.0.0.1:1", connect_timeout=1):
            pass


def test_a_runner_outside_its_with_block_is_refused() -> None:
    with pytest.raises(DanchieuError, match="outside its `with` block"):
        list(DaskRunner(workers=1)(["a.txt"], [], None, True))
