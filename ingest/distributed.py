"""Batch extraction on Dask distributed: the same two passes as ``ingest/batch.py``, on a cluster.

    with DaskRunner(workers=2) as runner:                      # a LocalCluster of 2 worker processes
        items = extract_batch(paths, runner=runner)
    with DaskRunner(scheduler="tcp://10.0.0.5:8786") as runner:  # a cluster started elsewhere
        ...

:func:`danchieu.ingest.batch.extract_batch` keeps everything that makes a batch a batch — the
registry of known documents that dates year-less citations, the second pass over the documents a
batch made newly resolvable, path order, one failure never stopping the others — and asks the
runner only to extract a list of paths against a registry. This runner does it with Dask futures:

* **worker processes, not threads**: extraction is CPU-bound Python (the GIL), so a local cluster has
  ``workers`` processes of one thread each; on a real cluster start workers with ``--nthreads 1``
  (``dask worker tcp://SCHEDULER:8786 --nworkers N --nthreads 1``).
* **paths, not bytes**: a task gets a file path and reads it where it runs, so workers must see the
  files at the same path (the same machine, or a shared file system); only the result travels back.
* **the spaCy pipeline loads once per worker process** (``nlp.pipeline()`` is cached per process);
  :class:`WarmUp` loads it when a worker starts, so no task pays for it and nothing big is pickled.
* **the registry goes once to each worker** (``scatter(broadcast=True)``), not once per task, and is
  built into a :class:`KnownDocuments` once per worker and pass.
* a worker that dies on a file (out of memory, a crash in a C library) is retried by Dask on another
  worker; a file that kills ``allowed-failures`` workers comes back as failed, with that reason.

Which engine when: see the README (multiprocessing for one machine and small batches; Dask across
machines, or when the batch should not live in one process pool's lifetime).
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from danchieu.ingest import batch
from danchieu.ingest.batch import BatchItem
from danchieu.ingest.known import KnownDocument
from danchieu.ingest.models import ExtractedDocument
from distributed import WorkerPlugin

from danchieu.errors import DanchieuError

# Tasks in flight per worker thread: enough to keep every worker busy while results travel back,
# few enough that a million-file batch is never a million futures at once.
IN_FLIGHT_PER_THREAD = 4

# --- in the worker process -------------------------------------------------------------------------
_REGISTRY_TOKEN: str | None = None


def extract_task(path: str, extra: list[KnownDocument], token: str,
                 finish: Callable[[ExtractedDocument], Any] | None, keep_doc: bool) -> BatchItem:
    """One file on a worker: the registry of this pass is built once per process (``token`` names
    the pass), then :func:`danchieu.ingest.batch.extract_one` — which never raises."""
    global _REGISTRY_TOKEN
    if _REGISTRY_TOKEN != token:
        batch._set_registry(extra)
        _REGISTRY_TOKEN = token
    return batch.extract_one(path, finish, keep_doc)


class WarmUp(WorkerPlugin):
    """Worker plugin: load the spaCy pipeline and underthesea's models when a worker starts (each
    is cached per process), so that the first tasks do not pay for it and the timing is fair."""

    name = "danchieu-warm-up"

    def setup(self, worker: Any) -> None:
        from danchieu.ingest.pipeline import extract_text

        extract_text("Số: 1/TB-VPCP\nHà Nội, ngày 2 tháng 1 năm 2025\nTHÔNG BÁO\nÔng Nguyễn Văn An, Bộ Y tế.")


# --- in the process that asks ----------------------------------------------------------------------
class DaskRunner:
    """An engine for :func:`danchieu.ingest.batch.extract_batch` on Dask distributed.

    ``scheduler``: the address of a running scheduler (``tcp://host:8786``); without it a
    ``LocalCluster`` of ``workers`` processes (default: the machine's cores), one thread each, is
    started on entry and stopped on exit."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None, warm_up: bool = True,
                 connect_timeout: float = 20.0) -> None:
        self.scheduler = scheduler
        self.connect_timeout = connect_timeout
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.warm_up = warm_up
        self.client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> DaskRunner:
        from distributed import Client, LocalCluster

        # Dask logs every worker and connection at INFO; its warnings and errors are worth seeing
        logging.getLogger("distributed").setLevel(max(logging.WARNING, logging.getLogger().getEffectiveLevel()))
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout=f"{self.connect_timeout}s")
            else:
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None, scheduler_port=0)
                self.client = Client(self._cluster)
        except (OSError, TimeoutError) as exc:
            self.close()
            where = self.scheduler or "a local cluster"
            raise DanchieuError(f"cannot reach the Dask scheduler at {where} ({exc}); start one with "
                                "`dask scheduler` and workers with `dask worker tcp://HOST:8786 --nthreads 1`") from exc
        if self.warm_up:
            self.client.register_plugin(WarmUp())
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def threads(self) -> int:
        """Worker threads the scheduler knows of now (at least 1: tasks wait for workers to join)."""
        info = self.client.scheduler_info(n_workers=-1) if self.client is not None else {}
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def __call__(self, paths: list[str], extra: list[KnownDocument],
                 finish: Callable[[ExtractedDocument], Any] | None, keep_doc: bool) -> Iterator[BatchItem]:
        """Extract ``paths`` against the shipped registry plus ``extra``; items in completion order."""
        from distributed import as_completed

        if self.client is None:
            raise DanchieuError("DaskRunner used outside its `with` block")
        if not paths:
            return
        token = uuid.uuid4().hex
        shared: Any = self.client.scatter({f"danchieu-registry-{token}": extra}, broadcast=True, hash=False)
        shared = next(iter(shared.values()))
        todo = iter(paths)
        window = self.threads() * IN_FLIGHT_PER_THREAD
        pending = as_completed()
        by_future: dict[Any, str] = {}

        def submit(n: int) -> None:
            for path in (p for _, p in zip(range(n), todo, strict=False)):
                fut = self.client.submit(extract_task, path, shared, token, finish, keep_doc, pure=False)
                by_future[fut] = path
                pending.add(fut)

        submit(window)
        try:
            for fut in pending:
                path = by_future.pop(fut)
                try:
                    item = fut.result()
                except Exception as exc:  # noqa: BLE001 — a worker lost on this file: the file fails, not the batch
                    if self.client.status not in ("running", "connecting"):
                        raise DanchieuError(f"the Dask scheduler went away ({type(exc).__name__}: {exc}); the "
                                            "files finished so far are kept: run the same command again") from exc
                    item = BatchItem(Path(path), error=_lost(exc))
                fut.release()
                submit(1)
                yield item
        finally:
            for fut in list(by_future):
                fut.cancel()
            shared.release()


def _lost(exc: BaseException) -> str:
    if type(exc).__name__ == "KilledWorker":
        return ("worker_lost: the worker extracting it died (out of memory or killed) every time it was tried; "
                f"{exc}")
    return f"internal error: {type(exc).__name__}: {exc}"


__all__ = ["DaskRunner", "WarmUp", "extract_task"]
