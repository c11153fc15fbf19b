"""The whole Công báo corpus: every file reads, and yields its own number and type.

The gazette's printed number is in ``index.tsv`` (``luat-so-51-2024-qh15-43559`` → 51/2024/QH15).
A few files hold only a continuation page (a signature, an annex) that never prints the number;
they are listed by the test rather than hidden, and must stay few.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

import pytest
from danchieu.ingest import layout, normalize, read
from danchieu.ingest.textutil import fold

from tests.conftest import SHARED, shared

GAZETTE = SHARED / "corpus" / "gazette"
pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Expected:
    type_slug: str  # "luat", "thong-tu", "van-ban-hop-nhat"
    number_key: str  # "51-2024-qh15"


def _key(number: str) -> str:
    """Comparable number: folded, separators as "-", sub-number dots and leading zeros dropped."""
    key = fold(number.replace(".", "")).replace("/", "-").replace(" ", "-")
    return re.sub(r"^0+(?=\d)", "", key)


def _expected(so_hieu: str) -> Expected:
    m = re.match(r"^(.*?)\s+số\s+(\S+)$", so_hieu)  # "Nghị định số 200/2026/NĐ-CP"
    if m:
        return Expected(fold(m.group(1)).replace(" ", "-"), _key(m.group(2)))
    m = re.match(r"^(.*?)-so-(.*)-\d+$", so_hieu)  # "luat-so-51-2024-qh15-43559"
    assert m, so_hieu
    return Expected(m.group(1), _key(m.group(2)))


def _prints_its_number(raw_text: str, key: str) -> bool:
    """Whether the text prints the number with its next part ("14/VBHN", "51/2024"), not just "14/"."""
    tokens = key.split("-")
    number, following = tokens[0], tokens[1] if len(tokens) > 1 else ""
    if len(number) > 2 and number.isdigit():  # "66.16/2026/NQ-CP" is indexed as 6616
        number = rf"(?:{number}|{number[:-2]}\s{number[-2:]})"
    pattern = rf"(?<![\d/])0*{number}(?:\s*/\s*|\s+){re.escape(following)}(?![a-z0-9])"
    return re.search(pattern, fold(raw_text)) is not None


@pytest.fixture(scope="module")
def results() -> list[tuple[str, Expected, str, layout.ParsedLayout, str]]:
    with open(shared("corpus", "gazette", "index.tsv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out = []
    for row in rows:
        raw = read.read_file(GAZETTE / row["file"])
        norm = normalize.normalize(raw.text)
        out.append((row["file"], _expected(row["so_hieu"]), raw.text, layout.parse(norm.text), norm.text))
    return out


def test_every_file_reads_without_a_crash(results) -> None:
    assert len(results) == 398


def test_every_file_yields_its_own_number_and_type(results) -> None:
    wrong, unprinted = [], []
    for name, want, raw_text, parsed, _ in results:
        if not _prints_its_number(raw_text, want.number_key):
            unprinted.append(name)
            continue
        doc = parsed.document
        got_type = fold(doc.type or "").replace(" ", "-")
        # the gazette files the Bộ luật Lao động 45/2019/QH14 under "nghị quyết"; the text says Bộ luật
        type_ok = got_type == want.type_slug or (want.number_key.endswith("qh14") and got_type == "bo-luat")
        if _key(doc.number or "") != want.number_key or not type_ok:
            wrong.append((name, doc.number, doc.type))
    assert wrong == []
    assert len(unprinted) <= 12, unprinted  # continuation pages only: see the module docstring


def test_the_e_signature_stamp_is_never_a_signer(results) -> None:
    for name, _, _, parsed, _ in results:
        assert all("cong thong tin" not in fold(s.name) and "cong bao" not in fold(s.name)
                   for s in parsed.signers), name


def test_page_heads_and_stamps_are_gone_from_the_text(results) -> None:
    head = re.compile(r"CÔNG BÁO\s*/\s*Số|^Người ký:|^Ký bởi:", re.MULTILINE)
    for name, _, _, _, text in results:
        assert not head.search(text), name


def test_most_documents_have_a_signer(results) -> None:
    with_signer = sum(1 for *_, parsed, _ in results if parsed.signers)
    assert with_signer >= 0.9 * len(results)
