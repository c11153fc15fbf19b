"""Citations: every reference form, negatives, relation kinds, pinpoints and resolution.

Table-driven: each row is a sentence written for this test and the references it must yield.
Adding a case is adding a row. Resolution uses an explicit registry (never the shipped one) so that
the expected keys follow from the row alone.
"""

from __future__ import annotations

import pytest
from danchieu.ingest.citations import CitationResult, find_citations
from danchieu.ingest.known import KnownDocument, KnownDocuments
from danchieu.ingest.layout import ParsedLayout
from danchieu.ingest.models import Citation, DocumentInfo

NOBODY = KnownDocuments()


def cite(text: str, number: str | None = None, date: str | None = None, doc_type: str | None = None,
         known: KnownDocuments = NOBODY) -> CitationResult:
    info = DocumentInfo(number=number, date=date, type=doc_type)
    return find_citations(text, ParsedLayout(document=info), known=known)


def by_number(result: CitationResult) -> dict[str, Citation]:
    return {c.number: c for c in result.citations}


# --- every reference form: sentence → {display number: date (ISO) or None} ---------------------------
FORMS: list[tuple[str, dict[str, str | None]]] = [
    # full form: type, "số", number, date in words, issuer, subject
    (("Nghị quyết số 128/NQ-CP ngày 11 tháng 10 năm 2021 của Chính phủ về thích ứng an toàn, linh hoạt, "
      "kiểm soát hiệu quả dịch COVID-19."), {"128/NQ-CP": "2021-10-11"}),
    ("Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ, Sở Y tế báo cáo như sau:",
     {"128/NQ-CP": "2021-10-11"}),
    # without "số", without date, without issuer
    ("Các địa phương tiếp tục thực hiện Nghị quyết 128/NQ-CP.", {"128/NQ-CP": None}),
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
     {"30/2020/NĐ-CP": "2020-03-05"}),
    ("Căn cứ Luật số 15/2023/QH15 ngày 09 tháng 01 năm 2023 của Quốc hội;", {"15/2023/QH15": "2023-01-09"}),
    ("đẩy mạnh thực hiện Nghị quyết số 80/2023/QH15 của Quốc hội về tiếp tục thực hiện một số chính sách",
     {"80/2023/QH15": None}),
    # Party numbering with hyphen
    ("Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư về tiếp tục củng cố y tế cơ sở,",
     {"25-CT/TW": "2023-10-25"}),
    ("Quán triệt Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Hội nghị lần thứ năm Ban Chấp hành Trung ương",
     {"21-NQ/TW": "2022-06-16"}),
    ("Chỉ thị số 05–CT/TW ngày 15/5/2016 của Bộ Chính trị được quán triệt sâu rộng.", {"05-CT/TW": "2016-05-15"}),
    # ministry and local symbols
    ("Phúc đáp Công văn số 1234/BYT-MT ngày 15/3/2021 của Bộ Y tế, Sở Tài nguyên và Môi trường có ý kiến:",
     {"1234/BYT-MT": "2021-03-15"}),
    ("Theo đề nghị của Ủy ban nhân dân tỉnh tại Văn bản số 5973/UBND-KT ngày 02/12/2021, Bộ trả lời như sau.",
     {"5973/UBND-KT": "2021-12-02"}),
    ("Thủ tướng đã ban hành Công điện số 1102/CĐ-TTg ngày 02 tháng 8 năm 2021 về tăng cường phòng, chống dịch.",
     {"1102/CĐ-TTg": "2021-08-02"}),
    ("Quyết định số 904 /QĐ-UBND ngày 20/4/2022 của Ủy ban nhân dân tỉnh Bắc Giang được công bố.",
     {"904/QĐ-UBND": "2022-04-20"}),
    ("Công văn số 8 5 2 0/BCT-KHCN ngày 01/11/2019 của Bộ Công Thương đã nêu rõ.", {"8520/BCT-KHCN": "2019-11-01"}),
    ("Báo cáo số 234/BC-BCSĐ, ngày 23/8/2021 đã tổng hợp đầy đủ.", {"234/BC-BCSĐ": "2021-08-23"}),
    ("Quyết định số 2686/QĐ-BCĐQG ngày 31/5/2021 của Ban Chỉ đạo Quốc gia ban hành Sổ tay.",
     {"2686/QĐ-BCĐQG": "2021-05-31"}),
    ("Thông tư liên tịch số 01/2020/TTLT-BYT-BTC ngày 10/01/2020 hướng dẫn thanh toán.",
     {"01/2020/TTLT-BYT-BTC": "2020-01-10"}),
    ("Nghị quyết số 42/2023/UBTVQH15 ngày 18/12/2023 của Ủy ban Thường vụ Quốc hội về lấy phiếu tín nhiệm.",
     {"42/2023/UBTVQH15": "2023-12-18"}),
    ("Thông tư số 10/2020/TT-BTC ngày 20.02.2020 quy định về quyết toán.", {"10/2020/TT-BTC": "2020-02-20"}),
    ("Áp dụng Nghị định 100/2019/NĐ-CP khi xử phạt.", {"100/2019/NĐ-CP": None}),
    # spelling variants: ASCII D, lower case
    ("Căn cứ Nghị định 15/2019/ND-CP ngày 01/02/2019 của Chính phủ;", {"15/2019/NĐ-CP": "2019-02-01"}),
    ("Theo Nghị định số 30/2020/nđ-cp của Chính phủ.", {"30/2020/NĐ-CP": None}),
    # hard line breaks of a PDF inside the reference
    ("Căn cứ Nghị định số 145/2020/NĐ-CP ngày 14 tháng\n12 năm 2020 của Chính phủ quy định chi tiết;",
     {"145/2020/NĐ-CP": "2020-12-14"}),
    ("và Nghị\nquyết số 99/2023/QH15 ngày 04/6/2023 của Quốc hội về giám sát chuyên đề",
     {"99/2023/QH15": "2023-06-04"}),
    # one head word for several documents
    ("theo Chỉ thị số 15/CT-TTg và số 16/CT-TTg của Thủ tướng Chính phủ đúng thẩm quyền",
     {"15/CT-TTg": None, "16/CT-TTg": None}),
    ("các Nghị quyết số 86/NQ-CP, 128/NQ-CP của Chính phủ về phòng, chống dịch", {"86/NQ-CP": None, "128/NQ-CP": None}),
    ("Chỉ thị số 15/CT-TTg, số 16/CT-TTg và số 19/CT-TTg của Thủ tướng Chính phủ",
     {"15/CT-TTg": None, "16/CT-TTg": None, "19/CT-TTg": None}),
    ("Căn cứ Nghị định số 145/2020/NĐ-CP ngày 14/12/2020 và Nghị định số 12/2022/NĐ-CP ngày 17/01/2022;",
     {"145/2020/NĐ-CP": "2020-12-14", "12/2022/NĐ-CP": "2022-01-17"}),
    # pinpoints keep the reference
    ("Theo khoản 2 Điều 3 Nghị định số 30/2020/NĐ-CP, văn bản phải có số.", {"30/2020/NĐ-CP": None}),
    # news report
    ("Văn phòng Chính phủ vừa ban hành Thông báo 494/TB-VPCP ngày 29/11/2023 kết luận của Ban Chỉ đạo.",
     {"494/TB-VPCP": "2023-11-29"}),
    # law cited by number with its name
    ("Căn cứ Luật Doanh nghiệp số 59/2020/QH14 ngày 17 tháng 6 năm 2020;", {"59/2020/QH14": "2020-06-17"}),
    # numbering before 2001 without a type code
    ("Căn cứ Nghị định số 90-CP ngày 31/5/1994 của Chính phủ;", {"90-CP": "1994-05-31"}),
    ("Quyết định số 67/1998/QĐ-TTg ngày 26/3/1998 chuyển giao nhiệm vụ đào tạo nghề.",
     {"67/1998/QĐ-TTg": "1998-03-26"}),
    # tone placement in the issuer does not matter
    ("Căn cứ Quyết định số 1234/QĐ-UBND ngày 05/01/2022 của Uỷ ban nhân dân tỉnh Hoà Bình;",
     {"1234/QĐ-UBND": "2022-01-05"}),
]


@pytest.mark.parametrize(("sentence", "expected"), FORMS)
def test_every_reference_form_is_found_with_its_date(sentence: str, expected: dict[str, str | None]) -> None:
    found = by_number(cite(sentence))
    assert {n: c.date for n, c in found.items()} == expected


# --- negatives: nothing here is a citation ---------------------------------------------------------------
NEGATIVES = [
    "Mọi thông tin xin liên hệ số điện thoại 024.3845.2345 hoặc 0912 345 678.",
    "Ngày 11/10/2021, Ban Chỉ đạo họp trực tuyến với các địa phương.",
    "Theo quy định tại Điều 3 và khoản 2 Điều 5 của Thông tư này.",
    "Tổng kinh phí hỗ trợ là 1.250.000.000 đồng (một tỷ hai trăm năm mươi triệu đồng).",
    "Tỷ lệ bao phủ vắc xin đạt 2/3 dân số trưởng thành.",
    "Số ca mắc COVID-19 tăng 15% so với tuần trước; các chốt hoạt động 24/7.",
    "Đường dây nóng 1900/9095 hỗ trợ người dân suốt ngày đêm.",
    "Bệnh viện đã tiếp nhận 1.000 ca F0/F1 trong ngày.",
    "Tuyến QL1A/QL14 bị ngập sâu nhiều đoạn.",
    "Nghị quyết 128 chưa được nhắc đến đầy đủ ở đây.",  # short form without a full form
    "Luật sư Nguyễn Văn An tham dự phiên họp.",
    "Chai chứa khí phải đáp ứng QCVN 01:2008/BLĐTBXH và quy trình QTKĐ: 06-2021/BLĐTBXH.",
    "Văn bản ủy quyền theo Mẫu số 41/UQ-ĐKT ban hành kèm theo phụ lục.",
    "Xem toàn văn tại https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?Keyword=S%E1%BB%91%2041/2019/TT-BL%C4%90TBXH",
    "Danh mục: 13 - Tu bổ, chống chữa lò; 14 - Sửa chữa đường lò.",
    "Chỉ thị này có hiệu lực kể từ ngày ký ban hành.",
]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_non_references_yield_nothing(sentence: str) -> None:
    assert cite(sentence).citations == []


HEADER = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 285/TB-VPCP\nHà Nội, ngày 27 tháng 10 năm 2021\n\nTHÔNG BÁO\n"
          "Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ.\n")


@pytest.mark.parametrize("own", ["285/TB-VPCP", None])
def test_own_header_number_is_never_a_citation(own: str | None) -> None:
    assert set(by_number(cite(HEADER, number=own))) == {"128/NQ-CP"}


def test_own_number_repeated_in_a_footer_is_not_a_citation() -> None:
    text = HEADER + "\nNơi nhận:\n- Như trên;\n- Lưu: VT, 285/TB-VPCP.\n"
    assert set(by_number(cite(text, number="285/TB-VPCP"))) == {"128/NQ-CP"}


def test_certified_copy_number_is_not_a_citation() -> None:
    text = HEADER + "\nSAO LỤC\nTỈNH ỦY BẮC GIANG\nSố: 129-BS/VPTU\nBắc Giang, ngày 29/10/2021\n"
    assert set(by_number(cite(text))) == {"128/NQ-CP"}


# --- type and issuer, from the text or from the symbol ----------------------------------------------------
TYPES = [
    ("Tiếp tục thực hiện Nghị quyết 128/NQ-CP.", "128/NQ-CP", "Nghị quyết", "Chính phủ"),
    ("áp dụng biện pháp theo Chỉ thị 16/CT-TTg", "16/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ"),
    ("Nghị quyết số 80/2023/QH15 của Quốc hội", "80/2023/QH15", "Nghị quyết", "Quốc hội"),
    ("Căn cứ Luật Đầu tư số 61/2020/QH14;", "61/2020/QH14", "Luật", "Quốc hội"),
    ("thực hiện nghiêm 25-CT/TW về y tế cơ sở", "25-CT/TW", "Chỉ thị", "Ban Bí thư"),
    ("theo hướng dẫn tại 1234/BYT-MT", "1234/BYT-MT", "Công văn", "Bộ Y tế"),
    ("Quyết định số 904/QĐ-UBND ngày 20/4/2022 của Ủy ban nhân dân tỉnh Bắc Giang về việc phong tỏa",
     "904/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh Bắc Giang"),
    ("Thông báo số 10-TB/VPTW ngày 24/8/2021", "10-TB/VPTW", "Thông báo", "Văn phòng Trung ương Đảng"),
    ("thực hiện Công điện 1102/CĐ-TTg", "1102/CĐ-TTg", "Công điện", "Thủ tướng Chính phủ"),
    ("CĂN CỨ NGHỊ ĐỊNH SỐ 30/2020/NĐ-CP", "30/2020/NĐ-CP", "Nghị định", "Chính phủ"),
    # the issuer after a list belongs to each of its numbers
    ("Quyết định số 12/QĐ-UBND, số 13/QĐ-UBND và số 14/QĐ-UBND của Ủy ban nhân dân tỉnh Bắc Giang",
     "12/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh Bắc Giang"),
    ("Quyết định số 12/QĐ-UBND, số 13/QĐ-UBND và số 14/QĐ-UBND của Ủy ban nhân dân tỉnh Bắc Giang",
     "13/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh Bắc Giang"),
    ("Quy định số 66-QĐ/TW ngày 06/02/2017 của Ban Chấp hành Trung ương", "66-QĐ/TW", "Quy định",
     "Ban Chấp hành Trung ương"),
]


@pytest.mark.parametrize(("sentence", "number", "type_", "issuer"), TYPES)
def test_type_and_issuer_come_from_text_or_symbol(sentence: str, number: str, type_: str, issuer: str) -> None:
    c = by_number(cite(sentence))[number]
    assert (c.type, c.issuer) == (type_, issuer)


def test_subject_after_ve_is_kept_as_title() -> None:
    c = by_number(cite(FORMS[0][0]))["128/NQ-CP"]
    assert c.title == "thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19"


# --- relation kind ----------------------------------------------------------------------------------------
KINDS = [
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;", "30/2020/NĐ-CP", "căn cứ"),
    ("Tiếp tục triển khai Nghị quyết số 128/NQ-CP của Chính phủ.", "128/NQ-CP", "thực hiện"),
    ("Nghị định này sửa đổi, bổ sung một số điều của Nghị định số 100/2019/NĐ-CP.", "100/2019/NĐ-CP", "sửa đổi"),
    ("Thông tư này thay thế Thông tư số 10/2020/TT-BTC ngày 20/02/2020.", "10/2020/TT-BTC", "thay thế"),
    ("Bãi bỏ Quyết định số 12/2015/QĐ-TTg của Thủ tướng Chính phủ.", "12/2015/QĐ-TTg", "bãi bỏ"),
    ("Thông tư này hướng dẫn Nghị định số 145/2020/NĐ-CP về điều kiện lao động.", "145/2020/NĐ-CP", "hướng dẫn"),
    ("Như đã nêu trong Báo cáo số 234/BC-BCSĐ, tình hình còn phức tạp.", "234/BC-BCSĐ", "trích dẫn"),
    ("Thực hiện Công văn số 1234/BYT-MT của Bộ Y tế, Sở báo cáo.", "1234/BYT-MT", "thực hiện"),
    ("Căn cứ Chỉ thị số 15/CT-TTg và số 16/CT-TTg của Thủ tướng Chính phủ;", "16/CT-TTg", "căn cứ"),
]


@pytest.mark.parametrize(("sentence", "number", "kind"), KINDS)
def test_relation_kind_comes_from_the_words_before(sentence: str, number: str, kind: str) -> None:
    assert by_number(cite(sentence))[number].kind == kind


NEWS = "Văn phòng Chính phủ vừa ban hành Thông báo 494/TB-VPCP ngày 29/11/2023 kết luận của Ban Chỉ đạo."


def test_news_report_reports_on_the_document_it_announces() -> None:
    result = cite(NEWS, doc_type="Bài báo")
    assert result.reports_on == ["494/TB-VPCP@2023"]
    assert by_number(result)["494/TB-VPCP"].kind == "reports_on"


def test_an_official_document_does_not_report_on_what_it_cites() -> None:
    result = cite(NEWS, number="12/BC-BYT", date="2023-12-01")
    assert result.reports_on == []


# --- pinpoints --------------------------------------------------------------------------------------------
PINPOINTS = [
    ("Theo khoản 2 Điều 3 Nghị định số 30/2020/NĐ-CP, văn bản phải có số.", "30/2020/NĐ-CP", ["khoản 2 Điều 3"]),
    ("theo điểm a khoản 1 Điều 5 của Thông tư số 10/2020/TT-BTC", "10/2020/TT-BTC", ["điểm a khoản 1 Điều 5"]),
    ("quy định tại Điều 12 Luật số 15/2023/QH15", "15/2023/QH15", ["Điều 12"]),
    ("ban hành kèm theo Phụ lục II Thông tư số 01/2021/TT-BKHĐT", "01/2021/TT-BKHĐT", ["Phụ lục II"]),
    ("Nghị định số 30/2020/NĐ-CP quy định chung.", "30/2020/NĐ-CP", []),
]


@pytest.mark.parametrize(("sentence", "number", "pins"), PINPOINTS)
def test_pinpoint_article_and_clause_are_kept(sentence: str, number: str, pins: list[str]) -> None:
    assert by_number(cite(sentence))[number].pinpoints == pins


# --- short forms ------------------------------------------------------------------------------------------
def test_short_form_after_full_form_is_another_mention() -> None:
    text = ("Căn cứ Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ. "
            "Việc thực hiện Nghị quyết 128 tại một số địa phương còn chậm.")
    c = by_number(cite(text))["128/NQ-CP"]
    assert [m.text for m in c.mentions] == ["Nghị quyết số 128/NQ-CP", "Nghị quyết 128"]


def test_short_form_joins_the_right_member_of_a_list() -> None:
    text = "Thực hiện Chỉ thị số 15/CT-TTg và số 16/CT-TTg. Các quận áp dụng Chỉ thị 16 từ 0 giờ ngày 9/7."
    found = by_number(cite(text))
    assert (len(found["15/CT-TTg"].mentions), len(found["16/CT-TTg"].mentions)) == (1, 2)


def test_short_form_matching_two_documents_is_left_alone() -> None:
    text = "Chỉ thị số 16/CT-TTg và Chỉ thị số 16/CT-UBND cùng có hiệu lực. Thực hiện Chỉ thị 16 nghiêm túc."
    found = by_number(cite(text))
    assert [len(c.mentions) for c in found.values()] == [1, 1]


# --- resolution: year and date of a cited document ---------------------------------------------------------
CT16 = [KnownDocument("16/CT-TTG@2020", "16/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", "2020-03-31"),
        KnownDocument("16/CT-TTG@2026", "16/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", "2026-04-23")]

RESOLUTION: list[tuple[str, str | None, list[KnownDocument], str, str, str | None]] = [
    # text, citing date, registry, key, resolution, date
    ("Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ", None, [], "128/NQ-CP@2021", "exact", "2021-10-11"),
    ("theo Nghị định 30/2020/NĐ-CP", None, [], "30/2020/ND-CP@2020", "exact", None),
    ("áp dụng Chỉ thị số 16/CT-TTg năm 2020 của Thủ tướng", None, [], "16/CT-TTG@2020", "exact", None),
    # (b) the same symbol dated elsewhere in the text
    ("Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng. Các tỉnh tiếp tục thực hiện Chỉ thị số 16/CT-TTg.",
     None, [], "16/CT-TTG@2020", "exact", "2020-03-31"),
    # (c) the unique known document
    ("thực hiện Chỉ thị 16/CT-TTg", None, CT16[:1], "16/CT-TTG@2020", "inferred", "2020-03-31"),
    # (d) the latest known year not after the citing document's date
    ("thực hiện Chỉ thị 16/CT-TTg", "2021-05-27", CT16, "16/CT-TTG@2020", "inferred", "2020-03-31"),
    ("thực hiện Chỉ thị 16/CT-TTg", "2026-06-01", CT16, "16/CT-TTG@2026", "inferred", "2026-04-23"),
    ("thực hiện Chỉ thị 16/CT-TTg", "2021-05-27", CT16[1:], "16/CT-TTG@?", "ambiguous", None),
    # nothing decides
    ("thực hiện Chỉ thị 16/CT-TTg", None, CT16, "16/CT-TTG@?", "ambiguous", None),
    ("thực hiện Chỉ thị 16/CT-TTg", None, [], "16/CT-TTG@?", "ambiguous", None),
    # the registry completes the date of a number whose year the text gives
    ("theo Nghị định 30/2020/NĐ-CP", None,
     [KnownDocument("30/2020/ND-CP@2020", "30/2020/NĐ-CP", "Nghị định", "Chính phủ", "2020-03-05")],
     "30/2020/ND-CP@2020", "exact", "2020-03-05"),
]


@pytest.mark.parametrize(("text", "citing", "registry", "key", "resolution", "date"), RESOLUTION)
def test_year_less_numbers_resolve_by_the_rules(text: str, citing: str | None, registry: list[KnownDocument],
                                                key: str, resolution: str, date: str | None) -> None:
    (c,) = cite(text, date=citing, known=KnownDocuments(registry)).citations
    assert (c.key, c.resolution, c.date) == (key, resolution, date)


def test_one_number_in_two_years_is_two_documents() -> None:
    text = ("Chỉ thị số 05/CT-TTg ngày 01/3/2019 đã hết hiệu lực. "
            "Nay thực hiện Chỉ thị số 05/CT-TTg ngày 10/02/2021 của Thủ tướng Chính phủ.")
    assert sorted(c.key for c in cite(text).citations) == ["05/CT-TTG@2019", "05/CT-TTG@2021"]


# --- laws cited by name -----------------------------------------------------------------------------------
NAMED = [
    ("Căn cứ Luật Khám bệnh, chữa bệnh ngày 09 tháng 01 năm 2023;", [("Luật Khám bệnh, chữa bệnh", 2023)]),
    ("Người lao động được bảo vệ theo Bộ luật Lao động năm 2019.", [("Bộ luật Lao động", 2019)]),
    ("triển khai hiệu quả Luật Khám bệnh, chữa bệnh; nâng cao năng lực", [("Luật Khám bệnh, chữa bệnh", None)]),
    ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;", [("Luật Tổ chức Chính phủ", 2015)]),
    ("Căn cứ Luật An toàn, vệ sinh lao động ngày 25 tháng 6 năm 2015;", [("Luật An toàn, vệ sinh lao động", 2015)]),
    ("theo quy định của Luật Đất đai, Luật Nhà ở và Luật Kinh doanh bất động sản.",
     [("Luật Đất đai", None), ("Luật Nhà ở", None), ("Luật Kinh doanh bất động sản", None)]),
    ("Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng ngày 09 tháng 12 năm 2020;",
     [("Pháp lệnh Ưu đãi người có công với cách mạng", 2020)]),
    ("Căn cứ Luật đầu tư ngày 26 tháng 11 năm 2014;", [("Luật Đầu tư", 2014)]),  # listed: canonical spelling
    ("quy định tại Luật Bảo hiểm xã hội về bảo hiểm xã hội tự nguyện", [("Luật Bảo hiểm xã hội", None)]),
    ("Sau khi Luật Giáo dục nghề nghiệp có hiệu lực, Bộ tổ chức tập huấn.", [("Luật Giáo dục nghề nghiệp", None)]),
    ("Căn cứ Luật Khai thác không gian vũ trụ ngày 10 tháng 12 năm 2030;",  # not listed: cut at "ngày"
     [("Luật Khai thác không gian vũ trụ", 2030)]),
    ("Luật sư Nguyễn Văn An tham dự phiên họp.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), NAMED)
def test_laws_cited_by_name_are_named_references(sentence: str, expected: list[tuple[str, int | None]]) -> None:
    assert [(r.name, r.year) for r in cite(sentence).named_references] == expected


# --- evidence ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("sentence", "expected"), FORMS[:12])
def test_every_mention_carries_offsets_and_its_sentence(sentence: str, expected: dict[str, str | None]) -> None:
    for c in cite(sentence).citations:
        for m in c.mentions:
            assert sentence[m.start:m.end] == m.text
            assert " ".join(m.text.split()) in m.sentence


# --- dates printed before the reference (news, letters) or after its issuer ---------------------------
# sentence → {display number: date}; None where the sentence gives no date of that document.
DATES_AROUND: list[tuple[str, dict[str, str | None]]] = [
    ("Ngày 07/02/2025, Thủ tướng Chính phủ ban hành Công điện số 10/CĐ-TTg về tăng cường phòng cháy.",
     {"10/CĐ-TTg": "2025-02-07"}),
    ("Trước đó, ngày 28/10/2025, Chủ tịch Ủy ban nhân dân tỉnh đã ban hành Công văn số 3280/UBND-VX về y tế.",
     {"3280/UBND-VX": "2025-10-28"}),
    ("Ngày 22/10/2025, tại Thông báo số 569/TB-VPCP của Văn phòng Chính phủ, Thủ tướng yêu cầu các bộ.",
     {"569/TB-VPCP": "2025-10-22"}),
    ("- Ngày 16/6/2025, Quốc hội đã thông qua Luật Tổ chức chính quyền địa phương số 72/2025/QH15 với quy định mới.",
     {"72/2025/QH15": "2025-06-16"}),
    ("Ngày 25/9/2025, Bộ GD&ĐT ban hành Công điện 1638/CĐ-BGDĐT năm 2025 về ứng phó bão.",
     {"1638/CĐ-BGDĐT": "2025-09-25"}),
    ("Ngày 3 tháng 4 năm 2024, Bộ Tài chính có Công văn số 3456/BTC-NSNN gửi các địa phương.",
     {"3456/BTC-NSNN": "2024-04-03"}),
    ("Vào ngày 12/5/2023, Văn phòng Chính phủ vừa ký ban hành Thông báo số 177/TB-VPCP kết luận.",
     {"177/TB-VPCP": "2023-05-12"}),
    # after the issuer
    ("thực hiện Nghị quyết số 46/NQ-CP của Chính phủ ngày 08 tháng 3 năm 2025 và chỉ đạo của Thủ tướng",
     {"46/NQ-CP": "2025-03-08"}),
    # the date belongs to something else: an event, a count, another document, the citing text itself
    ("Ngày 1/7/2025, tỉnh có 30 xã theo Nghị quyết số 5/NQ-CP của Chính phủ.", {"5/NQ-CP": None}),
    ("Ngày 10/3/2025, đoàn công tác làm việc tại tỉnh; theo Quyết định số 88/QĐ-TTg, các bộ phối hợp.",
     {"88/QĐ-TTg": None}),
    ("Ngày 9/9/2024, Bộ ban hành Công văn số 12/BYT-KHTC và Công văn số 13/BYT-KHTC.",
     {"12/BYT-KHTC": "2024-09-09", "13/BYT-KHTC": None}),
    ("Hà Nội, ngày 22 tháng 10 năm 2025\n\nTHÔNG BÁO\n\nThực hiện Thông báo số 1/TB-VPCP của Văn phòng Chính phủ.",
     {"1/TB-VPCP": None}),
    ("Ngày 5/6/2025, Thủ tướng chủ trì cuộc họp về Kết luận số 127-KL/TW của Bộ Chính trị.",
     {"127-KL/TW": None}),
    ("Thực hiện Công văn số 77/UBND-TH của Ủy ban nhân dân tỉnh về việc báo cáo ngày 15/3/2025.",
     {"77/UBND-TH": None}),
    # a printed date that contradicts the year in the number is a typo: no date rather than a wrong one
    ("Tổng kết thi hành Nghị định số 58/2022/NĐ-CP ngày 31 tháng 8 năm 2002 của Chính phủ về đăng ký.",
     {"58/2022/NĐ-CP": None}),
    ("sửa đổi Nghị định số 134/2016/NĐ-CP ngày 01 tháng 9 năm 2026 của Chính phủ quy định chi tiết",
     {"134/2016/NĐ-CP": None}),
]


@pytest.mark.parametrize(("sentence", "expected"), DATES_AROUND)
def test_a_cited_documents_date_is_read_before_it_or_after_its_issuer(sentence: str,
                                                                     expected: dict[str, str | None]) -> None:
    found = by_number(cite(sentence, number="9/TB-X", date="2025-10-22"))
    assert {n: c.date for n, c in found.items()} == expected


def test_a_typo_in_the_date_never_moves_the_document_to_another_year() -> None:
    found = by_number(cite("Căn cứ Nghị định số 58/2022/NĐ-CP ngày 31 tháng 8 năm 2002 của Chính phủ;"))
    assert [(c.key, c.date) for c in found.values()] == [("58/2022/ND-CP@2022", None)]


# --- relation kinds come from the citing sentence, never from a footnote merged into it ---------------
FOOTNOTE_MERGES: list[tuple[str, str, str]] = [
    # a consolidated text's footnote cut at the page end ("… Quyết định số") runs into the body
    (("theo quy định tại Nghị\n\n10 Điều này được sửa đổi, bổ sung theo quy định tại khoản 7 Điều 1 Quyết định số "
      "quyết số 128/NQ-CP hoặc bố trí lại sản xuất."), "128/NQ-CP", "trích dẫn"),
    ("Khoản này được bãi bỏ theo Nghị định số Chỉ thị số 16/CT-TTg được thực hiện nghiêm.", "16/CT-TTg", "trích dẫn"),
    # a whole reference keeps its cue
    ("Điều này được sửa đổi, bổ sung theo quy định tại khoản 7 Điều 1 Quyết định số 33/2021/QĐ-TTg.",
     "33/2021/QĐ-TTg", "sửa đổi"),
]


@pytest.mark.parametrize(("text", "number", "kind"), FOOTNOTE_MERGES)
def test_a_cue_before_a_lost_reference_is_not_this_references_kind(text: str, number: str, kind: str) -> None:
    assert by_number(cite(text))[number].kind == kind
