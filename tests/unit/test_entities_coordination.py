"""Enumerations under one head name one ministry per item."""

from __future__ import annotations

import pytest

from tests.unit.test_entities_helpers import ents, names

ENUMERATIONS = [
    ("Bộ trưởng các Bộ: Y tế, Tư pháp, Thông tin và Truyền thông; Chủ nhiệm",
     ["Bộ Y tế", "Bộ Tư pháp", "Bộ Thông tin và Truyền thông"]),
    ("đại diện lãnh đạo các bộ: Y tế, Quốc phòng, Công an.", ["Bộ Y tế", "Bộ Quốc phòng", "Bộ Công an"]),
    ("các Bộ: Văn hóa, Thể thao và Du lịch, Nông nghiệp và Phát triển Nông thôn; Văn phòng",
     ["Bộ Văn hóa, Thể thao và Du lịch", "Bộ Nông nghiệp và Phát triển nông thôn"]),
    ("các Bộ: Kế hoạch và Đầu tư, Lao động - Thương binh và Xã hội và Tài chính",
     ["Bộ Kế hoạch và Đầu tư", "Bộ Lao động - Thương binh và Xã hội", "Bộ Tài chính"]),
    ("các Bộ: Giao thông \n\nvận tải, Công Thương", ["Bộ Giao thông vận tải", "Bộ Công Thương"]),
]


@pytest.mark.parametrize(("text", "expected"), ENUMERATIONS)
def test_enumeration_names_each_ministry(text: str, expected: list[str]) -> None:
    assert names(ents(text).agencies) == expected


@pytest.mark.parametrize("text", [
    "các bộ, ngành, địa phương chủ động",
    "các bộ ngành liên quan",
    "các Bộ: Hoa Kỳ, Nhật Bản",
])
def test_no_enumeration_without_ministries(text: str) -> None:
    assert ents(text).agencies == []
