"""Issue 14 item 7: a file mixing UTF-8 lines and lines in a legacy encoding (a TCVN3 or VNI file
pasted into a UTF-8 one) used to become half mojibake. Each line is now read in its own encoding,
and the document says so in its warnings. The sentences are written for this test."""

from __future__ import annotations

import pytest
from danchieu.ingest import read
from danchieu.ingest.encodings import unicode_to_tcvn3, unicode_to_vni
from danchieu.ingest.pipeline import extract_file

UTF8_LINES = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/TB-VPCP", "THÔNG BÁO"]
LEGACY_LINES = ["Căn cứ Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ về thích ứng an toàn;",
                "Bộ Y tế chủ trì, phối hợp với các địa phương tổ chức thực hiện.",
                "Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện."]


def _mixed_file(tmp_path, encode, legacy_lines=LEGACY_LINES):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"".join(line.encode("utf-8") + b"\n" for line in UTF8_LINES)
                     + b"".join(encode(line) + b"\n" for line in legacy_lines))
    return path


@pytest.mark.parametrize(("encode", "name"), [(unicode_to_tcvn3, "tcvn3"), (unicode_to_vni, "vni")])
def test_each_line_is_read_in_its_own_encoding(tmp_path, encode, name):
    raw = read.read_file(_mixed_file(tmp_path, encode))
    assert raw.text.splitlines() == UTF8_LINES + LEGACY_LINES
    assert raw.encoding == f"mixed:utf-8+{name}"


def test_the_legacy_lines_are_extracted_and_the_document_says_the_file_was_mixed(tmp_path):
    doc = extract_file(_mixed_file(tmp_path, unicode_to_tcvn3))
    assert "128/NQ-CP" in [c.number for c in doc.citations]  # read from a TCVN3 line
    assert "Bộ Y tế" in [a.name for a in doc.agencies]
    warning = next(w for w in doc.warnings if w.startswith("mixed encodings:"))
    assert "3 line(s) are UTF-8 and 3 are tcvn3; each line was decoded in its own encoding" in warning


def test_a_line_holding_both_encodings_is_read_as_the_legacy_one_and_the_warning_counts_it(tmp_path):
    both = "Bộ Tài chính ".encode("utf-8") + unicode_to_tcvn3("chủ trì thực hiện")
    path = _mixed_file(tmp_path, unicode_to_tcvn3)
    path.write_bytes(path.read_bytes() + both + b"\n")
    raw = read.read_file(path)
    assert raw.text.splitlines()[:6] == UTF8_LINES + LEGACY_LINES  # the clean lines are whole
    assert raw.text.splitlines()[6].endswith("chủ trì thực hiện")  # the legacy part of the ambiguous line
    warning = next(w for w in extract_file(path).warnings if w.startswith("mixed encodings:"))
    assert "1 line(s) hold both and were read as tcvn3, so part of them may be garbled" in warning


def test_a_file_in_one_encoding_is_not_called_mixed(tmp_path):
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(b"".join(unicode_to_tcvn3(line) + b"\n" for line in LEGACY_LINES))
    raw = read.read_file(path)
    assert raw.encoding == "tcvn3" and raw.text.splitlines() == LEGACY_LINES
    assert not any(w.startswith("mixed") for w in extract_file(path).warnings)
