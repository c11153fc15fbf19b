"""Worker processes that extract one file at a time, each file under a wall-clock and a memory limit
(issue 14): a file past its time is stopped, a worker killed by its memory limit (``RLIMIT_AS``) or
by the OOM killer is noticed, and either way that file alone fails with its reason, a fresh worker
takes the next file and the rest of the batch goes on.

    limits = FileLimits(seconds=120, memory_mb=2048)
    for path, result, error in run_limited(paths, work, (finish,), init, (extra,), workers=2, limits=limits):
        ...   # result of work(path, *work_args) in a worker, or None and the reason in ``error``

``concurrent.futures`` cannot do this: it does not say which task a dead worker held, a pool with a
dead worker is broken for every task still queued, and a running task cannot be stopped. Here each
worker has its own pipe and is given one path at a time, so the parent always knows what it holds.
Results come back in the order they finish. The limits are parameters: ``ingest`` reads no settings
(the command line passes ``DANCHIEU_EXTRACT_TIMEOUT`` and ``DANCHIEU_EXTRACT_MEMORY_MB``).
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from danchieu.errors import DanchieuError


@dataclass(frozen=True, slots=True)
class FileLimits:
    """Per-file limits; ``None`` or 0 leaves one off."""

    seconds: float | None = None  # wall clock of one file in a worker
    memory_mb: int | None = None  # address space of each worker (RLIMIT_AS), models included

    @property
    def active(self) -> bool:
        return bool(self.seconds) or bool(self.memory_mb)


def limit_memory(memory_mb: int | None) -> None:
    """Cap this process's address space (in a worker, before it loads anything): runaway allocation
    becomes a ``MemoryError`` or the worker's death, never the machine's memory."""
    if memory_mb:
        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _serve(conn: Connection, init: Callable[..., None] | None, init_args: tuple, work: Callable[..., Any],
           work_args: tuple, memory_mb: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the parent: it decides what to finish
    limit_memory(memory_mb)
    if init is not None:
        init(*init_args)  # loads what every file needs (models, registry): not counted against a file
    conn.send(_READY)
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if path is None:
            return
        conn.send(work(path, *work_args))


_READY = "ready"


class _Worker:
    def __init__(self, ctx: Any, init: Callable[..., None] | None, init_args: tuple, work: Callable[..., Any],
                 work_args: tuple, memory_mb: int | None) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_serve, args=(child, init, init_args, work, work_args, memory_mb),
                                daemon=True, name="danchieu-extract")
        self.proc.start()
        child.close()
        self.path: str | None = None
        self.ready = False
        self.deadline = float("inf")

    def give(self, path: str) -> None:
        self.path = path
        self.conn.send(path)  # read once the worker is ready: its clock starts then

    def start_clock(self, seconds: float | None) -> None:
        self.deadline = time.monotonic() + seconds if seconds else float("inf")

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


def _name(path: str) -> str:
    return str(path).rsplit("/", 1)[-1]


def _death(proc: Any, limits: FileLimits) -> str:
    code = proc.exitcode
    how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    memory = f"out of memory past {limits.memory_mb} MB (DANCHIEU_EXTRACT_MEMORY_MB)" if limits.memory_mb \
        else "out of memory"
    return f"the extraction process died ({how}: {memory}, or killed); the other files went on"


def run_limited(paths: Sequence[str], work: Callable[..., Any], work_args: tuple = (),
                init: Callable[..., None] | None = None, init_args: tuple = (), *, workers: int = 1,
                limits: FileLimits = FileLimits()) -> Iterator[tuple[str, Any, str | None]]:
    """``(path, work(path, *work_args), None)`` for each path, or ``(path, None, reason)`` when the
    file broke a limit (``reason`` starts with ``resource_limit:``, as a :class:`ExtractionLimit`
    reads). ``work`` and ``init`` are module-level functions (workers are spawned); ``init`` loads
    what every file needs, and a file's clock starts only after it. Raises :class:`DanchieuError`
    when a worker cannot even start (a memory limit below what the models need)."""
    ctx = multiprocessing.get_context("spawn")  # no inherited driver sockets or threads
    todo = deque(str(p) for p in paths)
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    start_failures = 0  # workers in a row that died before they were ready

    def start() -> _Worker:
        return _Worker(ctx, init, init_args, work, work_args, limits.memory_mb)

    try:
        while todo or busy:
            while todo and len(busy) < max(1, workers):
                w = idle.pop() if idle else start()
                w.give(todo.popleft())
                if w.ready:
                    w.start_clock(limits.seconds)
                busy.append(w)
            soonest = min(w.deadline for w in busy)
            timeout = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
            wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout)
            for w in list(busy):
                path = w.path or ""
                result: Any = None
                alive = True
                if w.conn.poll():
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):  # its end of the pipe closed: it died
                        alive = False
                    else:
                        if not w.ready and isinstance(result, str) and result == _READY:
                            w.ready = True
                            start_failures = 0
                            w.start_clock(limits.seconds)
                            continue
                        busy.remove(w)
                        w.path = None
                        idle.append(w)
                        yield path, result, None
                        continue
                if not alive or not w.proc.is_alive():
                    busy.remove(w)
                    w.kill()
                    if not w.ready:  # died loading the models: the file was never read; it goes back
                        todo.appendleft(path)
                        start_failures += 1
                        if start_failures >= 3:
                            raise DanchieuError(
                                f"the extraction processes could not start ({_death(w.proc, limits).split(';')[0]}); "
                                "raise DANCHIEU_EXTRACT_MEMORY_MB") from None
                        continue
                    yield path, None, f"resource_limit: {_name(path)}: {_death(w.proc, limits)}"
                elif time.monotonic() >= w.deadline:
                    busy.remove(w)
                    w.kill()  # no way to stop one task in a process but to end the process
                    yield path, None, (f"resource_limit: {_name(path)}: extraction took longer than "
                                       f"{limits.seconds:g} s and was stopped (DANCHIEU_EXTRACT_TIMEOUT)")
    finally:
        for w in busy:
            w.kill()
        for w in idle:
            w.stop()
