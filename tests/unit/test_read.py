"""Readers: each kind of file yields the right document or a typed error with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from danchieu.ingest import layout, normalize
from danchieu.ingest.read import read_bytes, read_file

from danchieu.errors import EmptyDocument, FileTooLarge, ReadError, ScannedPdf, UnsupportedFormat
from tests.fixtures import documents as fx


def _identity(text: str) -> tuple[str | None, str | None, str | None]:
    parsed = layout.parse(normalize.normalize(text).text)
    return parsed.document.number, parsed.document.type, parsed.document.date


@pytest.mark.parametrize(("writer", "name", "fmt", "encoding"), [
    (fx.write_vni, "vni.txt", "text", "vni"),
    (fx.write_cp1258, "cp1258.txt", "text", "windows-1258"),
    (fx.write_utf16, "utf16.txt", "text", "utf-16"),
    (fx.write_docx, "notice.docx", "docx", None),
    (fx.write_pdf, "notice.pdf", "pdf", None),
])
def test_each_format_yields_the_document(tmp_path: Path, writer, name: str, fmt: str, encoding) -> None:
    raw = read_file(writer(tmp_path / name))
    assert (raw.format, raw.encoding) == (fmt, encoding)
    assert "Lê Ánh Dương" in raw.text
    assert _identity(raw.text) == ("904/TB-UBND", "Thông báo", "2021-06-05")


def test_tcvn3_file_yields_the_document(tmp_path: Path) -> None:
    raw = read_file(fx.write_tcvn3(tmp_path / "tcvn3.txt"))
    assert raw.encoding == "tcvn3"
    assert _identity(raw.text) == ("904/TB-UBND", "Thông báo", "2021-06-05")


def test_format_is_told_by_content_not_extension(tmp_path: Path) -> None:
    pdf = fx.write_pdf(tmp_path / "misnamed.txt")
    assert read_file(pdf).format == "pdf"


def test_html_news_page_keeps_the_article_only(tmp_path: Path) -> None:
    raw = read_file(fx.write_html(tmp_path / "news.html"))
    assert raw.format == "html"
    assert "Trang chủ" not in raw.text and "tracking" not in raw.text and "Bản quyền" not in raw.text
    parsed = layout.parse(normalize.normalize(raw.text).text)
    assert parsed.document.type == "Bài báo"
    assert parsed.document.source == "Theo Chinhphu.vn"
    assert parsed.document.number is None


@pytest.mark.parametrize(("make", "error", "message"), [
    (lambda p: fx.write_scanned_pdf(p / "scan.pdf"), ScannedPdf, "scanned PDF, OCR found no text"),
    (lambda p: _write(p / "empty.txt", b""), EmptyDocument, "empty"),
    (lambda p: _write(p / "blank.txt", b"  \n\n \t"), EmptyDocument, "empty"),
    (lambda p: _write(p / "blob.txt", bytes(range(256)) * 8), UnsupportedFormat, "binary"),
    (lambda p: _write(p / "old.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 600), UnsupportedFormat, ".docx"),
    (lambda p: _write(p / "photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), UnsupportedFormat, "OCR"),
    (lambda p: _write(p / "broken.pdf", b"%PDF-1.7\n garbage"), ReadError, "broken.pdf"),
])
def test_unreadable_files_raise_typed_errors(tmp_path: Path, make, error, message: str) -> None:
    with pytest.raises(error, match=message):
        read_file(make(tmp_path))


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", "Số: 1/TB-VPCP ".encode() * 100)
    with pytest.raises(FileTooLarge, match="over the 1000-byte limit"):
        read_file(path, max_bytes=1000)
    with pytest.raises(FileTooLarge):
        read_bytes(path.read_bytes(), "big.txt", max_bytes=1000)


def test_missing_file_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="cannot read"):
        read_file(tmp_path / "absent.txt")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
