"""Extraction in a child process with a wall-clock and a memory limit (issue 14 item 4), so that a
bad file (a ZIP bomb, a pathological text) fails alone with its reason instead of taking the worker
down or holding its job forever.

    with Sandbox(timeout_s=120, memory_mb=2048) as box:
        doc = box.extract("/uploads/3f…_thong-bao.docx")   # ExtractionLimit when a limit is hit

The child keeps its pipeline loaded between files; after a limit is hit it is killed and a fresh
one is started for the next file. ``RLIMIT_AS`` turns runaway allocation into a ``MemoryError`` in
the child (or its death), never the machine's memory.
"""

from __future__ import annotations

import multiprocessing
import resource
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from danchieu.ingest.known import KnownDocuments
from danchieu.ingest.models import ExtractedDocument

from danchieu.errors import ExtractionLimit
from danchieu.log import get_logger

log = get_logger(__name__)


def limit_memory(memory_mb: int) -> None:
    """Cap this process's address space (call in the child, before any work)."""
    if memory_mb > 0:
        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _init_child(memory_mb: int) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    limit_memory(memory_mb)


def _warm() -> None:
    """Load the pipeline's models in the child, before any file's clock starts."""
    from danchieu.ingest.pipeline import extract_text

    extract_text("Số: 1/TB-BTC\nBộ Tài chính căn cứ Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ.")


# a fresh child's start (interpreter, models) is not the file's time; it is bounded on its own
START_TIMEOUT_S = 600


def _extract(path: str, known: KnownDocuments | None = None) -> ExtractedDocument:
    from danchieu.ingest.pipeline import extract_file

    try:
        return extract_file(path, known=known)
    except MemoryError:
        raise ExtractionLimit(f"{path.rsplit('/', 1)[-1]}: extraction needed more memory than allowed "
                              "(DANCHIEU_EXTRACT_MEMORY_MB)") from None


class Sandbox:
    """One extraction child process, replaced whenever a file breaks a limit."""

    def __init__(self, timeout_s: float, memory_mb: int) -> None:
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            ctx = multiprocessing.get_context("spawn")  # no inherited driver sockets or threads
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_init_child,
                                             initargs=(self.memory_mb,))
            try:
                self._pool.submit(_warm).result(timeout=START_TIMEOUT_S)
            except Exception as exc:  # noqa: BLE001 — out of memory shows as MemoryError, ImportError, a dead child
                self._kill()
                raise ExtractionLimit(f"the extraction process could not start ({type(exc).__name__}: out of "
                                      f"memory past {self.memory_mb} MB, or too slow); raise "
                                      "DANCHIEU_EXTRACT_MEMORY_MB") from None
        return self._pool

    def extract(self, path: str, known: KnownDocuments | None = None) -> ExtractedDocument:
        """The extracted document; :class:`ExtractionLimit` past the time or memory limit, the
        pipeline's own errors (``ReadError``…) as they are."""
        name = str(path).rsplit("/", 1)[-1]
        future = self._executor().submit(_extract, str(path), known)
        try:
            return future.result(timeout=self.timeout_s)
        except FutureTimeout:
            self._kill()
            raise ExtractionLimit(f"{name}: extraction took longer than {self.timeout_s:g} s and was stopped "
                                  "(DANCHIEU_EXTRACT_TIMEOUT)") from None
        except BrokenProcessPool:
            self._kill()
            raise ExtractionLimit(f"{name}: the extraction process died (out of memory past "
                                  f"{self.memory_mb} MB, or killed)") from None

    def _kill(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for proc in list(getattr(pool, "_processes", {}).values()):  # no public way to stop a running task
            if proc.is_alive():
                proc.kill()
        pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
