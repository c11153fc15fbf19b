"""A document's own identity read from its text: one table of sentences per rule (issue 12).

Each row is a header or a page as users hold it, and what the document's identity must be. Adding a
case is adding a row.
"""

from __future__ import annotations

import pytest
from danchieu.ingest import identity, layout, normalize, pipeline, portal


def _doc(text: str):
    return layout.parse(normalize.normalize(text).text).document


def _parsed(text: str):
    return layout.parse(normalize.normalize(text).text)


MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
BODY = "\nNội dung thứ nhất của văn bản.\nNội dung thứ hai./.\n"


# --- the date: the document's own place-date line, whatever way it is printed ----------------------

PLACE_DATES = [
    ("Hà Nội, ngày 27 tháng 10 năm 2021", ("Hà Nội", "2021-10-27")),
    ("*Quảng Trị, ngày 18 tháng 11 năm 2025*", ("Quảng Trị", "2025-11-18")),  # markdown emphasis
    ("Lào Cai, ngày 28/11/2025", ("Lào Cai", "2025-11-28")),
    ("Hà Tĩnh, ngày 24 tháng11 năm 2025", ("Hà Tĩnh", "2025-11-24")),  # no space after "tháng"
    ("*Hà Nội ngày 01 tháng 12 năm 2025*", ("Hà Nội", "2025-12-01")),  # the comma left out
    ("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;", None),  # a sentence, not a place-date
    ("Ngày 14 tháng 11 năm 2025, Bộ Chính trị họp", None),
]


@pytest.mark.parametrize(("line", "expected"), PLACE_DATES)
def test_a_place_date_line_is_read_in_every_printed_form(line: str, expected) -> None:
    assert identity.parse_place_date(line) == expected


SPLIT_DATES = [
    "*Hà Nội, ngày\n21 tháng 11 năm 2025*",
    "*Hà\nNội, ngày 21 tháng 11 năm\n2025 *",
    "*Hà Nội, ngày 21 tháng 11 năm\n2025\n*",
    "*Hà Nội, ngày 21 tháng 11* *năm 2025*",
]


@pytest.mark.parametrize("date_lines", SPLIT_DATES)
def test_a_place_date_split_over_lines_of_its_cell_is_one_date(date_lines: str) -> None:
    doc = _doc(f"BỘ NỘI VỤ\n{MOTTO}\nSố: 10988/BNV-CQĐP\n{date_lines}\nTHÔNG BÁO\nVề việc X\n{BODY}")
    assert (doc.place, doc.date) == ("Hà Nội", "2025-11-21")


def test_a_drafts_blank_day_gives_its_place_and_no_date() -> None:
    doc = _doc(f"UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\n{MOTTO}\nSố:          /SCT-CN\n"
               f"Lào Cai, ngày     tháng 6 năm 2026\nV/v báo cáo thực trạng\nKính gửi: Các đơn vị.\n{BODY}")
    assert (doc.place, doc.date, doc.number, doc.type) == ("Lào Cai", None, None, "Công văn")


def test_a_site_notice_after_the_document_is_never_its_date() -> None:
    page = ("Đang tải văn bản...\nBỘ NỘI VỤ\n" + MOTTO + "\nSố: 12/TB-BNV\n*Hà Nội, ngày 3 tháng 2 năm 2025*\n"
            "THÔNG BÁO\nVề việc X\n" + BODY + "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nTrương Hải Long\n"
            "Văn bản này chưa cập nhật nội dung Tiếng Anh\nĐịa chỉ:\n17 Nguyễn Gia Thiều\n"
            "TP. HCM, ngày 31/05/2021\nThưa Quý khách")
    doc = pipeline.extract_text(page).document
    assert doc.date == "2025-02-03"


# --- the issuer in full ----------------------------------------------------------------------------

ISSUERS = [
    ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ", "Quảng Trị", "Ủy ban nhân dân tỉnh Quảng Trị", None),
    ("HỘI ĐỒNG NHÂN\nDÂN\nTHÀNH PHỐ HÀ NỘI", "Hà Nội", "Hội đồng nhân dân thành phố Hà Nội", None),
    ("BAN\nCHẤP HÀNH TRUNG ƯƠNG\n*", "Hà Nội", "Ban Chấp hành Trung ương", None),
    ("VĂN PHÒNG CHÍNH\nPHỦ", "Hà Nội", "Văn phòng Chính phủ", None),
    ("THỦ\nTƯỚNG CHÍNH PHỦ", "Hà Nội", "Thủ tướng Chính phủ", None),
    ("BỘ CÔNG THƯƠNG\nCỤC HÓA CHẤT", "Hà Nội", "Cục Hóa chất", "Bộ Công Thương"),
    ("BỘ TÀI CHÍNH\nCỤC\nHẢI QUAN", "Hà Nội", "Cục Hải quan", "Bộ Tài chính"),
    ("UBND TỈNH BẮC GIANG\nSỞ Y TẾ", "Bắc Giang", "Sở Y tế tỉnh Bắc Giang", "Ủy ban nhân dân tỉnh Bắc Giang"),
    ("ĐẢNG BỘ TỈNH LÀO CAI\nTỈNH ỦY", "Lào Cai", "Tỉnh ủy Lào Cai", "Đảng bộ tỉnh Lào Cai"),
    ("UBND TỈNH LÀO CAI\nVĂN PHÒNG", "Lào Cai", "Văn phòng Ủy ban nhân dân tỉnh Lào Cai",
     "Ủy ban nhân dân tỉnh Lào Cai"),
    # the motto as a PDF text layer or an old font prints it is still the motto, never the issuer
    ("SỞ CÔNG THƯƠNG\nCỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Lào Cai", "Sở Công Thương tỉnh Lào Cai", None),
    ("BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM", "Hà Nội", "Bộ Tài chính", None),  # motto wrapped
    ("UỶ BAN NHÂN DÂN\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT\nTỈNH  LÀO CAI", "Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai",
     None),  # the motto cut at its cell's edge, between the organ and its province
    # the header names the organ alone: the province of the place-date line completes it
    ("ỦY BAN NHÂN DÂN", "Quảng Trị", "Ủy ban nhân dân tỉnh Quảng Trị", None),
    ("HỘI ĐỒNG NHÂN DÂN", "Hà Nội", "Hội đồng nhân dân thành phố Hà Nội", None),
    ("ỦY BAN NHÂN DÂN", "Gia Lâm", "Ủy ban nhân dân", None),  # a district's place completes nothing
]


@pytest.mark.parametrize(("header", "place", "issuer", "parent"), ISSUERS)
def test_the_issuer_is_named_in_full_with_the_organ_above_it(header, place, issuer, parent) -> None:
    text = f"{header}\n{MOTTO}\nSố: 12/QĐ-UBND\n{place}, ngày 3 tháng 2 năm 2025\nQUYẾT ĐỊNH\nVề việc X\n{BODY}"
    doc = _doc(text)
    assert (doc.issuer, doc.issuer_parent) == (issuer, parent)


def test_a_party_standing_committee_signing_for_its_committee_is_the_issuer() -> None:
    text = ("TỈNH ỦY LÀO CAI\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 34-NQ/TU\nLào Cai, ngày 1 tháng 2 năm 2025\n"
            "NGHỊ QUYẾT\nVề việc X\n" + BODY + "T/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn An")
    assert _doc(text).issuer == "Ban Thường vụ Tỉnh ủy Lào Cai"


# --- the type by the numbering rules --------------------------------------------------------------

TYPES = [
    # a công văn prints no type line; its symbol is ISSUER-UNIT and a "V/v" subject follows the number
    ("BỘ NỘI VỤ", "Số:10988/BNV-CQĐP\n*V/v tuyên truyền chủ trương*", None, "Công văn", "10988/BNV-CQĐP"),
    # "CT" is the issuer code of Cục Thuế here, not Chỉ thị
    ("CỤC THUẾ", "Số: 5348/CT-CS\nV/v chính sách thuế", None, "Công văn", "5348/CT-CS"),
    # a Kính gửi without any type line: a công văn
    ("BỘ TÀI CHÍNH", "Số: 17899/BTC-VP", None, "Công văn", "17899/BTC-VP"),
    # Party numbers: the type code before the slash, "Số" without a colon
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\n*", "Số 221-KL/TW", "KẾT LUẬN", "Kết luận", "221-KL/TW"),
    ("TỈNH ỦY LÀO CAI\n*", "Số 34-NQ/TU", "NGHỊ QUYẾT", "Nghị quyết", "34-NQ/TU"),
    ("ĐẢNG ỦY CÁC CƠ QUAN\n*", "Số 2449-CV/ĐU\nV/v triển khai", None, "Công văn", "2449-CV/ĐU"),
    # other types print their type line; it wins over any code
    ("THỦ TƯỚNG CHÍNH PHỦ", "Số: 230/CĐ-TTg", "CÔNG ĐIỆN", "Công điện", "230/CĐ-TTg"),
    ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", "Số: 12/KH-UBND", "KẾ HOẠCH", "Kế hoạch", "12/KH-UBND"),
    ("BỘ Y TẾ - BỘ TÀI CHÍNH", "Số: 5/HDLN-BYT-BTC", "HƯỚNG DẪN LIÊN NGÀNH", "Hướng dẫn", "5/HDLN-BYT-BTC"),
    ("VĂN PHÒNG ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", "Số: 466/PC-VPUBND", "PHIẾU CHUYỂN", "Phiếu chuyển",
     "466/PC-VPUBND"),
]


@pytest.mark.parametrize(("issuer", "number_lines", "type_line", "expected", "number"), TYPES)
def test_the_type_follows_the_numbering_rules(issuer, number_lines, type_line, expected, number) -> None:
    head = f"{issuer}\n{MOTTO}\n{number_lines}\nHà Nội, ngày 3 tháng 2 năm 2025\n"
    body = ("Kính gửi: Các cơ quan.\n" if type_line is None else f"{type_line}\nVề việc X\n") + BODY
    doc = _doc(head + body + "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn An")
    assert (doc.type, doc.number) == (expected, number)


def test_a_cong_van_numbered_with_a_type_looking_code_keeps_it_as_the_issuer_code() -> None:
    doc = _doc(f"CỤC THUẾ\n{MOTTO}\nSố: 5348/CT-CS\nV/v chính sách thuế\nHà Nội, ngày 3 tháng 2 năm 2025\n"
               f"Kính gửi: Thuế các tỉnh.\n{BODY}")
    assert (doc.number_parts["type_code"], doc.number_parts["issuer_code"]) == (None, "CT")


NEWS = [
    # a lead reporting an issuance, then the reproduced text: a report about the resolution
    "Chủ tịch Quốc hội Trần Thanh Mẫn vừa ký ban hành Nghị quyết số 196/2025/QH15 của Quốc hội về dự toán.\n\n"
    "NGHỊ QUYẾT\n\nVề điều chỉnh dự toán ngân sách nhà nước năm 2025\n\nQUỐC HỘI\n\nCăn cứ Hiến pháp;\n\nĐiều 1.\n",
    # an explainer with no header at all
    "Công điện 1638: Tăng cường ứng phó Bão số 9 thế nào?\n"
    "Ngày 25/9/2025, Bộ GD&ĐT ban hành Công điện 1638/CĐ-BGDĐT năm 2025 về việc ứng phó bão.\n"
    "Theo Trung tâm Dự báo, bão đang di chuyển vào đất liền.\n",
    # a source line
    "Thủ tướng chủ trì cuộc họp Ban Chỉ đạo.\nSáng nay, Thủ tướng Phạm Minh Chính chủ trì họp.\nTheo Chinhphu.vn\n",
]


@pytest.mark.parametrize("text", NEWS)
def test_a_news_report_is_a_bai_bao_without_identity(text: str) -> None:
    doc = _doc(text)
    assert (doc.type, doc.number, doc.issuer, doc.date) == ("Bài báo", None, None, None)


def test_a_letter_that_lost_its_header_is_never_a_news_report() -> None:
    text = ("Kính gửi: Các cơ quan thuộc Bộ.\nThủ tướng Chính phủ đã ban hành Chỉ thị số 33/CT-TTg về đẩy mạnh. "
            "(Hình từ Internet)\nBộ yêu cầu thực hiện./.\nNơi nhận:\n- Như trên;\nBỘ TRƯỞNG\nNguyễn Văn Hùng\n"
            "PHỤ LỤC\n*(Kèm theo Công văn số 6225/BVHTTDL-VP ngày 18/11/2025 của Bộ Văn hóa, Thể thao và Du lịch)*\n"
            "1. Nhiệm vụ thứ nhất.\n")
    doc = _doc(text)
    assert (doc.number, doc.type, doc.date, doc.issuer) == (
        "6225/BVHTTDL-VP", "Công văn", "2025-11-18", "Bộ Văn hóa, Thể thao và Du lịch")


def test_a_document_cited_by_an_annex_sentence_is_not_the_document_itself() -> None:
    text = (f"BỘ Y TẾ\n{MOTTO}\nHà Nội, ngày 3 tháng 2 năm 2025\nKính gửi: Các Sở Y tế.\n"
            "Thực hiện Quy chế ban hành kèm theo Quyết định số 12/2020/QĐ-TTg của Thủ tướng./.\n")
    assert _doc(text).number is None


# --- signers --------------------------------------------------------------------------------------

SIGNATURES = [
    ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nVũ\nChiến Thắng", [("Vũ Chiến Thắng", "Thứ trưởng", "KT. Bộ trưởng")]),
    ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Tấn\nCận", [("Lê Tấn Cận", "Thứ trưởng", "KT. Bộ trưởng")]),
    # a family name the surname list lacks, right under the title
    ("TL. CỤC TRƯỞNG\nKT. TRƯỞNG BAN CHÍNH SÁCH\nPHÓ TRƯỞNG BAN\nMạnh Thị Tuyết Mai",
     [("Mạnh Thị Tuyết Mai", "Phó Trưởng ban", "TL. Cục trưởng, KT. Trưởng ban chính sách")]),
    # no position line under the formula
    ("TM. ỦY BAN NHÂN DÂN\nNguyễn Văn An", [("Nguyễn Văn An", None, "TM. Ủy ban nhân dân")]),
    ("T/M BỘ CHÍNH\nTRỊ\nTrần Cẩm Tú", [("Trần Cẩm Tú", None, "TM. Bộ Chính trị")]),
    # a joint guidance: seven signers in a grid, row by row (formulas, titles, names)
    ("TM. BAN THƯỜNG VỤ\nTM. BAN THƯỜNG VỤ\nKT. GIÁM ĐỐC\nKT. GIÁM ĐỐC\nBÍ THƯ\nCHỦ TỊCH\nPHÓ GIÁM ĐỐC\n"
     "PHÓ GIÁM ĐỐC\nNguyễn Văn An\nTrần Văn Bình\nLê Văn Cường\nPhạm Văn Dũng\nTM. BAN THƯỜNG VỤ\nKT. GIÁM ĐỐC\n"
     "KT. CHÁNH VĂN PHÒNG\nBÍ THƯ\nPHÓ GIÁM ĐỐC\nPHÓ CHÁNH VĂN PHÒNG\nHoàng Văn Em\nVũ Thị Hoa\nĐỗ Văn Giang",
     [("Nguyễn Văn An", "Bí thư", "TM. Ban Thường vụ"), ("Trần Văn Bình", "Chủ tịch", "TM. Ban Thường vụ"),
      ("Lê Văn Cường", "Phó Giám đốc", "KT. Giám đốc"), ("Phạm Văn Dũng", "Phó Giám đốc", "KT. Giám đốc"),
      ("Hoàng Văn Em", "Bí thư", "TM. Ban Thường vụ"), ("Vũ Thị Hoa", "Phó Giám đốc", "KT. Giám đốc"),
      ("Đỗ Văn Giang", "Phó Chánh văn phòng", "KT. Chánh văn phòng")]),
]


@pytest.mark.parametrize(("block", "expected"), SIGNATURES)
def test_every_signer_of_the_signature_block_is_read(block: str, expected) -> None:
    text = (f"BỘ NỘI VỤ\n{MOTTO}\nSố: 12/TB-BNV\nHà Nội, ngày 3 tháng 2 năm 2025\nTHÔNG BÁO\nVề việc X\n{BODY}"
            f"|\n*Nơi nhận:*\n- Như trên;\n- Lưu: VT.\n|\n{block}\n|\n")
    signers = _parsed(text).signers
    assert [(s.name, s.position, s.capacity) for s in signers] == expected


def test_an_e_signature_stamp_is_never_a_signer() -> None:
    text = (f"BỘ NỘI VỤ\n{MOTTO}\nSố: 12/TB-BNV\nHà Nội, ngày 3 tháng 2 năm 2025\nTHÔNG BÁO\nVề việc X\n{BODY}"
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nTrương Hải Long\nNgười ký: Cổng Thông tin điện tử Chính phủ\n"
            "Email: thongtinchinhphu@chinhphu.vn\nCơ quan: Văn phòng Chính phủ\nThời gian ký: 21.11.2025 10:20:00\n")
    assert [s.name for s in _parsed(text).signers] == ["Trương Hải Long"]


# --- a number printed nowhere stays null ----------------------------------------------------------

def test_a_file_name_never_gives_the_document_its_number(tmp_path) -> None:
    page = tmp_path / "thong-tu-so-90-2025-tt-bqp-45890.txt"
    page.write_text("Điều 5. Hiệu lực thi hành\nThông tư này có hiệu lực kể từ ngày ký.\n", encoding="utf-8")
    doc = pipeline.extract_file(page)
    assert doc.document.number is None
    assert doc.document.metadata == {"number": "90/2025/TT-BQP", "type": "Thông tư",
                                     "source": "file name 'thong-tu-so-90-2025-tt-bqp-45890'"}


# --- portal pages ---------------------------------------------------------------------------------

PORTAL = """Bản dịch này thuộc quyền sở hữu của **
THƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép là vi phạm.
Click vào phần bôi vàng để xem chi tiết.
|
Đang tải văn bản...
#
**Số hiệu:**
|
10988/BNV-CQĐP
|
**Loại văn bản:**
|
Công văn
|
**Nơi ban hành:**
|
Bộ Nội vụ
|
**Người ký:**
|
Trương Hải Long
|
**Ngày ban hành:**
|
21/11/2025
|
**Tình trạng:**
|
Đã biết
|
## Thông tin sáp nhập còn 16 tỉnh là không chính xác
**Ngày 21/11/2025, Bộ Nội vụ đã ban hành Công văn 10988/BNV-CQĐP tuyên truyền chủ trương.**
Xem chi tiết tại Công văn 10988/BNV-CQĐP ban hành ngày 21/11/2025.
|
**BỘ NỘI VỤ**
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
Số:10988/BNV-CQĐP
*V/v tuyên truyền chủ trương, chính sách*
|
*Hà Nội, ngày
21 tháng 11 năm 2025*
|
**Kính gửi:** Ban Tuyên giáo và Dân vận Trung ương.
Bộ Nội vụ đề nghị định hướng thông tin đúng./.
|
Nơi nhận:
- Như trên;
|
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Trương Hải Long
|
Công văn 10988/BNV-CQĐP năm 2025 tuyên truyền chủ trương do Bộ Nội vụ ban hành
Văn bản này chưa cập nhật nội dung Tiếng Anh
## Văn bản liên quan
TP. HCM, ngày 31/05/2021
Thưa Quý khách, THƯ VIỆN PHÁP LUẬT đã bật Thông báo này.
"""


def test_the_portal_metadata_block_is_kept_as_its_own_source() -> None:
    page = portal.read_page(PORTAL)
    assert page is not None
    assert page.metadata == {"number": "10988/BNV-CQĐP", "type": "Công văn", "issuer": "Bộ Nội vụ",
                             "signer": "Trương Hải Long", "date": "2025-11-21", "source": "portal metadata block"}


@pytest.mark.parametrize("furniture", ["THƯ VIỆN PHÁP LUẬT", "Đang tải văn bản", "Số hiệu", "Thông tin sáp nhập",
                                       "Xem chi tiết", "chưa cập nhật", "31/05/2021", "do Bộ Nội vụ ban hành"])
def test_the_sites_furniture_is_blanked_and_offsets_kept(furniture: str) -> None:
    page = portal.read_page(PORTAL)
    assert furniture not in page.text
    assert len(page.text) == len(PORTAL) and page.text.count("\n") == PORTAL.count("\n")


@pytest.mark.parametrize("with_block", [True, False])
def test_a_portal_page_body_gives_the_identity_with_or_without_its_block(with_block: bool) -> None:
    text = PORTAL if with_block else PORTAL.replace(PORTAL[PORTAL.index("**Số hiệu"):PORTAL.index("## Thông")], "")
    doc = pipeline.extract_text(text)
    info = doc.document
    assert (info.number, info.type, info.issuer, info.date) == ("10988/BNV-CQĐP", "Công văn", "Bộ Nội vụ", "2025-11-21")
    assert [s.name for s in doc.signers] == ["Trương Hải Long"]
    assert (info.metadata.get("source") == "portal metadata block") is with_block
    assert not [c for c in doc.citations if c.number == "10988/BNV-CQĐP"]  # its own number is never a citation


def test_a_disagreement_between_the_site_and_the_body_is_a_warning_not_an_override() -> None:
    text = PORTAL.replace("21/11/2025\n|\n**Tình", "22/11/2025\n|\n**Tình")
    doc = pipeline.extract_text(text)
    assert doc.document.date == "2025-11-21"
    assert any("metadata says date 2025-11-22" in w for w in doc.warnings)


def test_a_text_without_a_portals_marks_is_no_portal_page() -> None:
    assert portal.read_page("BỘ NỘI VỤ\nSố hiệu: 12\nNgười ký: Nguyễn Văn An\n") is None


PORTAL_HTML = """<!doctype html><html><head><title>Công văn 10988/BNV-CQĐP - thuvienphapluat.vn</title></head>
<body><nav>Trang chủ | Văn bản</nav>
<div class="vb-info"><table>
<tr><td>Số hiệu:</td><td>10988/BNV-CQĐP</td><td>Loại văn bản:</td><td>Công văn</td></tr>
<tr><td>Nơi ban hành:</td><td>Bộ Nội vụ</td><td>Người ký:</td><td>Trương Hải Long</td></tr>
<tr><td>Ngày ban hành:</td><td>21/11/2025</td><td>Tình trạng:</td><td>Đã biết</td></tr>
</table></div>
<div class="content1"><table><tr><td><p><b>BỘ NỘI VỤ</b></p></td>
<td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p>Độc lập - Tự do - Hạnh phúc</p></td></tr>
<tr><td><p>Số: 10988/BNV-CQĐP</p><p>V/v tuyên truyền chủ trương</p></td>
<td><p><i>Hà Nội, ngày 21 tháng 11 năm 2025</i></p></td></tr>
</table>
<p>Kính gửi: Ban Tuyên giáo và Dân vận Trung ương.</p>
<p>Bộ Nội vụ đề nghị định hướng thông tin đúng về chủ trương của Đảng, Nhà nước đối với các thông tin nêu trên./.</p>
<table><tr><td><p>Nơi nhận:</p><p>- Như trên;</p></td><td><p><b>KT. BỘ TRƯỞNG</b></p><p><b>THỨ TRƯỞNG</b></p>
<p><b>Trương Hải Long</b></p></td></tr></table></div>
<div>TP. HCM, ngày 31/05/2021</div><div>Cảm ơn đã dùng ThuVienPhapLuat.vn</div>
</body></html>"""


def test_a_saved_portal_html_page_keeps_its_metadata_beside_the_bodys_identity(tmp_path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PORTAL_HTML, encoding="utf-8")
    doc = pipeline.extract_file(page)
    info = doc.document
    assert (info.number, info.type, info.issuer, info.date) == ("10988/BNV-CQĐP", "Công văn", "Bộ Nội vụ", "2025-11-21")
    assert [s.name for s in doc.signers] == ["Trương Hải Long"]
    assert (info.metadata["number"], info.metadata["signer"]) == ("10988/BNV-CQĐP", "Trương Hải Long")


def test_a_signature_fused_with_the_nơi_nhận_list_still_signs() -> None:
    text = (f"BỘ NỘI VỤ\n{MOTTO}\nSố: 12/TB-BNV\nHà Nội, ngày 3 tháng 2 năm 2025\nTHÔNG BÁO\nVề việc X\n{BODY}"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT, TH. KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nTrương Hải Long\n")
    assert [(s.name, s.position, s.capacity) for s in _parsed(text).signers] == [
        ("Trương Hải Long", "Thứ trưởng", "KT. Bộ trưởng")]
