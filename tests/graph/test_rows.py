"""ExtractedDocument → parameter rows (pure): keys, labels, captions, URIs and evidence lists."""

from __future__ import annotations

import datetime as dt

import pytest
from danchieu.graph.rows import build_rows, caption, document_key, entity_key, evidence_props, parse_date, type_label

from tests.graph.factory import document


@pytest.mark.parametrize(("number", "year", "key"), [
    ("285/TB-VPCP", 2021, "285/TB-VPCP@2021"),
    ("30/2020/NĐ-CP", None, "30/2020/ND-CP@2020"),
    ("25-CT/TW", 2023, "25-CT/TW@2023"),
    ("1234/QĐ-UBND", None, "1234/QD-UBND@?"),
    (None, 2023, "sha:0123456789abcdef"),
])
def test_document_keys_follow_the_team_format(number, year, key):
    assert document_key(number, year, "0123456789abcdef" * 4) == key


@pytest.mark.parametrize(("name", "key"), [
    ("Phạm Minh Chính", "person:pham-minh-chinh"),
    ("Nguyễn Sỹ Hiệp", "person:nguyen-sy-hiep"),
])
def test_person_keys_fold_diacritics_and_spaces(name, key):
    assert entity_key("person", name) == key


@pytest.mark.parametrize(("one", "other"), [("Ủy ban nhân dân tỉnh Hòa Bình", "Uỷ ban nhân dân tỉnh Hoà Bình")])
def test_both_tone_mark_placements_give_one_key(one, other):
    assert entity_key("agency", one) == entity_key("agency", other)


@pytest.mark.parametrize(("type_name", "label"), [
    ("Thông báo", "ThongBao"), ("Nghị quyết", "NghiQuyet"), ("Công điện", "CongDien"), ("Bài báo", "BaiBao"),
    ("Luật", "Luat"), (None, None), ("", None), ("123", None),
])
def test_each_document_type_gets_a_diacritic_free_camel_case_label(type_name, label):
    assert type_label(type_name) == label


@pytest.mark.parametrize(("args", "name"), [
    (("Thông báo", "285/TB-VPCP", None, None), "Thông báo 285/TB-VPCP"),
    ((None, "128/NQ-CP", None, None), "Văn bản 128/NQ-CP"),
    (("Thông báo", None, "Kết luận của Ban Chỉ đạo", "000.txt"), "Thông báo (không số): Kết luận của Ban Chỉ đạo"),
])
def test_captions_are_short_vietnamese_names(args, name):
    assert caption(*args) == name


@pytest.mark.parametrize(("value", "parsed"), [("2021-10-27", dt.date(2021, 10, 27)), ("2021-02-30", None),
                                               (None, None), ("27/10/2021", None)])
def test_impossible_or_missing_dates_become_none(value, parsed):
    assert parse_date(value) == parsed


def test_evidence_lists_are_parallel_sorted_and_without_repeats():
    doc = document("Căn cứ Nghị quyết số 128/NQ-CP. Thực hiện Nghị quyết số 128/NQ-CP.",
                   cites=[("Nghị quyết số 128/NQ-CP", "128/NQ-CP", "128/NQ-CP@2021")])
    first = doc.citations[0].mentions[0]
    props = evidence_props([first, first, None])
    assert props == {"ev_start": [first.start], "ev_end": [first.end], "ev_text": ["Nghị quyết số 128/NQ-CP"],
                     "ev_sentence": [first.sentence]}


def test_a_news_report_is_named_after_the_document_it_reports_on():
    text = ("Văn phòng Chính phủ vừa ban hành Thông báo 494/TB-VPCP ngày 29/11/2023 kết luận của Ban Chỉ đạo "
            "Quốc gia phòng, chống dịch COVID-19 tại Hội nghị tổng kết. Thủ tướng Chính phủ đánh giá cao sự vào "
            "cuộc của cả hệ thống chính trị, các lực lượng tuyến đầu và sự đồng thuận của nhân dân cả nước.")
    doc = document(text, type_="Bài báo", cites=[("Thông báo 494/TB-VPCP", "494/TB-VPCP", "494/TB-VPCP@2023")],
                   reports_on=["494/TB-VPCP@2023"])
    doc.citations[0].type = "Thông báo"
    rows = build_rows(doc)
    assert rows.doc["name"] == "Bài báo về Thông báo 494/TB-VPCP"
    assert rows.reports_on[0]["ev_text"] == ["Thông báo 494/TB-VPCP"]


def test_a_document_never_cites_itself():
    text = "Số: 285/TB-VPCP. Thông báo số 285/TB-VPCP gửi các bộ."
    doc = document(text, number="285/TB-VPCP", date="2021-10-27",
                   cites=[("Thông báo số 285/TB-VPCP", "285/TB-VPCP", "285/TB-VPCP@2021")])
    assert build_rows(doc).cites == []


@pytest.mark.parametrize("text", [
    "CÔNG BÁO/Số 244/Ngày 23-04-2026\n\nTM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\nNguyễn Văn An",
    "",
])
def test_a_numberless_text_with_almost_no_words_is_refused_as_a_scanned_pdf(text):
    from danchieu.errors import ScannedPdf

    with pytest.raises(ScannedPdf, match="OCR"):
        build_rows(document(text, type_=None))


def test_a_short_text_with_its_number_is_still_loaded():
    text = "Số: 12/CĐ-TTg\n\nCông điện về ứng phó bão số 3."
    assert build_rows(document(text, number="12/CĐ-TTg", type_="Công điện")).key == "12/CD-TTG@?"


def test_the_place_date_line_gives_an_issued_at_row_not_a_mention():
    from danchieu.ingest.pipeline import extract_text

    doc = extract_text("BỘ Y TẾ\n\nSố: 12/BYT-KH\n\nHà Nội, ngày 2 tháng 3 năm 2022\n\nCÔNG VĂN\n\n"
                       "Về việc tiêm chủng.\n\nBộ Y tế đề nghị các đơn vị triển khai tiêm chủng đúng tiến độ.\n")
    rows = build_rows(doc)
    assert [(r["key"], r["ev_text"][0].startswith("Hà Nội")) for r in rows.issued_at] == [("province:ha-noi", True)]


@pytest.mark.parametrize(("text", "year"), [
    ("Số:  372 /QĐ-BTC\nHà Nội, ngày       tháng      năm 2026\n\nQUYẾT ĐỊNH\n", 2026),
    ("Số: 5/TB\nHà Nội, ngày ... tháng ... năm 2024\n", 2024),
    ("Số: 5/TB\nHà Nội, ngày 3 tháng 4 năm 2024\n", None),  # a full date is the date's business
    ("Căn cứ Luật số 58/2014/QH13 năm 2014 của Quốc hội;\n", None),
])
def test_a_blank_day_and_month_still_give_the_printed_year(text, year):
    from danchieu.graph.rows import printed_year

    assert printed_year(text) == year
