"""Bodies named without their province inside a provincial document, lower-level local
government, and bodies the gazetteer does not list (read from the shape of their name)."""

from __future__ import annotations

import pytest
from danchieu.ingest.entities import EntityResult, find_entities
from danchieu.ingest.layout import ParsedLayout
from danchieu.ingest.models import DocumentInfo

from tests.unit.test_entities_helpers import names

NGHE_AN = "Ủy ban nhân dân tỉnh Nghệ An"


def ents_of(text: str, issuer: str | None) -> EntityResult:
    return find_entities(text, ParsedLayout(DocumentInfo(issuer=issuer)))


LOCAL = [
    # (issuer, sentence, agencies expected in order)
    (NGHE_AN, "Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư bố trí kinh phí.",
     ["Sở Tài chính tỉnh Nghệ An", "Sở Kế hoạch và Đầu tư tỉnh Nghệ An"]),
    (NGHE_AN, "Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các Sở: Y tế, Tài chính, Nội vụ chịu trách nhiệm thi hành.",
     ["Văn phòng Ủy ban nhân dân tỉnh Nghệ An", "Sở Y tế tỉnh Nghệ An", "Sở Tài chính tỉnh Nghệ An",
      "Sở Nội vụ tỉnh Nghệ An"]),
    ("Tỉnh ủy Thanh Hóa", "Ban Thường vụ Tỉnh ủy giao Văn phòng Tỉnh ủy theo dõi.",
     ["Ban Thường vụ Tỉnh ủy Thanh Hóa", "Văn phòng Tỉnh ủy Thanh Hóa"]),
    ("Ủy ban nhân dân thành phố Hà Nội", "Sở Xây dựng phối hợp với Ủy ban nhân dân Thành phố.",
     ["Sở Xây dựng thành phố Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"]),
    # the unit word must fit the province: "tỉnh" in a city's document is some other province
    ("Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân tỉnh có ý kiến.", []),
    # without a provincial issuer a local name names no one body
    ("Bộ Y tế", "Sở Y tế chủ trì thực hiện.", []),
    (None, "Sở Y tế chủ trì thực hiện.", []),
    # generic: plural, "tỉnh, thành phố", "cấp xã", "các tỉnh"
    (NGHE_AN, "các Sở Y tế và Ủy ban nhân dân tỉnh, thành phố; Ủy ban nhân dân cấp xã thực hiện.", []),
    # a lower-level body is a body of its own, named as written
    (NGHE_AN, "Chủ tịch Ủy ban nhân dân thành phố Vinh và Ủy ban nhân dân huyện Nghi Lộc báo cáo.",
     ["Ủy ban nhân dân thành phố Vinh", "Ủy ban nhân dân huyện Nghi Lộc"]),
    ("Tỉnh ủy Thanh Hóa", "Ủy ban nhân dân thành phố Sầm Sơn thực hiện thí điểm.",
     ["Ủy ban nhân dân thành phố Sầm Sơn"]),
    ("Ủy ban nhân dân tỉnh Quảng Ngãi", "Công an tỉnh chủ trì, phối hợp với Bảo hiểm xã hội tỉnh.",
     ["Công an tỉnh Quảng Ngãi", "Bảo hiểm xã hội tỉnh Quảng Ngãi"]),
]


@pytest.mark.parametrize(("issuer", "text", "expected"), LOCAL)
def test_local_names_are_the_bodies_of_the_documents_province(issuer: str | None, text: str,
                                                              expected: list[str]) -> None:
    assert names(ents_of(text, issuer).agencies) == expected


def test_province_enumeration_names_each_body_and_province() -> None:
    res = ents_of("Chủ tịch Ủy ban nhân dân các tỉnh: Quảng Ninh, Hải Phòng, Thái Bình chỉ đạo.", None)
    assert names(res.agencies) == ["Ủy ban nhân dân tỉnh Quảng Ninh", "Ủy ban nhân dân thành phố Hải Phòng",
                                   "Ủy ban nhân dân tỉnh Thái Bình"]
    assert names(res.provinces) == ["Quảng Ninh", "Hải Phòng", "Thái Bình"]


PERSONS = [
    (NGHE_AN, "Giám đốc Sở Y tế Dương Đình Chỉnh làm Tổ phó.", "Dương Đình Chỉnh", "Giám đốc Sở Y tế"),
    (NGHE_AN, "Tổ công tác do đồng chí Lê Hồng Vinh, Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh làm Tổ trưởng.",
     "Lê Hồng Vinh", "Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh"),
    ("Ủy ban nhân dân thành phố Hà Nội", "Tham dự có Phó Chủ tịch Ủy ban nhân dân Thành phố Dương Đức Tuấn.",
     "Dương Đức Tuấn", "Phó Chủ tịch Ủy ban nhân dân Thành phố"),
]


@pytest.mark.parametrize(("issuer", "text", "person", "title"), PERSONS)
def test_title_ending_in_a_local_body(issuer: str, text: str, person: str, title: str) -> None:
    res = ents_of(text, issuer)
    assert [(p.name, p.titles) for p in res.persons] == [(person, [title])]


def test_task_given_to_a_local_department() -> None:
    res = ents_of("Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư bố trí kinh phí.", NGHE_AN)
    assert [(a.assignee, a.task[:8]) for a in res.assignments] == [("Sở Tài chính tỉnh Nghệ An", "chủ trì,")]


UNKNOWN = [
    ("Bộ trưởng chủ trì cuộc họp với Ủy ban Chứng khoán Nhà nước.", ["Ủy ban Chứng khoán Nhà nước"]),
    ("phối hợp với Tổng cục Phòng, chống thiên tai và Ủy ban Quản lý lưu vực sông Mê Kông rà soát.",
     ["Tổng cục Phòng, chống thiên tai", "Ủy ban Quản lý lưu vực sông Mê Kông"]),
    ("Trung tâm Dự báo khí tượng thủy văn quốc gia cung cấp bản tin kịp thời.",
     ["Trung tâm Dự báo khí tượng thủy văn quốc gia"]),
    ("Giao Bộ Quốc phòng chỉ đạo Bộ Tư lệnh Quân khu 3 sẵn sàng lực lượng.",
     ["Bộ Quốc phòng", "Bộ Tư lệnh Quân khu 3"]),
    ("Theo đề nghị của Vụ trưởng Vụ Pháp chế;", ["Vụ Pháp chế"]),
    ("Báo cáo thẩm tra của Ban Kinh tế - Ngân sách; ý kiến của đại biểu.", ["Ban Kinh tế - Ngân sách"]),
    ("Ngân hàng Chính sách xã hội chi nhánh tỉnh cho vay ưu đãi.", ["Ngân hàng Chính sách xã hội"]),
    # the same name elsewhere in the document, ending at punctuation, ends a name read on too far
    ("Theo đề nghị của Cục trưởng Cục Quản lý giá;\nCục Quản lý giá hướng dẫn niêm yết giá.",
     ["Cục Quản lý giá"]),
    ("Tổng công ty Hàng không Việt Nam báo cáo.", ["Tổng công ty Hàng không Việt Nam"]),
    # a lower-case verb opens the predicate: it is not part of the name
    ("Viện Khoa học thủy lợi Việt Nam đáp ứng yêu cầu về nhân lực.", ["Viện Khoa học thủy lợi Việt Nam"]),
    ("Trung tâm Kiểm soát bệnh tật tiến hành giám sát dịch tễ.", ["Trung tâm Kiểm soát bệnh tật"]),
    # a province may end the name; it is a province of its own too
    ("Giao Sở Y tế phối hợp với Bệnh viện Đa khoa tỉnh Quảng Ngãi kết nối dữ liệu.",
     ["Bệnh viện Đa khoa tỉnh Quảng Ngãi"]),
]


@pytest.mark.parametrize(("text", "expected"), UNKNOWN)
def test_unlisted_body_read_from_its_name(text: str, expected: list[str]) -> None:
    assert names(ents_of(text, None).agencies) == expected


def test_a_body_name_cut_by_the_end_of_the_text_after_a_dash_is_read_without_error() -> None:
    # the last syllable follows a dash: there is no gap after it to look at
    assert names(ents_of("Báo cáo thẩm tra của Ban Kinh tế - Ngân", None).agencies) == ["Ban Kinh tế - Ngân"]


NOT_BODIES = [
    "Ban Chỉ đạo các cấp duy trì trực ban nghiêm túc.",
    "Ban Chỉ đạo phòng, chống dịch COVID-19 các cấp chủ động.",
    "Ban Chỉ huy Phòng thủ dân sự các cấp kiện toàn.",
    "Các bộ, ngành theo chức năng được giao phối hợp thực hiện.",
    "các Cục Thuế thực hiện.",
    "Thay thế cụm từ “Cục Hải quan tỉnh, thành phố” bằng cụm từ mới.",
    "Trung tâm Phục vụ hành chính công cấp tỉnh tiếp nhận hồ sơ.",
    "Công ty X nộp hồ sơ cho Bệnh viện A.",
    "Biểu số 203.N/LĐVL-Sở Tỷ lệ lao động đã qua đào tạo",
    "Trưởng Đại diện văn phòng tại Hà Nội",  # "Trưởng" (a chief) is not "Trường" (a school)
    "BAN CHỈ ĐẠO TỈNH NGHỆ AN",  # a heading in capitals
]


@pytest.mark.parametrize("text", NOT_BODIES)
def test_kinds_of_bodies_are_not_bodies(text: str) -> None:
    assert ents_of(text, None).agencies == []
