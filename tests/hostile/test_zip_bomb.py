"""Issue 14 item 4: a DOCX (a ZIP) is refused from its central directory when it would expand too
far or holds too many members — before anything is decompressed."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from danchieu.ingest import limits
from danchieu.ingest.read import read_bytes

from danchieu.errors import ReadError

MB = 1024 * 1024


def docx_bomb(expanded_mb: int) -> bytes:
    """A .docx whose word/document.xml expands to ``expanded_mb`` MB of zeros (a few hundred KB)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"0" * MB
            for _ in range(expanded_mb):
                member.write(block)
    return buf.getvalue()


def many_members(n: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        for i in range(n):
            zf.writestr(f"word/media/{i}.bin", b"")
    return buf.getvalue()


def test_a_docx_that_expands_past_the_limit_is_refused_at_once():
    data = docx_bomb(limits.MAX_UNZIPPED_BYTES // MB + 20)
    assert len(data) < 2 * MB
    started = time.perf_counter()
    with pytest.raises(ReadError, match="ZIP bomb"):
        read_bytes(data, "bomb.docx")
    assert time.perf_counter() - started < 60  # generous: the point is that nothing was inflated


def test_a_small_member_that_expands_a_thousand_fold_is_refused():
    with pytest.raises(ReadError, match="ZIP bomb"):
        read_bytes(docx_bomb(20), "bomb.docx")


def test_an_archive_with_too_many_members_is_refused():
    with pytest.raises(ReadError, match="members"):
        read_bytes(many_members(limits.MAX_ZIP_MEMBERS + 1), "many.docx")


def test_a_real_docx_still_reads(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Số: 12/TB-VPCP")
    document.add_paragraph("THÔNG BÁO")
    path = tmp_path / "ok.docx"
    document.save(path)
    assert "12/TB-VPCP" in read_bytes(path.read_bytes(), "ok.docx").text
