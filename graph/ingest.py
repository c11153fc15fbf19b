"""``danchieu ingest PATH…``: the extraction of ``danchieu extract``, loaded into Neo4j.

    summary = ingest_paths(["../shared/corpus/gazette"], settings, workers=2)
    print(summary.render())

Extraction (CPU-bound: reading, layout, citations, entities, MinHash, parameter rows) runs in
``workers`` processes through :func:`danchieu.ingest.batch.extract_batch`, the function ``extract`` calls, with
what the graph already knows in the registry; the parent process then loads the documents in batched
transactions (:mod:`danchieu.graph.loader`) and re-links older year-less citations (:mod:`danchieu.graph.relink`). A
broken file is reported with its reason and never stops the batch. Ctrl-C stops the run, lets the
batch being written finish, and returns the summary of what landed. Each file is extracted under
``DANCHIEU_EXTRACT_TIMEOUT`` and ``DANCHIEU_EXTRACT_MEMORY_MB`` (:mod:`danchieu.ingest.pool`): a file
past them fails alone, with its reason in the summary, and the rest lands.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from danchieu.graph import identity, relink
from danchieu.graph.driver import create_driver, translate_errors
from danchieu.graph.loader import LoadResult, count_graph, load_batch
from danchieu.graph.rows import DocumentRows, build_rows
from danchieu.ingest.batch import BatchItem, Runner, consulted, expand_paths, extract_batch, extract_one
from danchieu.ingest.known import fact_symbols
from danchieu.ingest.models import ExtractedDocument
from danchieu.ingest.partitions import checked_parts, is_partitioned, read_manifest, read_part

from danchieu.config import Settings
from danchieu.errors import DanchieuError
from danchieu.log import get_logger

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
    relinked: int = 0  # older year-less citations re-linked to a document this run made known
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
        if self.relinked:
            lines.append(f"{self.relinked} earlier year-less citation(s) re-linked")
        if self.graph:
            lines.append(f"graph now holds {self.graph['nodes']:,} nodes and {self.graph['relationships']:,} "
                         "relationships")
        lines += [f"  note: {path}: {note}" for path, note in self.notes]
        lines += [f"  failed: {path}: {reason}" for path, reason in self.failed]
        return "\n".join(lines)


# --- worker processes ----------------------------------------------------------------------------
def rows_for_load(doc: ExtractedDocument,
                  sig: identity.Signature | None = None) -> tuple[DocumentRows, identity.Signature]:
    """What a worker sends back for one document: the load rows and the near-duplicate signature
    (both CPU-bound, so they are built in the worker, not in the loading process); ``sig``: the
    signature the extraction output carries already."""
    return build_rows(doc), sig if sig is not None else identity.signature(doc.text)


def extract_for_load(path: str) -> Extracted:
    """One file, alone, against the shipped registry (the benchmark's unit of work)."""
    return _to_extracted(extract_one(path, rows_for_load, keep_doc=False))


def _from_partition(path: str, doc: ExtractedDocument, sig: identity.Signature | None) -> Extracted:
    """A document read back from partitioned output: the rows a worker would have sent."""
    try:
        rows, sig = rows_for_load(doc, sig)
    except DanchieuError as exc:  # a scanned PDF's empty text: refused here as it is after extraction
        return Extracted(path, error=f"{getattr(exc, 'reason', type(exc).__name__)}: {exc}")
    return Extracted(path, len(doc.text), rows, sig)


def _to_extracted(item: BatchItem) -> Extracted:
    if item.error is not None or item.payload is None:
        return Extracted(str(item.path), error=item.error or "no result")
    rows, sig = item.payload
    return Extracted(str(item.path), item.characters, rows, sig)


# --- the command -----------------------------------------------------------------------------------
def default_workers(settings: Settings) -> int:
    return settings.worker_count


def ingest_paths(paths: Iterable[str | Path], settings: Settings, workers: int | None = None,
                 progress: bool = True, batch_size: int = 50, runner: Runner | None = None) -> IngestSummary:
    """Ingest files, directories and globs; return the summary (failures are in it, not raised).

    A directory of partitioned extraction output (``danchieu extract --format jsonl``, or the Dask
    engine's; :mod:`danchieu.ingest.partitions`) is loaded as it is, without extracting again, through
    the same batches and the same re-linking: its year-less citations were dated against the shipped
    registry and its own batch, so every such citation's symbol is re-linked against the graph
    afterwards, which gives what extracting against the graph would have given. Its failed files
    (listed in its manifest) are reported as failed. Partitions load first, then the other files are
    extracted against a graph that holds them. ``runner``: the extraction engine (Dask) instead of
    ``workers`` processes.

    The same extraction as ``danchieu extract`` (:func:`danchieu.ingest.batch.extract_batch`), with the
    documents the graph already knows added to the registry that dates year-less citations; then
    finished documents are loaded ``batch_size`` at a time (:func:`danchieu.graph.loader.load_batch`), and
    older citations that the new documents resolve are re-linked (:func:`danchieu.graph.relink.relink`).

    Raises :class:`GraphUnavailable` when Neo4j stays unreachable past the loader's retries.
    """
    raw = [str(p) for p in paths]
    partitioned = [p for p in raw if is_partitioned(p)]
    manifests = [read_manifest(p) for p in partitioned]  # refused before anything is loaded
    others = [p for p in raw if p not in partitioned]
    files = [str(p) for p in expand_paths(others)] if others else []
    workers = max(1, workers or default_workers(settings))
    summary = IngestSummary(files=len(files) + sum(m.documents + len(m.failed) for m in manifests))
    started = time.perf_counter()
    bar = _progress_bar(summary.files, progress)
    driver = create_driver(settings)
    try:
        with translate_errors():
            driver.verify_connectivity()
        database = settings.neo4j_database
        try:
            symbols: set[str] = set()
            for directory, manifest in zip(partitioned, manifests, strict=True):
                summary.failed.extend(manifest.failed)
                bar.update(len(manifest.failed))
                symbols |= _load_partitions(driver, database, directory, summary, bar, started, batch_size)
            graph_known = relink.known_documents(driver, database) if files else []
            items = extract_batch(files, graph_known, workers=workers, finish=rows_for_load, keep_doc=False,
                                  progress=lambda _: bar.update(1), runner=runner,
                                  limits=settings.file_limits) if files else []
            symbols |= {f.symbol for item in items for f in item.facts}
            batch: list[Extracted] = []
            for item in items:
                batch.append(_to_extracted(item))
                if len(batch) >= batch_size:
                    _load_batch(driver, database, batch, summary, bar, started)
                    batch = []
            _load_batch(driver, database, batch, summary, bar, started)
            summary.relinked = relink.relink(driver, database, symbols)
        except KeyboardInterrupt:
            summary.interrupted = True  # what was being written finished or was rolled back, never half
        summary.graph = count_graph(driver, database)
    finally:
        bar.close()
        driver.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _load_partitions(driver, database: str, directory: str, summary: IngestSummary, bar, started: float,
                     batch_size: int) -> set[str]:
    """Load one partitioned output; returns the symbols to re-link: those its documents make known
    and those of its citations that were dated (or sought) in a registry without the graph."""
    symbols: set[str] = set()
    batch: list[Extracted] = []
    for part, expected in checked_parts(directory):
        for path, doc, sig in read_part(part, expected):
            symbols |= fact_symbols(doc) | consulted(doc)
            batch.append(_from_partition(path, doc, sig))
            bar.update(1)
            if len(batch) >= batch_size:
                _load_batch(driver, database, batch, summary, bar, started)
                batch = []
    _load_batch(driver, database, batch, summary, bar, started)
    return symbols


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
    elapsed = time.perf_counter() - started
    bar.set_postfix_str(f"{summary.characters:,} chars, {summary.characters / max(elapsed, 1e-9) / 1000:.0f}k chars/s",
                        refresh=False)


def _progress_bar(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="ingest", disable=not enabled or not sys.stderr.isatty(),
                dynamic_ncols=True, smoothing=0.1)
