"""Batch extraction to JSON files: the ``danchieu extract`` command.

A broken file never aborts the run: its error is collected in the summary with its reason.

Two passes, because numbers restart every year: a citation printed without a date
("Nghị quyết 128/NQ-CP") may be dated by another document of the same batch (its own number and
date, or a citation that prints the full date). The first pass extracts every file and adds what
each makes known to the registry; the second re-extracts only the documents that still hold a
year-less citation, against that registry.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from danchieu.errors import DanchieuError
from ingest.known import KnownDocuments, add_extracted, default_registry
from ingest.models import ExtractedDocument
from ingest.pipeline import extract_file

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


def _needs_second_pass(doc: ExtractedDocument) -> bool:
    return any(c.resolution != "exact" for c in doc.citations)


def extract_to_dir(paths: Iterable[str | Path], out: str | Path, include_text: bool = False) -> BatchSummary:
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary()
    docs: list[tuple[Path, ExtractedDocument]] = []
    for path in expand_paths(paths):
        try:
            docs.append((path, extract_file(path)))
        except DanchieuError as exc:
            summary.failed.append((str(path), str(exc)))
        except Exception as exc:  # a bug on one file must not lose the others
            summary.failed.append((str(path), f"internal error: {type(exc).__name__}: {exc}"))
    known = KnownDocuments(default_registry().rows())
    for _, doc in docs:
        add_extracted(known, doc)
    for path, doc in docs:
        if _needs_second_pass(doc):
            doc = extract_file(path, known=known)
        (out_dir / output_name(path)).write_text(
            json.dumps(doc.to_json(include_text=include_text), ensure_ascii=False, indent=1), encoding="utf-8")
        summary.documents += 1
        summary.characters += len(doc.text)
        summary.citations += len(doc.citations)
        summary.entities += len(doc.persons) + len(doc.agencies) + len(doc.provinces)
    return summary
