"""Signature blocks: formulas, positions, names, several signers; stamps are never signers."""

from __future__ import annotations

import pytest
from danchieu.ingest import layout, normalize
from danchieu.ingest.signature import match_formula, person_name

BODY = "VĂN PHÒNG CHÍNH PHỦ\nSố: 12/TB-VPCP\nTHÔNG BÁO\nVề việc thử\n\nNội dung thông báo được thực hiện./.\n"

BLOCKS = [
    ("KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\n\nNguyễn Sỹ Hiệp",
     [("Nguyễn Sỹ Hiệp", "Phó Chủ nhiệm", "KT. Bộ trưởng, Chủ nhiệm")]),
    ("TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n(Đã ký)\nTrần Hồng Hà",
     [("Trần Hồng Hà", "Phó Thủ tướng", "TM. Chính phủ, KT. Thủ tướng")]),
    ("T/M ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Ánh Dương",
     [("Lê Ánh Dương", "Chủ tịch", "TM. Ủy ban nhân dân")]),
    ("CHÁNH VĂN PHÒNG\nĐã ký: Lê Minh Hưng", [("Lê Minh Hưng", "Chánh văn phòng", None)]),
    ("TL. BỘ TRƯỞNG\nVỤ TRƯỞNG VỤ PHÁP CHẾ\nNguyễn Văn An",
     [("Nguyễn Văn An", "Vụ trưởng vụ pháp chế", "TL. Bộ trưởng")]),
    # liên tịch: several signers, a formula whose office runs over two lines, a rank before a name
    (("KT. BỘ TRƯỞNG BỘ CÔNG AN\nTHỨ TRƯỞNG\nTrung tướng Nguyễn Duy Ngọc\n"
     "KT. BỘ TRƯỞNG\nBỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nTHỨ TRƯỞNG\nNguyễn Thị Hà"),
     [("Nguyễn Duy Ngọc", "Thứ trưởng", "KT. Bộ trưởng Bộ Công an"),
      ("Nguyễn Thị Hà", "Thứ trưởng", "KT. Bộ trưởng Bộ Lao động - Thương binh và Xã hội")]),
]


@pytest.mark.parametrize(("block", "expected"), BLOCKS)
def test_signature_block(block: str, expected) -> None:
    text = normalize.normalize(BODY + block).text
    parsed = layout.parse(text)
    got = [(s.name, s.position, s.capacity) for s in parsed.signers]
    assert [(n, (p or "").lower(), c and c.lower()) for n, p, c in got] == [
        (n, (p or "").lower(), c and c.lower()) for n, p, c in expected]
    for signer in parsed.signers:  # evidence points at the name in the normalised text
        assert signer.evidence is not None
        assert text[signer.evidence.start:signer.evidence.end] == signer.name


def test_e_signature_stamp_is_never_a_signer() -> None:
    raw = (BODY + "Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\nEmail: thongtinchinhphu@chinhphu.vn\n"
           "Cơ quan: VĂN PHÒNG CHÍNH PHỦ\nThời gian ký: 07.01.2025 16:32:41 +07:00\n"
           "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Thị Bích Ngọc")
    parsed = layout.parse(normalize.normalize(raw).text)
    assert [s.name for s in parsed.signers] == ["Nguyễn Thị Bích Ngọc"]


@pytest.mark.parametrize(("line", "expected"), [
    ("KT. BỘ TRƯỞNG", ("KT.", "BỘ TRƯỞNG")),
    ("K.T BỘ TRƯỞNG", ("KT.", "BỘ TRƯỞNG")),
    ("T/M CHÍNH PHỦ", ("TM.", "CHÍNH PHỦ")),
    ("TUQ. CHỦ TỊCH", ("TUQ.", "CHỦ TỊCH")),
    ("Q. GIÁM ĐỐC", ("Q.", "GIÁM ĐỐC")),
    ("Kế hoạch năm 2021", None),
])
def test_signing_formula(line: str, expected) -> None:
    assert match_formula(line) == expected


@pytest.mark.parametrize(("line", "name"), [
    ("Nguyễn Sỹ Hiệp", "Nguyễn Sỹ Hiệp"),
    ("Đã ký: Lê Minh Hưng", "Lê Minh Hưng"),
    ("Thượng tướng Võ Minh Lương", "Võ Minh Lương"),
    ("PHÓ CHỦ NHIỆM", None),
    ("Lưu: VT, KGVX", None),
])
def test_person_name_line(line: str, name: str | None) -> None:
    assert person_name(line) == name


def test_two_signers_side_by_side_in_layout_text() -> None:
    raw = (BODY + "KT. CHÁNH ÁN                                   KT. VIỆN TRƯỞNG\n"
           "TÒA ÁN NHÂN DÂN TỐI CAO                        VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO\n"
           "PHÓ CHÁNH ÁN                                   PHÓ VIỆN TRƯỞNG\n\n"
           "Nguyễn Trí Tuệ                                 Nguyễn Duy Giảng\n")
    parsed = layout.parse(normalize.normalize(raw).text)
    assert [(s.name, s.position, s.capacity) for s in parsed.signers] == [
        ("Nguyễn Trí Tuệ", "Phó Chánh án", "KT. Chánh án Tòa án nhân dân tối cao"),
        ("Nguyễn Duy Giảng", "Phó Viện trưởng", "KT. Viện trưởng Viện kiểm sát nhân dân tối cao"),
    ]
