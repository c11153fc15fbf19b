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

Engines (``--engine dask``): the batch extraction of ``danchieu extract`` (``extract_batch``, both
passes, documents shipped back to the asking process) on the whole corpus (or every k-th file of it,
about ``--mb`` megabytes) with plain multiprocessing and with Dask, each with every count of
``--workers``, in the same run: documents/s and characters/s, the speed-up over one worker, the load
average around each run (the machine is shared), and the cores the extraction processes obtained
(their CPU seconds over the wall-clock seconds: two workers on a machine busy with other work get
less than two). Multiprocessing is timed as ``danchieu extract`` runs it, pool start and model
loading included; Dask on a warm local cluster (its start-up, models loaded by the worker plugin, is
printed beside it, and the end-to-end figure with it). ``--scheduler tcp://…`` times a running
cluster instead of local ones.

    flock /work/wt/heavy.lock .venv/bin/python bench/extract.py --engine dask --workers 1,2
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


def _files(corpus: Path, mb: float | None) -> list[str]:
    """The corpus, or about ``mb`` megabytes of it: every k-th file in path order, so that the sample
    spreads over all its folders and sizes."""
    from danchieu.ingest.batch import expand_paths

    files = [str(p) for p in expand_paths([corpus])]
    if mb is None:
        return files
    total = sum(Path(f).stat().st_size for f in files)
    step = max(1, round(total / (mb * 1_000_000)))
    return files[::step]


def _load() -> str:
    import os

    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def _line(label: str, n: int, items: list, seconds: float, start: float, base: float | None, cpu: float) -> None:
    chars = sum(i.characters for i in items)
    failed = sum(1 for i in items if i.error)
    speed = f"{(len(items) / seconds) / base:5.2f}x" if base else "  1.00x"
    print(f"{label:18s} {n:3d} worker(s) {len(items) / seconds:8.2f} docs/s {chars / seconds:12,.0f} chars/s "
          f"{seconds:8.1f}s (+{start:5.1f}s start-up)  {speed} vs 1 worker  cores obtained {cpu / seconds:4.2f}  "
          f"failed={failed}  load {_load()}", flush=True)


def _cpu_here() -> float:
    """CPU seconds of this process and of its reaped children (the pool's processes, once shut down)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _cpu_workers(runner) -> float:
    """CPU seconds the Dask worker processes have used so far."""
    import psutil

    def used() -> float:
        t = psutil.Process().cpu_times()
        return t.user + t.system

    return sum(runner.client.run(used).values())


def engines(corpus: Path, counts: list[int], mb: float | None, scheduler: str | None) -> None:
    """Multiprocessing and Dask with each worker count, on the same files, in the same run."""
    from danchieu.ingest.batch import extract_batch
    from danchieu.ingest.distributed import DaskRunner

    files = _files(corpus, mb)
    size = sum(Path(f).stat().st_size for f in files)
    print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB from {corpus}; load average before: {_load()} "
          f"(1/5/15 min); cores: {__import__('os').cpu_count()}", flush=True)
    results: dict[str, dict[int, float]] = {"multiprocessing": {}, "dask": {}}
    for n in counts:
        t0, c0 = time.perf_counter(), _cpu_here()
        items = extract_batch(files, workers=n)  # the pool starts and loads the models inside
        took = time.perf_counter() - t0
        _line("multiprocessing", n, items, took, 0.0, results["multiprocessing"].get(counts[0]), _cpu_here() - c0)
        results["multiprocessing"][n] = len(items) / took
        t0 = time.perf_counter()
        with DaskRunner(scheduler=scheduler, workers=n) as runner:
            start = time.perf_counter() - t0
            t1, c1 = time.perf_counter(), _cpu_workers(runner)
            items = extract_batch(files, runner=runner)
            took = time.perf_counter() - t1
            cpu = _cpu_workers(runner) - c1
        _line("dask (warm)", n, items, took, start, results["dask"].get(counts[0]), cpu)
        results["dask"][n] = len(items) / took
        print(f"{'dask end-to-end':18s} {n:3d} worker(s) {len(items) / (took + start):8.2f} docs/s", flush=True)
    if len(counts) > 1:
        lo, hi = counts[0], counts[-1]
        for engine, r in results.items():
            print(f"{engine}: {hi} workers / {lo} = {r[hi] / r[lo]:.2f}x" +
                  ("   (target >= 1.6x)" if engine == "dask" else ""))
        print(f"dask / multiprocessing at {hi} workers = {results['dask'][hi] / results['multiprocessing'][hi]:.2f}x")
    print(f"load average after: {_load()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "gazette")
    ap.add_argument("--mb", type=float, default=1.0, help="sample size in MB (default 1)")
    ap.add_argument("--ner-mb", type=float, default=0.05, help="part of the sample given to ner (default 0.05)")
    ap.add_argument("--no-ablation", action="store_true")
    ap.add_argument("--engine", choices=["dask"], default=None,
                    help="compare batch extraction on Dask with multiprocessing (whole corpus unless --mb)")
    ap.add_argument("--workers", default="1,2", help="worker counts for --engine (default 1,2)")
    ap.add_argument("--scheduler", default=None, help="a running Dask scheduler instead of local clusters")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    if args.engine:
        mb = args.mb if "--mb" in (argv if argv is not None else sys.argv) else None
        engines(args.corpus, [int(n) for n in args.workers.split(",")], mb, args.scheduler)
        return 0
    throughput(args.corpus, args.mb, args.ner_mb)
    if not args.no_ablation:
        ablation()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
