"""The reference resolver's reading of what people write (no database: parsing only)."""

from __future__ import annotations

import unicodedata

import pytest
from danchieu.api.resolver import parse_reference

# (as written, number in key spelling, ordinal, folded type as written, year)
CASES = [
    ("Nghị quyết 128", None, "128", "nghi quyet", None),
    ("nghi quyet 128", None, "128", "nghi quyet", None),
    ("NQ 128", None, "128", "nq", None),
    ("Thông báo số 285", None, "285", "thong bao", None),
    ("NQ 128/NQ-CP", "128/NQ-CP", None, "nq", None),
    ("128/NQ-CP", "128/NQ-CP", None, None, None),
    ("128/nq-cp", "128/NQ-CP", None, None, None),
    ("Chỉ thị 16/CT-TTg năm 2020", "16/CT-TTG", None, "chi thi", 2020),
    ("Nghị quyết số 128/NQ-CP ngày 11/10/2021", "128/NQ-CP", None, "nghi quyet", 2021),
    ("Nghị định 30/2020/NĐ-CP", "30/2020/ND-CP", None, "nghi dinh", 2020),
    ("Kết luận 25-CT/TW", "25-CT/TW", None, "ket luan", None),
    ("Thông báo 10-TB/VPTW ngày 24 tháng 8 năm 2021", "10-TB/VPTW", None, "thong bao", 2021),
    ("Luật 80/2023/QH15", "80/2023/QH15", None, "luat", 2023),
]


@pytest.mark.parametrize("text,number,ordinal,type_words,year", CASES)
def test_reads_number_type_and_year(text, number, ordinal, type_words, year):
    ref = parse_reference(text)
    assert (ref.number, ref.ordinal, ref.type_words, ref.year) == (number, ordinal, type_words, year)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize("text", ["Nghị quyết 128", "Chỉ thị 16/CT-TTg năm 2020", "Quyết định 1/QĐ-TTg"])
def test_unicode_composition_does_not_matter(text, form):
    nfc, other = parse_reference(text), parse_reference(unicodedata.normalize(form, text))
    assert (other.number, other.ordinal, other.type_words, other.year) == (nfc.number, nfc.ordinal, nfc.type_words,
                                                                           nfc.year)


@pytest.mark.parametrize("text,key", [
    ("128/NQ-CP@2021", "128/NQ-CP@2021"), ("128/nq-cp@2021", "128/NQ-CP@2021"), ("16/CT-TTg@?", "16/CT-TTG@?"),
    ("sha:0123456789abcdef", "sha:0123456789abcdef"), ("person:pham-minh-chinh", "person:pham-minh-chinh"),
    ("province:bac-giang", "province:bac-giang"),
])
def test_graph_keys_are_taken_as_keys(text, key):
    assert parse_reference(text).key == key


@pytest.mark.parametrize("uri,ordinal,year,number_slug", [
    ("/vn/2021/nghi-quyet/128-nq-cp", "128", 2021, "128-nq-cp"),
    ("https://danchieu.example/eli/vn/2020/nghi-dinh/30-2020-nd-cp", "30", 2020, "30-2020-nd-cp"),
    ("https://danchieu.example/eli/vn/2021/nghi-quyet/128", "128", 2021, "128"),
])
def test_eli_uris_are_read_by_segment_shape(uri, ordinal, year, number_slug):
    ref = parse_reference(uri)
    assert (ref.uri, ref.ordinal, ref.year, ref.number_slug) == (uri, ordinal, year, number_slug)


@pytest.mark.parametrize("text", ["hello", "", "   ", "năm 2020", "@@@", "/vn/", "Nghị quyết"])
def test_text_that_names_no_document_yields_nothing_to_look_up(text):
    ref = parse_reference(text)
    assert ref.key is None and ref.number is None and ref.ordinal is None
