"""Provinces: the 63 before and the 34 after 1 July 2025, the merger mapping, mentions in text."""

from __future__ import annotations

import pytest
from danchieu.ingest.entities.provinces import all_provinces, province_by_key, province_key, provinces_on, successor

from tests.unit.test_entities_helpers import ents, names


def test_63_units_until_30_june_2025_and_34_from_1_july() -> None:
    assert len(provinces_on("2025-06-30")) == 63
    assert len(provinces_on("2025-07-01")) == 34


def test_every_merged_unit_points_to_a_unit_in_force_after_the_merger() -> None:
    current = {p.key for p in provinces_on("2025-07-01")}
    for p in all_provinces():
        if p.merged_into:
            assert successor(p.key) in current, p.name


@pytest.mark.parametrize(("old", "new"), [
    ("Bắc Giang", "Bắc Ninh"), ("Hải Dương", "Hải Phòng"), ("Bình Dương", "Thành phố Hồ Chí Minh"),
    ("Hà Giang", "Tuyên Quang"), ("Kiên Giang", "An Giang"), ("Quảng Nam", "Đà Nẵng"),
])
def test_merger_mapping_of_nghi_quyet_202(old: str, new: str) -> None:
    rec = province_by_key()[province_key(old)]
    assert rec.merged_into == province_key(new)
    assert rec.effective == "2025-07-01"


def test_keys_drop_the_unit_word() -> None:
    assert province_key("Thành phố Hồ Chí Minh") == "province:ho-chi-minh"
    assert province_key("tỉnh Bắc Giang") == "province:bac-giang"


MENTIONS = [
    ("lãnh đạo tỉnh Bắc Giang và tỉnh Bắc Ninh", ["Bắc Giang", "Bắc Ninh"]),
    ("các địa phương (Hà Nội, Hải Phòng, Quảng Ninh ...)", ["Hà Nội", "Hải Phòng", "Quảng Ninh"]),
    ("dự họp tại điểm cầu TP. HCM", ["Thành phố Hồ Chí Minh"]),
    ("tại TP.HCM và Thủ đô Hà Nội", ["Thành phố Hồ Chí Minh", "Hà Nội"]),
    ("tỉnh Hoà Bình và tỉnh Khánh Hoà", ["Hòa Bình", "Khánh Hòa"]),  # tone mark on the other vowel
    ("Bí thư Thành ủy Thành phố Hồ Chí Minh", ["Thành phố Hồ Chí Minh"]),  # inside an agency name
    ("UBND TỈNH QUẢNG NINH", ["Quảng Ninh"]),
    ("tỉnh Bà Rịa - Vũng Tàu", ["Bà Rịa - Vũng Tàu"]),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_province_mentions(text: str, expected: list[str]) -> None:
    assert names(ents(text).provinces) == expected


NOT_PROVINCES = [
    "bản lĩnh Việt Nam, càng khó khăn càng kiên cường",  # Việt Nam is the country
    "Phải hết sức bình tĩnh, tỉnh táo trước những diễn biến phức tạp",
    "vì hòa bình, thái bình cho muôn dân",  # common words, not the provinces Hòa Bình, Thái Bình
    "các nước ven Thái Bình Dương",
    "học tập tư tưởng Hồ Chí Minh",  # the name alone is not the city
    "Hà Nội, ngày 27 tháng 5 năm 2021",  # place of issue, not a mention
    "có hai phòng họp",  # "hai phòng" is not Hải Phòng
]


@pytest.mark.parametrize("text", NOT_PROVINCES)
def test_not_a_province(text: str) -> None:
    assert ents(text).provinces == []


def test_old_province_stays_itself_and_knows_its_successor() -> None:
    (prov,) = ents("hỗ trợ tỉnh Bắc Giang", date="2021-05-27").provinces
    assert (prov.key, prov.merged_into) == ("province:bac-giang", "province:bac-ninh")


@pytest.mark.parametrize(("text", "expected"), [
    ("Đại học Quốc gia Hà Nội cử chuyên gia", ["Hà Nội"]),
    ("Bộ Tư lệnh Thành phố Hồ Chí Minh hỗ trợ", ["Thành phố Hồ Chí Minh"]),
    ("Học viện Chính trị quốc gia Hồ Chí Minh tổ chức", []),  # the man, not the city
])
def test_province_named_inside_a_central_body(text: str, expected: list[str]) -> None:
    assert names(ents(text).provinces) == expected
