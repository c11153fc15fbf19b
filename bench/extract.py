"""Extraction throughput beside underthesea on the same text, and the ablation of the pipeline.

Throughput, characters per second in one process, all measured in the same run:
  * the extraction pipeline end-to-end (``danchieu.ingest.pipeline.extract_text``: normalise, then the spaCy
    pipeline of ``danchieu.ingest.nlp`` — segmentation, layout, citations, POS, NER proposals, entities);
  * underthesea ``word_tokenize`` alone on the same documents;
  * underthesea ``ner`` alone (line by line, on the first ``--ner-mb`` of the sample: it is slow);
and the ratio the issue asks for (pipeline ÷ word_tokenize ≥ 0.5).

Ablation: F1 per field on ``../shared/gold/dev`` (``../shared/eval/score.py``'s own functions) with
the full pipeline and without each of underthesea's segmentation, its POS tags, its NER proposals,
and the gazetteer.

    .venv/bin/python bench/extract.py                 # 1 MB of ../shared/corpus/gazette + ablation
    .venv/bin/python bench/extract.py --mb 0.3 --no-ablation
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (or beside the worktrees' parent)
SHARED = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
              REPO.parent / "shared")
FIELDS = ("persons", "agencies", "provinces", "citations", "signers")
VARIANTS = {
    "full pipeline": {},
    "no segmentation (syllables)": {"segment": False},
    "no POS proposals": {"pos": False},
    "no NER proposals": {"ner": False},
    "no POS and no NER": {"pos": False, "ner": False},
    "no gazetteer": {"gazetteer": False},
}


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
    """underthesea ``ner`` is meant for sentences: it gets the text one non-empty line at a time."""
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


def throughput(corpus: Path, mb: float, ner_mb: float) -> None:
    from danchieu.ingest.pipeline import extract_text
    from underthesea import ner, word_tokenize

    docs = sample(corpus, mb)
    print(f"sample: {len(docs)} documents, {sum(len(d) for d in docs):,} characters from {corpus}")
    r_pipeline = rate(lambda t: extract_text(t), docs)
    r_tokenize = rate(word_tokenize, docs)
    ner_docs = prefix(docs, ner_mb)
    r_ner = rate(by_line(ner), ner_docs)
    print(f"{'extraction pipeline':28s} {r_pipeline:12,.0f} chars/s")
    print(f"{'underthesea word_tokenize':28s} {r_tokenize:12,.0f} chars/s   (whole documents)")
    ner_chars = sum(len(d) for d in ner_docs)
    print(f"{'underthesea ner':28s} {r_ner:12,.0f} chars/s   (line by line, on {ner_chars:,} chars)")
    print(f"pipeline / word_tokenize = {r_pipeline / r_tokenize:.2f}   (target >= 0.5)")
    print(f"pipeline / ner           = {r_pipeline / r_ner:.1f}")


def _scorer() -> object:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ablation() -> None:
    from danchieu.ingest import nlp, normalize, read

    score = _scorer()
    texts = {}
    for path in sorted((SHARED / "corpus" / "dev").iterdir()):
        if path.suffix.lower() in {".txt", ".md", ".html", ".pdf", ".docx", ".doc"}:
            try:
                texts[path.stem] = normalize.normalize(read.read_file(path).text).text
            except Exception as exc:  # an unreadable file scores as an empty prediction in every variant
                print(f"  ({path.name}: {type(exc).__name__})")
    gold_files = sorted((SHARED / "gold" / "dev").glob("*.json"))
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in gold_files}
    print(f"\nablation on {SHARED / 'gold' / 'dev'} ({len(golds)} documents), F1:")
    print(f"{'variant':30s}" + "".join(f"{f:>11s}" for f in FIELDS))
    for label, options in VARIANTS.items():
        pipe = nlp.load(**options, extra=False)
        totals = {f: [0, 0, 0] for f in FIELDS}
        for stem, gold in golds.items():
            pred = nlp.to_extracted(pipe(texts[stem])).to_json(include_text=False) if stem in texts else {}
            for f in FIELDS:
                tp, fp, fn, *_ = score.score_set(gold.get(f, []), pred.get(f, []) or [],  # type: ignore[attr-defined]
                                                 gold.get(f + "_optional", []), f)
                for i, v in enumerate((tp, fp, fn)):
                    totals[f][i] += v
        row = [score.prf(*totals[f])[2] for f in FIELDS]  # type: ignore[attr-defined]
        print(f"{label:30s}" + "".join(f"{v:11.3f}" for v in row))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "gazette")
    ap.add_argument("--mb", type=float, default=1.0, help="sample size in MB (default 1)")
    ap.add_argument("--ner-mb", type=float, default=0.05, help="part of the sample given to ner (default 0.05)")
    ap.add_argument("--no-ablation", action="store_true")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    throughput(args.corpus, args.mb, args.ner_mb)
    if not args.no_ablation:
        ablation()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
