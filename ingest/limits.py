"""Bounds on the work one document may cause, so that hostile input costs what a normal document of
the same size costs (issue 14): characters per document, citation mentions per document, and the
decompressed size and member count of a DOCX (ZIP) archive.

Each limit is generous for real documents (the gazette's longest law is ~600 k characters and cites
a few hundred documents) and ends hostile input with a clear error or a warning that says what was
cut. The limits are plain constants: ``ingest`` is pure and reads no settings.
"""

from __future__ import annotations

import zipfile

from danchieu.errors import FileTooLarge, ReadError

# A longer text is refused (split it): extraction is linear, but 5 M characters already take ~30 s.
MAX_CHARACTERS = 5_000_000

# Citation mentions read per document: a base for short texts plus one per 250 characters. Measured
# on the 528 texts of ../shared/corpus (gazette, dev, field): printed numbers are at most 6.8 per
# 1 000 characters in a short text (24 in 3.5 k, well under the base), 4.5 per 1 000 in a 58 k text,
# 1.9 per 1 000 in the densest long one (1 091 in 583 k; its cap is 3 333). A list of 30 000 numbers
# on one line is cut here, and the document says so in its warnings; each mention costs ~0.5 ms of
# windowed reading (date, issuer, relation, evidence), so the cap is what bounds a flood's cost.
MENTIONS_BASE = 1000  # never below /v1/check's own limit of 1 000 numbers (api/check_extract.py)
MENTIONS_PER_CHARACTERS = 250

# DOCX (a ZIP archive): what it may expand to, and how many members it may hold. Word writes a
# dozen members plus the images (stored, already compressed); a 20 MB upload that expands past
# 100 MB is a ZIP bomb, not a document (lxml needs ~10× an XML's size in memory to parse it).
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 2_000
MAX_ZIP_RATIO = 100  # expansion of one large member (Word's XML deflates ~10:1; a bomb 1 000:1)


def check_characters(text: str, label: str = "<text>") -> None:
    """Refuse a text longer than :data:`MAX_CHARACTERS` before any stage reads it."""
    if len(text) > MAX_CHARACTERS:
        raise FileTooLarge(f"{label}: {len(text):,} characters is over the {MAX_CHARACTERS:,}-character limit "
                           "of one document; split the file")


def citation_mention_cap(characters: int) -> int:
    """How many citation mentions a text of ``characters`` characters may yield (then the scan stops)."""
    return MENTIONS_BASE + characters // MENTIONS_PER_CHARACTERS


def truncation_warning(what: str, cap: int) -> str:
    return (f"truncated: more than {cap:,} {what} in this text (the per-document limit for its size); "
            "the rest were not read")


def check_zip(archive: zipfile.ZipFile, label: str = "<zip>") -> None:
    """Refuse a ZIP whose members are too many or would expand too far, from its central directory,
    before anything is decompressed. (The sizes are what the archive declares: the DOCX reader
    decompresses through python-docx, which reads each member whole, and a member that lies about
    its size fails zipfile's own CRC/size check.)"""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise ReadError(f"{label}: the archive holds {len(members):,} members (limit {MAX_ZIP_MEMBERS:,}); "
                        "this is not a Word document")
    total = 0
    for info in members:
        total += info.file_size
        if total > MAX_UNZIPPED_BYTES:
            raise ReadError(f"{label}: the archive expands to more than {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB "
                            "(a ZIP bomb?); this is not a Word document we can read")
        if info.compress_size and info.file_size > 1024 * 1024 and info.file_size / info.compress_size > MAX_ZIP_RATIO:
            raise ReadError(f"{label}: member {info.filename!r} expands {info.file_size // info.compress_size}-fold "
                            f"(limit {MAX_ZIP_RATIO}): a ZIP bomb, not a Word document")
