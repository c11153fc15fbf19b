"""Run the extraction stages in order on one file or one text.

    read → normalize → layout (identity, signature, copies) → citations → entities

Each stage is a pure function in its own module; this file only wires them together.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest import citations, entities, layout, normalize, read
from ingest.models import ExtractedDocument


def extract_file(path: str | Path, max_bytes: int | None = None) -> ExtractedDocument:
    """Read and extract one file. Raises :class:`danchieu.errors.ReadError` on unreadable input."""
    raw = read.read_file(Path(path), max_bytes=max_bytes)
    return extract_text(raw.text, source=Path(path).name, fmt=raw.format, encoding=raw.encoding)


def extract_text(
    text: str, source: str = "<text>", fmt: str = "text", encoding: str | None = None
) -> ExtractedDocument:
    """Extract everything from an already-decoded text.

    >>> doc = extract_text("Số: 285/TB-VPCP ... căn cứ Nghị quyết số 128/NQ-CP ngày 11/10/2021")
    """
    norm = normalize.normalize(text)
    parsed = layout.parse(norm.text)
    doc = ExtractedDocument(
        source=source,
        text=norm.text,
        text_hash=hashlib.sha256(norm.text.encode("utf-8")).hexdigest(),
        format=fmt,
        encoding=encoding,
        document=parsed.document,
        sections=parsed.sections,
        signers=parsed.signers,
    )
    found = citations.find_citations(norm.text, parsed)
    doc.citations = found.citations
    doc.named_references = found.named_references
    doc.reports_on = found.reports_on
    ents = entities.find_entities(norm.text, parsed)
    doc.persons, doc.agencies = ents.persons, ents.agencies
    doc.provinces, doc.assignments = ents.provinces, ents.assignments
    doc.copies = [extract_text(copy_text, source=f"{source}#copy{i + 1}", fmt=fmt, encoding=encoding)
                  for i, copy_text in enumerate(parsed.copies)]
    return doc
