"""The two hostile inputs of issue 14 (item 1) through ``POST /v1/check``, with ``/health`` pinged
every 50 ms meanwhile: status, time, response size, citations, truncation, /health max and p99.

    .venv/bin/python bench/check_bounds.py [--out bench/results/check_bounds.txt]

Before issue 14 (measured by the issue on an isolated instance): the repeated number took 238 s and
3.3 GB with /health stalled 16.8 s; 30,000 distinct numbers 544 s with /health stalled 43.7 s.
The 200,000-character cap turns the 30,000 numbers (389,000 characters) into a 413, so the largest
accepted list (14,999 numbers, 184,000 characters) is measured too.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from danchieu.api.app import create_app  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from danchieu.config import Settings  # noqa: E402

INPUTS = {
    "one number repeated, 198,000 chars": "128/NQ-CP ngày 11/10/2021 của " * 6600,
    "14,999 distinct numbers, 183,879 chars": ", ".join(f"{i}/NQ-CP" for i in range(1, 15000)),
    "29,999 distinct numbers, 388,894 chars": ", ".join(f"{i}/NQ-CP" for i in range(1, 30000)),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    lines = []
    with TestClient(create_app(Settings()), raise_server_exceptions=False) as client:
        client.post("/v1/check", json={"text": "Căn cứ Nghị quyết số 1/NQ-CP."})  # start the reading worker
        for name, text in INPUTS.items():
            latencies: list[float] = []
            done = threading.Event()

            def ping() -> None:
                while not done.is_set():
                    t0 = time.perf_counter()
                    client.get("/health")
                    latencies.append(time.perf_counter() - t0)
                    time.sleep(0.05)

            pinger = threading.Thread(target=ping)
            pinger.start()
            t0 = time.perf_counter()
            r = client.post("/v1/check", json={"text": text})
            took = time.perf_counter() - t0
            done.set()
            pinger.join()
            body = r.json()
            latencies.sort()
            p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
            lines.append(f"{name}: {r.status_code} in {took:.1f} s, response {len(r.content):,} bytes, "
                         f"{len(body.get('citations', []))} citations, truncated {body.get('truncated')}; "
                         f"/health max {latencies[-1] * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms ({len(latencies)} pings)")
            print(lines[-1], flush=True)
    if args.out:
        args.out.write_text("$ .venv/bin/python bench/check_bounds.py\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
