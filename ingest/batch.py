"""Batch extraction: the one path both ``danchieu extract`` and ``danchieu ingest`` take.

    for item in extract_batch(paths, known=graph_rows, workers=2):
        item.doc / item.payload / item.error

A broken file never aborts the run: its error comes back with its reason.

Two passes, because numbers restart every year: a citation printed without a date
("Nghị quyết 128/NQ-CP") may be dated by another document of the same batch (its own number and
date, or a citation that prints the full date). The first pass extracts every file against the
shipped registry plus ``known`` (what the graph already holds, for ``ingest``) and collects what each
document makes known; the second re-extracts only the documents holding a citation whose symbol the
batch made newly known, against the whole registry. The result is the same whatever order the files
come in, and whatever was loaded before (the graph re-links its older citations the same way,
``graph/relink.py``).
"""

from __future__ import annotations

import glob
import json
import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from danchieu.ingest.keys import symbol_key
from danchieu.ingest.known import KnownDocument, KnownDocuments, default_registry, facts, news
from danchieu.ingest.models import ExtractedDocument
from danchieu.ingest.partitions import PartitionWriter
from danchieu.ingest.pipeline import extract_file

from danchieu.errors import DanchieuError

SUPPORTED_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc", ".text"}


@dataclass(slots=True)
class BatchSummary:
    documents: int = 0
    characters: int = 0
    citations: int = 0
    entities: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def render(self) -> str:
        lines = [f"{self.documents} document(s), {self.characters} characters, "
                 f"{self.citations} citation(s), {self.entities} entit(y/ies), {len(self.failed)} failed"]
        lines += [f"  failed: {path}: {reason}" for path, reason in self.failed]
        return "\n".join(lines)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files, directories (recursively, supported suffixes only) and globs, each file once, sorted."""
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        matches = [Path(m) for m in sorted(glob.glob(str(raw), recursive=True))] if not p.exists() else [p]
        if not matches:
            raise DanchieuError(f"{raw}: no such file or directory")
        for m in matches:
            files = sorted(f for f in m.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES) \
                if m.is_dir() else [m]
            for f in files:
                if f not in seen:
                    seen.add(f)
                    yield f


def output_name(path: Path) -> str:
    return path.stem + ".json"


@dataclass(slots=True)
class BatchItem:
    """One file of a batch: its extraction (``doc``, in the process that asked for it), what
    ``finish`` made of it in the worker (``payload``), or the reason it failed (``error``)."""

    path: Path
    doc: ExtractedDocument | None = None
    payload: Any = None
    error: str | None = None
    characters: int = 0
    facts: list[KnownDocument] = field(default_factory=list)
    consulted: frozenset[str] = frozenset()  # symbols whose resolution looked at the registry


# --- one file, in a worker process or in this one --------------------------------------------------
_REGISTRY: KnownDocuments | None = None


def _set_registry(extra: list[KnownDocument], quiet: bool = False) -> None:
    global _REGISTRY
    if quiet:  # Ctrl-C goes to the parent only: it decides what to finish
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _REGISTRY = KnownDocuments(default_registry().rows() + extra) if extra else default_registry()


def _consulted(doc: ExtractedDocument) -> set[str]:
    """Symbols of the citations whose year or date came from (or was sought in) the registry."""
    out = {symbol_key(c.number) for c in doc.citations if c.resolution != "exact" or c.date is None}
    for copy in doc.copies:
        out |= _consulted(copy)
    return out


def extract_one(path: str, finish: Callable[[ExtractedDocument], Any] | None = None,
                keep_doc: bool = True) -> BatchItem:
    """Extract one file against the process's registry; never raises (errors come back as text)."""
    item = BatchItem(Path(path))
    try:
        doc = extract_file(path, known=_REGISTRY)
        item.characters = len(doc.text)
        item.facts = facts(doc)
        item.consulted = frozenset(_consulted(doc))
        item.payload = finish(doc) if finish else None
        item.doc = doc if keep_doc else None
    except DanchieuError as exc:
        item.error = f"{getattr(exc, 'reason', type(exc).__name__)}: {exc}"
    except Exception as exc:  # noqa: BLE001 — a bug on one file must not lose the others
        item.error = f"internal error: {type(exc).__name__}: {exc}"
    return item


# An engine: runs ``extract_one`` on every path against the shipped registry plus ``extra`` and yields
# the items as they finish, in any order. The default is the process pool below; ``ingest/distributed.py``
# gives the same on Dask.
Runner = Callable[[list[str], list[KnownDocument], Callable[[ExtractedDocument], Any] | None, bool],
                  Iterator[BatchItem]]


def _run(paths: list[str], extra: list[KnownDocument], workers: int, finish, keep_doc: bool) -> Iterator[BatchItem]:
    if workers <= 1 or len(paths) <= 1:
        _set_registry(extra)
        for p in paths:
            yield extract_one(p, finish, keep_doc)
        return
    ctx = multiprocessing.get_context("spawn")  # no inherited driver sockets or threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_set_registry,
                             initargs=(extra, True)) as pool:
        pending: set[Future[BatchItem]] = set()
        todo = iter(paths)
        try:
            while True:
                while len(pending) < workers * 8:
                    nxt = next(todo, None)
                    if nxt is None:
                        break
                    pending.add(pool.submit(extract_one, nxt, finish, keep_doc))
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


def extract_batch(paths: Iterable[str | Path], known: Iterable[KnownDocument] = (), *, workers: int = 1,
                  finish: Callable[[ExtractedDocument], Any] | None = None, keep_doc: bool = True,
                  progress: Callable[[BatchItem], None] | None = None, runner: Runner | None = None) -> list[BatchItem]:
    """Extract every file of a batch in two passes (see the module docstring), in ``workers``
    processes, or on ``runner`` (:class:`danchieu.ingest.distributed.DaskRunner`) when given.
    ``known``: documents known beyond the shipped registry (the graph's). ``finish``
    (a module-level function) turns each document into what the caller needs, in the worker;
    ``keep_doc=False`` leaves the document there. Items come back in path order."""
    files = [str(p) for p in expand_paths(paths)]
    extra = list(known)
    if runner is None:
        def runner(todo: list[str], reg: list[KnownDocument], fin: Any, keep: bool) -> Iterator[BatchItem]:
            return _run(todo, reg, workers, fin, keep)
    base = KnownDocuments(default_registry().rows() + extra)
    first: dict[str, BatchItem] = {}
    for item in runner(files, extra, finish, keep_doc):
        first[str(item.path)] = item
        if progress:
            progress(item)
    added = [f for item in first.values() for f in item.facts]
    changed = news(base, added)
    again = [p for p in files if first[p].error is None and first[p].consulted & changed]
    if again:
        second = {str(i.path): i for i in runner(again, extra + added, finish, keep_doc)}
        first.update(second)
    return [first[p] for p in files]


FORMATS = ("json", "jsonl")


def extract_to_dir(paths: Iterable[str | Path], out: str | Path, include_text: bool = False,
                   workers: int = 1, out_format: str = "json", runner: Runner | None = None) -> BatchSummary:
    """``danchieu extract``: the batch written to ``out``, either one JSON per document
    (``out_format="json"``, the shape of ``../shared/gold``; the text only with ``include_text``) or
    partitioned JSON lines with a manifest (``"jsonl"``, :mod:`danchieu.ingest.partitions`; always with
    the text, which the loaders need). ``runner``: another engine than the process pool (Dask)."""
    if out_format not in FORMATS:
        raise DanchieuError(f"unknown output format {out_format!r}: one of {', '.join(FORMATS)}")
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary()
    items = extract_batch(paths, workers=workers, runner=runner)
    if out_format == "jsonl":
        with PartitionWriter(out_dir, engine=getattr(runner, "name", "multiprocessing")) as writer:
            for item in items:
                if item.doc is None:
                    writer.fail(item.path, item.error or "no result")
                else:
                    writer.add(item.path, item.doc)
        m = writer.manifest
        summary.documents, summary.characters, summary.citations, summary.entities = \
            m.documents, m.characters, m.citations, m.entities
        summary.failed = list(m.failed)
        return summary
    for item in items:
        if item.doc is None:
            summary.failed.append((str(item.path), item.error or "no result"))
            continue
        doc = item.doc
        (out_dir / output_name(item.path)).write_text(
            json.dumps(doc.to_json(include_text=include_text), ensure_ascii=False, indent=1), encoding="utf-8")
        summary.documents += 1
        summary.characters += len(doc.text)
        summary.citations += len(doc.citations)
        summary.entities += len(doc.persons) + len(doc.agencies) + len(doc.provinces)
    return summary
