"""Errors a user can act on are one line, never a traceback."""

import os
import socket
import subprocess
import sys

import pytest

from danchieu.config import REPO_ROOT


def _danchieu(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "danchieu.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=REPO_ROOT, timeout=120)


def _assert_one_line_error(proc: subprocess.CompletedProcess, needle: str) -> None:
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and needle in lines[0], proc.stderr


def test_missing_java_says_what_to_install(tmp_path):
    proc = _danchieu("neo4j", "start", env={"PATH": str(tmp_path), "NEO4J_PASSWORD": "a-good-password",
                                             "DANCHIEU_NEO4J_HOME": str(tmp_path / "home")})
    _assert_one_line_error(proc, "Java was not found")


def test_busy_port_names_the_port_and_the_setting(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        proc = _danchieu("neo4j", "start", env={"NEO4J_PASSWORD": "a-good-password",
                                                 "DANCHIEU_NEO4J_HOME": str(tmp_path / "home"),
                                                 "DANCHIEU_NEO4J_BOLT_PORT": str(port)})
    _assert_one_line_error(proc, f"port {port} is busy")


@pytest.mark.neo4j
def test_wrong_password_says_which_settings_to_check(neo4j_target):
    proc = _danchieu("schema", "status", env={"NEO4J_URI": neo4j_target.uri, "NEO4J_PASSWORD": "not-the-password"})
    _assert_one_line_error(proc, "refused the user or password")


def test_stop_without_a_server_started_here_stops_nothing(tmp_path):
    proc = _danchieu("neo4j", "stop", env={"NEO4J_PASSWORD": "a-good-password",
                                            "DANCHIEU_NEO4J_HOME": str(tmp_path / "home")})
    assert proc.returncode == 0 and "was not running" in proc.stdout
