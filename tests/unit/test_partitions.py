"""Partitioned extraction output (``ingest/partitions.py``): what is written is what is read back.

Documents are extracted once from the repository's own seeds (``data/seeds``), then written and read
in several shapes; a directory that is not a whole output is refused with a clear error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from danchieu.ingest.minhash import signature
from danchieu.ingest.models import ExtractedDocument
from danchieu.ingest.partitions import (
    MANIFEST,
    PartitionWriter,
    checked_parts,
    is_partitioned,
    read_documents,
    read_entries,
    read_manifest,
    read_part,
)
from danchieu.ingest.pipeline import extract_file

from danchieu.errors import PartitionError
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seeds() -> list[tuple[Path, ExtractedDocument]]:
    return [(p, extract_file(p)) for p in sorted(SEEDS.glob("*.txt"))]


def _write(out: Path, seeds, per_part: int = 2) -> None:
    with PartitionWriter(out, per_part=per_part, engine="test") as writer:
        for path, doc in seeds:
            writer.add(path, doc)
        writer.fail("broken.pdf", "unreadable: not a PDF")


def test_from_json_inverts_to_json(seeds) -> None:
    for _, doc in seeds:
        assert ExtractedDocument.from_json(doc.to_json()) == doc
        assert ExtractedDocument.from_json(json.loads(json.dumps(doc.to_json(), ensure_ascii=False))) == doc


def test_from_json_without_text_gives_an_empty_text(seeds) -> None:
    doc = seeds[0][1]
    back = ExtractedDocument.from_json(doc.to_json(include_text=False))
    assert back.text == "" and back.citations == doc.citations and back.document == doc.document


def test_from_json_refuses_an_unknown_field(seeds) -> None:
    data = seeds[0][1].to_json() | {"not_a_field": 1}
    with pytest.raises(ValueError, match="not_a_field"):
        ExtractedDocument.from_json(data)
    nested = seeds[0][1].to_json()
    nested["citations"][0]["mentions"][0]["also_not_a_field"] = 1  # deep in the document: refused the same way
    with pytest.raises(ValueError, match="Evidence: unknown field.*also_not_a_field"):
        ExtractedDocument.from_json(nested)


def test_documents_come_back_equal_and_in_order_across_parts(tmp_path: Path, seeds) -> None:
    _write(tmp_path, seeds, per_part=2)
    assert sorted(p.name for p in tmp_path.glob("part-*.jsonl")) == ["part-00000.jsonl", "part-00001.jsonl",
                                                                    "part-00002.jsonl"][: (len(seeds) + 1) // 2]
    assert list(read_documents(tmp_path)) == [doc for _, doc in seeds]
    assert [p for p, _ in read_entries(tmp_path)] == [str(p) for p, _ in seeds]


def test_the_manifest_counts_documents_and_lists_failures_with_their_reason(tmp_path: Path, seeds) -> None:
    _write(tmp_path, seeds)
    m = read_manifest(tmp_path)
    assert m.documents == len(seeds) == sum(p["documents"] for p in m.parts)
    assert m.characters == sum(len(d.text) for _, d in seeds)
    assert m.citations == sum(len(d.citations) for _, d in seeds)
    assert m.failed == [("broken.pdf", "unreadable: not a PDF")]
    assert m.engine == "test" and is_partitioned(tmp_path)


def test_a_run_that_did_not_finish_leaves_no_manifest_and_is_refused(tmp_path: Path, seeds) -> None:
    with pytest.raises(RuntimeError):
        with PartitionWriter(tmp_path, per_part=1) as writer:
            writer.add(seeds[0][0], seeds[0][1])
            raise RuntimeError("killed")
    assert not (tmp_path / MANIFEST).exists() and not is_partitioned(tmp_path)
    with pytest.raises(PartitionError, match="no manifest.json"):
        list(read_documents(tmp_path))


def test_a_truncated_part_is_refused_not_half_read(tmp_path: Path, seeds) -> None:
    _write(tmp_path, seeds, per_part=len(seeds))
    part = tmp_path / "part-00000.jsonl"
    part.write_text("".join(part.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")
    documents = read_documents(tmp_path)
    with pytest.raises(PartitionError, match="the manifest says"):
        next(documents)  # refused before the first document, not after the last whole line


def test_a_new_run_removes_the_parts_of_an_earlier_bigger_one(tmp_path: Path, seeds) -> None:
    _write(tmp_path, seeds, per_part=1)
    _write(tmp_path, seeds[:1], per_part=1)
    assert [p.name for p in tmp_path.glob("part-*")] == ["part-00000.jsonl"]
    assert list(read_documents(tmp_path)) == [seeds[0][1]]


def test_each_line_carries_its_texts_signature(tmp_path: Path, seeds) -> None:
    """The loaders read the MinHash from the line instead of computing it again: it must be the text's."""
    _write(tmp_path, seeds, per_part=2)
    entries = [entry for part, expected in checked_parts(tmp_path) for entry in read_part(part, expected)]
    assert [doc for _, doc, _ in entries] == [doc for _, doc in seeds]
    assert [sig for _, _, sig in entries] == [signature(doc.text) for _, doc in seeds]


def test_a_line_written_without_a_signature_reads_as_none_and_a_malformed_one_is_refused(tmp_path: Path,
                                                                                        seeds) -> None:
    _write(tmp_path, seeds[:1], per_part=1)
    part = tmp_path / "part-00000.jsonl"
    entry = json.loads(part.read_text(encoding="utf-8"))
    for signed, outcome in ((None, "none"), ({**entry["signature"], "lsh": ["0:00"]}, "refused")):
        line = {k: v for k, v in entry.items() if k != "signature"} | ({"signature": signed} if signed else {})
        part.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
        if outcome == "none":
            assert [sig for _, _, sig in read_part(part, 1)] == [None]
        else:
            with pytest.raises(PartitionError, match="not a MinHash signature"):
                list(read_part(part, 1))


@pytest.mark.parametrize("damage", [b"\xff\xfe not UTF-8\n", b'{"path": "a.txt", "document": {\n'])
def test_a_line_that_is_not_a_document_is_refused_with_its_number(tmp_path: Path, seeds, damage: bytes) -> None:
    """A part damaged after it was written (bytes that are not UTF-8, a line cut short) names the line."""
    _write(tmp_path, seeds[:2], per_part=2)
    part = tmp_path / "part-00000.jsonl"
    first = part.read_bytes().splitlines(keepends=True)[0]
    part.write_bytes(first + damage)
    with pytest.raises(PartitionError, match=r"part-00000.jsonl:2: not a document"):
        list(read_part(part, 2))


def test_a_line_the_fast_decoder_refuses_is_read_as_from_json_reads_it(tmp_path: Path, seeds) -> None:
    """Lines are decoded by msgspec, stricter about types than ``from_json``; what it refuses (a text-less
    document, a year written as a string) comes back as ``from_json`` gives it, or refused with its number."""
    _write(tmp_path, seeds[:1], per_part=1)
    part = tmp_path / "part-00000.jsonl"
    entry = json.loads(part.read_text(encoding="utf-8"))
    doc = entry["document"]
    lenient = {**doc, "citations": [{**c, "year": str(c["year"])} for c in doc["citations"]]}
    textless = {k: v for k, v in doc.items() if k != "text"}
    broken = {**doc, "citations": [{"number": "1/QĐ"}]}  # no key: from_json refuses it too
    for variant in (lenient, textless, broken):
        part.write_text(json.dumps({**entry, "document": variant}, ensure_ascii=False) + "\n", encoding="utf-8")
        if variant is broken:
            with pytest.raises(PartitionError, match=r"part-00000.jsonl:1: not a document"):
                list(read_part(part, 1))
        else:
            assert [d for _, d, _ in read_part(part, 1)] == [ExtractedDocument.from_json(variant)]


def test_an_output_written_with_other_document_fields_is_refused_as_a_whole(tmp_path: Path, seeds) -> None:
    """The decoder ignores a key it does not know, so the manifest names the fields the lines were written
    with; an output of other fields is refused before a line is read. One without the name (written before
    the manifest carried it) is read."""
    _write(tmp_path, seeds[:1], per_part=1)
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    (tmp_path / MANIFEST).write_text(json.dumps({**manifest, "fields": "0" * 16}), encoding="utf-8")
    with pytest.raises(PartitionError, match="other document fields"):
        list(read_documents(tmp_path))
    (tmp_path / MANIFEST).write_text(json.dumps({k: v for k, v in manifest.items() if k != "fields"}),
                                     encoding="utf-8")
    assert list(read_documents(tmp_path)) == [seeds[0][1]]
