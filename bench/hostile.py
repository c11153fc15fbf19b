"""Hostile inputs of issue 14 beside a normal document of the same size, and /health while they run.

    .venv/bin/python bench/hostile.py [--kb 256] [--api]     # --api also attacks a live API

Part 1 (extraction): each input is extracted in a fresh process; its wall time and peak memory
(ru_maxrss) are printed beside a normal document of the same size and as a ratio to it. Target:
every ratio ≤ 5. The normal document is one real long text cut to the size (``--normal PATH``;
default: the longest text of ../shared/corpus/gazette). The sample corpus repeated to the size is
printed too, for comparison with earlier runs, but it is no baseline: normalisation drops a
repeated page, so 256 KB of repeated seeds is extracted as ~50 k characters.

Part 2 (--api): the API is started on DANCHIEU_API_PORT (Neo4j from the usual settings), a process
of its own polls /health every 20 ms on a keep-alive connection, and each hostile input is sent again
and again for --seconds: chunked bodies without a key and over the limit, a key in the URL, admin
and memory-bomb Cypher, /v1/check fed the issue's texts and the same just under the size cap (read
and looked up, not refused). Printed: each input's statuses and time, and /health p50/p99/max while
it runs, beside /health idle just before. Target: /health p99 < 100 ms throughout.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CHILD = """
import json, resource, sys, time
from danchieu.ingest.pipeline import extract_file
extract_file(sys.argv[2])  # warm: data files and patterns
started = time.perf_counter()
try:
    doc = extract_file(sys.argv[1])
    outcome = f"{len(doc.text) // 1000} k chars, {len(doc.citations)} citations, warnings: {len(doc.warnings)}"
except Exception as exc:
    outcome = f"{type(exc).__name__}: {str(exc)[:70]}"
print(json.dumps({"s": time.perf_counter() - started,
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "outcome": outcome}))
"""


def fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def normal_text(size: int) -> str:
    """The sample corpus repeated to ``size`` characters (what earlier runs used as the baseline)."""
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "seeds").glob("*.txt")))
    return fill(corpus, size)


def long_document(size: int, path: Path | None = None) -> tuple[str, str] | None:
    """(name, text): one real document cut to ``size`` characters at a line end, from ``path`` or the
    longest text of the gazette beside the checkout; None when there is none."""
    if path is None:
        shared = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()), None)
        texts = sorted((shared / "corpus" / "gazette").rglob("*.txt"), key=lambda p: p.stat().st_size) if shared \
            else []
        if not texts:
            return None
        path = texts[-1]
    text = path.read_text(encoding="utf-8")
    if len(text) < size:
        return None
    cut = text.rfind("\n", 0, size)
    return path.name, text[:cut if cut > size // 2 else size]


def docx(xml_body: bytes, expanded_mb: int = 0) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(xml_body)
            for _ in range(expanded_mb):
                member.write(b"0" * (1 << 20))
    return buf.getvalue()


def inputs(kb: int) -> list[tuple[str, str, bytes]]:
    n = kb * 1024
    return [
        ("one line (seeds, no line breaks)", ".txt", normal_text(n).replace("\n", " ").encode()),
        ("one citation repeated, no full stop", ".txt", fill("128/NQ-CP ngày 11/10/2021 của ", n).encode()),
        ("distinct numbers on one line", ".txt", ", ".join(f"{i}/NQ-CP" for i in range(1, n))[:n].encode()),
        ("numbers among URLs", ".txt", " ".join(f"http://a.vn/{i}/NQ-CP 5/NQ-CP" for i in range(1, n))[:n].encode()),
        ("no spaces at all", ".txt", b"a" * n),
        ("DOCX expanding to 1 GB (ZIP bomb)", ".docx", docx(b"", 1024)),
    ]


def run_extraction(path: Path, warm: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), str(warm)], capture_output=True, text=True,
                         cwd=REPO, timeout=900)
    if out.returncode != 0:
        return {"s": float("nan"), "mb": float("nan"), "outcome": out.stderr.strip().splitlines()[-1][:80]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def part_extraction(kb: int, normal: Path | None = None) -> None:
    print(f"== extraction, {kb} KB inputs, each in a fresh process (ratios to a normal document of the same size)")
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.txt"
        warm.write_text(normal_text(2000), encoding="utf-8")
        base_path = Path(tmp) / "normal.txt"
        real = long_document(kb * 1024, normal)
        if real is None:
            print("(no long real document found: the baseline is the repeated sample corpus, which normalisation "
                  "shrinks; the ratios are overstated)")
            base_path.write_text(normal_text(kb * 1024), encoding="utf-8")
            label = "normal document (seeds repeated)"
        else:
            base_path.write_text(real[1], encoding="utf-8")
            label = f"normal document ({real[0][:24]}…)"
        base = run_extraction(base_path, warm)
        print(f"{label:42} {base['s']:7.2f} s {base['mb']:7.0f} MB   baseline ({base['outcome']})")
        seeds: list[tuple[str, str, bytes]] = []
        if real is not None:
            seeds = [("seeds repeated (earlier runs' baseline)", ".txt", normal_text(kb * 1024).encode())]
        for name, suffix, data in seeds + inputs(kb):
            path = Path(tmp) / f"hostile{suffix}"
            path.write_bytes(data)
            r = run_extraction(path, warm)
            print(f"{name:42} {r['s']:7.2f} s {r['mb']:7.0f} MB   ×{r['s'] / base['s']:.1f} time "
                  f"×{r['mb'] / base['mb']:.1f} memory   ({r['outcome']})")


# --- part 2: the live API -------------------------------------------------------------------------------------
def _request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> int:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            resp.read()
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def _chunked(port: int, path: str, headers: dict[str, str], total: int) -> int:
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    sent = 0
    chunk = b"x" * 65536
    try:
        sock.sendall(head.encode())
        while sent < total:
            sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            sent += len(chunk)
    except OSError:
        pass
    try:
        answer = sock.recv(200).decode("latin-1")
    except OSError:
        answer = ""
    sock.close()
    return int(answer.split(" ", 2)[1]) if answer.startswith("HTTP/") else 0


class Probe:
    """``GET /health`` every 20 ms on one keep-alive connection, from a process of its own (in a thread
    it would wait for this process's GIL; a new connection per request, as urllib makes, times the
    client's connection set-up as much as the server). Records (start time, milliseconds)."""

    def __init__(self, port: int) -> None:
        ctx = multiprocessing.get_context("fork")
        self.stop, self.results = ctx.Event(), ctx.Queue()
        self.process = ctx.Process(target=self._run, args=(port, self.stop, self.results), daemon=True)

    @staticmethod
    def _run(port: int, stop, results) -> None:
        import http.client

        conn, out = None, []
        while not stop.is_set():
            t, at = time.perf_counter(), time.time()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", "/health")
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
            except OSError:
                conn, ok = None, False
            took = time.perf_counter() - t
            out.append((at, took * 1000 if ok else float("nan")))
            time.sleep(max(0.0, 0.02 - took))
        results.put(out)

    def start(self) -> None:
        self.process.start()

    def finish(self) -> list[tuple[float, float]]:
        self.stop.set()
        out = self.results.get(timeout=60)
        self.process.join(5)
        return out


def health_line(samples: list[float]) -> str:
    """p50 / p99 / max of ``/health`` latencies (ms); a failed probe counts as an error."""
    errors = sum(1 for x in samples if x != x)
    xs = sorted(x for x in samples if x == x)
    if not xs:
        return f"no answer ({errors} errors)"
    p = lambda q: xs[min(len(xs) - 1, int(q * len(xs)))]  # noqa: E731
    return (f"p50 {p(.5):5.1f}  p99 {p(.99):6.1f}  max {xs[-1]:6.1f} ms  ({len(xs)} probes"
            + (f", {errors} errors)" if errors else ")"))


def api_attacks(port: int, key: str) -> list[tuple[str, object]]:
    auth = {"X-API-Key": key, "Content-Type": "application/json"}
    as_json = {"Content-Type": "application/json"}
    cypher = lambda q: json.dumps({"query": q}).encode()  # noqa: E731
    repeated = "128/NQ-CP ngày 11/10/2021 của "
    numbers = ", ".join(f"{i}/NQ-CP" for i in range(1, 30000))
    check = lambda text: lambda: _request(port, "POST", "/v1/check", json.dumps(  # noqa: E731
        {"text": text}).encode(), as_json)
    return [
        ("2 GB chunked upload, no key", lambda: _chunked(port, "/v1/documents", {}, 2 << 30)),
        ("300 MB chunked JSON to /v1/check", lambda: _chunked(port, "/v1/check", as_json, 300 << 20)),
        ("?api_key= in the URL", lambda: _request(port, "GET", "/v1/search?q=x&api_key=secret")),
        ("Cypher: SHOW USERS", lambda: _request(port, "POST", "/v1/cypher", cypher("SHOW USERS"), auth)),
        ("Cypher: LOAD CSV from a URL", lambda: _request(port, "POST", "/v1/cypher", cypher(
            "LOAD CSV FROM 'http://127.0.0.1:7474/' AS l RETURN l"), auth)),
        ("Cypher: 30 M-element list", lambda: _request(port, "POST", "/v1/cypher", cypher(
            "WITH [x IN range(1,30000000) | toString(x)] AS l RETURN size(l)"), auth)),
        ("/v1/check: one citation × 7000", check(repeated * 7000)),
        ("/v1/check: 30 000 distinct numbers", check(numbers)),
        # the same just under the 200,000-character cap: read, looked up and answered, not refused
        ("/v1/check: one citation × 6600", check(repeated * (200_000 // len(repeated)))),
        ("/v1/check: distinct numbers ≤ cap", check(numbers[:199_999])),
    ]


def part_api(seconds: float = 3.0) -> None:
    from danchieu.config import get_settings

    settings = get_settings()
    port = settings.api_port
    key = "bench-hostile-key"
    env = {**os.environ, "DANCHIEU_API_KEYS": key, "DANCHIEU_LOG_LEVEL": "WARNING"}
    api = subprocess.Popen([sys.executable, "-m", "uvicorn", "danchieu.api.app:create_app", "--factory",
                            "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], cwd=REPO, env=env)
    try:
        deadline = time.monotonic() + 60
        while _request(port, "GET", "/health") != 200:
            if time.monotonic() > deadline:
                raise SystemExit("the API did not start")
            time.sleep(0.3)
        probe = Probe(port)
        probe.start()
        time.sleep(seconds)
        idle_until = time.time()
        windows: list[tuple[str, float, float, dict[int, int], list[float]]] = []
        for name, attack in api_attacks(port, key):
            started, took, statuses = time.time(), [], {}
            while not took or time.time() - started < seconds:  # each input sent again and again
                t = time.perf_counter()
                status = attack()
                took.append(time.perf_counter() - t)
                statuses[status] = statuses.get(status, 0) + 1
            windows.append((name, started, time.time(), statuses, took))
        samples = probe.finish()
        print(f"== live API: each hostile input sent again and again for {seconds:g} s (one connection) while "
              f"/health is polled every 20 ms (keep-alive, a process of its own); load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        idle = [ms for at, ms in samples if at < idle_until]
        print(f"{'/health idle (baseline)':38}                               /health {health_line(idle)}")
        under: list[float] = []
        for name, started, ended, statuses, took in windows:
            during = [ms for at, ms in samples if started <= at < ended]
            under += during
            codes = ",".join(f"{k}×{v}" for k, v in sorted(statuses.items()))
            print(f"{name:38} → {codes:10} {statistics.median(took):6.2f} s each  /health {health_line(during)}")
        print(f"{'/health under attack, all inputs':38}                               /health {health_line(under)}")
    finally:
        api.terminate()
        api.wait(10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kb", type=int, default=256, help="size of the text inputs (default 256 KB)")
    ap.add_argument("--api", action="store_true", help="also attack a live API (needs Neo4j for Cypher and check)")
    ap.add_argument("--no-extraction", action="store_true")
    ap.add_argument("--seconds", type=float, default=3.0, help="--api: seconds each hostile input is sent for")
    ap.add_argument("--normal", type=Path, help="the normal document (a real text of at least --kb KB; default: the "
                    "longest text of ../shared/corpus/gazette)")
    args = ap.parse_args()
    if not args.no_extraction:
        part_extraction(args.kb, args.normal)
    if args.api:
        part_api(args.seconds)


if __name__ == "__main__":
    main()
