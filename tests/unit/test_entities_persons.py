"""People: title + name, name + title, signature block, honorifics, line breaks, negatives."""

from __future__ import annotations

import pytest

from tests.unit.test_entities_helpers import ents, names

# (sentence, expected persons as (name, first title))
TITLED = [
    ("Phó Thủ tướng Chính phủ Vũ Đức Đam dự họp.", [("Vũ Đức Đam", "Phó Thủ tướng Chính phủ")]),
    ("Tham dự có Bộ trưởng Bộ Y tế Nguyễn Thanh Long.", [("Nguyễn Thanh Long", "Bộ trưởng Bộ Y tế")]),
    ("Thứ trưởng Bộ Quốc phòng Vũ Hải Sản phát biểu.", [("Vũ Hải Sản", "Thứ trưởng Bộ Quốc phòng")]),
    ("Bí thư tỉnh ủy Lạng Sơn Hoàng Văn Nghiệm dự họp.", [("Hoàng Văn Nghiệm", "Bí thư Tỉnh ủy Lạng Sơn")]),
    ("Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ Trần Văn Sơn báo cáo.",
     [("Trần Văn Sơn", "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ")]),
    ("có đồng chí Lê Văn Tám, Bí thư Thành ủy Thành phố Hồ Chí Minh; đại diện các sở.",
     [("Lê Văn Tám", "Bí thư Thành ủy Thành phố Hồ Chí Minh")]),
    ("và Bà Maria Lopez, Trưởng Đại diện Quỹ Nhi đồng Liên hợp quốc tại Việt Nam.",
     [("Maria Lopez", "Trưởng Đại diện Quỹ Nhi đồng Liên hợp quốc tại Việt Nam")]),
    ("cùng dự có các đồng chí: Trần Văn Một, Chủ tịch nước; Lê Thị Hai, Chủ tịch Quốc hội.",
     [("Trần Văn Một", "Chủ tịch nước"), ("Lê Thị Hai", "Chủ tịch Quốc hội")]),
    ("đứng đầu là đồng chí Tổng Bí thư Đỗ Văn Ba, từ đó huy động", [("Đỗ Văn Ba", "Tổng Bí thư")]),
    # a name broken over lines by PDF extraction, a title before it on the previous line
    ("tại trụ sở Chính phủ, Thủ tướng Chính phủ    \n\nPhan Văn Bốn, Trưởng ban",
     [("Phan Văn Bốn", "Thủ tướng Chính phủ")]),
    ("KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ PHAN VĂN BỐN TẠI CUỘC HỌP", [("Phan Văn Bốn", "Thủ tướng Chính phủ")]),
]


@pytest.mark.parametrize(("text", "expected"), TITLED)
def test_titled_person_is_found_with_its_title(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(p.name, p.titles[0]) for p in ents(text).persons]
    assert got == expected


NOT_PERSONS = [
    "Chính phủ, Thủ tướng Chính phủ và Ban Chỉ đạo Quốc gia trân trọng cảm ơn.",
    "Thủ tướng Chính phủ đánh giá cao sự vào cuộc của các bộ.",
    "Tổng Giám đốc Thông tấn xã Việt Nam, Tổng Giám đốc Đài Tiếng nói Việt Nam; đại diện",
    "Bộ trưởng các Bộ: Y tế, Tư pháp dự họp.",
    "Họ và tên: Nguyễn Văn A, Thủ trưởng đơn vị ký tên.",
    "thống nhất phân công đồng chí Thủ tướng Chính phủ làm Trưởng Ban Chỉ đạo.",
    "Hà Nội, Chủ tịch Ủy ban nhân dân thành phố chỉ đạo.",
]


@pytest.mark.parametrize("text", NOT_PERSONS)
def test_no_person_without_a_name(text: str) -> None:
    assert ents(text).persons == []


def test_chinh_in_chinh_phu_is_not_a_person() -> None:
    res = ents("Thủ tướng Chính phủ Phạm Minh Chính chủ trì; Chính phủ ban hành.")
    assert names(res.persons) == ["Phạm Minh Chính"]


def test_signer_under_signing_formula_gets_position() -> None:
    text = "biết, thực hiện./.\n\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\n\n\nNgô Văn Năm\n"
    (person,) = ents(text).persons
    assert (person.name, person.titles) == ("Ngô Văn Năm", ["Phó Chủ nhiệm"])


def test_signer_after_da_ky_is_found() -> None:
    text = "theo quy định.\nCHÁNH VĂN PHÒNG\nĐã ký: Lý Văn Sáu\n"
    assert names(ents(text).persons) == ["Lý Văn Sáu"]


def test_position_line_is_not_a_signer() -> None:
    text = "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nVĂN PHÒNG\n"
    assert ents(text).persons == []


def test_signature_stops_before_the_next_line() -> None:
    text = "PHÓ THỦ TƯỚNG\n\nBùi Văn Bảy\n\nKý bởi: CÔNG BÁO\n"
    assert names(ents(text).persons) == ["Bùi Văn Bảy"]


def test_person_titles_before_and_after_name_are_both_kept() -> None:
    text = ("Giao Phó Thủ tướng Chính phủ Vũ Đức Đam, Trưởng ban chỉ đạo quốc gia phòng, chống dịch "
            "COVID-19 chịu trách nhiệm.")
    (person,) = ents(text).persons
    assert person.titles == ["Phó Thủ tướng Chính phủ", "Trưởng Ban Chỉ đạo Quốc gia phòng, chống dịch COVID-19"]


def test_later_bare_mention_is_another_mention_of_the_same_person() -> None:
    text = "Phó Thủ tướng Lê Văn Tám chủ trì. Sau đó, Lê Văn Tám kết luận."
    (person,) = ents(text).persons
    assert person.key == "person:le-van-tam"
    assert [m.start for m in person.mentions] == [text.index("Lê"), text.rindex("Lê")]


def test_person_name_containing_a_province_is_not_a_province() -> None:
    res = ents("Phó Chủ tịch Quốc hội Nguyễn Hải Dương phát biểu.")
    assert names(res.persons) == ["Nguyễn Hải Dương"] and res.provinces == []


def test_every_mention_has_evidence() -> None:
    text = "Bộ trưởng Bộ Y tế Nguyễn Thanh Long dự họp."
    (person,) = ents(text).persons
    ev = person.mentions[0]
    assert text[ev.start:ev.end] == ev.text == "Nguyễn Thanh Long"
    assert ev.sentence == text


@pytest.mark.parametrize(("text", "expected"), [
    ("do đồng chí Trịnh Văn Chín làm trưởng đoàn", ["Trịnh Văn Chín"]),
    ("Ông Đặng Quốc Mười phát biểu.", ["Đặng Quốc Mười"]),
    ("tỉnh Bà Rịa Vũng Tàu và ông bà, cha mẹ", []),
    ("các đồng chí Lãnh đạo Ban chỉ đạo tỉnh", []),
])
def test_name_after_word_of_address(text: str, expected: list[str]) -> None:
    assert names(ents(text).persons) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Bộ trưởng Bộ Y tế Nguyễn Thị Kim Tiến Thông Báo Rằng", ["Nguyễn Thị Kim Tiến"]),
    ("Thủ tướng Chính phủ Phạm Minh Chính Chủ Trì Hội Nghị Trực Tuyến", ["Phạm Minh Chính"]),
])
def test_capitalised_run_longer_than_a_name_is_cut_by_pos_tags(text: str, expected: list[str]) -> None:
    assert names(ents(text).persons) == expected
