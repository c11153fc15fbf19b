"""Encodings: every legacy reading of Vietnamese text comes back as Unicode NFC."""

from __future__ import annotations

import unicodedata

import pytest
from danchieu.ingest.encodings import (
    decode,
    repair_legacy,
    unicode_to_cp1258,
    unicode_to_tcvn3,
    unicode_to_vni,
    vietnamese_score,
)

from danchieu.errors import EncodingUndetected

SENTENCES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Thủ tướng Chính phủ quyết định giao Bộ Y tế chủ trì thực hiện",
    "Ủy ban nhân dân tỉnh Bắc Giang thông báo kết luận của Chủ tịch",
    "Nghị quyết số 128/NQ-CP về thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch bệnh",
    "Người lao động được hưởng trợ cấp thôi việc theo quy định của Bộ luật Lao động",
]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize(("encoder", "name"), [
    (unicode_to_vni, "vni"),
    (unicode_to_cp1258, "windows-1258"),
    (lambda s: s.encode("utf-8"), "utf-8"),
    (lambda s: s.encode("utf-8-sig"), "utf-8-sig"),
    (lambda s: s.encode("utf-16"), "utf-16"),
    (lambda s: s.encode("utf-16-le"), "utf-16"),
])
def test_each_encoding_is_detected_and_decoded(sentence: str, encoder, name: str) -> None:
    text, detected = decode(encoder(sentence))
    assert detected == name
    assert text == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tcvn3_is_detected_and_decoded_up_to_the_case_of_toned_capitals(sentence: str) -> None:
    # TCVN3 fonts store toned capitals (Ủ, Ộ) as lowercase codes: only the case can differ.
    text, detected = decode(unicode_to_tcvn3(sentence))
    assert detected == "tcvn3"
    assert text.lower() == sentence.lower()


@pytest.mark.parametrize(("data", "expected"), [
    # bytes written out from the published tables, not produced by our encoder
    (b"C\xe9ng h\xdfa x\xb7 h\xe9i", "Cộng hòa xã hội"),  # TCVN3: é=ộ, ß=ò, ·=ã
    ("Coäng hoøa xaõ hoäi".encode("cp1252"), "Cộng hòa xã hội"),  # VNI: o+ä=ộ, o+ø=ò, a+õ=ã
    (b"C\xf4ng ho\xcca", "Công hòa"),  # Windows-1258: o + combining grave 0xCC
])
def test_hand_written_legacy_bytes_decode(data: bytes, expected: str) -> None:
    assert decode(data)[0] == expected


def test_decoded_text_is_nfc() -> None:
    text, _ = decode(unicode_to_cp1258("Quyết định của Thủ tướng"))
    assert unicodedata.is_normalized("NFC", text)


def test_unicode_text_holding_vni_characters_is_repaired() -> None:
    assert repair_legacy("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam", "vni")


def test_good_unicode_is_left_alone() -> None:
    assert repair_legacy("Cộng hòa xã hội") == ("Cộng hòa xã hội", None)


def test_bytes_that_read_as_no_vietnamese_raise_a_typed_error() -> None:
    junk = bytes([0x8F, 0x9D, 0xA4, 0xFE, 0xB3, 0x20]) * 40
    with pytest.raises(EncodingUndetected, match="convert it to UTF-8"):
        decode(junk)


def test_score_separates_vietnamese_from_mojibake() -> None:
    good = "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert vietnamese_score(good) > 0.9
    assert vietnamese_score(unicode_to_vni(good).decode("cp1252")) < 0.5


@pytest.mark.parametrize("data", [b"C\xe9ng h\xb5a", b"H\xb5 N\xe9i"])
def test_a_tie_on_syllables_goes_to_the_reading_without_foreign_letters(data: bytes) -> None:
    # Windows-1258 reads these bytes with µ (a letter no Vietnamese word holds); TCVN3 reads them as
    # Vietnamese letters: the score ties, and list order must not decide
    assert decode(data)[1] == "tcvn3"
