"""``danchieu ingest PATH…``: extract in a pool of worker processes, load each document into Neo4j.

    summary = ingest_paths(["../shared/corpus/gazette"], settings, workers=2)
    print(summary.render())

Extraction (CPU-bound: reading, layout, citations, entities, MinHash, parameter rows) runs in
``workers`` processes, each loading the extraction pipeline once; the parent process loads every
finished document in its own transaction as it arrives (:mod:`graph.loader`). A broken file is
reported with its reason and never stops the batch. Ctrl-C stops submitting, lets the document being
written finish, and returns the summary of what landed.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from danchieu.config import Settings
from danchieu.errors import DanchieuError
from danchieu.log import get_logger
from graph import identity
from graph.driver import create_driver, translate_errors
from graph.loader import LoadResult, count_graph, load_batch
from graph.rows import DocumentRows, build_rows
from ingest.batch import expand_paths

log = get_logger(__name__)


@dataclass(slots=True)
class Extracted:
    """What a worker process sends back for one file: rows to load, or the reason it failed."""

    path: str
    characters: int = 0
    rows: DocumentRows | None = None
    signature: identity.Signature | None = None
    error: str | None = None
    seconds: float = 0.0


@dataclass(slots=True)
class IngestSummary:
    """Counts of one ingest run; ``render()`` is what the command prints."""

    files: int = 0
    loaded: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    characters: int = 0
    entities: int = 0
    citations: int = 0
    relationships: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)  # identity decisions worth reading
    graph: dict[str, int] = field(default_factory=dict)

    @property
    def documents(self) -> int:
        return self.loaded + self.updated

    @property
    def skipped(self) -> int:
        return self.unchanged + self.duplicates

    def add(self, path: str, result: LoadResult, characters: int) -> None:
        self.characters += characters
        if result.status == "loaded":
            self.loaded += 1
        elif result.status == "updated":
            self.updated += 1
        elif result.status == "unchanged":
            self.unchanged += 1
        else:
            self.duplicates += 1
        self.entities += result.entities
        self.citations += result.citations
        self.relationships += result.relationships
        if result.note:
            self.notes.append((path, result.note))

    def render(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        lines = [
            f"{self.files} file(s) in {self.seconds:.1f}s: {self.documents} document(s) written "
            f"({self.loaded} new, {self.updated} updated), {self.skipped} skipped "
            f"({self.unchanged} unchanged, {self.duplicates} duplicate), {len(self.failed)} failed"
            + (" — interrupted" if self.interrupted else ""),
            (f"{self.characters:,} characters, {self.entities} entity mention(s), {self.citations} citation(s), "
            f"{self.relationships} relationship(s), {rate:.1f} documents/s"),
        ]
        if self.graph:
            lines.append(f"graph now holds {self.graph['nodes']:,} nodes and {self.graph['relationships']:,} "
                         "relationships")
        lines += [f"  note: {path}: {note}" for path, note in self.notes]
        lines += [f"  failed: {path}: {reason}" for path, reason in self.failed]
        return "\n".join(lines)


# --- worker processes ----------------------------------------------------------------------------
def _init_worker() -> None:
    # Ctrl-C goes to the parent only: it decides what to finish. Load the pipeline once per process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from ingest import pipeline

    pipeline.extract_text("Số: 1/TB-VPCP\nHà Nội, ngày 1 tháng 1 năm 2024\nTHÔNG BÁO\nKhởi động.")


def extract_for_load(path: str) -> Extracted:
    """Read, extract and turn one file into load rows; never raises (errors come back as text)."""
    from ingest.pipeline import extract_file

    started = time.perf_counter()
    try:
        doc = extract_file(path)
        return Extracted(path, len(doc.text), build_rows(doc), identity.signature(doc.text),
                         seconds=time.perf_counter() - started)
    except DanchieuError as exc:
        reason = getattr(exc, "reason", type(exc).__name__)
        return Extracted(path, error=f"{reason}: {exc}")
    except Exception as exc:  # noqa: BLE001 — a bug on one file must not lose the batch
        return Extracted(path, error=f"internal error: {type(exc).__name__}: {exc}")


def extract_in_pool(paths: list[str], workers: int) -> Generator[Extracted, None, None]:
    """Extract ``paths`` in ``workers`` processes, yielding results as they finish (bounded memory)."""
    ctx = multiprocessing.get_context("spawn")  # no inherited driver sockets or threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker) as pool:
        pending: set[Future[Extracted]] = set()
        todo = iter(paths)
        try:
            while True:
                while len(pending) < max(workers * 8, 64):  # workers stay busy while a batch loads
                    nxt = next(todo, None)
                    if nxt is None:
                        break
                    pending.add(pool.submit(extract_for_load, nxt))
                if not pending:
                    return
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    try:
                        yield fut.result()
                    except BrokenProcessPool:  # killed (OOM killer, kill -9): say so, and how to resume
                        raise DanchieuError(
                            "an extraction process died (out of memory or killed); the documents loaded so "
                            "far are in the graph: run the same command again to resume") from None
        finally:
            for fut in pending:
                fut.cancel()


# --- the command -----------------------------------------------------------------------------------
def default_workers(settings: Settings) -> int:
    return settings.workers or os.cpu_count() or 1


def ingest_paths(paths: Iterable[str | Path], settings: Settings, workers: int | None = None,
                 progress: bool = True, batch_size: int = 50) -> IngestSummary:
    """Ingest files, directories and globs; return the summary (failures are in it, not raised).

    Finished documents are loaded ``batch_size`` at a time (:func:`graph.loader.load_batch`).

    Raises :class:`GraphUnavailable` when Neo4j stays unreachable past the loader's retries.
    """
    files = [str(p) for p in expand_paths(paths)]
    workers = max(1, workers or default_workers(settings))
    summary = IngestSummary(files=len(files))
    started = time.perf_counter()
    bar = _progress_bar(len(files), progress)
    driver = create_driver(settings)
    try:
        with translate_errors():
            driver.verify_connectivity()
        results = extract_in_pool(files, workers)
        batch: list[Extracted] = []
        try:
            for item in results:
                batch.append(item)
                if len(batch) >= batch_size:
                    _load_batch(driver, settings.neo4j_database, batch, summary, bar, started)
                    batch = []
            _load_batch(driver, settings.neo4j_database, batch, summary, bar, started)
        except KeyboardInterrupt:
            summary.interrupted = True  # what was being written finished or was rolled back, never half
        finally:
            results.close()
        summary.graph = count_graph(driver, settings.neo4j_database)
    finally:
        bar.close()
        driver.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _load_batch(driver, database: str, batch: list[Extracted], summary: IngestSummary, bar, started: float) -> None:
    ready = [x for x in batch if x.error is None and x.rows is not None and x.signature is not None]
    for x in batch:
        if x.error is not None or x.rows is None:
            summary.failed.append((x.path, x.error or "no result"))
    if ready:
        results = load_batch(driver, database, [(x.rows, x.signature) for x in ready])  # type: ignore[misc]
        for x, result in zip(ready, results, strict=True):
            if isinstance(result, LoadResult):
                summary.add(x.path, result, x.characters)
            else:
                summary.failed.append((x.path, str(result)))
    bar.update(len(batch))
    elapsed = time.perf_counter() - started
    bar.set_postfix_str(f"{summary.characters:,} chars, {summary.characters / max(elapsed, 1e-9) / 1000:.0f}k chars/s",
                        refresh=False)


def _progress_bar(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="ingest", disable=not enabled or not sys.stderr.isatty(),
                dynamic_ncols=True, smoothing=0.1)
