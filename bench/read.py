"""Reading throughput on the Công báo corpus: read + normalise + layout, in characters per second.

Printed beside a baseline measured in the same run over the same texts: a plain ``str.splitlines()``
pass (the least any line-based reader must do), and the ratio between the two.

    .venv/bin/python bench/read.py [--corpus ../shared/corpus/gazette] [--limit N] [--stages]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# bench/ holds other scripts (bench/ingest.py): the repository root must win over the script's folder
sys.path[:1] = [str(REPO)]

from danchieu.errors import DanchieuError
from ingest import layout, normalize, read


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "gazette")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (0 = all)")
    ap.add_argument("--stages", action="store_true", help="also time each stage on its own")
    args = ap.parse_args()

    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".pdf"))
    if args.limit:
        files = files[:args.limit]
    size = sum(p.stat().st_size for p in files)

    texts: list[str] = []
    t_read = t_norm = t_layout = 0.0
    failed = 0
    start = time.perf_counter()
    for path in files:
        t0 = time.perf_counter()
        try:
            raw = read.read_file(path)
        except DanchieuError:  # counted, never fatal: the benchmark measures speed, tests check errors
            failed += 1
            continue
        t1 = time.perf_counter()
        norm = normalize.normalize(raw.text)
        t2 = time.perf_counter()
        layout.parse(norm.text)
        t3 = time.perf_counter()
        t_read, t_norm, t_layout = t_read + t1 - t0, t_norm + t2 - t1, t_layout + t3 - t2
        texts.append(raw.text)
    total = time.perf_counter() - start
    chars = sum(len(t) for t in texts)

    base_start = time.perf_counter()
    lines = 0
    for text in texts:
        lines += len(text.splitlines())
    baseline = time.perf_counter() - base_start

    print(f"corpus      {len(files)} files, {size / 1e6:.1f} MB, {chars / 1e6:.1f} M characters, "
          f"{lines} lines, {failed} unreadable")
    print(f"read+normalise+layout  {chars / total:14,.0f} chars/s  ({total:.2f} s)")
    print(f"str.splitlines()       {chars / baseline:14,.0f} chars/s  ({baseline:.3f} s)  baseline")
    print(f"ratio                  {baseline / total:14.4f}  (reader speed / splitlines speed)")
    if args.stages:
        for name, secs in (("read (decode)", t_read), ("normalise", t_norm), ("layout", t_layout)):
            print(f"  {name:20} {chars / secs:14,.0f} chars/s  ({secs:.2f} s, {secs / total:.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
