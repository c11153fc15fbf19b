"""HTTP API latency and throughput under concurrent load, each endpoint beside ``/health`` measured
in the same run (the service's own floor: same process, same client, same machine load).

    python bench/api.py                                  # the bench server's graph (port 7689)
    python bench/api.py --build 100000 --own-database    # first grow it to 100,000 documents
    python bench/api.py --own-server --build 100000      # a server of its own (port 7690), kept for reuse
    python bench/api.py --uri bolt://127.0.0.1:7687 --password … --requests 300   # a quick look

The graph is the one ``bench/ingest.py --graph 100000 --keep-server`` builds from the synthetic
corpus (``bench/corpus.py``, seed 11); ``--build N`` loads the same generator's documents through
the real loader until the database holds N documents (never deletes anything). The API runs as a
real ``uvicorn`` process (one worker, as ``danchieu serve``); the load comes from ``--clients``
concurrent keep-alive connections. Printed per endpoint: p50 / p95 / p99 latency, requests per
second, errors, and the p99 ratio to ``/health`` (target: headline query < 10×).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from danchieu.graph.driver import create_driver
from danchieu.queries import load_query

from danchieu.config import Settings

BENCH_URI = "bolt://127.0.0.1:7689"
BENCH_PASSWORD = "danchieu-bench-password"  # the bench server's own (see bench/ingest.py)
OWN_PORT = 7690  # --own-server: a server only this benchmark uses, kept between runs for reuse


@dataclass
class Result:
    label: str
    latencies: list[float]
    errors: int
    seconds: float
    statuses: dict[str, int]

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000

    @property
    def rps(self) -> float:
        return (len(self.latencies) + self.errors) / self.seconds if self.seconds else 0.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def document_count(settings: Settings) -> int:
    driver = create_driver(settings)
    try:
        records, _, _ = driver.execute_query("MATCH (d:Document) RETURN count(d) AS n",
                                             database_=settings.neo4j_database)
        return int(records[0]["n"])
    finally:
        driver.close()


ENTITY_FIELDS = ("label", "key", "name", "name_folded", "abbreviation")


def batch_params(rows: list) -> dict[str, list[dict]]:
    """The bulk statement's parameters for a batch of ``danchieu.graph.rows.DocumentRows``."""
    p: dict[str, list[dict]] = {k: [] for k in ("docs", "cites", "persons", "agencies",
                                                "provinces", "signed", "issued")}
    for r in rows:
        p["docs"].append({"key": r.key, "labels": r.doc["labels"],
                          "props": {k: v for k, v in r.doc.items() if k not in ("labels", "key")}})
        for c in r.cites:
            target = c["target"]
            p["cites"].append({"source": r.key, "target": target["key"],
                               "target_props": {k: v for k, v in target.items() if k not in ("labels", "key")},
                               "props": {k: v for k, v in c.items() if k != "target"}})
        for m in r.mentions:
            group = {"Person": "persons", "Agency": "agencies", "Province": "provinces"}[m["label"]]
            p[group].append({"doc": r.key, **{k: m[k] for k in ENTITY_FIELDS[1:]},
                             "props": {k: v for k, v in m.items() if k not in ENTITY_FIELDS}})
        for s in r.signed:
            p["signed"].append({"doc": r.key, "key": s["key"], "name": s["name"], "name_folded": s["name_folded"],
                                "props": {k: v for k, v in s.items() if k not in ENTITY_FIELDS}})
        for s in r.issued:
            p["issued"].append({"doc": r.key, "key": s["key"], "name": s["name"], "name_folded": s["name_folded"]})
    return p


def build(settings: Settings, target: int, batch: int = 1000) -> None:
    """Write the synthetic corpus (``bench/corpus.py``, seed 11, as bench/ingest.py builds it) until
    ``target`` documents exist, in bulk statements of ``batch`` documents."""
    import corpus
    from danchieu.graph import migrations
    from danchieu.graph.rows import build_rows

    driver = create_driver(settings)
    migrations.apply(driver, settings.neo4j_database)
    query = load_query("api/bench_load")
    have = document_count(settings)
    print(f"  building: {have:,} documents present, target {target:,}", flush=True)
    t0 = time.perf_counter()
    gen = corpus.generate(target, seed=11)
    done = 0
    while done < target:
        docs = [d for d in (next(gen, None) for _ in range(batch)) if d is not None]
        if not docs:
            break
        rows = [build_rows(corpus.truth_document(d)) for d in docs]
        driver.execute_query(query, batch_params(rows), database_=settings.neo4j_database)
        done += len(docs)
        if done % (batch * 10) == 0 or done >= target:
            print(f"    {done:>7,} written, {time.perf_counter() - t0:>6.0f}s", flush=True)
    print(f"  built: {document_count(settings):,} documents (with placeholders) in {time.perf_counter() - t0:.0f}s",
          flush=True)
    driver.close()


def samples(settings: Settings, spread: int) -> dict:
    driver = create_driver(settings)
    try:
        records, _, _ = driver.execute_query(load_query("api/bench_samples"), spread=spread, p=0.05,
                                             database_=settings.neo4j_database)
        return dict(records[0])
    finally:
        driver.close()


def start_server(settings: Settings, port: int) -> subprocess.Popen:
    env = {**os.environ, "NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
           "NEO4J_PASSWORD": settings.neo4j_password, "NEO4J_DATABASE": settings.neo4j_database,
           "DANCHIEU_LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "danchieu.api.app:create_app", "--factory", "--host",
                             "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"],
                            cwd=REPO, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.terminate()
    sys.exit("the API did not become ready within 60 s")


async def load(base: str, label: str, make_url: Callable[[random.Random], str], clients: int, requests: int,
               seed: int) -> Result:
    """``requests`` GETs from ``clients`` concurrent connections; latency of each, errors counted."""
    latencies: list[float] = []
    errors = 0
    statuses: dict[str, int] = {}
    per_client = max(1, requests // clients)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        async def worker(i: int) -> None:
            nonlocal errors
            rng = random.Random(seed * 1000 + i)
            for _ in range(per_client):
                url = make_url(rng)
                t = time.perf_counter()
                try:
                    r = await client.get(url)
                    status = str(r.status_code)
                except httpx.HTTPError as exc:
                    status = exc.__class__.__name__
                if status == "200":
                    latencies.append(time.perf_counter() - t)
                else:
                    errors += 1
                    statuses[status] = statuses.get(status, 0) + 1
        await client.get("/health")  # open a connection before timing
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        seconds = time.perf_counter() - t0
    return Result(label, latencies, errors, seconds, statuses)


def report(res: Result, floor: Result | None) -> None:
    ratio = f"{res.pct(0.99) / floor.pct(0.99):>6.1f}×" if floor else "   1.0×"
    print(f"  {res.label:<34} p50 {res.pct(0.5):>7.1f} ms  p95 {res.pct(0.95):>7.1f} ms  p99 {res.pct(0.99):>7.1f} ms"
          f"  {res.rps:>7.0f} req/s  errors {res.errors:>3}  p99/health {ratio}"
          + (f"  {res.statuses}" if res.statuses else ""), flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--uri", default=BENCH_URI)
    p.add_argument("--user", default="neo4j")
    p.add_argument("--password", default=None, help="default: the bench server's password")
    p.add_argument("--build", type=int, default=0, help="first load synthetic documents up to this many")
    p.add_argument("--build-only", action="store_true", help="stop after building")
    p.add_argument("--own-database", action="store_true", help="confirm --build may write to --uri")
    p.add_argument("--own-server", action="store_true",
                   help=f"use (start if needed) a Neo4j of this benchmark's own on port {OWN_PORT}; it keeps its graph")
    p.add_argument("--stop-server", action="store_true", help="with --own-server: stop it at the end")
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--requests", type=int, default=2000, help="requests per endpoint")
    p.add_argument("--spread", type=int, default=500, help="distinct targets sampled per endpoint")
    args = p.parse_args(argv)
    server = own_server() if args.own_server else None
    if server is not None:
        args.uri = f"bolt://127.0.0.1:{OWN_PORT}"
    password = args.password or (BENCH_PASSWORD if args.uri in (BENCH_URI, f"bolt://127.0.0.1:{OWN_PORT}")
                                 else Settings().neo4j_password)  # type: ignore[call-arg]
    settings = Settings().model_copy(update={"neo4j_uri": args.uri, "neo4j_user": args.user,  # type: ignore[call-arg]
                                             "neo4j_password": password})
    try:
        return run(args, settings)
    finally:
        if server is not None and args.stop_server:
            server.stop()


def own_server():
    from danchieu.graph.neo4j_server import LocalNeo4j

    base = Settings()  # type: ignore[call-arg]
    settings = base.model_copy(update={
        "neo4j_home": base.neo4j_home.parent / "neo4j-apibench", "neo4j_bolt_port": OWN_PORT,
        "neo4j_http_port": OWN_PORT - 7690 + 7477, "neo4j_password": BENCH_PASSWORD,
        "neo4j_heap": "1g", "neo4j_pagecache": "1g", "neo4j_uri": f"bolt://127.0.0.1:{OWN_PORT}"})
    server = LocalNeo4j(settings)
    server.start()
    return server


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.build:
        if args.uri not in (BENCH_URI, f"bolt://127.0.0.1:{OWN_PORT}") and not args.own_database:
            sys.exit("--build writes synthetic documents into --uri: add --own-database to confirm")
        build(settings, args.build)
        if args.build_only:
            return 0
    n_docs = document_count(settings)
    s = samples(settings, args.spread)
    cited = [d["key"] for d in s["cited_docs"]]
    hubs = [d["key"] for d in s["hubs"]]
    docs = s["docs"]
    persons = [x["key"] for x in s["persons"]] or [d["key"] for d in docs]
    if not cited or not docs:
        sys.exit("the graph has no cited documents: build it first (--build 100000)")
    words = [w for d in docs for w in (d["name"] or "").split() if len(w) > 3] or ["Thông"]
    print(f"bench/api.py: {n_docs:,} documents at {args.uri}; {args.clients} clients, {args.requests} requests "
          f"per endpoint; {os.cpu_count()} CPU core(s) shared by server, client and Neo4j", flush=True)
    print(f"  most cited document: {s['hubs'][0]['key']} ({s['hubs'][0]['cited']:,} citing documents); median "
          f"citing documents of the sampled cited documents: {statistics.median(d['cited'] for d in s['cited_docs'])}")

    quote = httpx.QueryParams
    endpoints: list[tuple[str, Callable[[random.Random], str]]] = [
        ("headline: citing X, type TB", lambda r: f"/v1/documents/{r.choice(cited)}/citing?{quote(type='TB')}"),
        ("headline: citing X (any type)", lambda r: f"/v1/documents/{r.choice(cited)}/citing"),
        ("headline: top-10 hubs, type TB", lambda r: f"/v1/documents/{r.choice(hubs)}/citing?{quote(type='TB')}"),
        ("document detail", lambda r: f"/v1/documents/{r.choice(docs)['key']}"),
        ("search (number)", lambda r: f"/v1/search?{quote(q=r.choice(docs)['number'] or 'Thông báo')}"),
        ("search (words, fuzzy)", lambda r: f"/v1/search?{quote(q=' '.join(r.sample(words, 2)))}"),
        ("graph/neighborhood (document)", lambda r: f"/v1/graph/neighborhood?{quote(key=r.choice(cited))}"),
        ("graph/neighborhood (person)", lambda r: f"/v1/graph/neighborhood?{quote(key=r.choice(persons))}"),
    ]
    port = free_port()
    api = start_server(settings, port)
    base = f"http://127.0.0.1:{port}"
    worst = {}
    try:
        asyncio.run(load(base, "warm-up", lambda r: "/health", args.clients, args.clients * 4, 0))
        for i, (label, make_url) in enumerate(endpoints, start=1):
            asyncio.run(load(base, "warm-up", make_url, min(10, args.clients), 50, 99))
            floor = asyncio.run(load(base, "/health", lambda r: "/health", args.clients, args.requests, i))
            res = asyncio.run(load(base, label, make_url, args.clients, args.requests, i))
            report(floor, None)
            report(res, floor)
            worst[label] = (res.pct(0.99) / floor.pct(0.99), res.errors)
    finally:
        api.terminate()
        api.wait(timeout=30)
    ratio, _errs = worst["headline: citing X, type TB"]
    print(f"  headline query p99 / /health p99 = {ratio:.1f}× (target < 10×); errors in all runs: "
          f"{sum(e for _, e in worst.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
