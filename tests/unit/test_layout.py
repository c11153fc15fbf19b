"""Layout: header lines by what they say, whatever the layout the text came in."""

from __future__ import annotations

import itertools

import pytest
from danchieu.ingest import layout, normalize
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS

PLAIN = """ỦY BAN NHÂN DÂN TỈNH BẮC GIANG
SỞ Y TẾ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 904/TB-SYT
Bắc Giang, ngày 05 tháng 6 năm 2021
THÔNG BÁO
Kết luận của Giám đốc Sở tại cuộc họp giao ban
Ngày 04 tháng 6 năm 2021, Giám đốc Sở Y tế chủ trì cuộc họp giao ban.
1. Các phòng chức năng thực hiện ngay./.
Nơi nhận:
- Như trên;
- Lưu: VT.
GIÁM ĐỐC
Trần Văn Bình
"""

MARKDOWN_TABLE = """| **VĂN PHÒNG CHÍNH PHỦ** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |
|---|---|
| | **Độc lập - Tự do - Hạnh phúc** |
| Số: 12/TB-VPCP | Hà Nội, ngày 3 tháng 2 năm 2022 |

#### **THÔNG BÁO**

**Ý kiến kết luận của Phó Thủ tướng**

Ngày 1 tháng 2 năm 2022, Phó Thủ tướng chủ trì cuộc họp./.

**KT. BỘ TRƯỞNG, CHỦ NHIỆM**
**PHÓ CHỦ NHIỆM**

**Mai Thị Thu Vân**
"""

# pdftotext -layout: header and signature in two columns, interleaved with Nơi nhận
TWO_COLUMNS = """BỘ TÀI CHÍNH                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                            Độc lập - Tự do - Hạnh phúc
Số: 15/2021/TT-BTC                    Hà Nội, ngày 18 tháng 02 năm 2021

                              THÔNG TƯ
           Quy định chế độ quản lý tài chính đối với đơn vị sự nghiệp

Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;
Điều 1. Thông tư này có hiệu lực kể từ ngày 01 tháng 4 năm 2021./.

Nơi nhận:                                       KT. BỘ TRƯỞNG
- Văn phòng Chính phủ;                          THỨ TRƯỞNG
- Lưu: VT, HCSN.
                                                Võ Thành Hưng
"""

OCR_RECEIVED = """VĂN PHÒNG CHÍNH PHỦ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số:2 8 5/TB-VPCP
Hà Nội, ngày 27 tháng 10 năm 2021
CÔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ
ĐẾN\tGiờ: ... 5 ...
\tNgày: 28/10/2021
THÔNG BÁO
Kết luận của Thủ tướng Chính phủ

Nội dung./.
"""

WITH_COPY = """BAN CHẤP HÀNH TRUNG ƯƠNG
VĂN PHÒNG
ĐẢNG CỘNG SẢN VIỆT NAM
Số 10-TB/VPTW
Hà Nội, ngày 24 tháng 8 năm 2021
THÔNG BÁO
Kết luận của lãnh đạo chủ chốt

Nội dung kết luận của lãnh đạo chủ chốt được thông báo tới các cơ quan liên quan để thực hiện.
CHÁNH VĂN PHÒNG
Đã ký: Lê Minh Hưng
THÀNH ỦY HÀ NỘI
VĂN PHÒNG
*
Số 129 - BS/VPTU
SAO LỤC
Hà Nội, ngày 30 tháng 8 năm 2021
"""

NEWS = """Thủ tướng chủ trì hội nghị tổng kết công tác phòng, chống dịch - Ảnh: VGP
Văn phòng Chính phủ vừa ban hành Thông báo 494/TB-VPCP ngày 29/11/2023.
Theo Chinhphu.vn
"""


def _parse(raw: str) -> layout.ParsedLayout:
    return layout.parse(normalize.normalize(raw).text)


@pytest.mark.parametrize(("raw", "number", "type_", "issuer", "date", "signer"), [
    (PLAIN, "904/TB-SYT", "Thông báo", "Sở Y tế tỉnh Bắc Giang", "2021-06-05", "Trần Văn Bình"),
    (MARKDOWN_TABLE, "12/TB-VPCP", "Thông báo", "Văn phòng Chính phủ", "2022-02-03", "Mai Thị Thu Vân"),
    (TWO_COLUMNS, "15/2021/TT-BTC", "Thông tư", "Bộ Tài chính", "2021-02-18", "Võ Thành Hưng"),
    (OCR_RECEIVED, "285/TB-VPCP", "Thông báo", "Văn phòng Chính phủ", "2021-10-27", None),
    (WITH_COPY, "10-TB/VPTW", "Thông báo", "Văn phòng Trung ương Đảng", "2021-08-24", "Lê Minh Hưng"),
])
def test_identity_and_signer_in_every_layout(raw, number, type_, issuer, date, signer) -> None:
    parsed = _parse(raw)
    doc = parsed.document
    assert (doc.number, doc.type, doc.issuer, doc.date) == (number, type_, issuer, date)
    assert [s.name for s in parsed.signers] == ([signer] if signer else [])


def test_number_printed_on_the_line_after_so() -> None:
    doc = _parse("BỘ Y TẾ\nSố:\n12/2021/TT-BYT\nHà Nội, ngày 1 tháng 2 năm 2021\nTHÔNG TƯ\nQuy định\n\nNội dung./.")
    assert doc.document.number == "12/2021/TT-BYT"
    assert doc.document.evidence is not None and doc.document.evidence.text == "12/2021/TT-BYT"


def test_received_stamp_is_a_section_not_the_issuer() -> None:
    parsed = _parse(OCR_RECEIVED)
    text = normalize.normalize(OCR_RECEIVED).text
    received = [text[a:b] for a, b in parsed.spans("received")]
    assert received and "ĐẾN" in received[0] and "28/10/2021" in received[0]


def test_two_column_layout_separates_recipients_from_signature() -> None:
    text = normalize.normalize(TWO_COLUMNS).text
    parsed = layout.parse(text)
    recipients = " ".join(text[a:b] for a, b in parsed.spans("recipients"))
    assert "Văn phòng Chính phủ" in recipients and "THỨ TRƯỞNG" not in recipients
    assert parsed.signers[0].capacity == "KT. Bộ trưởng" and parsed.signers[0].position == "Thứ trưởng"


def test_certified_copy_becomes_a_document_of_its_own() -> None:
    parsed = _parse(WITH_COPY)
    assert len(parsed.copies) == 1
    copy = layout.parse(parsed.copies[0])
    assert (copy.document.number, copy.document.type, copy.document.date) == (
        "129-BS/VPTU", "Bản sao lục", "2021-08-30")
    assert copy.document.issuer == "Văn phòng Thành ủy Hà Nội"


def test_news_article_is_a_bai_bao_without_identity() -> None:
    doc = _parse(NEWS).document
    assert (doc.type, doc.number, doc.issuer, doc.date, doc.source) == (
        "Bài báo", None, None, None, "Theo Chinhphu.vn")


def test_a_news_report_reproducing_a_document_does_not_take_its_title() -> None:
    doc = _parse("Chủ tịch Quốc hội vừa ký ban hành Nghị quyết số 196/2025/QH15 về dự toán.\nNGHỊ QUYẾT\n"
                 "Về điều chỉnh dự toán ngân sách nhà nước năm 2025\nQUỐC HỘI\nCăn cứ Hiến pháp;\n").document
    assert (doc.type, doc.title) == ("Bài báo", None)


def test_title_is_the_trich_yeu() -> None:
    assert _parse(PLAIN).document.title == "Kết luận của Giám đốc Sở tại cuộc họp giao ban"


_HEAD = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 12/QĐ-UBND\nLào Cai, ngày 3 tháng 2 năm 2026\n"


@pytest.mark.parametrize(("title_lines", "title"), [
    # a line ending in a comma or a linking word leads into the next, even when that one names an organ
    (["KẾT LUẬN", "CỦA BỘ CHÍNH TRỊ,", "BAN BÍ THƯ", "VỀ ĐỊNH HƯỚNG XÂY DỰNG"],
     "Kết luận của Bộ Chính trị, Ban Bí thư về định hướng xây dựng"),
    (["QUY ĐỊNH", "VỀ", "PHÔNG LƯU TRỮ ĐẢNG CỘNG SẢN VIỆT NAM"], "Về phông lưu trữ Đảng Cộng sản Việt Nam"),
    # the authority under a title in capitals ends it, and so does the body in sentence case
    (["QUYẾT ĐỊNH", "VỀ VIỆC BÃI BỎ CÁC VĂN BẢN DO UBND TỈNH BAN HÀNH", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
      "Căn cứ Luật Tổ chức chính quyền địa phương;"], "Về việc bãi bỏ các văn bản do UBND tỉnh ban hành"),
    (["CÔNG ĐIỆN", "VỀ VIỆC RÀ SOÁT CÁC DỰ ÁN", "THỦ TƯỚNG CHÍNH PHỦ điện:"], "Về việc rà soát các dự án"),
    (["NGHỊ QUYẾT", "QUY ĐỊNH MỨC CHI", "*Căn cứ Luật Ngân sách nhà nước;*"], "Quy định mức chi"),
    (["KẾT LUẬN", "VỀ PHÂN LOẠI ĐÔ THỊ", "-----Tại phiên họp ngày 14/11/2025, Bộ Chính trị kết luận:"],
     "Về phân loại đô thị"),
    # a line in sentence case under one in capitals goes on with the title ("BIÊN BẢN" / "THẨM ĐỊNH HỒ SƠ" / …)
    (["BIÊN BẢN", "THẨM ĐỊNH HỒ SƠ", "Phục vụ cấp Giấy phép vận chuyển hàng hóa nguy hiểm"],
     "Thẩm định hồ sơ Phục vụ cấp Giấy phép vận chuyển hàng hóa nguy hiểm"),
    # numbers, symbols, abbreviations and Roman numerals keep their capitals; a document named by its number
    # is a proper name
    (["THÔNG TƯ", "SỬA ĐỔI THÔNG TƯ SỐ 43/2025/TT-BCT VỀ AN TOÀN TẠI KỲ HỌP THỨ XIV"],
     "Sửa đổi Thông tư số 43/2025/TT-BCT về an toàn tại kỳ họp thứ XIV"),
])
def test_title_under_the_type_line(title_lines: list[str], title: str) -> None:
    assert _parse(_HEAD + "\n".join(title_lines) + "\n\nNội dung của văn bản.\n").document.title == title


def test_a_party_document_is_named_by_its_type_and_subject_as_one() -> None:
    raw = ("BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 383-QĐ/TW\nHà Nội, ngày 19 tháng 11 năm 2025\n"
           "QUY ĐỊNH\nVỀ\nPHÔNG LƯU TRỮ ĐẢNG CỘNG SẢN VIỆT NAM\n-----\n- Căn cứ Điều lệ Đảng;\n")
    assert _parse(raw).document.title == "Quy định về phông lưu trữ Đảng Cộng sản Việt Nam"


@pytest.mark.parametrize(("subject", "title"), [
    ("V/v tham gia ý kiến về phương án nổ mìn.", "V/v tham gia ý kiến về phương án nổ mìn"),
    ("*V/v tuyên truyền chủ trương, chính sách*", "V/v tuyên truyền chủ trương, chính sách"),
    ("V/v hướng dẫn công tác quản lý cụm\ncông nghiệp theo địa giới mới", "V/v hướng dẫn công tác quản lý cụm "
                                                                          "công nghiệp theo địa giới mới"),
])
def test_a_cong_van_is_titled_by_its_subject_line(subject: str, title: str) -> None:
    raw = (f"UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\nSố: 95/SCT-CN\n{subject}\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Độc lập - Tự do - Hạnh phúc\nLào Cai, ngày 3 tháng 3 năm 2026\nKính gửi: Sở Xây dựng\nNội dung.\n")
    doc = _parse(raw).document
    assert (doc.type, doc.title) == ("Công văn", title)


def test_sections_lie_inside_the_text_and_do_not_overlap() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = normalize.normalize(path.read_text(encoding="utf-8")).text
        parsed = layout.parse(text)
        spans = sorted(parsed.spans("number") + parsed.spans("body") + parsed.spans("signature")
                       + parsed.spans("recipients"))
        for (a0, a1), (b0, _) in itertools.pairwise(spans):
            assert 0 <= a0 <= a1 <= len(text) and a1 <= b0, path.name


@pytest.mark.parametrize(("header_lines", "issuer"), [
    (["VĂN PHÒNG CHÍNH PHỦ"], "Văn phòng Chính phủ"),
    (["NGÂN HÀNG NHÀ NƯỚC", "VIỆT NAM"], "Ngân hàng Nhà nước Việt Nam"),  # a name wrapped over lines
    (["BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "BỘ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"],
     "Bộ Lao động - Thương binh và Xã hội"),  # the gazette prints it once whole, once wrapped
    (["VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO -", "TÒA ÁN NHÂN DÂN TỐI CAO -", "BỘ CÔNG AN"],
     "Viện kiểm sát nhân dân tối cao - Tòa án nhân dân tối cao - Bộ Công an"),  # joint issuers
    (["THÀNH ỦY HÀ NỘI", "VĂN PHÒNG"], "Văn phòng Thành ủy Hà Nội"),
    (["UBND TỈNH BẮC GIANG", "SỞ Y TẾ"], "Sở Y tế tỉnh Bắc Giang"),
    (["BỘ Y TẾ", "CỤC QUẢN LÝ DƯỢC"], "Cục Quản lý dược"),  # the field capitalised (Nghị định 30, Phụ lục II)
    (["UBND TỈNH BẮC GIANG"], "Ủy ban nhân dân tỉnh Bắc Giang"),  # abbreviation expanded
    (["ỦY BAN NHÂN DÂN", "HUYỆN GIA LÂM"], "Ủy ban nhân dân huyện Gia Lâm"),  # the place completes it
    (["UBND THÀNH PHỐ HÀ NỘI", "SỞ TÀI CHÍNH"], "Sở Tài chính thành phố Hà Nội"),
])
def test_issuer_from_header_lines(header_lines: list[str], issuer: str) -> None:
    raw = "\n".join(header_lines) + "\nSố: 7/TB-XX\nTHÔNG BÁO\nVề việc thử\n\nNội dung./."
    assert _parse(raw).document.issuer == issuer


_PIECES = ["Số: 12/TB-VPCP\n", "KT. BỘ TRƯỞNG\n", "Nguyễn Văn An\n", "SAO LỤC\n", "./.\n", "Nơi nhận:\n",
           "- Lưu\n", "CÔNG BÁO/Số 1/Ngày 1-1-2020\n", "Người ký: X\nEmail: a@b.vn\n", "| A | B |\n",
           "Hà Nội, ngày 31 tháng 2 năm 2020\n", "THÔNG BÁO\n", "ĐẾN\n", "\n", "Theo Chinhphu.vn\n"]


@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)))
@settings(max_examples=300, deadline=None)
def test_any_text_parses_without_a_crash_and_spans_stay_inside(raw: str) -> None:
    norm = normalize.normalize(raw)
    assert len(norm.to_original) == len(norm.text) + 1
    assert all(0 <= o <= len(raw) for o in norm.to_original)
    parsed = layout.parse(norm.text)
    assert all(0 <= s.start <= s.end <= len(norm.text) for s in parsed.sections)
