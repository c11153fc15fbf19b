"""Document-type and issuer codes, and splitting printed document numbers (ingest/codes.py)."""

from __future__ import annotations

import pytest
from danchieu.ingest.codes import canonical_number, issuer_for, issuer_name, split_number, type_code, type_name

TYPE_NAMES = [
    ("TB", "Thông báo"), ("NQ", "Nghị quyết"), ("CT", "Chỉ thị"), ("CĐ", "Công điện"), ("CD", "Công điện"),
    ("QĐ", "Quyết định"), ("qd", "Quyết định"), ("NĐ", "Nghị định"), ("ND", "Nghị định"), ("TT", "Thông tư"),
    ("KL", "Kết luận"), ("BC", "Báo cáo"), ("HD", "Hướng dẫn"), ("TTr", "Tờ trình"), ("CV", "Công văn"),
    ("KH", "Kế hoạch"), ("TTLT", "Thông tư liên tịch"), ("QH15", "Luật"), ("XYZ", None), ("", None),
]


@pytest.mark.parametrize(("code", "name"), TYPE_NAMES)
def test_type_name_reads_the_type_code(code: str, name: str | None) -> None:
    assert type_name(code) == name


@pytest.mark.parametrize(("name", "code"), [("Nghị quyết", "NQ"), ("nghị định", "NĐ"), ("CHỈ THỊ", "CT"),
                                             ("Công điện", "CĐ"), ("Tờ trình", "TTr"), ("Bài thơ", None)])
def test_type_code_is_the_inverse_of_type_name(name: str, code: str | None) -> None:
    assert type_code(name) == code


ISSUERS = [
    ("CP", "Chính phủ"), ("TTg", "Thủ tướng Chính phủ"), ("TTG", "Thủ tướng Chính phủ"),
    ("VPCP", "Văn phòng Chính phủ"), ("BYT", "Bộ Y tế"), ("QH15", "Quốc hội"), ("QH14", "Quốc hội"),
    ("UBTVQH15", "Ủy ban Thường vụ Quốc hội"), ("VPTW", "Văn phòng Trung ương Đảng"),
    ("BGDĐT", "Bộ Giáo dục và Đào tạo"), ("BGDDT", "Bộ Giáo dục và Đào tạo"), ("NHNN", "Ngân hàng Nhà nước Việt Nam"),
    ("BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội"), ("UBND", "Ủy ban nhân dân"), ("ZZZ", None),
]


@pytest.mark.parametrize(("code", "name"), ISSUERS)
def test_issuer_name_reads_the_issuer_code(code: str, name: str | None) -> None:
    assert issuer_name(code) == name


@pytest.mark.parametrize(("tcode", "icode", "issuer"), [
    ("CT", "TW", "Ban Bí thư"), ("NQ", "TW", "Bộ Chính trị"), ("KL", "TW", "Bộ Chính trị"),
    ("NQ", "CP", "Chính phủ"), ("CĐ", "TTg", "Thủ tướng Chính phủ"), (None, "BYT", "Bộ Y tế"), ("NQ", None, None),
])
def test_issuer_for_follows_party_conventions_for_tw(tcode: str | None, icode: str | None,
                                                       issuer: str | None) -> None:
    assert issuer_for(tcode, icode) == issuer


SPLITS = [
    # text, number, year, type code, issuer code, symbol
    ("285/TB-VPCP", "285", None, "TB", "VPCP", "285/TB-VPCP"),
    ("80/2023/QH15", "80", 2023, None, "QH15", "80/2023/QH15"),
    ("30/2020/NĐ-CP", "30", 2020, "NĐ", "CP", "30/2020/NĐ-CP"),
    ("30/2020/ND-CP", "30", 2020, "NĐ", "CP", "30/2020/NĐ-CP"),
    ("30/2020/nđ-cp", "30", 2020, "NĐ", "CP", "30/2020/NĐ-CP"),
    ("10-TB/VPTW", "10", None, "TB", "VPTW", "10-TB/VPTW"),
    ("129-BS/VPTU", "129", None, "BS", "VPTU", "129-BS/VPTU"),
    ("25-CT/TW", "25", None, "CT", "TW", "25-CT/TW"),
    ("21-NQ/TW", "21", None, "NQ", "TW", "21-NQ/TW"),
    ("1234/BYT-MT", "1234", None, None, "BYT", "1234/BYT-MT"),
    ("5973/UBND-KT", "5973", None, None, "UBND", "5973/UBND-KT"),
    ("1102/CĐ-TTg", "1102", None, "CĐ", "TTg", "1102/CĐ-TTg"),
    ("1102/CD-TTG", "1102", None, "CĐ", "TTg", "1102/CĐ-TTg"),
    ("904 /QĐ-UBND", "904", None, "QĐ", "UBND", "904/QĐ-UBND"),
    ("8 5 2 0/BCT-KHCN", "8520", None, None, "BCT", "8520/BCT-KHCN"),
    ("42/2023/UBTVQH15", "42", 2023, None, "UBTVQH15", "42/2023/UBTVQH15"),
    ("01/2020/TTLT-BYT-BTC", "01", 2020, "TTLT", "BYT", "01/2020/TTLT-BYT-BTC"),
    ("15/2023/QH15", "15", 2023, None, "QH15", "15/2023/QH15"),
]


@pytest.mark.parametrize(("text", "number", "year", "tcode", "icode", "symbol"), SPLITS)
def test_split_number_reads_every_numbering_style(text: str, number: str, year: int | None,
                                                   tcode: str | None, icode: str | None, symbol: str) -> None:
    parts = split_number(text)
    assert parts is not None
    assert (parts.number, parts.year, parts.type_code, parts.issuer_code, parts.symbol) == \
        (number, year, tcode, icode, symbol)


@pytest.mark.parametrize("text", ["11/10/2021", "0912/345/678", "Điều 3", "", "12/abc", "1.000.000 đồng", "COVID-19"])
def test_split_number_refuses_what_is_not_a_document_number(text: str) -> None:
    assert split_number(text) is None


def test_split_number_types_a_quoc_hoi_number_as_a_law_by_default() -> None:
    parts = split_number("80/2023/QH15")
    assert parts is not None and parts.type == "Luật" and parts.issuer == "Quốc hội"


@pytest.mark.parametrize(("text", "display"), [("30/2020/nd-cp", "30/2020/NĐ-CP"), (" 285 /TB-VPCP", "285/TB-VPCP"),
                                                 ("25-ct/tw", "25-CT/TW"), ("not a number", "notanumber")])
def test_canonical_number_gives_the_display_form(text: str, display: str) -> None:
    assert canonical_number(text) == display
