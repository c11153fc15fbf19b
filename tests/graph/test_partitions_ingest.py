"""``danchieu ingest`` of a partitioned-output directory (``danchieu extract --format jsonl``, the Dask
engine's output): loaded as it is through the one ingest path, it gives the CITES edges that
``danchieu extract`` gives on the same files — also when the documents that date its year-less
citations are in the graph, not in the partitions — and reports the files that failed to extract."""

from __future__ import annotations

from pathlib import Path

import pytest
from danchieu.graph.ingest import ingest_paths
from danchieu.ingest.batch import extract_to_dir

from tests.graph.conftest import graph_counts
from tests.graph.test_one_path import _extracted_cites, _graph_cites, _write

pytestmark = pytest.mark.neo4j


@pytest.fixture
def corpus(tmp_path, tag):
    (tmp_path / "files").mkdir()
    return _write(tmp_path / "files", tag)


def _partitions(tmp_path: Path, paths: list[Path], name: str) -> Path:
    out = tmp_path / name
    extract_to_dir(paths, out, out_format="jsonl")
    return out


@pytest.mark.parametrize("order", ["partitions first", "partitions last", "all partitioned"])
def test_partitions_load_with_the_cites_of_extract(neo4j_driver, neo4j_db, neo4j_settings, corpus, tag, tmp_path,
                                                   order):
    citing = [corpus[k] for k in "aceg"]
    cited = [corpus[k] for k in "bdf"]
    if order == "all partitioned":
        runs = [[_partitions(tmp_path, citing + cited, "all")]]
    else:
        part = [_partitions(tmp_path, citing, "citing")]  # dated without the cited documents
        runs = [part, cited] if order == "partitions first" else [cited, part]
    for run in runs:
        summary = ingest_paths(run, neo4j_settings, workers=1, progress=False)
        assert not summary.failed
    assert _graph_cites(neo4j_driver, neo4j_db, tag) == _extracted_cites(list(corpus.values()))


def test_partitions_and_files_give_the_same_graph(neo4j_driver, neo4j_db, neo4j_settings, corpus, tag, tmp_path):
    part = _partitions(tmp_path, list(corpus.values()), "all")
    first = ingest_paths([part], neo4j_settings, workers=1, progress=False)
    counts = graph_counts(neo4j_driver, neo4j_db, tag)
    again = ingest_paths(list(corpus.values()), neo4j_settings, workers=1, progress=False)
    assert first.loaded == len(corpus) and again.unchanged == len(corpus)  # the same documents, same hashes
    assert graph_counts(neo4j_driver, neo4j_db, tag) == counts


def test_files_that_failed_to_extract_are_reported_from_the_manifest(neo4j_settings, corpus, tag, tmp_path):
    broken = tmp_path / "files" / f"{tag}-broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    part = _partitions(tmp_path, [corpus["a"], broken], "part")
    summary = ingest_paths([part], neo4j_settings, workers=1, progress=False)
    assert summary.loaded == 1
    assert [(path, reason.split(":")[0]) for path, reason in summary.failed] == [(str(broken), "unreadable")]


def test_ingest_on_dask_gives_the_cites_of_extract(neo4j_driver, neo4j_db, neo4j_settings, corpus, tag):
    from danchieu.ingest.distributed import DaskRunner

    citing = [corpus[k] for k in "aceg"]
    cited = [corpus[k] for k in "bdf"]
    with DaskRunner(workers=1) as runner:
        ingest_paths(cited, neo4j_settings, progress=False, runner=runner)  # the graph dates the next batch
        summary = ingest_paths(citing, neo4j_settings, progress=False, runner=runner)
    assert summary.loaded == len(citing) and not summary.failed
    assert _graph_cites(neo4j_driver, neo4j_db, tag) == _extracted_cites(list(corpus.values()))
