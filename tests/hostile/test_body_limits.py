"""Issue 14 items 3 and 7: bodies are counted as they arrive (chunked ones too), keyed routes are
refused before their body is read, keys never travel in URLs, CORS follows the configured port.

These run against the real app, also served by uvicorn on a free port (the chunked cases go over a
raw socket, as an attacker would send them: a test client would buffer the body first); its guards
answer before any route, so no database is involved.
"""

from __future__ import annotations

import logging
import select
import socket
import threading
import time

import pytest
from danchieu.api.guards import RedactSecrets, mask_query
from fastapi.testclient import TestClient

from danchieu.config import Settings

KEY = "hostile-suite-key"
CHUNK = 64 * 1024


class Body:
    """A chunked request body (no Content-Length) that records how much of it was pulled."""

    def __init__(self, total: int, prefix: bytes = b"") -> None:
        self.total, self.prefix, self.pulled = total, prefix, 0

    def __iter__(self):
        if self.prefix:
            self.pulled += len(self.prefix)
            yield self.prefix
        while self.pulled < self.total:
            self.pulled += CHUNK
            yield b"x" * CHUNK


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return Settings().model_copy(update={  # type: ignore[call-arg]
        "neo4j_password": "hostile-suite-password", "neo4j_uri": "bolt://127.0.0.1:1",
        "api_keys": KEY, "max_upload_bytes": 256 * 1024, "max_body_bytes": 128 * 1024,
        "upload_dir": tmp_path_factory.mktemp("uploads"), "neo4j_http_port": 7123, "cors_origins": ""})


@pytest.fixture(scope="module")
def client(settings):
    from danchieu.api.app import create_app

    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c


def multipart_head() -> tuple[bytes, dict[str, str]]:
    boundary = "hostileboundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\n").encode()
    return head, {"content-type": f"multipart/form-data; boundary={boundary}"}


def test_a_chunked_upload_without_a_key_is_refused_before_its_body_is_read(client, settings):
    head, headers = multipart_head()
    body = Body(50 * 1024 * 1024, head)
    r = client.post("/v1/documents", content=body, headers=headers)
    assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")
    assert body.pulled <= CHUNK + len(head)  # at most what the client pushed before the answer
    assert list(settings.upload_dir.iterdir()) == []


def test_a_chunked_upload_with_a_wrong_key_is_403_before_its_body_is_read(client):
    head, headers = multipart_head()
    body = Body(50 * 1024 * 1024, head)
    r = client.post("/v1/documents", content=body, headers={**headers, "X-API-Key": "wrong"})
    assert r.status_code == 403 and body.pulled <= CHUNK + len(head)


@pytest.fixture(scope="module")
def server(settings):
    """The app served by a real uvicorn on a free port."""
    import uvicorn
    from danchieu.api.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield port
    srv.should_exit = True
    thread.join(10)


def send_chunked(port: int, path: str, headers: dict[str, str], total: int, first: bytes = b"") -> tuple[int, int]:
    """Send a chunked body of ``total`` bytes until the server answers or hangs up: (status, bytes sent)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 * 1024)
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    sent = 0
    try:
        sock.sendall(head.encode())
        payload = first + b"x" * (CHUNK - len(first))
        while sent < total:
            if select.select([sock], [], [], 0)[0]:
                break  # the server has answered
            sock.sendall(f"{len(payload):x}\r\n".encode() + payload + b"\r\n")
            sent += len(payload)
            payload = b"x" * CHUNK
    except OSError:
        pass  # it hung up on us: what we measure is how much it took first
    try:
        answer = sock.recv(4096).decode("latin-1")
    except OSError:
        answer = ""
    finally:
        sock.close()
    return int(answer.split(" ", 2)[1]) if answer.startswith("HTTP/") else 0, sent


def test_a_chunked_upload_over_the_limit_is_cut_at_the_limit(server, settings):
    head, headers = multipart_head()
    status, sent = send_chunked(server, "/v1/documents", {**headers, "X-API-Key": KEY}, 50 * 1024 * 1024, head)
    assert status == 413
    assert sent < 8 * 1024 * 1024  # the limit plus what the sockets buffer, not 50 MB
    assert list(settings.upload_dir.iterdir()) == []


def test_a_chunked_upload_without_a_key_is_401_over_a_real_socket(server, settings):
    head, headers = multipart_head()
    status, sent = send_chunked(server, "/v1/documents", headers, 50 * 1024 * 1024, head)
    assert status == 401 and sent < 8 * 1024 * 1024


def test_a_chunked_json_body_over_the_limit_is_413_without_being_read_whole(server, settings):
    status, sent = send_chunked(server, "/v1/check", {"content-type": "application/json"}, 300 * 1024 * 1024,
                                b'{"text": "')
    assert status == 413 and sent < 8 * 1024 * 1024


def test_a_declared_length_over_the_limit_is_413_at_once(client, settings):
    r = client.post("/v1/check", content=b"{}", headers={"content-type": "application/json",
                                                         "content-length": str(settings.max_body_bytes + 1)})
    assert r.status_code == 413


def test_a_key_in_the_url_is_refused_and_masked(client):
    r = client.get("/v1/search?q=x&api_key=s3cret-value")
    assert r.status_code == 400 and "X-API-Key" in r.json()["detail"]
    assert "s3cret" not in r.text
    assert mask_query(b"q=x&api_key=s3cret&x_api_key=t") == b"q=x&api_key=***&x_api_key=***"


def test_the_access_log_never_prints_a_key_sent_in_a_url():
    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5", "GET", "/v1/search?q=x&apikey=s3cret", "1.1", 400), None)
    RedactSecrets().filter(record)
    assert "s3cret" not in record.getMessage() and "apikey=***" in record.getMessage()


def test_a_node_key_parameter_is_not_mistaken_for_a_credential(client):
    r = client.get("/v1/graph/neighborhood?key=person:x")
    assert r.status_code != 400 or "X-API-Key" not in r.text


def test_cors_origins_follow_the_configured_browser_port(client, settings):
    assert settings.cors_origin_list == ["http://localhost:7123", "http://127.0.0.1:7123"]
    preflight = {"Origin": "http://localhost:7123", "Access-Control-Request-Method": "GET"}
    r = client.options("/v1/search", headers=preflight)
    assert r.headers.get("access-control-allow-origin") == "http://localhost:7123"
