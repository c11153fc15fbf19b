"""Run the extraction stages in order on one file or one text.

    read → normalize → spaCy pipeline (ingest/nlp.py): segmentation → layout (identity, signature,
    copies) → citations → POS → NER proposals → entities

Each stage is a pure function in its own module, run as a registered spaCy component; this file
only reads the file and turns the Doc into an ExtractedDocument.
"""

from __future__ import annotations

from pathlib import Path

from danchieu.ingest import encodings, identity, limits, nlp, normalize, portal, read
from danchieu.ingest.known import KnownDocuments
from danchieu.ingest.models import DocumentInfo, ExtractedDocument


def extract_file(
    path: str | Path, max_bytes: int | None = None, known: KnownDocuments | None = None
) -> ExtractedDocument:
    """Read and extract one file. Raises :class:`danchieu.errors.ReadError` on unreadable input.

    ``known`` is the registry year-less citations are resolved against (default: the shipped one).
    """
    path = Path(path)
    raw = read.read_file(path, max_bytes=max_bytes)
    doc = extract_text(raw.text, source=path.name, fmt=raw.format, encoding=raw.encoding, known=known)
    doc.warnings.extend(raw.warnings)  # "pages 1, 2 read by OCR …": the reader's own doubts
    _fill_identity_from_file_name(doc.document, path.stem, doc.warnings)
    if raw.format in ("text", "markdown") and raw.encoding and not raw.encoding.startswith("utf"):
        # only a file that is not UTF-8 as a whole can mix encodings; say so rather than hide it
        mixed = encodings.mixed_encoding_warning(path.read_bytes(), raw.encoding)
        if mixed:
            doc.warnings.append(mixed)
    return doc


def _fill_identity_from_file_name(info: DocumentInfo, stem: str, warnings: list[str]) -> None:
    """A gazette continuation page may print no number: its page name (``thong-tu-so-90-2025-tt-bqp``)
    still says which document it belongs to. That is metadata with its source, never the document's
    number: a file name is not the text (and files are renamed), so ``info.number`` stays null."""
    if info.number:
        return
    type_name, number = identity.from_gazette_slug(stem)
    if number:
        info.metadata.setdefault("number", number)
        if type_name:
            info.metadata.setdefault("type", type_name)
        info.metadata.setdefault("source", f"file name {stem!r}")
        warnings.append("the text prints no number; the file name suggests one (kept as metadata)")


def extract_text(
    text: str,
    source: str = "<text>",
    fmt: str = "text",
    encoding: str | None = None,
    known: KnownDocuments | None = None,
) -> ExtractedDocument:
    """Extract everything from an already-decoded text: normalised, then run through the spaCy
    pipeline of :mod:`danchieu.ingest.nlp` (layout, citations, POS, NER proposals, entities).

    >>> doc = extract_text("Số: 285/TB-VPCP ... căn cứ Nghị quyết số 128/NQ-CP ngày 11/10/2021")
    """
    limits.check_characters(text, source)
    page = portal.read_page(text)
    if page is not None:  # a legal-portal page: the site's furniture blanked, its metadata kept aside
        text = page.text
    norm = normalize.normalize(text)
    sdoc = nlp.pipeline()(norm.text, component_cfg={"danchieu_citations": {"known": known}})
    doc = nlp.to_extracted(sdoc, source=source, fmt=fmt, encoding=encoding)
    cap = limits.citation_mention_cap(len(norm.text))
    if sum(len(c.mentions) for c in doc.citations) >= cap:  # the scan stopped at the per-document limit
        doc.warnings.append(limits.truncation_warning("citation mentions", cap))
    if page is not None and page.metadata:
        doc.document.metadata = page.metadata
        doc.warnings.extend(portal.cross_check(page.metadata, doc.document.number, doc.document.date,
                                               doc.document.issuer, [s.name for s in doc.signers]))
    doc.copies = [extract_text(copy_text, source=f"{source}#copy{i + 1}", fmt=fmt, encoding=encoding, known=known)
                  for i, copy_text in enumerate(sdoc._.copies or [])]
    return doc
