"""Assignments: who is tasked with what, with the task sentence as evidence."""

from __future__ import annotations

import pytest

from tests.unit.test_entities_helpers import ents

ASSIGNMENTS = [
    ("Giao Bộ Y tế khẩn trương rà soát danh mục.", [("Bộ Y tế", "agency", "khẩn trương rà soát danh mục")]),
    ("- Bộ Kế hoạch và Đầu tư hoàn thành Chương trình phục hồi.",
     [("Bộ Kế hoạch và Đầu tư", "agency", "hoàn thành Chương trình phục hồi")]),
    ("5.3. Bộ Lao động - Thương binh và Xã hội chủ trì xây dựng chính sách.",
     [("Bộ Lao động - Thương binh và Xã hội", "agency", "chủ trì xây dựng chính sách")]),
    ("5.2. Bộ Y tế: (1) Chủ trì tổng kết;", [("Bộ Y tế", "agency", "(1) Chủ trì tổng kết")]),
    ("Giao Phó Thủ tướng Chính phủ Lê Văn Tám chỉ đạo Bộ Y tế.",
     [("Lê Văn Tám", "person", "chỉ đạo Bộ Y tế")]),
    ("- Các Bộ: Y tế, Công an chủ động phối hợp với 2 tỉnh.",
     [("Bộ Y tế", "agency", "chủ động phối hợp với 2 tỉnh"), ("Bộ Công an", "agency", "chủ động phối hợp với 2 tỉnh")]),
    # bodies joined by "và" share the task after the last one
    ("3. Ủy ban nhân dân huyện Bình Sơn và Ủy ban nhân dân thị xã Đức Phổ bố trí nguồn lực.",
     [("Ủy ban nhân dân huyện Bình Sơn", "agency", "bố trí nguồn lực"),
      ("Ủy ban nhân dân thị xã Đức Phổ", "agency", "bố trí nguồn lực")]),
    ("Đề nghị Bộ Tài chính, Bộ Tư pháp sớm có ý kiến.",
     [("Bộ Tài chính", "agency", "sớm có ý kiến"), ("Bộ Tư pháp", "agency", "sớm có ý kiến")]),
]


@pytest.mark.parametrize(("text", "expected"), ASSIGNMENTS)
def test_assignment_found_with_task(text: str, expected: list[tuple[str, str, str]]) -> None:
    got = [(a.assignee, a.assignee_kind, a.task) for a in ents(text).assignments]
    assert got == expected


@pytest.mark.parametrize("text", [
    "Văn phòng Chính phủ thông báo để các Bộ, cơ quan biết, thực hiện./.",
    "theo hướng dẫn của Bộ Y tế là cơ bản.",
    "Tham dự cuộc họp có Bộ trưởng Bộ Y tế Nguyễn Thanh Long.",
    "phối hợp với Bộ Tài chính và Bộ Tư pháp bố trí kinh phí.",  # neither opens the clause
])
def test_no_assignment_without_a_task(text: str) -> None:
    assert ents(text).assignments == []


def test_assignment_evidence_points_at_the_assignee() -> None:
    text = "Giao Bộ Y tế khẩn trương rà soát."
    (a,) = ents(text).assignments
    assert a.evidence is not None and a.assignee_key == "agency:bo-y-te"
    assert text[a.evidence.start:a.evidence.end] == "Bộ Y tế"
