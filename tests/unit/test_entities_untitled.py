"""Persons without a title in front, agency names that pass the validity check, codes and aliases."""

from __future__ import annotations

import pytest
import yaml
from danchieu.ingest.entities.bodies import valid_name
from danchieu.ingest.entities.gazetteer import DATA_DIR, abbreviation_index, agency_by_alias, load_data
from danchieu.ingest.entities.provinces import (
    all_provinces,
    province_by_alias,
    province_by_key,
    province_key,
    surface_forms,
)
from danchieu.ingest.entities.titles import title_trie
from danchieu.ingest.entities.tokens import tokenize
from danchieu.ingest.nlp import pipeline
from danchieu.ingest.textutil import fold

# (text, persons that must be found, names that must not be persons)
UNTITLED = [
    ("Điều 2. Thành lập Đoàn kiểm tra, gồm:\n1. Ông: Hoàng Văn Thuận - Phó Giám đốc Sở, Trưởng đoàn;\n"
     "2. Bà: Nguyễn Thị Loan - Chuyên viên, Thành viên;", {"Hoàng Văn Thuận", "Nguyễn Thị Loan"}, set()),
    ("Dự họp có các Thứ trưởng: Vũ Chiến Thắng, Trương Hải Long, Cao Huy.",
     {"Vũ Chiến Thắng", "Trương Hải Long", "Cao Huy"}, set()),
    ("Nội dung bài viết.\n\nTác giả: T Kiên\n\nTheo Cổng thông tin điện tử", {"T Kiên"}, set()),
    ("Lãnh đạo các Bệnh viện: Hữu nghị Việt Đức, Bạch Mai dự họp.", set(), {"Bạch Mai"}),
    ("Địa chỉ: 17 Nguyễn Gia Thiều, phường Võ Thị Sáu.", set(), {"Nguyễn Gia Thiều"}),
    ("i) Vương quốc Thái Lan: THA", set(), {"Thái Lan"}),
    ("các cụm công nghiệp Châu Quế, Mông Sơn, Âu Lâu đạt 80%.", set(), {"Châu Quế", "Mông Sơn", "Âu Lâu"}),
]


@pytest.mark.parametrize(("text", "found", "not_found"), UNTITLED)
def test_names_without_a_title_are_persons_only_where_they_are_people(
        text: str, found: set[str], not_found: set[str]) -> None:
    persons = {e.text for e in pipeline()(text).ents if e.label_ == "PERSON"}
    assert found <= persons
    assert not (not_found & persons)


# (text, agency names that must be found)
BODIES = [
    ("Phối hợp với Vụ Khoa học công nghệ, Đào tạo và Môi trường, Trung tâm Chuyển đổi số Văn hóa, Thể thao và "
     "Du lịch trong việc nhập liệu.",
     {"Vụ Khoa học công nghệ, Đào tạo và Môi trường", "Trung tâm Chuyển đổi số Văn hóa, Thể thao và Du lịch"}),
    ("Kính gửi: Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam.",
     {"Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam"}),
    ("Vụ Cải cách hành chính hoàn thành 13/13 nhiệm vụ; Vụ Tổ chức biên chế 08/08 nhiệm vụ.",
     {"Vụ Cải cách hành chính", "Vụ Tổ chức biên chế"}),
    ("Bộ Ngoại giao thúc đẩy sớm họp Uỷ ban Liên Chính phủ Việt Nam- Trung Quốc về các dự án.",
     {"Uỷ ban Liên Chính phủ Việt Nam- Trung Quốc"}),
    ("các đơn vị như Cổng thông tin điện tử Bộ Nội vụ, Báo Dân trí, Tạp chí Tổ chức nhà nước và Lao động, cần",
     {"Cổng thông tin điện tử Bộ Nội vụ", "Báo Dân trí", "Tạp chí Tổ chức nhà nước và Lao động"}),
]


@pytest.mark.parametrize(("text", "found"), BODIES)
def test_bodies_are_read_whole(text: str, found: set[str]) -> None:
    agencies = {e.text for e in pipeline()(text).ents if e.label_ == "AGENCY"}
    assert found <= agencies


@pytest.mark.parametrize("name", ["Và xã Hội", "Đơn vị báo cáo……", "Thanh tra Bộ Năm 50", "Ban Chỉ đạo chủ trì"])
def test_debris_never_passes_the_validity_check(name: str) -> None:
    assert not valid_name(name)


def test_every_issuer_code_is_an_alias_of_its_agency_or_a_kind_of_body() -> None:
    rows = yaml.safe_load((DATA_DIR.parent / "codes" / "issuers.yaml").read_text(encoding="utf-8"))["issuers"]
    local = load_data("provincial_bodies.yaml")
    kinds = {t["head"].replace("{party_committee}", c).casefold()
             for t in local["templates"] for c in local["party_committee"].values()}
    kinds |= {"đảng ủy", "ban cán sự đảng", "đảng đoàn"}  # Party organs every body has
    kinds |= {g.casefold() for g in load_data("body_heads.yaml")["generic"] + load_data("body_heads.yaml")["heads"]}
    for row in rows:
        rec = agency_by_alias(row["code"])
        if rec is not None:
            assert agency_by_alias(row["name"]) == rec, row
            continue
        # the office of a person ("Thủ tướng Chính phủ") or a kind of body ("Ủy ban nhân dân")
        probe = tokenize(row["name"])
        office = title_trie().longest_at(probe, 0)
        assert (office is not None and office.last == len(probe) - 1) or row["name"].casefold() in kinds, row


def test_an_issuer_code_in_a_text_is_a_mention_of_its_agency() -> None:
    assert abbreviation_index()["BTC"] == "agency:bo-tai-chinh"
    assert "agency:bo-tai-chinh" in {e.kb_id_ for e in pipeline()("Đề nghị BTC có ý kiến.").ents}


@pytest.mark.parametrize(("query", "key"), [("TP HCM", "province:ho-chi-minh"), ("TP.HCM", "province:ho-chi-minh"),
                                            ("HN", "province:ha-noi"), ("ĐN", "province:da-nang"),
                                            ("Phú Thọ", "province:phu-tho"), ("tay ninh", "province:tay-ninh")])
def test_province_abbreviations_resolve(query: str, key: str) -> None:
    assert province_by_alias(query).key == key


def _first_by_scan(query: str):
    """What province_by_alias answered before its index: the first province, in data order, one of whose
    spellings equals the query folded and without spaces."""
    squeeze = fold(" ".join(query.split())).replace(" ", "")
    for rec in all_provinces():
        forms = [rec.name, rec.short_name, *rec.variants, *rec.abbreviations, *surface_forms(rec)]
        if any(squeeze == fold(f).replace(" ", "") for f in forms):
            return rec
    return province_by_key().get(province_key(" ".join(query.split())))


def test_the_alias_index_answers_as_a_scan_of_every_spelling() -> None:
    queries = ["", " ", "xyz", "Bộ Tài chính", "province:ha-noi", "tỉnh  Bắc   Giang", "THANH PHO HUE"]
    for rec in all_provinces():
        for f in (rec.name, rec.short_name, *rec.variants, *rec.abbreviations, *surface_forms(rec)):
            queries += [f, f.upper(), fold(f), fold(f).replace(" ", ""), f"  {f} "]
    for q in queries:
        assert province_by_alias(q) == _first_by_scan(q), q


def test_every_province_old_and_new_has_its_name() -> None:
    for rec in all_provinces():
        assert rec.name
        if rec.merged_into:
            assert province_by_key()[rec.merged_into].name


def test_place_date_line_in_a_table_cell_is_not_a_mention() -> None:
    doc = pipeline()("Số: 07/CT-TTg\tHà Nội, ngày 02 tháng 03 năm 2012\nCHỈ THỊ\nVề việc tăng cường quản lý.")
    assert not [e for e in doc.ents if e.label_ == "PROVINCE"]
