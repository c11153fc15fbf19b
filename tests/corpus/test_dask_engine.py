"""The Dask engine (``ingest/distributed.py``) on a local cluster of two worker processes gives what
the default path gives: the same JSON on the seeds and the dev set, the same partitioned output, and a
broken file reported with its reason while the rest of the batch lands — also a file whose worker
dies under it.

One cluster serves the module (starting it loads the pipeline in each worker). Without ``../shared``
the corpus tests skip locally and fail when ``CI`` is set.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from danchieu.ingest.batch import extract_batch, extract_to_dir
from danchieu.ingest.distributed import DaskRunner
from danchieu.ingest.models import ExtractedDocument
from danchieu.ingest.partitions import read_documents, read_manifest

from tests.conftest import SEEDS, shared


@pytest.fixture(scope="module")
def runner() -> Iterator[DaskRunner]:
    # a task whose worker dies is not retried on the other one, so that the test of it stays short
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), DaskRunner(workers=2) as r:
        yield r


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_dask_gives_the_json_of_the_default_path(runner: DaskRunner, name: str, tmp_path: Path) -> None:
    corpus = shared("corpus", name)
    default = extract_to_dir([corpus], tmp_path / "default")
    on_dask = extract_to_dir([corpus], tmp_path / "dask", runner=runner)
    assert on_dask.failed == default.failed
    assert _files(tmp_path / "dask") == _files(tmp_path / "default")
    assert len(_files(tmp_path / "default")) == default.documents


def test_dask_partitions_hold_the_documents_of_the_default_path(runner: DaskRunner, tmp_path: Path) -> None:
    corpus = shared("corpus", "dev")
    expected = [item.doc for item in extract_batch([corpus]) if item.doc is not None]
    extract_to_dir([corpus], tmp_path, out_format="jsonl", runner=runner)
    assert list(read_documents(tmp_path)) == expected
    assert read_manifest(tmp_path).engine == "dask"


def test_a_broken_file_is_reported_with_its_reason_and_the_rest_lands(runner: DaskRunner, tmp_path: Path) -> None:
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "hỏng.docx").write_bytes(b"PK\x03\x04 not a zip")
    (tmp_path / "rỗng.txt").write_bytes(b"")
    out = tmp_path / "out"
    summary = extract_to_dir([tmp_path], out, out_format="jsonl", runner=runner)
    assert summary.documents == len(list(SEEDS.glob("*.txt")))
    reasons = {Path(path).name: reason for path, reason in read_manifest(out).failed}
    assert set(reasons) == {"hỏng.docx", "rỗng.txt"}
    assert reasons["hỏng.docx"].startswith("unreadable:") and "ZIP" in reasons["hỏng.docx"]
    assert reasons["rỗng.txt"].startswith("empty:")


def die_on_doomed(doc: ExtractedDocument) -> None:
    """A ``finish`` that kills its worker process on one file (what the OOM killer does)."""
    if "doomed" in doc.source:
        os._exit(1)


def test_a_file_whose_worker_dies_fails_alone(runner: DaskRunner, tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    doomed = tmp_path / "doomed.txt"
    shutil.copy(seeds[0], doomed)
    items = extract_batch([*seeds, doomed], runner=runner, finish=die_on_doomed)
    by_name = {item.path.name: item for item in items}
    assert by_name["doomed.txt"].error is not None and by_name["doomed.txt"].error.startswith("worker_lost:")
    assert all(by_name[p.name].doc is not None for p in seeds)
