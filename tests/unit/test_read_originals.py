"""Real originals as published (tests/fixtures/originals, sources in SOURCES.tsv): the readers give
text whose header, body and signature block the layout parser understands, so each document's own
number, type, issuer, date and signers come out right.

DOCX and DOC header and signature tables are written column by column: the issuer's lines stay
together and apart from the motto; the ``Nơi nhận`` list stays apart from the signature.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from danchieu.ingest.pipeline import extract_file
from danchieu.ingest.read import read_file

from tests.conftest import unavailable

ORIGINALS = Path(__file__).resolve().parents[1] / "fixtures" / "originals"


def _identity(name: str) -> tuple:
    doc = extract_file(ORIGINALS / name)
    info = doc.document
    return info.number, info.type, info.issuer, info.date, [s.name for s in doc.signers]


def test_docx_header_and_signature_tables_give_the_identity_and_the_signer() -> None:
    assert _identity("ct-07-CT-TTg-2012.docx") == (
        "07/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", "2012-03-02", ["Nguyễn Tấn Dũng"])
    assert _identity("tt-67-2025-TT-BCT.docx") == (
        "67/2025/TT-BCT", "Thông tư", "Bộ Công Thương", "2025-12-31", ["Trương Thanh Hoài"])


def test_docx_table_columns_are_written_one_after_the_other() -> None:
    lines = [s.strip() for s in read_file(ORIGINALS / "tt-67-2025-TT-BCT.docx").text.splitlines()]
    # the left column (issuer, number) before the right one (motto, place-date), not interleaved
    assert lines.index("BỘ CÔNG THƯƠNG") < lines.index("Số: 67/2025/TT-BCT") < \
        lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") < lines.index("Hà Nội, ngày 31 tháng 12 năm 2025")
    # the recipients list ends before the signature block begins, which holds its name
    assert lines.index("- Lưu: VT, ATMT.") < lines.index("KT. BỘ TRƯỞNG") < lines.index("THỨ TRƯỞNG") < \
        lines.index("Trương Thanh Hoài")
    assert not any(s.startswith("|") for s in lines[:8])


def test_docx_footnotes_come_after_the_body_and_their_citations_are_found() -> None:
    doc = extract_file(ORIGINALS / "laocai-sct-bc-draft-footnote.docx")
    assert doc.text.rstrip().endswith("trên địa bàn tỉnh.")  # the footnote, after the signature
    assert "2887/SCT-CN" in {c.number for c in doc.citations}
    # an unsigned draft: "Số: /BC - SCT" and "ngày    tháng 6" are left blank, so no number, no date
    assert (doc.document.number, doc.document.date) == (None, None)
    assert (doc.document.type, doc.document.issuer) == ("Báo cáo", "Sở Công Thương tỉnh Lào Cai")
    assert [s.name for s in doc.signers] == ["Hoàng Chí Hiền"]


def test_docx_text_box_is_read_once() -> None:
    text = read_file(ORIGINALS / "laocai-ubnd-qd-draft-textbox.docx").text
    # Word stores a text box twice (the drawing and a VML copy for old readers): one is read
    assert text.count("DỰ THẢO") == 1
    doc = extract_file(ORIGINALS / "laocai-ubnd-qd-draft-textbox.docx")
    assert (doc.document.type, [s.name for s in doc.signers]) == ("Quyết định", ["Nguyễn Thành Sinh"])


def test_legacy_doc_is_read_through_a_converter_with_its_tables_in_columns() -> None:
    if not (shutil.which("antiword") or shutil.which("catdoc")):
        missing = "no .doc converter: run scripts/system-packages.sh (antiword, catdoc)"
        unavailable(missing)
    raw = read_file(ORIGINALS / "laocai-sct-cv-draft.doc")
    assert raw.format == "doc"
    lines = [s.strip() for s in raw.text.splitlines()]
    assert lines.index("SỞ CÔNG THƯƠNG") < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "Số: /SCT - CN" in lines  # the blank left for the number closed, the symbol kept whole
    doc = extract_file(ORIGINALS / "laocai-sct-cv-draft.doc")
    assert doc.document.number is None  # an unsigned working copy: the number is blank
    assert doc.document.issuer == "Sở Công Thương tỉnh Lào Cai"
    assert [s.name for s in doc.signers] == ["Hoàng Văn Thuân"]
    assert {"193/2025/NĐ-CP", "05/2025/QĐ-UBND", "2441/QĐ-UBND", "1710/TTr-NCNC"} <= {
        c.number for c in doc.citations}
