"""Agencies: gazetteer names, aliases, abbreviations, provincial bodies, headers, negatives."""

from __future__ import annotations

import pytest
from danchieu.ingest.entities.gazetteer import agency_key, all_agencies

from tests.unit.test_entities_helpers import ents, names

AGENCIES = [
    ("Giao Bộ Y tế chủ trì.", ["Bộ Y tế"]),
    ("phối hợp với Bộ Công thương và Bộ Lao động - Thương binh và Xã hội",
     ["Bộ Công Thương", "Bộ Lao động - Thương binh và Xã hội"]),
    ("ý kiến của Bộ Văn hoá, Thể thao và Du lịch", ["Bộ Văn hóa, Thể thao và Du lịch"]),  # hoá / hóa
    ("sự tham gia của Mặt trận Tổ \n\nquốc Việt Nam", ["Mặt trận Tổ quốc Việt Nam"]),  # broken over lines
    ("Ủy ban Thường vụ Quốc hội và Quốc hội", ["Ủy ban Thường vụ Quốc hội", "Quốc hội"]),
    ("Uỷ ban nhân dân tỉnh Bắc Giang báo cáo", ["Ủy ban nhân dân tỉnh Bắc Giang"]),  # Uỷ / Ủy
    ("UBND tỉnh Thanh Hóa đề nghị", ["Ủy ban nhân dân tỉnh Thanh Hóa"]),
    ("đồng chí Bí thư Thành ủy TP. Hồ Chí Minh", ["Thành ủy Thành phố Hồ Chí Minh"]),
    ("Thành ủy Hà Nội chỉ đạo", ["Thành ủy Hà Nội"]),
    ("đề nghị VPCP tổng hợp", ["Văn phòng Chính phủ"]),
    ("Trưởng Đại diện WHO tại Việt Nam", ["Tổ chức Y tế Thế giới"]),
    ("Bộ Chính trị, Ban Bí thư Trung ương Đảng", ["Bộ Chính trị", "Ban Bí thư"]),
    ("Ban Dân vận Trung ương và Văn phòng Trung ương Đảng", ["Ban Dân vận Trung ương", "Văn phòng Trung ương Đảng"]),
    ("Tổng Biên tập Báo Nhân dân", ["Báo Nhân dân"]),
    ("Trung ương Hội Liên hiệp phụ nữ Việt Nam", ["Hội Liên hiệp Phụ nữ Việt Nam"]),
    ("Ủy ban nhân dân tỉnh Bắc Giang, tỉnh Bắc Ninh",
     ["Ủy ban nhân dân tỉnh Bắc Giang", "Ủy ban nhân dân tỉnh Bắc Ninh"]),
]


@pytest.mark.parametrize(("text", "expected"), AGENCIES)
def test_agency_found_under_its_official_name(text: str, expected: list[str]) -> None:
    assert names(ents(text).agencies) == expected


NOT_AGENCIES = [
    "các bộ, ngành, địa phương theo thẩm quyền",
    "hệ thống y tế cơ sở, bộ y tế dự phòng",  # lower case inside a sentence
    "Số: 285/TB-VPCP",  # issuer code inside a document number
    "sự lãnh đạo của Đảng, Nhà nước",
]


@pytest.mark.parametrize("text", NOT_AGENCIES)
def test_generic_mentions_are_not_agencies(text: str) -> None:
    assert ents(text).agencies == []


def test_short_form_counts_only_with_the_full_name() -> None:
    full = "Ban Chỉ đạo Quốc gia phòng, chống dịch COVID-19 (sau đây gọi tắt là Ban Chỉ đạo Quốc gia) họp."
    assert names(ents(full).agencies) == ["Ban Chỉ đạo Quốc gia phòng, chống dịch COVID-19"]
    assert ents("Ban Chỉ đạo Quốc gia về chuyển đổi số họp.").agencies == []


def test_stacked_header_names_the_office_of_its_parent() -> None:
    res = ents("**BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG**\nĐẢNG CỘNG SẢN VIỆT NAM\n")
    assert "Văn phòng Trung ương Đảng" in names(res.agencies)


def test_recipients_list_is_not_counted() -> None:
    text = "Bộ Y tế thực hiện./.\nNơi nhận:\n- Bộ Tài chính;\n- Lưu: VT.\n"
    start = text.index("Nơi nhận")
    assert names(ents(text, recipients=[(start, len(text))]).agencies) == ["Bộ Y tế"]
    # without a layout, the list is found from its heading
    assert names(ents(text).agencies) == ["Bộ Y tế"]


def test_agency_keys_follow_the_graph_format() -> None:
    res = ents("Ủy ban nhân dân tỉnh Bắc Giang và Bộ Y tế")
    assert [a.key for a in res.agencies] == ["agency:uy-ban-nhan-dan-tinh-bac-giang", "agency:bo-y-te"]
    assert res.agencies[0].province == "province:bac-giang"


def test_gazetteer_covers_historical_and_current_ministries() -> None:
    by_name = {a.name: a for a in all_agencies()}
    assert by_name["Bộ Kế hoạch và Đầu tư"].successor == agency_key("Bộ Tài chính")
    assert by_name["Bộ Nông nghiệp và Môi trường"].valid_from == "2025-03-01"
    assert by_name["Ủy ban nhân dân tỉnh Bắc Giang"].province == "province:bac-giang"


def test_gazetteer_keys_are_unique() -> None:
    keys = [a.key for a in all_agencies()]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("text", ["", "   \n\n ", "\x00\x01\x02", "a" * 50_000, "Nơi nhận:", "các Bộ:",
                                  "Giao", "Thủ tướng", "KT. BỘ TRƯỞNG\n", "**\n**", "Bộ Y tế" * 2000])
def test_odd_input_gives_a_result_not_a_crash(text: str) -> None:
    res = ents(text)
    assert all(m.start < m.end for a in res.agencies for m in a.mentions)


def test_many_mentions_of_one_agency_are_all_kept() -> None:
    text = "Bộ Y tế họp. " * 3000
    (agency,) = ents(text).agencies
    assert len(agency.mentions) == 3000


def test_recipients_list_with_wrapped_code_lines_ends_at_the_signing_block() -> None:
    text = ("Bộ Y tế thực hiện./.\nNơi nhận:\n- VPCP: BTCN, các Vụ, Cục: TH,\n  QHQT, NC, KSTT;\n"
            "- Lưu: VT, KGVX (3).\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nTrần Văn Mười Một\n")
    res = ents(text)
    assert names(res.agencies) == ["Bộ Y tế"]
    assert names(res.persons) == ["Trần Văn Mười Một"]
