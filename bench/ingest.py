"""Ingest throughput, measured in one run against its own baselines.

    python bench/ingest.py --n 10000                 # the issue's figures (about 15 minutes)
    python bench/ingest.py --n 500 --graph 0         # a quick look
    python bench/ingest.py --n 0 --graph 100000      # only the 100,000-document graph
    python bench/ingest.py --bulk --n 1000000        # bulk import vs the loader (issue 16)

Prints, for ``--n`` synthetic documents (``bench/corpus.py``):

1. extraction only, one process (documents/s, characters/s);
2. end-to-end ``ingest_paths`` with 1 and with 2 worker processes (documents/s) and their ratio;
3. the loader from ground-truth rows (relationships/s), and the same documents loaded with one
   ``MERGE`` statement per relationship (the baseline), with the ratio;
4. with ``--graph G``: a G-document graph built from the generator's ground truth through the same
   loader, with its wall time.

With ``--bulk``: ``danchieu ingest CORPUS --bulk`` — the command's own code, ``bulk_ingest_paths`` — on
``--n`` documents of the national corpus as partitioned extraction output (``corpus.write_extracted``,
generated once and kept under ``~/.cache/danchieu-bench``: a bulk load starts from extraction output),
rows built in ``--row-workers`` processes and streamed into CSV, ``neo4j-admin database import full``,
server start, migrations — each phase timed — beside the incremental loader on the first ``--loader-n``
of the same documents (relationships/s and the ratio; target ≥ 20×, and the whole bulk path under
15 minutes for a million documents). The bulk import builds its store in a home of its own
(``~/.cache/danchieu/neo4j-bulk-bench``, ``--bulk-bolt-port``), emptied before the run.

The runs use a Neo4j server of their own (``~/.cache/danchieu/neo4j-bench``, Bolt port 7689) that
is emptied between runs; ``--uri`` points at another server only with ``--own-database``, because
the runs delete everything in it.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import corpus
from danchieu.graph import identity, migrations
from danchieu.graph.driver import create_driver
from danchieu.graph.ingest import extract_for_load, ingest_paths
from danchieu.graph.loader import LoadResult, load_batch, load_rows
from danchieu.graph.rows import build_rows
from danchieu.queries import load_query

from danchieu.config import Settings


@contextmanager
def bench_server(args: argparse.Namespace, new_store: bool = False) -> Iterator[Settings]:
    """The bench's own Neo4j (or ``--uri``'s). ``new_store``: the default database's files are removed
    before the server starts, so a rate is measured on a new store — on one that held and was wiped of
    an earlier graph the loader ran 1.7× slower (bench/results/ingest_bulk.txt §7)."""
    base = Settings()  # type: ignore[call-arg]
    if args.uri:
        if not args.own_database:
            sys.exit("--uri deletes everything in that database between runs: add --own-database to confirm")
        yield base.model_copy(update={"neo4j_uri": args.uri})
        return
    from danchieu.graph.neo4j_server import LocalNeo4j

    settings = base.model_copy(update={
        "neo4j_home": base.neo4j_home.parent / "neo4j-bench", "neo4j_bolt_port": args.bolt_port,
        "neo4j_http_port": args.bolt_port - 7689 + 7476, "neo4j_password": "danchieu-bench-password",
        "neo4j_heap": args.heap, "neo4j_pagecache": args.pagecache,
        "neo4j_uri": f"bolt://127.0.0.1:{args.bolt_port}"})
    server = LocalNeo4j(settings)
    if new_store and server.pid() is None:
        data = settings.neo4j_home / "data"
        for store in (data / "databases" / settings.neo4j_database, data / "transactions" / settings.neo4j_database):
            shutil.rmtree(store, ignore_errors=True)
    started = server.start()
    try:
        yield settings
    finally:
        if started and not args.keep_server:
            server.stop()


def wipe(driver, db: str) -> None:
    with driver.session(database=db) as s:
        s.run(load_query("load/wipe_bench_edges")).consume()
        s.run(load_query("load/wipe_bench")).consume()


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def line(label: str, value: float, unit: str, extra: str = "") -> None:
    print(f"  {label:<58} {value:>12,.1f} {unit}{extra}", flush=True)


def bench_extraction(files: list[Path]) -> None:
    t0, chars = time.perf_counter(), 0
    for f in files:
        chars += extract_for_load(str(f)).characters
    dt = time.perf_counter() - t0
    line("extraction only, 1 process", rate(len(files), dt), "docs/s", f"  ({rate(chars, dt) / 1000:,.0f}k chars/s)")


def bench_end_to_end(settings: Settings, driver, docs_dir: Path, n: int) -> None:
    results = {}
    for workers in (1, 2):
        wipe(driver, settings.neo4j_database)
        t0 = time.perf_counter()
        summary = ingest_paths([docs_dir], settings, workers=workers, progress=False)
        dt = time.perf_counter() - t0
        results[workers] = rate(summary.documents, dt)
        line(f"end-to-end ingest, {workers} worker(s) ({summary.documents} written, {len(summary.failed)} failed)",
             results[workers], "docs/s")
    print(f"  {'ratio 2 workers / 1 worker':<58} {results[2] / results[1]:>12.2f} ×  (target ≥ 1.5)")


def truth_rows(docs: list[corpus.Synthetic]):
    return [(build_rows(d2 := corpus.truth_document(d)), identity.signature(d2.text)) for d in docs]


def load_all(driver, db: str, rows, per_row: bool = False, threads: int = 1, batch: int = 100) -> tuple[int, float]:
    """Load ``rows``: the baseline one document and one relationship per statement at a time, the
    loader ``batch`` documents per transaction, from ``threads`` threads."""
    t0 = time.perf_counter()
    if per_row:
        rels = sum(load_rows(driver, db, r, s, per_row=True).relationships for r, s in rows)
        return rels, time.perf_counter() - t0
    chunks = [rows[i:i + batch] for i in range(0, len(rows), batch)]

    def one(chunk) -> int:
        return sum(x.relationships for x in load_batch(driver, db, chunk) if isinstance(x, LoadResult))

    if threads == 1:
        rels = sum(one(c) for c in chunks)
    else:
        with ThreadPoolExecutor(threads) as pool:
            rels = sum(pool.map(one, chunks))
    return rels, time.perf_counter() - t0


def bench_loader(settings: Settings, driver, docs: list[corpus.Synthetic], baseline_n: int) -> None:
    db = settings.neo4j_database
    rows = truth_rows(docs[:baseline_n])
    wipe(driver, db)
    rels_b, dt_b = load_all(driver, db, rows, per_row=True)
    wipe(driver, db)
    rels, dt = load_all(driver, db, rows)
    line(f"baseline: one MERGE statement per relationship ({baseline_n} docs)", rate(rels_b, dt_b), "rels/s")
    line(f"loader: UNWIND … MERGE, 100 docs per transaction ({baseline_n} docs)", rate(rels, dt), "rels/s")
    print(f"  {'ratio loader / baseline':<58} {rate(rels, dt) / rate(rels_b, dt_b):>12.2f} ×  (target ≥ 10)")
    if len(docs) > baseline_n:
        wipe(driver, db)
        rows = truth_rows(docs)
        rels, dt = load_all(driver, db, rows)
        line(f"loader: batched, all {len(docs)} docs, 1 thread", rate(rels, dt), "rels/s",
             f"  ({rate(len(docs), dt):,.0f} docs/s)")


def _truth_rows_chunk(docs: list[corpus.Synthetic]):
    return truth_rows(docs)


def _chunks(g: int, size: int) -> Iterator[list[corpus.Synthetic]]:
    gen = corpus.generate(g, seed=11)
    done = 0
    while done < g:
        batch = [next(gen) for _ in range(min(size, g - done))]
        done += len(batch)
        yield batch


def bench_graph(settings: Settings, driver, g: int, threads: int, row_workers: int) -> None:
    """Ground truth → rows in ``row_workers`` processes, loaded as they come by ``threads`` threads."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    wipe(driver, settings.neo4j_database)
    t0 = time.perf_counter()
    total_rels = done = 0
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(row_workers, mp_context=ctx) as pool:
        chunks = _chunks(g, 1000)
        pending = [pool.submit(_truth_rows_chunk, c) for c in itertools.islice(chunks, row_workers * 2)]
        while pending:
            rows = pending.pop(0).result()
            pending += [pool.submit(_truth_rows_chunk, c) for c in itertools.islice(chunks, 1)]
            rels, _ = load_all(driver, settings.neo4j_database, rows, threads=threads)
            total_rels += rels
            done += len(rows)
            print(f"    {done:>7,} docs, {total_rels:>9,} rels, {time.perf_counter() - t0:>7.0f}s", flush=True)
    dt = time.perf_counter() - t0
    line(f"graph of {g:,} docs from ground truth ({threads} loader threads)", dt / 60, "min",
         f"  ({rate(g, dt):,.0f} docs/s, {rate(total_rels, dt):,.0f} rels/s; target < 15 min)")


SEED = 11  # the national corpus of every --bulk run: the same documents from one run to the next


def _rows_part(part: str, expected: int):
    """In a worker: one part of the extraction output → (rows, signature) per document, for the loader."""
    from danchieu.graph.ingest import rows_for_load
    from danchieu.ingest.partitions import read_part

    return [rows_for_load(doc, sig) for _, doc, sig in read_part(part, expected)]


def national_corpus(n: int, out: Path | None, workers: int) -> Path:
    """``n`` documents of the synthetic national corpus as partitioned extraction output (what
    ``danchieu extract --format jsonl`` or the Dask engine writes), generated once and kept: a bulk load
    starts from extraction output, so generating it is not part of the bulk path."""
    import json

    from danchieu.ingest.partitions import is_partitioned, read_manifest

    out = out or Path.home() / ".cache" / "danchieu-bench" / f"national-{n}-seed{SEED}"
    stats_file = out / corpus.STATS_FILE
    if is_partitioned(out) and read_manifest(out).documents == n and stats_file.is_file():
        print(f"  corpus: {out}, generated by an earlier run", flush=True)
    else:
        corpus.write_extracted(n, out, seed=SEED, workers=workers)
        print(f"  corpus: generated as extraction output in {out} (not part of the bulk path)", flush=True)
    stats = json.loads(stats_file.read_text())
    corpus.print_stats(stats, stats.pop("seconds"))
    return out


def bench_bulk(args: argparse.Namespace) -> None:
    """``danchieu ingest CORPUS --bulk`` (:func:`bulk.bulk_ingest_paths`, the command's own code) on ``args.n``
    documents of extraction output, phase by phase, then the loader on the first ``--loader-n`` of them."""
    import multiprocessing
    import resource
    import shutil
    from concurrent.futures import ProcessPoolExecutor

    from danchieu.graph import bulk
    from danchieu.graph.neo4j_server import LocalNeo4j
    from danchieu.ingest.partitions import checked_parts

    source = national_corpus(args.n, Path(args.corpus_dir) if args.corpus_dir else None, args.row_workers)
    base = Settings()  # type: ignore[call-arg]
    home = Path(args.bulk_home) if args.bulk_home else base.neo4j_home.parent / "neo4j-bulk-bench"
    settings = base.model_copy(update={
        "neo4j_home": home, "neo4j_bolt_port": args.bulk_bolt_port, "neo4j_http_port": args.bulk_bolt_port + 100,
        "neo4j_password": "danchieu-bench-password", "neo4j_heap": args.heap, "neo4j_pagecache": args.pagecache,
        "neo4j_uri": f"bolt://127.0.0.1:{args.bulk_bolt_port}"})
    server = LocalNeo4j(settings)
    server.stop()
    shutil.rmtree(home, ignore_errors=True)
    cpu = time.process_time()
    summary = bulk.bulk_ingest_paths([source], settings, workers=args.row_workers, progress=False)
    cpu = time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    if not args.keep_server:
        server.stop()
    c, phases = summary.counts, dict(summary.phases)
    fulltext = phases.pop("full-text indexes", 0.0)
    path_s = sum(phases.values())
    nodes = c.documents + c.placeholders + c.entities
    print(f"  {c.documents:,} documents ({c.deferred} written by the loader after the import), {c.placeholders:,} "
          f"placeholders, {c.entities:,} entities, {c.relationships:,} relationships; failed: {len(summary.failed)}",
          flush=True)
    print(f"  graph: {summary.graph['nodes']:,} nodes, {summary.graph['relationships']:,} relationships", flush=True)
    per_doc = 1e6 / max(1, c.documents)
    print(f"  CSV side per document: {phases['csv'] * per_doc:,.0f} µs wall; CPU over the whole command: "
          f"{cpu * per_doc:,.0f} µs in the writer process, "
          f"{(children.ru_utime + children.ru_stime) * per_doc:,.0f} µs in its {args.row_workers} row processes "
          "and the import tool", flush=True)
    for name, sec in phases.items():
        line(f"phase: {name}", sec, "s")
    line("bulk, import tool alone", rate(c.relationships, phases["import"]), "rels/s",
         f"  ({rate(c.documents, phases['import']):,.0f} docs/s, {rate(nodes, phases['import']):,.0f} nodes/s)")
    line("bulk, whole path (CSV, import, start, migrations, after)", rate(c.relationships, path_s), "rels/s",
         f"  ({rate(c.documents, path_s):,.0f} docs/s)")
    line(f"end to end, {args.n:,} documents from extraction output", path_s / 60, "min", "  (target < 15 min)")
    line("full-text indexes populating after that (the command waits; /ready answers 503 until then)", fulltext, "s")
    line("end to end with the full-text indexes online", (path_s + fulltext) / 60, "min")
    if not args.loader_n:
        return
    # the incremental loader on the first documents of the same extraction output
    parts = [(str(part), expected) for part, expected in checked_parts(source)]
    t = time.perf_counter()
    wanted, first = 0, []
    for part in parts:
        if wanted >= args.loader_n:
            break
        first.append(part)
        wanted += part[1]
    with ProcessPoolExecutor(args.row_workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        slice_rows = [r for rows in pool.map(_rows_part, *zip(*first, strict=True)) for r in rows][:args.loader_n]
    print(f"  loader's slice: {len(slice_rows):,} documents' rows built in {time.perf_counter() - t:.0f}s "
          "(not timed)", flush=True)
    with bench_server(args, new_store=True) as lsettings:
        ldriver = create_driver(lsettings)
        try:
            migrations.apply(ldriver, lsettings.neo4j_database)
            wipe(ldriver, lsettings.neo4j_database)
            rels, dt = load_all(ldriver, lsettings.neo4j_database, slice_rows, batch=50)
        finally:
            ldriver.close()
    loader_rate = rate(rels, dt)
    line(f"loader: UNWIND … MERGE, 50 docs per transaction ({len(slice_rows):,} docs)", loader_rate, "rels/s",
         f"  ({rate(len(slice_rows), dt):,.0f} docs/s)")
    tool_ratio = rate(c.relationships, phases["import"]) / loader_rate
    path_ratio = rate(c.relationships, path_s) / loader_rate
    print(f"  {'ratio bulk import tool / loader (rels/s)':<58} {tool_ratio:>12.1f} ×  (target ≥ 20)")
    print(f"  {'ratio whole bulk path / loader (rels/s)':<58} {path_ratio:>12.1f} ×")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=10_000, help="synthetic documents for figures 1–3")
    p.add_argument("--baseline-n", type=int, default=1000, help="documents in the loader/baseline comparison")
    p.add_argument("--graph", type=int, default=0, help="also build a graph of this many documents")
    p.add_argument("--graph-threads", type=int, default=2, help="loader threads for --graph")
    p.add_argument("--row-workers", type=int, default=2, help="processes building rows (--graph, --bulk)")
    p.add_argument("--skip", default="", help="comma list of parts to skip: extraction,ingest,loader")
    p.add_argument("--uri", default=None)
    p.add_argument("--own-database", action="store_true")
    p.add_argument("--bolt-port", type=int, default=7689)
    p.add_argument("--heap", default="1g")
    p.add_argument("--pagecache", default="1g")
    p.add_argument("--keep-server", action="store_true")
    p.add_argument("--bulk", action="store_true", help="the bulk import of --n documents beside the loader")
    p.add_argument("--loader-n", type=int, default=20_000, help="--bulk: documents the loader loads for its rate")
    p.add_argument("--bulk-bolt-port", type=int, default=7741, help="--bulk: Bolt port of the imported store")
    p.add_argument("--corpus-dir", default=None, help="--bulk: where the extraction output is kept (default "
                   "~/.cache/danchieu-bench/national-N-seed11; generated when missing)")
    p.add_argument("--bulk-home", default=None, help="--bulk: the Neo4j home of the imported store "
                   "(default ~/.cache/danchieu/neo4j-bulk-bench; emptied first)")
    args = p.parse_args(argv)
    if args.bulk:
        print(f"bench/ingest.py --bulk on {os.cpu_count()} CPU core(s), n={args.n:,}, load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        bench_bulk(args)
        return 0
    skip = set(filter(None, args.skip.split(",")))
    print(f"bench/ingest.py on {os.cpu_count()} CPU core(s), n={args.n}", flush=True)
    with bench_server(args) as settings, tempfile.TemporaryDirectory(prefix="danchieu-bench-") as tmp:
        driver = create_driver(settings)
        migrations.apply(driver, settings.neo4j_database)
        try:
            if args.n:
                t0 = time.perf_counter()
                docs = list(corpus.generate(args.n))
                docs_dir = Path(tmp) / "docs"
                docs_dir.mkdir()
                for d in docs:
                    (docs_dir / d.name).write_text(d.text, encoding="utf-8")
                print(f"  generated {args.n} documents in {time.perf_counter() - t0:.1f}s", flush=True)
                files = sorted(docs_dir.iterdir())
                if "extraction" not in skip:
                    bench_extraction(files)
                if "ingest" not in skip:
                    bench_end_to_end(settings, driver, docs_dir, args.n)
                if "loader" not in skip:
                    bench_loader(settings, driver, docs, min(args.baseline_n, args.n))
            if args.graph:
                bench_graph(settings, driver, args.graph, args.graph_threads, args.row_workers)
        finally:
            driver.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
