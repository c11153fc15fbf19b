"""Partitioned extraction output: JSON lines in numbered parts, and a manifest that says what is there.

    with PartitionWriter("/tmp/out") as out:      # part-00000.jsonl, part-00001.jsonl, …, manifest.json
        out.add("gazette/a.txt", doc)
        out.fail("gazette/b.pdf", "ReadError: not a PDF")
    for doc in read_documents("/tmp/out"):        # ExtractedDocument, in the order they were added
        ...

One JSON per document (``danchieu extract --format json``) suits the scorer and a few hundred files;
a national corpus is a million of them, so the distributed engine (``ingest/distributed.py``) and the
bulk importer (``graph/bulk.py``) exchange this instead. Each line of a part is one document:
``{"path": <input file>, "document": ExtractedDocument.to_json(), "signature": {"minhash": [64 ints],
"lsh": [32 band keys], "shingles": n}}`` — with its normalised text, since every offset and the
near-duplicate signature refer to it — read back into the same dataclasses (:func:`_decode_line`). The
signature (``ingest/minhash.py``) is computed when the line is written; a line without it (written by
an earlier version) is signed when read.
``manifest.json`` lists the parts with their counts, and the files that failed with their reason; it
is written last, so a directory without it is an unfinished run, and a part whose size or line count
disagrees with it is refused (truncated or rewritten): the sizes are checked before the first document
is read, so a damaged output is not half loaded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import msgspec
import orjson
from danchieu.ingest.minhash import BAND_ROWS, NUM_PERM, Signature, signature
from danchieu.ingest.models import ExtractedDocument

from danchieu.errors import PartitionError

FORMAT = "danchieu-partitions"
VERSION = 1


def _fields(tp: type, done: set[type]) -> Iterator[str]:
    """Every field of ``tp`` and of the dataclasses its fields hold, as ``Class.field: type`` (the type as
    written in ingest/models.py, the same text in every Python version)."""
    done.add(tp)
    yield from (f"{tp.__name__}.{f.name}: {f.type}" for f in dataclasses.fields(tp))
    for hint in typing.get_type_hints(tp).values():
        for inner in _held(hint):
            if inner not in done:
                yield from _fields(inner, done)


def _held(hint: Any) -> Iterator[type]:
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        yield hint
    for arg in typing.get_args(hint):
        yield from _held(arg)


@cache
def document_fields() -> str:
    """The document's fields, as a short hash the manifest carries: lines are read by a decoder that ignores
    a key it does not know (see _decode_line), so an output written with other fields is refused as a whole.
    Computed when a manifest is first written or read (~3 ms), not when the module is imported."""
    return hashlib.sha256("\n".join(sorted(_fields(ExtractedDocument, set()))).encode()).hexdigest()[:16]


MANIFEST = "manifest.json"
DOCUMENTS_PER_PART = 1000


def part_name(index: int) -> str:
    return f"part-{index:05d}.jsonl"


@dataclass(slots=True)
class Manifest:
    """What ``manifest.json`` holds: counts for the whole output and per part, and the failures."""

    documents: int = 0
    characters: int = 0
    citations: int = 0
    entities: int = 0
    parts: list[dict[str, Any]] = field(default_factory=list)  # {"name", "documents", "characters", "bytes"}
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    engine: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "fields": document_fields(), "engine": self.engine,
                "documents": self.documents, "characters": self.characters, "citations": self.citations,
                "entities": self.entities, "parts": self.parts,
                "failed": [{"path": p, "reason": r} for p, r in self.failed]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        if data.get("format") != FORMAT:
            raise PartitionError(f"not a partitioned extraction output (format {data.get('format')!r})")
        if data.get("version") != VERSION:
            raise PartitionError(f"partitioned output version {data.get('version')!r}; this version reads {VERSION}")
        ours = document_fields()
        if data.get("fields", ours) != ours:  # absent in an output written before the manifest named them
            raise PartitionError(f"partitioned output written with other document fields (fields {data['fields']!r}; "
                                 f"this version reads {ours}): extract the documents again with this version")
        return cls(documents=data["documents"], characters=data["characters"], citations=data["citations"],
                   entities=data["entities"], parts=list(data["parts"]),
                   failed=[(f["path"], f["reason"]) for f in data["failed"]], engine=data.get("engine", ""))


def encode_entry(path: str | Path, doc: ExtractedDocument) -> tuple[str, int, int, int]:
    """One document's line of a part, and what the manifest counts of it (characters, citations, entities).
    The line carries the text's MinHash, computed here once where the text is at hand, so the loaders
    read it instead of computing it again (for the bulk importer it was a third of its work per document)."""
    sig = signature(doc.text)
    line = json.dumps({"path": str(path), "document": doc.to_json(),
                       "signature": {"minhash": list(sig.minhash), "lsh": list(sig.lsh), "shingles": sig.shingles}},
                      ensure_ascii=False, separators=(",", ":"))
    return line, len(doc.text), len(doc.citations), len(doc.persons) + len(doc.agencies) + len(doc.provinces)


def _signature(data: Any) -> Signature:
    minhash, lsh, shingles = data["minhash"], data["lsh"], data["shingles"]
    if (len(minhash) not in (0, NUM_PERM) or len(lsh) != len(minhash) // BAND_ROWS or not isinstance(shingles, int)
            or (shingles > 0) != bool(minhash)):
        raise ValueError(f"not a MinHash signature of {NUM_PERM} values")
    return Signature(tuple(minhash), tuple(lsh), shingles)


class PartitionWriter:
    """Writes documents ``per_part`` to a part, in the order given; ``close`` writes the manifest.

    Opening a directory removes the parts and manifest of an earlier run there (only those names), so
    a smaller run never leaves stale parts behind. A part is written under a temporary name and
    renamed when full; the manifest is written only when the writer closes without an exception."""

    def __init__(self, out: str | Path, per_part: int = DOCUMENTS_PER_PART, engine: str = "") -> None:
        if per_part < 1:
            raise ValueError("per_part must be at least 1")
        self.dir = Path(out)
        self.dir.mkdir(parents=True, exist_ok=True)
        for old in [*self.dir.glob("part-*.jsonl"), *self.dir.glob("part-*.jsonl.tmp"), self.dir / MANIFEST]:
            old.unlink(missing_ok=True)
        self.per_part = per_part
        self.manifest = Manifest(engine=engine)
        self._file: Any = None
        self._part: dict[str, Any] = {}

    def add(self, path: str | Path, doc: ExtractedDocument) -> None:
        self.add_encoded(*encode_entry(path, doc))

    def add_encoded(self, line: str, characters: int, citations: int, entities: int) -> None:
        """A document :func:`encode_entry` made (in another process, say): the JSON line and its counts."""
        if self._file is None:
            self._open_part()
        self._file.write(line + "\n")
        m, part = self.manifest, self._part
        part["documents"] += 1
        part["characters"] += characters
        m.documents += 1
        m.characters += characters
        m.citations += citations
        m.entities += entities
        if part["documents"] >= self.per_part:
            self._close_part()

    def fail(self, path: str | Path, reason: str) -> None:
        self.manifest.failed.append((str(path), reason))

    def close(self) -> Manifest:
        self._close_part()
        tmp = self.dir / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(self.manifest.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.dir / MANIFEST)
        return self.manifest

    def _open_part(self) -> None:
        self._part = {"name": part_name(len(self.manifest.parts)), "documents": 0, "characters": 0}
        self._file = open(self.dir / (self._part["name"] + ".tmp"), "w", encoding="utf-8", newline="\n")

    def _close_part(self) -> None:
        if self._file is None:
            return
        self._file.close()
        self._file = None
        name = self._part["name"]
        os.replace(self.dir / (name + ".tmp"), self.dir / name)
        self._part["bytes"] = (self.dir / name).stat().st_size
        self.manifest.parts.append(self._part)

    def __enter__(self) -> PartitionWriter:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is None:
            self.close()
        elif self._file is not None:  # an unfinished run leaves no manifest: readers refuse it
            self._file.close()
            self._file = None


def is_partitioned(path: str | Path) -> bool:
    """Whether ``path`` is a directory holding a partitioned output's manifest."""
    return (Path(path) / MANIFEST).is_file()


def read_manifest(path: str | Path) -> Manifest:
    target = Path(path) / MANIFEST
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PartitionError(f"{path}: no {MANIFEST} (not a partitioned output, or its run did not finish)") from None
    except (OSError, ValueError) as exc:
        raise PartitionError(f"{target}: unreadable manifest: {exc}") from exc
    try:
        return Manifest.from_json(data)
    except (KeyError, TypeError) as exc:
        raise PartitionError(f"{target}: malformed manifest ({exc!r})") from exc


def checked_parts(path: str | Path) -> list[tuple[Path, int]]:
    """Every part of a partitioned output with the documents the manifest counts in it, each part checked
    there and whole (its size) before any is read: a damaged output is refused before it is half loaded."""
    root = Path(path)
    parts = read_manifest(root).parts
    for part in parts:
        try:
            size = (root / part["name"]).stat().st_size
        except FileNotFoundError:
            raise PartitionError(f"{root / part['name']}: missing (the manifest lists it)") from None
        if size != part.get("bytes", size):
            raise PartitionError(f"{root / part['name']}: {size} bytes, the manifest says {part['bytes']} "
                                 "(truncated or rewritten?)")
    return [(root / part["name"], part["documents"]) for part in parts]


class _Line(msgspec.Struct):
    path: str
    document: ExtractedDocument
    signature: dict[str, Any] | None = None


_LINE = msgspec.json.Decoder(_Line)


def _decode_line(line: bytes) -> tuple[str, ExtractedDocument, dict[str, Any] | None]:
    """One line of a part as (input path, document, raw signature). msgspec builds the dataclasses straight
    from the bytes: a million lines of ~12 kB, where orjson and :meth:`ExtractedDocument.from_json` took
    ~330 µs a line (the json module ~450) and msgspec takes 0.6× that (alternating in one process, 2026-12-04:
    175–258 µs against 340–389 on a loaded machine). It is stricter about types than ``from_json`` and
    ignores a key it does not know, so a line it refuses goes through ``from_json`` (which reads a text-less
    document and names an unknown key), and a part of other fields is refused as a whole by its manifest
    (``fields``)."""
    try:
        entry = _LINE.decode(line)
        return entry.path, entry.document, entry.signature
    except msgspec.ValidationError:
        data = orjson.loads(line)
        return data["path"], ExtractedDocument.from_json(data["document"]), data.get("signature")
    except msgspec.DecodeError as exc:  # not JSON, or not UTF-8: refused with its line number
        raise ValueError(str(exc)) from None


def read_part(part: str | Path, expected: int) -> Iterator[tuple[str, ExtractedDocument, Signature | None]]:
    """``(input path, document, its text's MinHash)`` for every line of one part (:func:`checked_parts` gives
    both arguments; the signature is ``None`` in a part written before lines carried it); the bulk importer
    reads the parts in several processes at once."""
    seen = 0
    try:
        with open(part, "rb") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    path, doc, raw_sig = _decode_line(line)
                    sig = None if raw_sig is None else _signature(raw_sig)
                except (ValueError, KeyError, TypeError) as exc:
                    raise PartitionError(f"{part}:{lineno}: not a document ({exc})") from exc
                seen += 1
                yield path, doc, sig
    except FileNotFoundError:
        raise PartitionError(f"{part}: missing (the manifest lists it)") from None
    if seen != expected:
        raise PartitionError(f"{part}: {seen} document(s), the manifest says {expected} (truncated?)")


def read_entries(path: str | Path) -> Iterator[tuple[str, ExtractedDocument]]:
    """``(input path, document)`` for every document of a partitioned output, part after part."""
    for part, expected in checked_parts(path):
        for entry_path, doc, _ in read_part(part, expected):
            yield entry_path, doc


def read_documents(path: str | Path) -> Iterator[ExtractedDocument]:
    """Every document of a partitioned output, in the order it was written."""
    for _, doc in read_entries(path):
        yield doc


__all__ = ["DOCUMENTS_PER_PART", "Manifest", "PartitionError", "PartitionWriter", "checked_parts", "encode_entry",
           "is_partitioned", "read_documents", "read_entries", "read_manifest", "read_part"]
