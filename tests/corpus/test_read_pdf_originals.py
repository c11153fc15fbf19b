"""Real PDFs as published (../shared/corpus/dev and field): word geometry keeps the header's and the
signature block's columns apart; pages without a usable text layer — scanned, or set in a font whose
Unicode map is broken — are read by OCR (Tesseract, Vietnamese) and marked so.

These files are too large to copy into the repository. Without ../shared the tests skip on a
developer's machine and fail under CI (``CI`` set), so that a broken checkout is never green.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from danchieu.ingest.pipeline import extract_file
from danchieu.ingest.read import read_file
from danchieu.ingest.read_pdf import ocr_available

from tests.conftest import SHARED, unavailable


def _need(path: Path, ocr: bool = False) -> Path:
    missing = None if path.is_file() else f"{path} is not available"
    if missing is None and ocr and not ocr_available():
        missing = "Tesseract with its Vietnamese model is not installed (scripts/system-packages.sh)"
    if missing is None and not shutil.which("pdftotext"):
        missing = "poppler-utils is not installed (scripts/system-packages.sh)"
    if missing:
        unavailable(missing)
    return path


def test_two_column_pdf_header_and_signature_come_out_column_by_column() -> None:
    path = _need(SHARED / "corpus" / "dev" / "18_cv-1178-DCK-CTT-cum-cong-nghiep.pdf")
    lines = [s.strip() for s in read_file(path).text.splitlines()]
    # the issuer's four lines, the number and the subject, then the motto and the place-date
    assert lines[:5] == ["BỘ CÔNG THƢƠNG", "CỤC ĐỔI MỚI SÁNG TẠO,", "CHUYỂN ĐỔI XANH VÀ", "KHUYẾN CÔNG",
                         "Số: 1178 /ĐCK-CTT"]
    assert lines.index("Số: 1178 /ĐCK-CTT") < lines.index("Hà Nội, ngày 09 tháng 7 năm 2025")
    # the number and the day are stamped by the e-signing tool as annotations: poppler reads them.
    # The reader gives the text layer as it is ("THƢƠNG"); normalisation repairs the glyph.
    assert lines.index("- Lƣu: VT, CTT. Phunt.") < lines.index("KT. CỤC TRƯỞNG") < lines.index("Nguyễn Văn Thịnh")
    doc = extract_file(path)
    assert (doc.document.number, doc.document.date) == ("1178/ĐCK-CTT", "2025-07-09")
    assert [s.name for s in doc.signers] == ["Nguyễn Văn Thịnh"]
    assert "Sở Công Thương tỉnh Lào Cai" in doc.text  # "Thƣơng": the mis-mapped glyph repaired
    assert "Thƣơng" not in doc.text


def test_pdf_with_a_single_column_header_keeps_its_number_and_date() -> None:
    path = _need(SHARED / "corpus" / "dev" / "19_tt-37-2023-TT-BGTVT-van-tai-qua-bien-gioi.pdf")
    doc = extract_file(path)
    assert (doc.document.number, doc.document.type, doc.document.date) == (
        "37/2023/TT-BGTVT", "Thông tư", "2023-12-13")


def test_pdf_in_a_broken_font_is_read_by_ocr_and_says_so() -> None:
    # every Vietnamese letter in its text layer is garbled ("6ӕ 466 /PC-VPUBND", "3+,ӂ8 &+8<ӆ1")
    path = _need(SHARED / "corpus" / "dev" / "20_laocai-466-PC-VPUBND-font-loi.pdf", ocr=True)
    doc = extract_file(path)
    assert doc.format == "pdf-ocr"
    assert any("OCR" in w for w in doc.warnings)
    info = doc.document
    assert (info.number, info.type, info.date) == ("466/PC-VPUBND", "Phiếu chuyển", "2026-05-12")
    # the signer's name under the red seal: the seal's ink is removed before OCR
    assert [s.name for s in doc.signers] == ["Hoàng Ngọc Bích"]
    assert "1522/QĐ-UBND" in {c.number for c in doc.citations}


def test_scanned_pdf_is_read_by_ocr_with_its_header_columns_apart() -> None:
    path = _need(SHARED / "corpus" / "field" / "originals" / "CV-813-CucHoaChat.pdf", ocr=True)
    raw = read_file(path)
    assert raw.format == "pdf-ocr"
    lines = [s.strip() for s in raw.text.splitlines()]
    assert lines[0] == "BỘ CÔNG THƯƠNG"
    assert lines.index("BỘ CÔNG THƯƠNG") < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") < \
        next(i for i, s in enumerate(lines) if s.startswith("Kính gửi"))
    doc = extract_file(path)
    # the number and the day are handwritten: OCR cannot read them, and none is guessed
    assert doc.document.date is None
    assert {"13821/CHQ-GSQL", "15464/CHQ-GSQL", "26/2026/NĐ-CP"} <= {c.number for c in doc.citations}
