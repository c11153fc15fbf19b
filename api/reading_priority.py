"""The initializer of the API's reading processes (``/v1/check``): lower their priority and tie them to
the API process, **before** anything heavy is imported.

A spawned process imports the module of its initializer before it calls it. Kept here, apart from
the reading code (:mod:`danchieu.api.check_extract` pulls in the extraction stage: ~1.3 s of CPU to
import), the process lowers its priority first and then pays for those imports at the lower
priority, on its first text — not at the API's priority while ``/health`` and the queries wait.
So this module imports the standard library only.
"""

from __future__ import annotations

import os

NICENESS = 10


def lower_priority(niceness: int = NICENESS) -> None:
    """Run this reading process after the API's own and Neo4j's: a flood of long texts then takes the
    spare CPU, not the time ``/health`` and the queries need. And end it with the API process that
    started it, however that one ends (Linux: the parent's death signal), so that no reading
    outlives the service."""
    try:
        os.nice(niceness)
    except OSError:  # not permitted here: read at the same priority
        pass
    try:
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown ends it
        pass
