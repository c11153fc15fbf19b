"""Extraction throughput beside underthesea on the same text.

Prints characters per second (one process) for:
  * end-to-end extraction (``ingest.pipeline.extract_text``: normalise, layout, citations, entities);
  * entity finding alone (``ingest.entities.find_entities``);
  * underthesea ``word_tokenize`` alone;
  * underthesea ``ner`` alone (slow: measured on the first ``--ner-mb`` of the same sample);
and the ratios the issue asks for (extraction ÷ word_tokenize ≥ 0.5, extraction ÷ ner > 5).

    .venv/bin/python bench/extract.py                 # 5 MB sample of ../shared/corpus/gazette
    .venv/bin/python bench/extract.py --mb 0.5        # quick run
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GAZETTE = REPO.parent / "shared" / "corpus" / "gazette"


def sample(corpus: Path, mb: float) -> list[str]:
    """Whole documents, in file-name order, until ``mb`` megabytes of UTF-8 text."""
    budget = int(mb * 1_000_000)
    docs: list[str] = []
    for path in sorted(corpus.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        docs.append(text)
        budget -= len(text.encode("utf-8"))
        if budget <= 0:
            break
    return docs


def prefix(docs: list[str], mb: float) -> list[str]:
    budget = int(mb * 1_000_000)
    out = []
    for d in docs:
        if budget <= 0:
            break
        out.append(d[:budget])
        budget -= len(d[:budget].encode("utf-8"))
    return out


def by_line(fn: Callable[[str], object]) -> Callable[[str], object]:
    """underthesea ``ner`` is meant for sentences: on a whole 50 kB document it grows
    quadratically, so it gets the text one non-empty line at a time (the same characters)."""
    def run(text: str) -> None:
        for line in text.splitlines():
            if line.strip():
                fn(line)
    return run


def rate(fn: Callable[[str], object], docs: list[str]) -> float:
    fn(docs[0][:200])  # warm-up: models and gazetteers load once per process
    chars = sum(len(d) for d in docs)
    t0 = time.perf_counter()
    for d in docs:
        fn(d)
    return chars / (time.perf_counter() - t0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=GAZETTE)
    ap.add_argument("--mb", type=float, default=5.0, help="sample size in MB (default 5)")
    ap.add_argument("--ner-mb", type=float, default=0.2, help="part of the sample given to ner (default 0.2)")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(REPO))
    from underthesea import ner, word_tokenize

    from ingest.entities import find_entities
    from ingest.layout import ParsedLayout
    from ingest.models import DocumentInfo
    from ingest.normalize import normalize
    from ingest.pipeline import extract_text

    docs = sample(args.corpus, args.mb)
    chars = sum(len(d) for d in docs)
    print(f"sample: {len(docs)} documents, {chars:,} characters from {args.corpus}")
    normalised = [normalize(d).text for d in docs]
    r_extract = rate(lambda t: extract_text(t), docs)
    r_entities = rate(lambda t: find_entities(t, ParsedLayout(DocumentInfo())), normalised)
    # word_tokenize is linear and fastest on whole documents: the stricter baseline.
    r_tokenize = rate(word_tokenize, docs)
    ner_docs = prefix(docs, args.ner_mb)
    r_ner = rate(by_line(ner), ner_docs)
    print(f"{'extraction end-to-end':28s} {r_extract:12,.0f} chars/s")
    print(f"{'find_entities alone':28s} {r_entities:12,.0f} chars/s")
    print(f"{'underthesea word_tokenize':28s} {r_tokenize:12,.0f} chars/s   (whole documents)")
    print(f"{'underthesea ner':28s} {r_ner:12,.0f} chars/s   "
          f"(line by line, on {sum(len(d) for d in ner_docs):,} chars)")
    print(f"extraction / word_tokenize = {r_extract / r_tokenize:.2f}   (target >= 0.5)")
    print(f"extraction / ner           = {r_extract / r_ner:.1f}   (target > 5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
