"""Readers: the bytes of any supported file → Unicode NFC text, the format told by content.

Formats: plain text and markdown (any encoding :mod:`danchieu.ingest.encodings` detects), HTML news pages
(main text only), PDF by word geometry with OCR for scanned or garbled pages (:mod:`danchieu.ingest.read_pdf`),
DOCX by structure (:mod:`danchieu.ingest.read_docx`), legacy Word .doc through antiword/catdoc
(:mod:`danchieu.ingest.read_doc`). Header and signature tables and columns come out one column after the
other, so :mod:`danchieu.ingest.layout` sees the issuer apart from the motto and the signature apart from the
``Nơi nhận`` list. Anything else fails with a typed :class:`~danchieu.errors.ReadError` whose message
says what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from danchieu.ingest import encodings
from danchieu.ingest.html_text import html_main_text
from danchieu.ingest.read_doc import read_doc
from danchieu.ingest.read_docx import read_docx
from danchieu.ingest.read_pdf import read_pdf

from danchieu.errors import EmptyDocument, FileTooLarge, ReadError, UnsupportedFormat

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A PDF page whose text layer holds fewer letters than this is an image of a page.
_MIN_LETTERS_PER_PAGE = 20

_MARKDOWN_HINT = re.compile(r"^\s*(?:#{1,6}\s|\|.*\|\s*$)|\*\*\S", re.MULTILINE)
_HTML_HINT = re.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_HTML_TAGS = re.compile(r"</?(?:p|div|span|br|table|td|a|h[1-6]|article|section)\b[^>]*>", re.IGNORECASE)

_OLE2 = b"\xd0\xcf\x11\xe0"  # Word 97-2003 and other Office 97 files

# Magic numbers of files we can name but not read, with what to do about each.
_UNREADABLE_MAGIC: list[tuple[bytes, str]] = [
    (b"{\\rtf", "an RTF file: save it as .docx or plain text"),
    (b"\x89PNG", "a PNG image: run OCR on it first"),
    (b"\xff\xd8\xff", "a JPEG image: run OCR on it first"),
    (b"II*\x00", "a TIFF image: run OCR on it first"),
    (b"MM\x00*", "a TIFF image: run OCR on it first"),
    (b"\x1f\x8b", "a gzip archive: unpack it first"),
    (b"Rar!", "a RAR archive: unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive: unpack it first"),
]


@dataclass(frozen=True, slots=True)
class RawText:
    text: str
    format: str  # text / markdown / html / pdf / pdf-ocr (some pages read by OCR) / docx / doc
    encoding: str | None
    warnings: tuple[str, ...] = ()  # what the reader could not do faithfully (OCR, no poppler, …)


def read_file(path: Path, max_bytes: int | None = None) -> RawText:
    """Read one file; the format is told by its content, the extension only breaks ties.

    Raises :class:`ReadError` (or a subclass) with a message naming the file.
    """
    path = Path(path)
    limit = max_bytes or DEFAULT_MAX_BYTES
    try:
        size = path.stat().st_size
        if size > limit:  # refuse before reading a huge file into memory
            raise FileTooLarge(f"{path.name}: {size} bytes is over the {limit}-byte limit; split the file "
                               f"or raise the limit (DANCHIEU_MAX_UPLOAD_BYTES)")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path.name}: cannot read the file: {exc.strerror or exc}") from exc
    return read_bytes(data, path.name, max_bytes=max_bytes)


def read_bytes(data: bytes, name: str = "", max_bytes: int | None = None) -> RawText:
    """Read a file's content given as bytes (an upload); ``name`` is used in messages and as a hint.

    >>> read_bytes("Số: 285/TB-VPCP".encode("utf-16"), "a.txt").text
    'Số: 285/TB-VPCP'
    """
    label = name or "<bytes>"
    limit = max_bytes or DEFAULT_MAX_BYTES
    if len(data) > limit:
        raise FileTooLarge(f"{label}: {len(data)} bytes is over the {limit}-byte limit; split the file "
                           f"or raise the limit (DANCHIEU_MAX_UPLOAD_BYTES)")
    if not data.strip():
        raise EmptyDocument(f"{label}: the file is empty")
    try:
        raw = _dispatch(data, label, name.lower())
    except ReadError:
        raise
    except Exception as exc:  # a library choking on a damaged file is still the file's fault
        raise ReadError(f"{label}: the file is damaged or not what it claims to be "
                        f"({type(exc).__name__}: {exc})") from exc
    if not raw.text.strip():
        raise EmptyDocument(f"{label}: the file holds no text")
    return raw


def _dispatch(data: bytes, label: str, lower_name: str) -> RawText:
    if data.startswith(b"%PDF-") or data[:1024].lstrip().startswith(b"%PDF-"):
        pdf = read_pdf(data, label)
        return RawText(pdf.text, "pdf-ocr" if pdf.ocr_pages else "pdf", None, tuple(pdf.warnings))
    if data.startswith(b"PK\x03\x04"):
        return RawText(read_docx(data, label), "docx", None)
    if data.startswith(_OLE2):
        return RawText(read_doc(data, label), "doc", None)
    for magic, what in _UNREADABLE_MAGIC:
        if data.startswith(magic):
            raise UnsupportedFormat(f"{label}: this is {what}")
    if _is_binary(data):
        raise UnsupportedFormat(f"{label}: binary content, not a text document (supported: .txt, .md, "
                                f".html, .pdf, .docx, .doc)")
    text, enc = encodings.decode(data)
    if _HTML_HINT.match(text[:2000]) or (lower_name.endswith((".html", ".htm"))
                                         and len(_HTML_TAGS.findall(text[:20000])) > 3):
        return RawText(html_main_text(text), "html", enc)
    fmt = "markdown" if lower_name.endswith(".md") or len(_MARKDOWN_HINT.findall(text[:50000])) >= 2 \
        else "text"
    return RawText(text, fmt, enc)


def _is_binary(data: bytes) -> bool:
    """NUL bytes or many control characters, unless the file is UTF-16 (which has NULs by design)."""
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or encodings._looks_utf16(sample):
        return False
    if b"\x00" in sample:
        return True
    # TCVN3 uses a few C0 slots in its VN1 form, so only a high ratio counts.
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05
