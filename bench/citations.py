"""Throughput of citation extraction beside a plain single-regex scan of the same text.

    .venv/bin/python bench/citations.py [--limit N] [--repeat R] [PATH…]

Reads the gazette corpus (default ``../shared/corpus/gazette``) through the normal reading and
normalising stages once, then times, over the same texts:

* baseline — one compiled regex for document numbers, ``finditer`` over each text, nothing else;
* citations — ``danchieu.ingest.citations.find_citations`` (full forms, lists, short forms, resolution,
  relation kinds, named laws, evidence).

Prints characters per second for both and their ratio. No assertion: figures are for reading.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from danchieu.ingest import normalize, read
from danchieu.ingest.batch import expand_paths
from danchieu.ingest.citations import find_citations
from danchieu.ingest.layout import ParsedLayout
from danchieu.ingest.models import DocumentInfo

from danchieu.errors import DanchieuError

BASELINE = re.compile(r"\d{1,5}\s?[/-](?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:[/-][A-ZĐ][A-Za-zĐđ0-9]*)*")


def load(paths: list[str], limit: int | None) -> list[str]:
    texts: list[str] = []
    for path in expand_paths(paths):
        try:
            texts.append(normalize.normalize(read.read_file(path).text).text)
        except DanchieuError as exc:  # an unreadable corpus file is not part of the sample
            print(f"skipped {path}: {exc}", file=sys.stderr)
        if limit and len(texts) >= limit:
            break
    return texts


def best_of(repeat: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=[str(REPO.parent / "shared" / "corpus" / "gazette")])
    ap.add_argument("--limit", type=int, default=None, help="documents to read (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measure; the best is kept")
    args = ap.parse_args(argv)

    texts = load(args.paths, args.limit)
    chars = sum(len(t) for t in texts)
    layout = ParsedLayout(document=DocumentInfo())
    find_citations("Căn cứ Nghị định số 30/2020/NĐ-CP;", layout)  # build patterns and registry once

    counts = {"baseline": 0, "citations": 0}

    def baseline() -> None:
        counts["baseline"] = sum(1 for t in texts for _ in BASELINE.finditer(t))

    def citations() -> None:
        counts["citations"] = sum(len(c.mentions) for t in texts for c in find_citations(t, layout).citations)

    t_base = best_of(args.repeat, baseline)
    t_cit = best_of(args.repeat, citations)
    print(f"{len(texts)} documents, {chars:,} characters (best of {args.repeat})")
    print(f"  baseline  single regex      {chars / t_base:>14,.0f} chars/s  {counts['baseline']:>6} matches")
    print(f"  citations find_citations    {chars / t_cit:>14,.0f} chars/s  {counts['citations']:>6} mentions")
    print(f"  ratio citations/baseline    {t_base / t_cit:>14.3f}  (baseline is {t_cit / t_base:.1f}x faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
