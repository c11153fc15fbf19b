"""Issuer names in citations: the longest known body wins, "và" inside a name keeps it whole, and a
list of issuers is split only where every part is a body (issue 17)."""

from __future__ import annotations

import pytest
from danchieu.ingest.citations import find_citations, read_issuer
from danchieu.ingest.issuer_names import same_issuer, split_bodies
from danchieu.ingest.layout import ParsedLayout
from danchieu.ingest.models import DocumentInfo

# (what follows "của", the issuer read)
READ_CASES = [
    ("Bộ Lao động - Thương binh và Xã hội về việc hướng dẫn", "Bộ Lao động - Thương binh và Xã hội"),
    ("Bộ Lao động, Thương binh và Xã hội quy định", "Bộ Lao động - Thương binh và Xã hội"),
    ("Bộ Kế hoạch và Đầu tư về việc ban hành", "Bộ Kế hoạch và Đầu tư"),
    ("Bộ Tài nguyên và Môi trường;", "Bộ Tài nguyên và Môi trường"),
    ("Bộ Nông nghiệp và Phát triển nông thôn về", "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("Bộ Khoa học và Công nghệ hướng dẫn", "Bộ Khoa học và Công nghệ"),
    ("Bộ Văn hoá, Thể thao và Du lịch về", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("Bộ Giáo dục và Đào tạo.", "Bộ Giáo dục và Đào tạo"),
    ("Bộ trưởng Bộ Y tế quy định", "Bộ Y tế"),
    ("Ủy ban nhân dân tỉnh Bắc Giang về", "Ủy ban nhân dân tỉnh Bắc Giang"),
    ("Chính phủ và các văn bản hướng dẫn", "Chính phủ"),
    ("Thủ tướng Chính phủ về", "Thủ tướng Chính phủ"),
    # coordinated issuers: split where both sides are bodies, written as the graph writes joint issuers
    ("Bộ Tài chính và Bộ Y tế hướng dẫn", "Bộ Tài chính - Bộ Y tế"),
    ("Bộ Tài chính, Bộ Y tế và Bộ Công an quy định", "Bộ Tài chính - Bộ Y tế - Bộ Công an"),
    ("Bộ Kế hoạch và Đầu tư và Bộ Tài chính về", "Bộ Kế hoạch và Đầu tư - Bộ Tài chính"),
    # a body the data files do not list: "và" goes on inside a name, ends it before a body or a document
    ("Cục Đổi mới sáng tạo và Khuyến công về việc", "Cục Đổi mới sáng tạo và Khuyến công"),
    ("Cục Hàng hải Việt Nam và Thông tư số 5", "Cục Hàng hải Việt Nam"),
    ("Sở Y tế và Sở Tài chính về", "Sở Y tế"),
    ("các bộ, ngành liên quan", None),
]


@pytest.mark.parametrize("after,issuer", READ_CASES)
def test_the_issuer_after_cua_is_read_whole(after, issuer):
    assert read_issuer(after)[0] == issuer


# (issuer printed, issuer of the record, the same?)
SAME_CASES = [
    ("Bộ Lao động, Thương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội", True),
    ("Bộ Văn hoá, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch", True),
    ("Ngân hàng Nhà nước", "Ngân hàng Nhà nước Việt Nam", True),
    ("Bộ Y tế - Bộ Tài chính", "Bộ Tài chính - Bộ Y tế", True),
    ("Bộ Tài chính", "Bộ Tài chính - Bộ Y tế", False),
    ("Bộ Kế hoạch", "Bộ Kế hoạch và Đầu tư", False),
    ("Quốc hội", "Chính phủ", False),
]


@pytest.mark.parametrize("cited,record,same", SAME_CASES)
def test_issuers_compare_as_sets_of_known_bodies(cited, record, same):
    assert same_issuer(cited, record) is same


def test_a_name_that_lists_no_known_body_does_not_split():
    assert split_bodies("Đơn vị báo cáo") is None
    assert split_bodies("Bộ Kế hoạch và Đầu tư") == ["Bộ Kế hoạch và Đầu tư"]


def test_the_extracted_citation_carries_the_whole_issuer():
    text = ("Căn cứ Quyết định số 15/QĐ-UBND ngày 05/3/2021 của Ủy ban nhân dân tỉnh Bắc Giang; căn cứ Thông tư "
            "liên tịch số 12/2020/TTLT-BTC-BYT ngày 09/9/2020 của Bộ Tài chính và Bộ Y tế về kinh phí;")
    cits = find_citations(text, ParsedLayout(document=DocumentInfo())).citations
    assert [c.issuer for c in cits] == ["Ủy ban nhân dân tỉnh Bắc Giang", "Bộ Tài chính - Bộ Y tế"]
