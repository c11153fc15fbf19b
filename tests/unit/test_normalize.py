"""Normalisation: clean text, stable offsets back to the original."""

from __future__ import annotations

import pytest
from danchieu.ingest.normalize import normalize
from danchieu.ingest.textutil import tone_normalize

# (original, normalised): sentences written for these tests
CASES = [
    # PDF hard wraps: a name split over two lines, a word split over two lines
    (("Ngày 29 tháng 10 năm 2023, tại trụ sở Chính phủ, Thủ tướng Chính phủ\n"
     "Phạm Minh Chính, Trưởng Ban Chỉ đạo đã chủ trì hội nghị với các địa phương để\n"
     "tổng kết công tác phòng, chống dịch; có Bà Angela Pratt, Trưởng Đại diện Tổ\n"
     "chức Y tế Thế giới tại Việt Nam, các đại biểu và lãnh đạo các bộ, ngành liên\n"
     "quan cùng dự họp tại điểm cầu trụ sở Chính phủ và các tỉnh, thành phố khác.\n"
     "Thủ tướng kết luận."),
     ("Ngày 29 tháng 10 năm 2023, tại trụ sở Chính phủ, Thủ tướng Chính phủ "
     "Phạm Minh Chính, Trưởng Ban Chỉ đạo đã chủ trì hội nghị với các địa phương để "
     "tổng kết công tác phòng, chống dịch; có Bà Angela Pratt, Trưởng Đại diện Tổ "
     "chức Y tế Thế giới tại Việt Nam, các đại biểu và lãnh đạo các bộ, ngành liên "
     "quan cùng dự họp tại điểm cầu trụ sở Chính phủ và các tỉnh, thành phố khác.\n"
     "Thủ tướng kết luận.")),
    # a number broken after its hyphen
    ("dịch COVID-\n19 tại địa phương", "dịch COVID-19 tại địa phương"),
    # markdown emphasis, headings and a watermark link
    ("#### **THÔNG BÁO**\nvề việc phòng [LuatVietnam](#) chống dịch", "THÔNG BÁO\nvề việc phòng chống dịch"),
    # markdown table header → one line per cell
    ("| VĂN PHÒNG CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n| Số: 1/TB-VPCP | Hà Nội |",
     "VĂN PHÒNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/TB-VPCP\nHà Nội"),
    # pdftotext -layout: two columns separated by a wide gap
    ("BỘ Y TẾ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    # look-alike Cyrillic letters inside Vietnamese words (а, о, р are Cyrillic here)
    ("Thông bá\u043e của Chính phủ về kế h\u043e\u0430ch", "Thông báo của Chính phủ về kế hoach"),
    # NFC: decomposed input composes
    ("Ho\u0300a Bi\u0300nh", "Hòa Bình"),
    # the original tone placement is kept for display
    ("Cộng hoà, uỷ ban", "Cộng hoà, uỷ ban"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalised_text(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


@pytest.mark.parametrize(("raw", "_"), CASES)
def test_every_letter_maps_back_to_the_same_letter(raw: str, _: str) -> None:
    norm = normalize(raw)
    assert len(norm.to_original) == len(norm.text) + 1
    for i, c in enumerate(norm.text):
        if c.isalpha() and raw[norm.to_original[i]] == c:
            continue
        if c.isalpha():  # a composed or look-alike letter: it maps into its own cluster
            assert raw[norm.to_original[i]].isalpha()


GAZETTE_PAGE_BREAK = (
    "1. Người lao động được hưởng chế độ theo quy định của pháp luật về bảo hiểm xã hội và \n"
    "Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\n"
    "Email: thongtinchinhphu@chinhphu.vn\n"
    "Cơ quan: VĂN PHÒNG CHÍNH PHỦ\n"
    "Thời gian ký: 07.01.2025 16:32:41 +07:00\n"
    "\n \n4 \nCÔNG BÁO/Số 1523 + 1524/Ngày 29-12-2024 \n  \n"
    "pháp luật về bảo hiểm y tế.\n"
)


def test_page_heads_and_stamps_never_break_a_sentence() -> None:
    norm = normalize(GAZETTE_PAGE_BREAK)
    assert norm.text == ("1. Người lao động được hưởng chế độ theo quy định của pháp luật về bảo hiểm xã hội và "
                         "pháp luật về bảo hiểm y tế.")
    assert {kind for _, _, kind in norm.removed} == {"page_head", "stamp"}


def test_a_page_scraped_twice_is_kept_once() -> None:
    paragraphs = [f"Đoạn văn thứ {i} của bài báo nói về công tác phòng, chống dịch tại địa phương."
                  for i in range(1, 6)]
    page = "\n".join(paragraphs + ["1177 lượt xem", "Theo Chinhphu.vn"] + paragraphs)
    text = normalize(page).text
    assert text.count("Đoạn văn thứ 3") == 1
    assert text.endswith("Theo Chinhphu.vn")


def test_original_span_of_a_removed_watermark_covers_it() -> None:
    raw = "phòng [LuatVietnam](#) chống dịch"
    norm = normalize(raw)
    start = norm.text.index("chống")
    assert raw[norm.to_original[start]:].startswith("chống")


@pytest.mark.parametrize(("text", "expected"), [
    ("CỘNG HOÀ", "CỘNG HÒA"),
    ("uỷ ban", "ủy ban"),
    ("thuỷ lợi", "thủy lợi"),
    ("khoẻ mạnh", "khỏe mạnh"),
    ("hoàng hôn", "hoàng hôn"),  # a final consonant: same in both styles
    ("quý", "quý"),  # qu + y
])
def test_tone_normalize_is_one_convention_and_keeps_length(text: str, expected: str) -> None:
    assert tone_normalize(text) == expected
    assert len(tone_normalize(text)) == len(text)
