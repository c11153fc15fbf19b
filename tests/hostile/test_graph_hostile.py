"""Issue 14 item 7 against the real Neo4j: placeholder properties do not depend on which document
is loaded first, and a hung server (every byte stops, as under SIGSTOP) costs a request a few
seconds and a 503, not the query's whole time limit."""

from __future__ import annotations

import random
import socket
import threading
import time

import pytest
from danchieu.graph.loader import load_document
from danchieu.ingest.pipeline import extract_text
from danchieu.queries import load_query
from fastapi.testclient import TestClient

from tests.graph.factory import new_tag

pytestmark = pytest.mark.neo4j


def _citing(tag: str, n: int, cited: str, words: str) -> str:
    return (f"BỘ TÀI CHÍNH\n\nSố: {n}/TB-{tag}\n\nHà Nội, ngày 1 tháng 3 năm 2022\n\nTHÔNG BÁO\n\n"
            f"Căn cứ {words.format(cited=cited)}.\n")


def _placeholder(driver, db, key: str) -> dict:
    records, _, _ = driver.execute_query("MATCH (d:Document {key: $key}) RETURN properties(d) AS p", key=key,
                                         database_=db)
    return records[0]["p"]


def test_placeholder_properties_do_not_depend_on_the_loading_order(neo4j_driver, neo4j_db):
    tag = new_tag()
    cited = f"{random.randint(900, 999)}/NQ-{tag}"
    a = extract_text(_citing(tag, 1, cited, "Nghị quyết số {cited} ngày 11/10/2021 của Chính phủ về phòng chống "
                                            "dịch bệnh"), source="a.txt")
    b = extract_text(_citing(tag, 2, cited, "Nghị quyết {cited} ngày 12/10/2021 của Thủ tướng Chính phủ"),
                     source="b.txt")
    key = next(c.key for c in a.citations if c.number == cited)
    seen = []
    try:
        for order in ((a, b), (b, a)):
            for doc in order:
                load_document(neo4j_driver, neo4j_db, doc)
            seen.append(_placeholder(neo4j_driver, neo4j_db, key))
            neo4j_driver.execute_query(load_query("load/delete_tagged"), tag=tag, database_=neo4j_db)
    finally:
        neo4j_driver.execute_query(load_query("load/delete_tagged"), tag=tag, database_=neo4j_db)
    assert seen[0] == seen[1]
    assert seen[0]["placeholder"] is True


class HangingProxy:
    """Forwards to Neo4j until ``hang()``; then no byte passes either way (what SIGSTOP does)."""

    def __init__(self, port: int) -> None:
        self.target = ("127.0.0.1", port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.flowing = threading.Event()
        self.flowing.set()
        threading.Thread(target=self._accept, daemon=True).start()

    def hang(self) -> None:
        self.flowing.clear()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
                upstream = socket.create_connection(self.target)
            except OSError:
                return
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                self.flowing.wait()  # hung: hold every byte
                dst.sendall(data)
        except OSError:
            pass


def test_a_hung_neo4j_answers_503_in_a_few_seconds_not_after_the_time_limit(neo4j_settings):
    from danchieu.api.app import create_app

    proxy = HangingProxy(int(neo4j_settings.neo4j_uri.rsplit(":", 1)[1]))
    settings = neo4j_settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{proxy.port}",
                                                 "neo4j_connect_timeout_s": 2.0, "query_timeout_s": 30.0})
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        assert client.get("/v1/search", params={"q": "nghi quyet"}).status_code == 200
        proxy.hang()
        started = time.perf_counter()
        r = client.get("/v1/search", params={"q": "nghi quyet"})
        elapsed = time.perf_counter() - started
    assert r.status_code == 503 and r.headers.get("Retry-After")
    assert elapsed < settings.query_timeout_s / 2  # well before the query's own limit


def test_an_ingest_run_loads_the_rest_when_one_file_is_past_its_time_and_a_rerun_resumes(
        neo4j_settings, neo4j_driver, neo4j_db, tmp_path):
    from danchieu.graph.ingest import ingest_paths
    from danchieu.ingest.pipeline import extract_file

    from tests.hostile import inputs

    tag = new_tag()
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(_citing(tag, i + 1, "128/NQ-CP", "Nghị quyết số {cited} ngày 11/10/2021"),
                                           encoding="utf-8")
    extract_file(tmp_path / "0.txt")  # the models load once, outside the timing
    started = time.perf_counter()
    extract_file(tmp_path / "0.txt")
    limit = max(3.0, 10 * (time.perf_counter() - started))  # many times a small file's cost on this machine
    (tmp_path / "slow.txt").write_text(inputs.repeated_citation(1024 * 1024), encoding="utf-8")  # tens of seconds
    settings = neo4j_settings.model_copy(update={"extract_timeout_s": limit})
    try:
        first = ingest_paths([tmp_path], settings, workers=2, progress=False)
        again = ingest_paths([tmp_path], settings, workers=2, progress=False)
    finally:
        neo4j_driver.execute_query(load_query("load/delete_tagged"), tag=tag, database_=neo4j_db)
    assert first.loaded == 3 and [p for p, _ in first.failed] == [str(tmp_path / "slow.txt")]
    assert "extraction took longer than" in first.failed[0][1] and "failed: " in first.render()
    assert again.unchanged == 3 and again.loaded == 0 and len(again.failed) == 1  # only the failed one is tried
