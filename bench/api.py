"""HTTP API latency and throughput under concurrent load, each endpoint beside two baselines measured
in the same run: ``/health`` (the service's own floor: same processes, same client, same machine
load) and the **bare async Neo4j driver** running the very same Cypher with the same parameters and
the same concurrency (what the graph alone can give; the API's target is ≥ 0.8× its requests/s).

    python bench/api.py                                  # the bench server's graph (port 7689)
    python bench/api.py --own-server --build 100000      # a server of its own (port 7690), kept for reuse
    python bench/api.py --own-server --hostile           # + the mixed load while /v1/check is attacked
    python bench/api.py --uri bolt://127.0.0.1:7687 --password … --seconds 5   # a quick look

The graph is the synthetic corpus (``bench/corpus.py``, seed 11); ``--build N`` loads the same
generator's documents until the database holds N documents (never deletes anything). The API runs as
``danchieu serve`` does — uvicorn with ``--workers`` processes (default ``DANCHIEU_WORKERS``, 0 = one
per core) — and the load comes from ``--clients`` concurrent keep-alive connections, each for
``--seconds`` per endpoint.

How "the same Cypher" is found: each endpoint's sample URLs are first requested once through the
app in this process with the query runners recorded (``danchieu.graph.aio``), so the bare driver
replays exactly the statements and parameters each request ran, in the same order, each in a
managed read transaction (``execute_query``, the driver's recommended call). Rankings are whole-graph
aggregates the API computes once per graph version: the bare driver runs them every time.

Printed per endpoint: p50 / p95 / p99 latency, requests per second, errors, the p99 ratio to
``/health`` p99 (50 clients on ``/health`` just before; target ≤ 10×), the p99 of a ``/health`` probe
polled every 20 ms *during* the endpoint's load, and requests/s beside the bare driver's (target ≥ 0.8×).
Then a mixed load (every endpoint at once) and, with ``--hostile``, the same mixed load while other
tasks feed ``/v1/check`` the inputs of issue 14 (zero errors required on the mixed load; ``/health``
p99 throughout, target < 100 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from danchieu.api.routes.explore import RANKING_WAIT_S
from danchieu.graph.driver import create_driver
from danchieu.queries import load_query

from danchieu.config import Settings, cpu_count

BENCH_URI = "bolt://127.0.0.1:7689"
BENCH_PASSWORD = "danchieu-bench-password"  # the bench server's own (see bench/ingest.py)
OWN_PORT = 7690  # --own-server: a server only this benchmark uses, kept between runs for reuse
PROBE_EVERY_S = 0.02
SETTLE_S = 1800.0  # at most this long for the rankings to be computed before timing (a million documents: minutes)


@dataclass
class Result:
    label: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000

    @property
    def rps(self) -> float:
        return (len(self.latencies) + self.errors) / self.seconds if self.seconds else 0.0

    def add(self, status: str, seconds: float) -> None:
        if status == "200":
            self.latencies.append(seconds)
        else:
            self.errors += 1
            self.statuses[status] = self.statuses.get(status, 0) + 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def document_count(settings: Settings) -> int:
    driver = create_driver(settings)
    try:
        records, _, _ = driver.execute_query("MATCH (d:Document) RETURN count(d) AS n",
                                             database_=settings.neo4j_database)
        return int(records[0]["n"])
    finally:
        driver.close()


# --- building the graph ------------------------------------------------------------------------------
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


# --- the endpoints -----------------------------------------------------------------------------------
def endpoints(s: dict) -> list[tuple[str, Callable[[random.Random], str]]]:
    cited = [d["key"] for d in s["cited_docs"]]
    hubs = [d["key"] for d in s["hubs"]]
    docs = s["docs"]
    persons = [x["key"] for x in s["persons"]] or [d["key"] for d in docs]
    pairs = [(p["source"], p["target"]) for p in s["pairs"]] or [(d["key"], d["key"]) for d in docs]
    words = [w for d in docs for w in (d["name"] or "").split() if len(w) > 3] or ["Thông"]
    issuers = [i for i in s["issuers"] if i] or [None]
    q = httpx.QueryParams

    def citing_filtered(r: random.Random) -> str:
        y = r.randint(1995, 2022)
        params = {"year_from": y, "year_to": y + r.randint(1, 6), "limit": 50}
        issuer = r.choice(issuers)
        if issuer and r.random() < 0.5:
            params["issuer"] = issuer
        return f"/v1/documents/{r.choice(cited)}/citing?{q(params)}"

    def ranking(r: random.Random) -> str:
        # 4 kinds × 2 periods: whole-graph aggregates, each computed once per graph version by the API
        kind = r.choice(["cited", "signers", "issuers", "influence"])
        params: dict[str, Any] = {"limit": 20}
        if r.random() < 0.5:
            params["year_from"] = 2015
        return f"/v1/rankings/{kind}?{q(params)}"

    return [
        ("headline: citing X, type TB", lambda r: f"/v1/documents/{r.choice(cited)}/citing?{q(type='TB')}"),
        ("headline: top-10 hubs, type TB", lambda r: f"/v1/documents/{r.choice(hubs)}/citing?{q(type='TB')}"),
        ("citing table, years+issuer, 50", citing_filtered),
        ("document detail", lambda r: f"/v1/documents/{r.choice(docs)['key']}"),
        ("search (number)", lambda r: f"/v1/search?{q(q=r.choice(docs)['number'] or 'Thông báo')}"),
        ("search (words, fuzzy)", lambda r: f"/v1/search?{q(q=' '.join(r.sample(words, 2)))}"),
        ("graph/neighborhood (document)", lambda r: f"/v1/graph/neighborhood?{q(key=r.choice(cited))}"),
        ("graph/neighborhood (person)", lambda r: f"/v1/graph/neighborhood?{q(key=r.choice(persons))}"),
        ("graph/path (2 citations apart)",
         lambda r: "/v1/graph/path?" + str(q(dict(zip(("source", "target"), r.choice(pairs)), relations="cites")))),
        ("rankings (4 kinds, years)", ranking),
    ]


# --- recording each URL's Cypher -------------------------------------------------------------------
Plan = list[tuple[str, dict[str, Any]]]


async def record_plans(settings: Settings, urls: list[str]) -> dict[str, Plan]:
    """The statements and parameters each URL runs, in order, from the app in this process."""
    from danchieu.api.app import create_app
    from danchieu.graph import aio
    from danchieu.graph.driver import create_async_driver

    current: contextvars.ContextVar[Plan | None] = contextvars.ContextVar("plan", default=None)
    runners = {name: getattr(aio, name) for name in ("_run", "_read_auto")}  # every statement passes one

    def recording(original):  # type: ignore[no-untyped-def]
        async def run(driver, settings_, text, params, *args, **kwargs):  # type: ignore[no-untyped-def]
            plan = current.get()
            if plan is not None:
                plan.append((text, dict(params)))
            return await original(driver, settings_, text, params, *args, **kwargs)
        return run

    app = create_app(settings)
    app.state.driver = create_async_driver(settings)
    for name, original in runners.items():
        setattr(aio, name, recording(original))
    plans: dict[str, Plan] = {}
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for url in urls:
                plan: Plan = []
                token = current.set(plan)  # the statements of every attempt: a retry may find them cached
                try:
                    r = await client.get(url)
                    waited = 0.0
                    while r.status_code == 503 and "Retry-After" in r.headers and waited < SETTLE_S:
                        # a ranking still being computed (minutes at a million documents): come back
                        await asyncio.sleep(float(r.headers["Retry-After"]))
                        waited += float(r.headers["Retry-After"])
                        r = await client.get(url)
                finally:
                    current.reset(token)
                if r.status_code == 200:
                    plans[url] = plan
    finally:
        for name, original in runners.items():
            setattr(aio, name, original)
        await app.state.driver.close()
    return plans


# --- query plans ----------------------------------------------------------------------------------------
SCANS = ("AllNodesScan", "NodeByLabelScan", "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan",
         "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan")
AGGREGATES = ("api/ranking_cited", "api/ranking_actors", "api/citation_edges")  # whole-graph by design, cached


def query_names() -> dict[str, str]:
    from danchieu.queries import QUERY_DIR

    return {load_query(f"api/{p.stem}"): f"api/{p.stem}" for p in sorted((QUERY_DIR / "api").glob("*.cypher"))}


def profile_plans(settings: Settings, urls: dict[str, list[str]], plans: dict[str, Plan]) -> None:
    """``PROFILE`` of every statement each endpoint ran for its first sample URL: operators that scan
    a whole label or relationship type, and database hits. A scan on a hot path is a missing index."""
    names = query_names()
    driver = create_driver(settings)
    print("== query plans (PROFILE of each statement of the first sample URL of each endpoint)")
    try:
        for label, us in urls.items():
            for text, params in plans[us[0]]:
                name = names.get(text, "(inline)")
                _, summary, _ = driver.execute_query("PROFILE " + text, params, database_=settings.neo4j_database)
                ops: list[tuple[str, int, str]] = []

                def walk(op: dict) -> None:
                    kind = str(op.get("operatorType", "")).split("@")[0]
                    ops.append((kind, int(op.get("dbHits") or 0), str((op.get("args") or {}).get("Details", ""))))
                    for child in op.get("children") or []:
                        walk(child)

                walk(summary.profile)
                hits = sum(h for _, h, _ in ops)
                scans = [f"{k}({d[:50]})" for k, _, d in ops if k in SCANS]
                verdict = ("whole-graph aggregate, cached per graph version" if name in AGGREGATES
                           else "LABEL SCAN ON A HOT PATH" if scans else "index seeks only")
                print(f"  {label:<36} {name:<32} {hits:>10,} db hits  {verdict}"
                      + (f": {', '.join(scans)}" if scans else ""), flush=True)
    finally:
        driver.close()


# --- the loads ---------------------------------------------------------------------------------------
class RawClient:
    """One keep-alive HTTP/1.1 connection sending GETs. The load generator shares the 2 cores with the
    API and Neo4j, so it must cost far less than the server it measures (httpx spends about a
    millisecond of CPU per request, as much as a small API answer)."""

    def __init__(self, base: str, timeout: float = 60.0) -> None:
        url = httpx.URL(base)
        self.host, self.port, self.timeout = url.host, url.port or 80, timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> str:
        """The status code as a string, or the exception's name (the connection is then re-opened)."""
        try:
            return await asyncio.wait_for(self._get(path), self.timeout)
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as exc:
            await self.close()
            return exc.__class__.__name__

    async def _get(self, path: str) -> str:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        target = quote(path, safe="/?=&%@:+,;~-_.!*'()")
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
        status = (await self.reader.readline()).split(b" ", 2)[1].decode()
        length, chunked, close = 0, False, False
        while (header := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = header.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"connection" and b"close" in value.lower():
                close = True
        if chunked:
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                await self.reader.readexactly(size + 2)
            await self.reader.readline()
        elif length:
            await self.reader.readexactly(length)
        if close:
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None


def _probe(base: str, seconds: float, queue: multiprocessing.Queue) -> None:
    async def run() -> list[tuple[str, float]]:
        client, out = RawClient(base), []
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            t = time.perf_counter()
            status = await client.get("/health")
            out.append((status, time.perf_counter() - t))
            await asyncio.sleep(max(0.0, PROBE_EVERY_S - (time.perf_counter() - t)))
        await client.close()
        return out

    queue.put(asyncio.run(run()))


def start_probe(base: str, seconds: float) -> tuple[multiprocessing.Process, multiprocessing.Queue]:
    """``/health`` every 20 ms from a process of its own: its latencies are the server's, not the
    load generator's event loop's (which is busy with 50 clients)."""
    ctx = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue = ctx.Queue()
    process = ctx.Process(target=_probe, args=(base, seconds, queue), daemon=True)
    process.start()
    return process, queue


async def http_load(base: str, label: str, urls: list[str], clients: int, seconds: float,
                    probe: Result | None = None, split: dict[str, str] | None = None) -> dict[str, Result]:
    """``clients`` keep-alive connections requesting ``urls`` (each from its own offset) for ``seconds``;
    with ``probe``, ``/health`` on a connection of its own every 20 ms. ``split`` maps a URL to the
    label its latency is counted under (the mixed load); the total is under ``label``."""
    results: dict[str, Result] = {label: Result(label)}
    conns = [RawClient(base) for _ in range(clients)]
    for c in conns:  # connections open before timing
        await c.get("/health")
    end = time.perf_counter() + seconds

    async def worker(i: int) -> None:
        n = len(urls)
        k = (i * 7919) % n
        while time.perf_counter() < end:
            url = urls[k % n]
            k += 1
            t = time.perf_counter()
            status = await conns[i].get(url)
            took = time.perf_counter() - t
            results[label].add(status, took)
            if split is not None:
                part = split[url]
                results.setdefault(part, Result(part)).add(status, took)

    probing = start_probe(base, seconds) if probe is not None else None
    t0 = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(clients)), *([] if clients else [asyncio.sleep(seconds)]))
    elapsed = time.perf_counter() - t0
    for c in conns:
        await c.close()
    if probing is not None and probe is not None:
        process, queue = probing
        for status, took in queue.get(timeout=120):
            probe.add(status, took)
        process.join()
    for res in results.values():
        res.seconds = elapsed
    if probe is not None:
        probe.seconds = elapsed
    return results


async def bare_load(settings: Settings, label: str, plans: list[Plan], clients: int, seconds: float) -> Result:
    """The same statements with the bare async driver: one managed read transaction per statement
    (``execute_query``), every record fetched, the statements of one request in order."""
    import neo4j

    res = Result(label)
    # notifications off, as the API's driver (the server's hints would be logged on every statement)
    driver = neo4j.AsyncGraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_password),
                                             notifications_min_severity="OFF")
    try:
        await driver.verify_connectivity()
        end = time.perf_counter() + seconds

        async def worker(i: int) -> None:
            n = len(plans)
            k = (i * 7919) % n
            while time.perf_counter() < end:
                plan = plans[k % n]
                k += 1
                t = time.perf_counter()
                try:
                    for text, params in plan:
                        await driver.execute_query(text, params, database_=settings.neo4j_database,
                                                   routing_=neo4j.RoutingControl.READ)
                    status = "200"
                except Exception as exc:  # noqa: BLE001 — counted, the load goes on
                    status = exc.__class__.__name__
                res.add(status, time.perf_counter() - t)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        res.seconds = time.perf_counter() - t0
    finally:
        await driver.close()
    return res


# --- the attack of issue 14 ------------------------------------------------------------------------
MAX_CHECK_CHARS = 200_000  # danchieu.api.routes.check


def hostile_bodies() -> list[tuple[str, Any]]:
    """The inputs of issue 14, verbatim, and the same just under the 200,000-character cap (so that
    they are read and looked up, not refused at once)."""
    repeated = "128/NQ-CP ngày 11/10/2021 của "
    numbers = ", ".join(f"{i}/NQ-CP" for i in range(1, 30000))
    return [
        ("one citation × 7000", {"text": repeated * 7000}),
        ("30,000 distinct numbers", {"text": numbers}),
        ("one citation × 6600 (under the cap)", {"text": repeated * (MAX_CHECK_CHARS // len(repeated))}),
        ("distinct numbers, under the cap", {"text": numbers[:MAX_CHECK_CHARS - 1]}),
        ("64 MB chunked JSON", "chunked"),
    ]


async def _chunked_body(total: int = 64 << 20, chunk: int = 1 << 16) -> AsyncIterator[bytes]:
    yield b'{"text": "'
    block = b"128/NQ-CP " * (chunk // 10)
    sent = 0
    while sent < total:
        yield block
        sent += len(block)
    yield b'"}'


async def attack(base: str, stop: asyncio.Event, outcomes: dict[str, dict[str, int]], seed: int) -> None:
    bodies = hostile_bodies()
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=300) as client:
        while not stop.is_set():
            name, body = bodies[rng.randrange(len(bodies))]
            try:
                if body == "chunked":
                    r = await client.post("/v1/check", content=_chunked_body(),
                                          headers={"content-type": "application/json"})
                else:
                    r = await client.post("/v1/check", json=body)
                status = str(r.status_code)
            except httpx.HTTPError as exc:
                status = exc.__class__.__name__
            counts = outcomes.setdefault(name, {})
            counts[status] = counts.get(status, 0) + 1


async def mixed(base: str, urls: list[str], split: dict[str, str], clients: int, seconds: float,
                attackers: int = 0) -> tuple[dict[str, Result], Result, dict[str, dict[str, int]]]:
    probe = Result("/health probe")
    outcomes: dict[str, dict[str, int]] = {}
    stop = asyncio.Event()
    tasks = [asyncio.create_task(attack(base, stop, outcomes, i)) for i in range(attackers)]
    if tasks:
        await asyncio.sleep(1.0)  # the attack is under way before the load starts
    try:
        results = await http_load(base, "mixed load (all endpoints)", urls, clients, seconds, probe, split)
    finally:
        stop.set()
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return results, probe, outcomes


# --- the API process ---------------------------------------------------------------------------------
def start_server(settings: Settings, port: int, workers: int) -> subprocess.Popen:
    """``danchieu serve`` with ``workers`` processes (its access log off: the client is the measure)."""
    env = {**os.environ, "NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
           "NEO4J_PASSWORD": settings.neo4j_password, "NEO4J_DATABASE": settings.neo4j_database,
           "DANCHIEU_LOG_LEVEL": "WARNING", "DANCHIEU_API_PORT": str(port)}
    proc = subprocess.Popen([sys.executable, "-m", "danchieu.cli", "serve", "--host", "127.0.0.1", "--port",
                             str(port), "--workers", str(workers), "--no-access-log"], cwd=REPO, env=env)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                # every worker answers (uvicorn hands connections to whichever accepts first)
                for _ in range(4 * workers):
                    httpx.get(f"http://127.0.0.1:{port}/ready", timeout=10)
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            sys.exit(f"the API exited with status {proc.returncode}")
        time.sleep(0.3)
    proc.terminate()
    sys.exit("the API did not become ready within 90 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# --- report ------------------------------------------------------------------------------------------
def line(res: Result, floor: Result | None = None, probe: Result | None = None, bare: Result | None = None) -> str:
    ratio = f"{res.pct(0.99) / floor.pct(0.99):>5.1f}×" if floor else "      "
    text = (f"  {res.label:<36} p50 {res.pct(0.5):>7.1f}  p95 {res.pct(0.95):>7.1f}  p99 {res.pct(0.99):>7.1f} ms"
            f"  {res.rps:>6.0f} req/s  err {res.errors:>3}  p99/health {ratio}")
    if probe is not None:
        text += f"  probe p99 {probe.pct(0.99):>6.1f} ms"
    if bare is not None:
        text += f"  bare {bare.rps:>6.0f} req/s  api/bare {res.rps / bare.rps if bare.rps else float('nan'):.2f}×"
        if bare.errors:
            text += f" (bare errors {bare.statuses})"
    if res.statuses:
        text += f"  {res.statuses}"
    return text


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
    p.add_argument("--own-port", type=int, default=OWN_PORT, help="--own-server: its Bolt port")
    p.add_argument("--bulk", action="store_true",
                   help="--own-server --build N: build an empty store by the bulk path (bench/ingest.py --bulk)")
    p.add_argument("--heap", default="1g", help="--own-server: DANCHIEU_NEO4J_HEAP")
    p.add_argument("--pagecache", default="1g", help="--own-server: DANCHIEU_NEO4J_PAGECACHE")
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--seconds", type=float, default=10.0, help="seconds of load per endpoint (and per baseline)")
    p.add_argument("--mixed-seconds", type=float, default=30.0, help="seconds of the mixed load")
    p.add_argument("--workers", default="0",
                   help="API processes, comma-separated to compare (0 = one per core, as danchieu serve)")
    p.add_argument("--spread", type=int, default=100, help="distinct URLs per endpoint (at most)")
    p.add_argument("--only", default="", help="only the endpoints whose label contains this")
    p.add_argument("--no-bare", action="store_true", help="skip the bare-driver baseline")
    p.add_argument("--profile", action="store_true", help="PROFILE each endpoint's statements (no load)")
    p.add_argument("--no-endpoints", action="store_true", help="only the mixed load(s)")
    p.add_argument("--hostile", action="store_true",
                   help="also the mixed load while /v1/check is fed the inputs of issue 14")
    p.add_argument("--attackers", type=int, default=2, help="--hostile: concurrent attacking connections")
    args = p.parse_args(argv)
    if args.bulk and not (args.own_server and args.build):
        sys.exit("--bulk builds the graph of --own-server: give --own-server --build N")
    if args.bulk:
        bulk_build(args)
    server = own_server(args) if args.own_server else None
    if server is not None:
        args.uri = f"bolt://127.0.0.1:{args.own_port}"
    password = args.password or (BENCH_PASSWORD if args.uri in (BENCH_URI, f"bolt://127.0.0.1:{args.own_port}")
                                 else Settings().neo4j_password)  # type: ignore[call-arg]
    settings = Settings().model_copy(update={"neo4j_uri": args.uri, "neo4j_user": args.user,  # type: ignore[call-arg]
                                             "neo4j_password": password})
    try:
        return run(args, settings)
    finally:
        if server is not None and args.stop_server:
            server.stop()


def own_server(args: argparse.Namespace):
    from danchieu.graph.neo4j_server import LocalNeo4j

    base = Settings()  # type: ignore[call-arg]
    settings = base.model_copy(update={
        "neo4j_home": own_home(), "neo4j_bolt_port": args.own_port,
        "neo4j_http_port": args.own_port - 7690 + 7477, "neo4j_password": BENCH_PASSWORD,
        "neo4j_heap": args.heap, "neo4j_pagecache": args.pagecache, "neo4j_uri": f"bolt://127.0.0.1:{args.own_port}"})
    server = LocalNeo4j(settings)
    server.start()
    return server


def own_home() -> Path:
    return Settings().neo4j_home.parent / "neo4j-apibench"  # type: ignore[call-arg]


def bulk_build(args: argparse.Namespace) -> None:
    """``--bulk``: an own server's store with no documents yet is built by the bulk path (``bench/ingest.py
    --bulk``: CSV, ``neo4j-admin database import``, migrations) from the same generator; one that holds
    the documents already is kept."""
    from danchieu.graph.neo4j_server import LocalNeo4j

    home = own_home()
    if (home / "data" / "databases" / "neo4j").exists():
        server = own_server(args)
        settings = Settings().model_copy(update={  # type: ignore[call-arg]
            "neo4j_uri": f"bolt://127.0.0.1:{args.own_port}", "neo4j_password": BENCH_PASSWORD})
        have = document_count(settings)
        if have >= args.build:
            print(f"  --bulk: {have:,} documents (with placeholders) already in {home}: kept", flush=True)
            return
        if have:
            sys.exit(f"--bulk fills an empty database only, and {home} holds {have:,} documents: delete it first")
        server.stop()
    else:
        LocalNeo4j(Settings().model_copy(update={"neo4j_home": home})).stop()  # type: ignore[call-arg]
    cmd = [sys.executable, str(REPO / "bench" / "ingest.py"), "--bulk", "--n", str(args.build), "--loader-n", "0",
           "--bulk-home", str(home), "--bulk-bolt-port", str(args.own_port), "--heap", args.heap,
           "--pagecache", args.pagecache]
    print(f"  --bulk: {' '.join(cmd[1:])}", flush=True)
    subprocess.run(cmd, check=True)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.build and not args.bulk:  # --bulk built it before the server started
        if args.uri not in (BENCH_URI, f"bolt://127.0.0.1:{args.own_port}") and not args.own_database:
            sys.exit("--build writes synthetic documents into --uri: add --own-database to confirm")
        build(settings, args.build)
    if args.build_only:
        return 0
    n_docs = document_count(settings)
    s = samples(settings, args.spread)
    if not s["cited_docs"] or not s["docs"]:
        sys.exit("the graph has no cited documents: build it first (--build 100000)")
    print(f"bench/api.py: {n_docs:,} documents at {args.uri}; {args.clients} clients, {args.seconds:g} s per "
          f"endpoint; {cpu_count()} core(s) shared by the API, the client and Neo4j; load average "
          f"{load_average()}", flush=True)
    print(f"  most cited document: {s['hubs'][0]['key']} ({s['hubs'][0]['cited']:,} citing documents); median "
          f"citing documents of the sampled cited documents: {statistics.median(d['cited'] for d in s['cited_docs'])}")

    rng = random.Random(11)
    chosen = [(label, make) for label, make in endpoints(s) if args.only.lower() in label.lower()]
    urls = {label: list(dict.fromkeys(make(rng) for _ in range(args.spread))) for label, make in chosen}
    plans = asyncio.run(record_plans(settings, [u for us in urls.values() for u in us]))
    for label in list(urls):
        kept = [u for u in urls[label] if u in plans]
        if len(kept) < len(urls[label]):
            print(f"  {label}: {len(urls[label]) - len(kept)} of {len(urls[label])} sample URLs did not answer 200 "
                  "once; left out")
        urls[label] = kept
        if not kept:
            del urls[label]
    statements = {label: statistics.mean(len(plans[u]) for u in us) for label, us in urls.items()}
    if args.profile:
        profile_plans(settings, urls, plans)
        return 0

    for workers in [int(w) for w in args.workers.split(",")]:
        n = workers or cpu_count()
        port = free_port()
        api = start_server(settings, port, n)
        base = f"http://127.0.0.1:{port}"
        print(f"== danchieu serve --workers {n} (load average {load_average()})", flush=True)
        try:
            asyncio.run(http_load(base, "warm-up", ["/health"], args.clients, 2))
            settle(base, [u for label, us in urls.items() if "ranking" in label for u in us])
            if not args.no_endpoints:
                run_endpoints(args, settings, base, urls, plans, statements)
            run_mixed(args, base, urls)
        finally:
            stop_server(api)
    print(f"  load average at the end: {load_average()}")
    return 0


def settle(base: str, urls: list[str], in_a_row: int = 6) -> None:
    """Before timing: each whole-graph aggregate computed in every API process. A process answers 503 +
    Retry-After while it computes one (minutes at a million documents), so ask each URL on fresh
    connections (which land on any process) until it answers 200 ``in_a_row`` times."""
    start = time.monotonic()
    for url in urls:
        ok = 0
        while ok < in_a_row and time.monotonic() - start < SETTLE_S:
            r = httpx.get(base + url, timeout=RANKING_WAIT_S + 30)
            ok = ok + 1 if r.status_code == 200 else 0
            if r.status_code == 503:
                time.sleep(float(r.headers.get("Retry-After", 5)))
    print(f"  rankings computed in every API process: {time.monotonic() - start:.0f} s", flush=True)


def run_endpoints(args: argparse.Namespace, settings: Settings, base: str, urls: dict[str, list[str]],
                  plans: dict[str, Plan], statements: dict[str, float]) -> None:
    worst: list[tuple[float, str]] = []
    errors = 0
    for label, us in urls.items():
        asyncio.run(http_load(base, "warm-up", us, min(10, args.clients), 1.5))
        floor = asyncio.run(http_load(base, "/health", ["/health"], args.clients, args.seconds / 2))["/health"]
        probe = Result("/health probe")
        res = asyncio.run(http_load(base, label, us, args.clients, args.seconds, probe))[label]
        bare = None if args.no_bare else asyncio.run(
            bare_load(settings, label, [plans[u] for u in us], args.clients, args.seconds))
        print(line(floor), flush=True)
        print(line(res, floor, probe, bare) + f"  ({statements[label]:.1f} statements/request)", flush=True)
        worst.append((res.pct(0.99) / floor.pct(0.99), label))
        errors += res.errors
    ratio, label = max(worst)
    print(f"  worst p99 / /health p99: {ratio:.1f}× ({label}; target ≤ 10×); errors in all endpoint runs: {errors}")


def run_mixed(args: argparse.Namespace, base: str, urls: dict[str, list[str]]) -> None:
    rng = random.Random(5)
    split = {u: label for label, us in urls.items() for u in us}
    pool = [u for us in urls.values() for u in us]
    rng.shuffle(pool)
    runs = [("mixed load", args.clients, 0)]
    if args.hostile:
        runs += [("mixed load while /v1/check is attacked", args.clients, args.attackers),
                 ("/v1/check attacked, no other load (as bench/hostile.py)", 0, args.attackers)]
    for title, clients, attackers in runs:
        results, probe, outcomes = asyncio.run(mixed(base, pool, split, clients, args.mixed_seconds, attackers))
        print(f"== {title}: {clients} clients, {args.mixed_seconds:g} s, load average {load_average()}",
              flush=True)
        for res in sorted(results.values(), key=lambda r: r.label != "mixed load (all endpoints)"):
            print(line(res), flush=True)
        print(f"  /health probe every 20 ms: p50 {probe.pct(0.5):.1f} ms  p99 {probe.pct(0.99):.1f} ms  "
              f"max {max(probe.latencies, default=float('nan')) * 1000:.1f} ms  ({len(probe.latencies)} answers, "
              f"errors {probe.errors})", flush=True)
        if attackers:
            for name, counts in outcomes.items():
                print(f"  attack: {name:<38} {counts}")
            print("  (a ReadError on the chunked body: the server answered 413 and closed the connection while "
                  "the client was still sending; inputs still in flight when the load ended are not counted)")
        total = results["mixed load (all endpoints)"]
        print(f"  errors on the mixed load: {total.errors}" + (f" {total.statuses}" if total.errors else ""),
              flush=True)


if __name__ == "__main__":
    sys.exit(main())
