"""Canonical document keys and ELI-style URIs (ingest/keys.py)."""

from __future__ import annotations

import pytest
from danchieu.ingest.keys import content_key, document_key, eli_uri, split_key, symbol_key

KEYS = [
    # printed number, year given by context, key
    ("128/NQ-CP", 2021, "128/NQ-CP@2021"),
    ("30/2020/NĐ-CP", None, "30/2020/ND-CP@2020"),
    ("30/2020/nđ-cp", None, "30/2020/ND-CP@2020"),
    ("30 / 2020 / NĐ – CP", None, "30/2020/ND-CP@2020"),
    ("30/2020/NĐ-CP", 2019, "30/2020/ND-CP@2020"),  # the year in the number wins
    ("25-CT/TW", 2023, "25-CT/TW@2023"),
    ("25–CT/TW", 2023, "25-CT/TW@2023"),
    ("1102/CĐ-TTg", 2021, "1102/CD-TTG@2021"),
    ("15/CT-TTg", None, "15/CT-TTG@?"),
    ("80/2023/QH15", None, "80/2023/QH15@2023"),
    ("02-2021/BLĐTBXH", None, "02/2021/BLDTBXH@2021"),  # dash or slash before the year: one document
]


@pytest.mark.parametrize(("number", "year", "key"), KEYS)
def test_document_key_normalises_symbol_and_adds_year(number: str, year: int | None, key: str) -> None:
    assert document_key(number, year) == key


def test_spellings_of_one_document_share_one_key() -> None:
    spellings = ["1102/CĐ-TTg", "1102/CD-TTG", "1102 / cđ-ttg", "1102/CĐ–TTg"]
    assert {document_key(s, 2021) for s in spellings} == {"1102/CD-TTG@2021"}


def test_same_number_in_different_years_are_different_documents() -> None:
    assert document_key("15/CT-TTg", 2020) != document_key("15/CT-TTg", 2021)


@pytest.mark.parametrize(("key", "parts"), [("128/NQ-CP@2021", ("128/NQ-CP", 2021)),
                                            ("15/CT-TTG@?", ("15/CT-TTG", None))])
def test_split_key_inverts_document_key(key: str, parts: tuple[str, int | None]) -> None:
    assert split_key(key) == parts


@pytest.mark.parametrize(("type_name", "year", "number", "uri"), [
    ("Nghị quyết", 2021, "128/NQ-CP", "/vn/2021/nghi-quyet/128-nq-cp"),
    ("Nghị định", 2020, "30/2020/NĐ-CP", "/vn/2020/nghi-dinh/30-2020-nd-cp"),
    ("Chỉ thị", 2023, "25-CT/TW", "/vn/2023/chi-thi/25-ct-tw"),
    (None, None, "1234/BYT-MT", "/vn/unknown/van-ban/1234-byt-mt"),
])
def test_eli_uri_is_built_from_slugs(type_name: str | None, year: int | None, number: str, uri: str) -> None:
    assert eli_uri(type_name, year, number) == uri


def test_content_key_uses_sixteen_hex_digits() -> None:
    assert content_key("0123456789abcdef0123456789") == "sha:0123456789abcdef"


def test_symbol_key_folds_case_and_d_stroke() -> None:
    assert symbol_key("30/2020/nđ-cp") == "30/2020/ND-CP"
