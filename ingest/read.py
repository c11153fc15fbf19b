"""Readers: bytes of any supported format → Unicode text. (Stub: issue 3 replaces it.)"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from danchieu.errors import EmptyDocument, FileTooLarge

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RawText:
    text: str
    format: str  # text / markdown / html / pdf / docx
    encoding: str | None


def read_file(path: Path, max_bytes: int | None = None) -> RawText:
    data = path.read_bytes()
    return read_bytes(data, path.name, max_bytes=max_bytes)


def read_bytes(data: bytes, name: str = "", max_bytes: int | None = None) -> RawText:
    limit = max_bytes or DEFAULT_MAX_BYTES
    if len(data) > limit:
        raise FileTooLarge(f"{name}: {len(data)} bytes is over the {limit}-byte limit")
    text = data.decode("utf-8-sig")
    if not text.strip():
        raise EmptyDocument(f"{name}: the file is empty")
    return RawText(text=text, format="text", encoding="utf-8")
