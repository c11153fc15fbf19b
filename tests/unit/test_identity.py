"""Document identity: number lines, place and date, type lines, header casing."""

from __future__ import annotations

import pytest
from danchieu.ingest.identity import (
    from_gazette_slug,
    match_type_line,
    parse_number_line,
    parse_place_date,
    proper_case,
)

NUMBER_LINES = [
    ("Số: 285/TB-VPCP", "285/TB-VPCP", "285", None, "TB", "VPCP"),
    ("Số: 80/2023/QH15", "80/2023/QH15", "80", 2023, None, "QH15"),
    ("Số 10-TB/VPTW", "10-TB/VPTW", "10", None, "TB", "VPTW"),
    ("Số 129 - BS/VPTU", "129-BS/VPTU", "129", None, "BS", "VPTU"),
    ("Số:8 5 2 0/BCT-KHCN", "8520/BCT-KHCN", "8520", None, None, "BCT"),  # OCR spaced digits
    ("Số: 904 /QĐ-UBND", "904/QĐ-UBND", "904", None, "QĐ", "UBND"),  # stray space
    ("Luật số: 51/2024/QH15", "51/2024/QH15", "51", 2024, None, "QH15"),
    ("Số: 66.16/2026/NQ-CP", "66.16/2026/NQ-CP", "66.16", 2026, "NQ", "CP"),
]


@pytest.mark.parametrize(("line", "symbol", "number", "year", "type_code", "issuer_code"), NUMBER_LINES)
def test_number_line_is_split_into_parts(line, symbol, number, year, type_code, issuer_code) -> None:
    parts = parse_number_line(line)
    assert parts is not None
    assert (parts.symbol, parts.number, parts.year, parts.type_code, parts.issuer_code) == (
        symbol, number, year, type_code, issuer_code)


@pytest.mark.parametrize("line", [
    "Số: 1698",  # the register number of a received stamp
    "Tổng số: 12/15 đơn vị",
    "Luật Bảo hiểm xã hội số 41/2024/QH15 ngày 29 tháng 6 năm 2024",  # a citation, not a number line
    "Số:.../...",
])
def test_lines_that_are_not_number_lines(line: str) -> None:
    assert parse_number_line(line) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("Hà Nội, ngày 27 tháng 10 năm 2021", ("Hà Nội", "2021-10-27")),
    ("Bắc Giang, ngày 05 tháng 6 năm 2021", ("Bắc Giang", "2021-06-05")),
    ("TP. Hồ Chí Minh, ngày 1 tháng 2 năm 2020", ("TP. Hồ Chí Minh", "2020-02-01")),
    ("Hà Nội, ngày 30 tháng 2 năm 2021", None),  # no such day
    ("Ngày 24/8/2021, lãnh đạo chủ chốt họp", None),
])
def test_place_and_date_line(line: str, expected) -> None:
    assert parse_place_date(line) == expected


@pytest.mark.parametrize(("line", "type_name"), [
    ("THÔNG BÁO", "Thông báo"),
    ("NGHỊ QUYẾT", "Nghị quyết"),
    ("THÔNG TƯ LIÊN TỊCH", "Thông tư liên tịch"),
    ("LUẬT SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU", "Luật"),
    ("SAO LỤC", "Bản sao lục"),
    ("Thông báo này", None),
    ("CHỦ TỊCH QUỐC HỘI", None),
])
def test_type_line(line: str, type_name: str | None) -> None:
    found = match_type_line(line)
    assert (found[0].type if found else None) == type_name


@pytest.mark.parametrize(("upper", "title", "expected"), [
    ("VĂN PHÒNG CHÍNH PHỦ", False, "Văn phòng Chính phủ"),
    ("BỘ Y TẾ", False, "Bộ Y tế"),
    ("PHÓ THỦ TƯỚNG", True, "Phó Thủ tướng"),
    ("BỘ TRƯỞNG, CHỦ NHIỆM", True, "Bộ trưởng, Chủ nhiệm"),
])
def test_capitalised_header_lines_in_vietnamese_casing(upper: str, title: bool, expected: str) -> None:
    assert proper_case(upper, title=title) == expected


@pytest.mark.parametrize(("stem", "expected"), [
    ("thong-tu-so-90-2025-tt-bqp-45890", ("Thông tư", "90/2025/TT-BQP")),
    ("nghi-dinh-so-158-2025-nd-cp-45240", ("Nghị định", "158/2025/NĐ-CP")),
    ("van-ban-hop-nhat-so-5162-vbhn-bldtbxh-43035", ("Văn bản hợp nhất", "5162/VBHN-BLĐTBXH")),
    ("quyet-dinh-so-109-qd-btc-468842", ("Quyết định", "109/QĐ-BTC")),
    ("not-a-gazette-page", (None, None)),
])
def test_identity_from_a_gazette_page_name(stem: str, expected) -> None:
    assert from_gazette_slug(stem) == expected
