"""Issue 14 items 5 and 7: the local server's limits, its files' permissions, and the initial
password kept off the command line (checked against the real admin tool's auth.ini)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat

import pytest
from danchieu.graph.neo4j_server import (
    LocalNeo4j,
    _java,
    at_file_argument,
    server_transaction_timeout,
    transaction_budget,
)

from danchieu.config import Settings


def settings_for(home, password: str = "hostile-suite-password") -> Settings:
    return Settings().model_copy(update={"neo4j_home": home, "neo4j_password": password,  # type: ignore[call-arg]
                                         "neo4j_heap": "1g"})


def test_neo4j_conf_bounds_every_transaction_and_loads_no_files_or_urls(tmp_path):
    conf = LocalNeo4j(settings_for(tmp_path / "n")).write_config().read_text()
    assert "dbms.memory.transaction.total.max=512m" in conf  # half the 1g heap, shared by all
    assert "db.memory.transaction.max=256m" in conf
    assert "db.transaction.timeout=300s" in conf
    assert "dbms.security.allow_csv_import_from_file_urls=false" in conf
    assert "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0" in conf


def test_the_server_time_limit_never_undercuts_the_apis_own():
    settings = Settings().model_copy(update={"query_timeout_s": 200.0, "neo4j_transaction_timeout_s": 60})  # type: ignore[call-arg]
    assert server_transaction_timeout(settings) > 200


def test_the_server_home_is_its_owners_alone(tmp_path):
    server = LocalNeo4j(settings_for(tmp_path / "n"))
    server.write_config()
    for path in (server.home, server.home / "data", server.home / "conf"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700


def test_transaction_budget_is_a_share_of_the_heap():
    assert transaction_budget("768m", 0.5) == "384m" and transaction_budget("2g", 0.25) == "512m"


@pytest.mark.parametrize("password", ["plain-Pass_123", "with space # and \"quotes\" \\ back"])
def test_an_argument_file_keeps_any_password_whole(password):
    text = at_file_argument(password)
    assert "\n" not in text and (text == password or text.startswith('"'))


def _neo4j_hash(password: str, salt: bytes, iterations: int) -> str:
    # Neo4j's SHA-256 credential (Shiro SimpleHash): sha256(salt + password), then re-hashed
    digest = hashlib.sha256(salt + password.encode("utf-8")).digest()
    for _ in range(iterations - 1):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()


@pytest.mark.neo4j
def test_the_initial_password_reaches_neo4j_through_a_private_file_not_argv(tmp_path):
    server = LocalNeo4j(settings_for(tmp_path / "n", 'a "hard" pass # word'))
    if not (server.lib / ".complete").exists() or shutil.which("java") is None:
        pytest.fail("the Neo4j jars are not provisioned: run `danchieu neo4j start` once")
    server.write_config()
    server._set_initial_password(_java())
    auth = server.home / "data" / "dbms" / "auth.ini"
    assert stat.S_IMODE(auth.stat().st_mode) == 0o600
    assert not list((server.home / "run").glob("initial-password-*"))  # the argument file is gone
    user, credential = auth.read_text().split(":", 2)[:2]
    algorithm, digest, salt, iterations = credential.split(",")
    assert user == "neo4j" and algorithm == "SHA-256"
    assert digest == _neo4j_hash('a "hard" pass # word', bytes.fromhex(salt), int(iterations))


# --- on the running test server (the settings above are in effect, not only written) -------------
LIMITS = ["db.transaction.timeout", "db.memory.transaction.max", "dbms.memory.transaction.total.max",
          "dbms.security.allow_csv_import_from_file_urls"]


def _local_server(neo4j_target) -> bool:
    port = os.environ.get("DANCHIEU_TEST_BOLT_PORT", "7688")
    return neo4j_target.uri == f"bolt://127.0.0.1:{port}"


@pytest.mark.neo4j
def test_the_running_server_has_the_limits_of_its_conf(neo4j_target, neo4j_driver):
    if not _local_server(neo4j_target):
        pytest.skip("the server under test was not configured by `danchieu neo4j start`")
    with neo4j_driver.session(database="system") as session:
        got = {r["name"]: r["value"] for r in session.run(
            "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value", names=LIMITS)}
    assert got["db.transaction.timeout"] == "5m"  # 300 s (the test settings' API limit is far below)
    assert got["db.memory.transaction.max"] == "192.00MiB"  # a quarter of the test server's 768m heap
    assert got["dbms.memory.transaction.total.max"] == "384.00MiB"  # half of it
    assert got["dbms.security.allow_csv_import_from_file_urls"] == "false"


@pytest.mark.neo4j
@pytest.mark.parametrize("url", ["http://127.0.0.1:{http}/", "http://[::1]:{http}/", "file:///etc/passwd"])
def test_load_csv_reads_no_url_and_no_file_even_as_admin(neo4j_target, neo4j_driver, neo4j_settings, url):
    if not _local_server(neo4j_target):
        pytest.skip("the server under test was not configured by `danchieu neo4j start`")
    from neo4j.exceptions import ClientError

    http = os.environ.get("DANCHIEU_TEST_HTTP_PORT", "7475")
    with neo4j_driver.session(database=neo4j_settings.neo4j_database) as session, \
            pytest.raises(ClientError, match="blocked|not allowed|file URLs|Cannot load"):
        session.run(f"LOAD CSV FROM '{url.format(http=http)}' AS line RETURN line LIMIT 1").consume()
