"""``ExtractedDocument.from_json`` inverts ``to_json`` on every document of the seeds and the dev set,
directly and through partitioned JSON lines (what the Dask engine and the bulk importer exchange).

Without ``../shared`` the test skips locally and fails when ``CI`` is set.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from danchieu.ingest.batch import extract_batch
from danchieu.ingest.models import ExtractedDocument
from danchieu.ingest.partitions import PartitionWriter, read_documents

from tests.conftest import shared


@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_every_document_survives_to_json_and_back(name: str, tmp_path: Path) -> None:
    docs = [item.doc for item in extract_batch([shared("corpus", name)]) if item.doc is not None]
    assert docs
    for doc in docs:
        assert ExtractedDocument.from_json(doc.to_json()) == doc, doc.source
    with PartitionWriter(tmp_path, per_part=7) as writer:
        for doc in docs:
            writer.add(doc.source, doc)
    assert list(read_documents(tmp_path)) == docs
