"""A real Neo4j Community server without Docker, assembled from Maven Central.

``graph/neo4j-server/pom.xml`` records the exact coordinates (``org.neo4j:neo4j`` 5.26.x, whose
jar holds the server entry point ``org.neo4j.server.CommunityEntryPoint``, and the Neo4j Browser).
``mvn dependency:copy-dependencies`` copies those jars once into a cache outside the repository
(``~/.cache/danchieu/neo4j-lib/<version>``); every later start reuses them with no network.
Each server instance has its own home (``conf/``, ``data/``, ``logs/``, ``run/``), so the
development server and the test server live side by side.

    danchieu neo4j start   # provisions on first use, then starts and waits for Bolt
    danchieu neo4j status
    danchieu neo4j stop    # stops only the server this home started
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from xml.etree import ElementTree

from danchieu.config import Settings
from danchieu.errors import ConfigError, Neo4jServerError
from danchieu.log import get_logger

log = get_logger(__name__)

POM = Path(__file__).resolve().parent / "neo4j-server" / "pom.xml"  # package data, in a wheel too
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
MIN_JAVA = 17


def pinned_versions(pom: Path = POM) -> dict[str, str]:
    """The versions recorded in the pom: ``{"neo4j.version": "5.26.30", ...}``."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    props = ElementTree.parse(pom).getroot().find("m:properties", ns)
    return {el.tag.split("}")[1]: (el.text or "") for el in (props if props is not None else [])}


def cache_root() -> Path:
    return Path(os.environ.get("DANCHIEU_CACHE", Path.home() / ".cache" / "danchieu"))


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _java() -> str:
    java = shutil.which("java")
    if not java:
        raise Neo4jServerError(
            "Java was not found: Neo4j 5.26 needs Java 17 or 21 (Debian: apt-get install openjdk-17-jre-headless)")
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    m = re.search(r'version "(\d+)', out)
    if not m or int(m.group(1)) < MIN_JAVA:
        raise Neo4jServerError(
            f"Java {MIN_JAVA}+ is needed for Neo4j 5.26, found: {out.splitlines()[0] if out else '?'}")
    return java


def transaction_budget(heap: str, share: float) -> str:
    """A share of the heap for transaction memory, in megabytes: ``("1g", 0.5)`` → ``"512m"``."""
    m = re.fullmatch(r"\s*(\d+)\s*([kmgKMG]?)\s*", heap)
    if not m:
        raise ConfigError(f"DANCHIEU_NEO4J_HEAP={heap!r} is not a size such as 1g or 768m")
    mb = int(m.group(1)) * {"k": 1 / 1024, "m": 1, "g": 1024, "": 1 / (1024 * 1024)}[m.group(2).lower()]
    return f"{max(16, int(mb * share))}m"


def server_transaction_timeout(settings: Settings) -> int:
    """Seconds for ``db.transaction.timeout``: ``DANCHIEU_NEO4J_TX_TIMEOUT``, and never less than
    twice the API's own query limit (a server limit under it would end API queries early)."""
    return max(int(settings.neo4j_transaction_timeout_s), int(2 * settings.query_timeout_s) + 1)


def _private_umask() -> None:
    os.umask(0o077)


def at_file_argument(value: str) -> str:
    """One argument as picocli reads it from an ``@file``: plain when safe, else double-quoted with
    backslashes and quotes escaped (``#`` would start a comment, spaces would split it)."""
    if re.fullmatch(r"[A-Za-z0-9_\-+/=.,:;!@$%^&*()\[\]{}~?<>|]+", value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class LocalNeo4j:
    """One Neo4j server instance: its home directory, ports and password come from ``settings``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = Path(settings.neo4j_home).expanduser()
        self.bolt_port = settings.neo4j_bolt_port
        self.http_port = settings.neo4j_http_port
        self.version = pinned_versions()["neo4j.version"]
        self.lib = cache_root() / "neo4j-lib" / self.version
        self.pid_file = self.home / "run" / "neo4j.pid"

    # --- provisioning --------------------------------------------------------------------------
    def provision(self) -> None:
        """Copy the server's jars from Maven Central into the cache, once."""
        marker = self.lib / ".complete"
        if marker.exists():
            return
        mvn = shutil.which("mvn")
        if not mvn:
            raise Neo4jServerError("Maven (mvn) was not found: it fetches Neo4j from Maven Central the first "
                                   "time (Debian: apt-get install maven)")
        tmp = self.lib.with_name(self.lib.name + ".partial")
        shutil.rmtree(tmp, ignore_errors=True)
        log.info("downloading Neo4j %s from Maven Central into %s (first start only)", self.version, self.lib)
        cmd = [mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies", f"-DoutputDirectory={tmp}",
               "-DincludeScope=runtime", f"-Dmaven.repo.local={cache_root() / 'm2'}"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0 or not any(tmp.glob("neo4j-*.jar")):
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            raise Neo4jServerError(f"mvn could not fetch Neo4j {self.version} from Maven Central:\n{tail}")
        marker_tmp = tmp / ".complete"
        marker_tmp.write_text(self.version)
        shutil.rmtree(self.lib, ignore_errors=True)
        tmp.rename(self.lib)

    def write_config(self) -> Path:
        conf_dir = self.home / "conf"
        # the server's files are its owner's alone: auth.ini (password hashes) and the store
        self.home.mkdir(parents=True, exist_ok=True)
        self.home.chmod(0o700)
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
            (self.home / sub).chmod(0o700)
        api = f"{self.settings.api_host}:{self.settings.api_port}"
        guide = f"http://{api}/browser/guide.html"
        lines = {
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.bolt_port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.bolt_port}",
            "server.http.listen_address": f"127.0.0.1:{self.http_port}",
            "server.http.advertised_address": f"127.0.0.1:{self.http_port}",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "server.memory.pagecache.size": self.settings.neo4j_pagecache,
            # Bounded work for any query (issue 14 item 5): transactions share well under the heap
            # and each has its own cap, so what the memory tracker counts is stopped before the JVM
            # runs out (a huge list it does not count is refused by /v1/cypher's plan check).
            "dbms.memory.transaction.total.max": transaction_budget(self.settings.neo4j_heap, 0.5),
            "db.memory.transaction.max": transaction_budget(self.settings.neo4j_heap, 0.25),
            # The server's limit on a transaction that names none: Browser and cypher-shell sessions,
            # the loader's write batches. Every API query names its own shorter one, which a 5.26
            # server obeys whether it is shorter or longer than this (servers 4.2–5.2 ignored a longer
            # one); so this is set well above the API's limit, never below it (server_transaction_timeout).
            "db.transaction.timeout": f"{server_transaction_timeout(self.settings)}s",
            # No file access from LOAD CSV, and no URL loading at all: every address is blocked, so a
            # query cannot make the server fetch http://127.0.0.1:7474/ (request forgery). /v1/cypher
            # refuses LOAD CSV in its plan check too (graph/readonly.py); this covers Browser sessions.
            "dbms.security.allow_csv_import_from_file_urls": "false",
            "internal.dbms.cypher_ip_blocklist": "0.0.0.0/0,::/0",
            "server.directories.data": str(self.home / "data"),
            "server.directories.logs": str(self.home / "logs"),
            "server.directories.run": str(self.home / "run"),
            "server.directories.import": str(self.home / "import"),
            "server.directories.plugins": str(self.home / "plugins"),
            "dbms.usage_report.enabled": "false",
            # The Browser opens the Vietnamese guide served by the API on connect (5.26 still names
            # the host list "whitelist"; "allowlist" is rejected by strict config validation).
            "browser.post_connect_cmd": f"play {guide}",
            "browser.remote_content_hostname_whitelist": f"{self.settings.api_host},localhost,127.0.0.1",
        }
        conf = conf_dir / "neo4j.conf"
        conf.write_text("# Written by `danchieu neo4j start`; edit Settings / .env instead.\n"
                        + "".join(f"{k}={v}\n" for k, v in lines.items()), encoding="utf-8")
        return conf

    def _set_initial_password(self, java: str) -> None:
        data = self.home / "data"
        # a store written by a bulk import (databases/neo4j) still lets the password be set; a started one not
        if (data / "dbms" / "auth.ini").exists() or (data / "databases" / "system").exists():
            return
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}
        # The password travels in a 0600 argument file (picocli's "@file"), never on the command
        # line, where `ps` shows it to every user of the machine.
        fd, args_path = tempfile.mkstemp(prefix="initial-password-", dir=self.home / "run")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(at_file_argument(self.settings.require_password()) + "\n")
            proc = subprocess.run(
                [java, "-cp", f"{self.lib}/*", ADMIN_TOOL, "dbms", "set-initial-password", f"@{args_path}"],
                capture_output=True, text=True, env=env, preexec_fn=_private_umask)
        finally:
            os.unlink(args_path)
        if proc.returncode != 0:
            raise Neo4jServerError(f"could not set the Neo4j password: {proc.stderr.strip()[-500:]}")
        self.secure_files()

    def prepare_auth(self, java: str | None = None) -> None:
        """The initial password, set before the store exists (a bulk import creates the store, and the
        password can only be set before the first start)."""
        self._set_initial_password(java or _java())

    def secure_files(self) -> None:
        """0700 on the server's directories and 0600 on auth.ini (an older home may be world-readable)."""
        for sub in ("data", "data/dbms", "conf", "logs", "run"):
            path = self.home / sub
            if path.is_dir():
                path.chmod(0o700)
        auth = self.home / "data" / "dbms" / "auth.ini"
        if auth.exists():
            auth.chmod(0o600)

    # --- process control -----------------------------------------------------------------------
    def pid(self) -> int | None:
        """The pid of the server this home started, if it is still alive."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return None
        return pid if ENTRY_POINT in cmdline and str(self.home) in cmdline else None

    def start(self, timeout: float = 180.0) -> bool:
        """Start the server and wait for Bolt. Returns False when it was already running."""
        java = _java()
        self.settings.require_password()
        if self.pid() is not None:
            self.wait_for_bolt(timeout)
            return False
        for port, var in ((self.bolt_port, "DANCHIEU_NEO4J_BOLT_PORT"), (self.http_port, "DANCHIEU_NEO4J_HTTP_PORT")):
            if not _port_is_free(port):
                raise Neo4jServerError(f"port {port} is busy: another program (another Neo4j?) listens there; "
                                       f"stop it or choose another port with {var}")
        self.provision()
        self.write_config()
        self._set_initial_password(java)
        self.secure_files()
        console = open(self.home / "logs" / "console.log", "ab")
        heap = self.settings.neo4j_heap
        proc = subprocess.Popen(
            [java, f"-Xms{heap}", f"-Xmx{heap}", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
             "-Dfile.encoding=UTF-8", "-cp", f"{self.lib}/*", ENTRY_POINT,
             f"--home-dir={self.home}", f"--config-dir={self.home / 'conf'}"],
            stdout=console, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            preexec_fn=_private_umask)  # the store files it creates are readable by its owner only
        console.close()
        self.pid_file.write_text(str(proc.pid))
        try:
            self.wait_for_bolt(timeout, proc)
        except BaseException:
            self.stop()
            raise
        return True

    def wait_for_bolt(self, timeout: float, proc: subprocess.Popen | None = None) -> None:
        from danchieu.graph.driver import create_driver
        from neo4j import exceptions as nx

        settings = self.settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{self.bolt_port}"})
        deadline = time.monotonic() + timeout
        while True:
            if proc is not None and proc.poll() is not None:
                raise Neo4jServerError(f"Neo4j exited during start-up (code {proc.returncode}); see "
                                       f"{self.home / 'logs' / 'console.log'}:\n{self._log_tail()}")
            try:
                driver = create_driver(settings)
                try:
                    driver.verify_connectivity()
                    return
                finally:
                    driver.close()
            except nx.AuthError as exc:
                raise Neo4jServerError(
                    f"Neo4j at {self.home} refused the password from NEO4J_PASSWORD: its data was created with "
                    "another one. Put that one in .env, or stop the server and delete "
                    f"{self.home / 'data'} to start afresh") from exc
            except (nx.ServiceUnavailable, nx.SessionExpired, OSError):
                pass
            except ConfigError:
                raise
            if time.monotonic() > deadline:
                raise Neo4jServerError(f"Neo4j did not answer on Bolt port {self.bolt_port} within {timeout:.0f} s; "
                                       f"see {self.home / 'logs'}:\n{self._log_tail()}")
            time.sleep(1.0)

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server this home started; anything else on the ports is left alone."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.pid() is not None and time.monotonic() < deadline:
            time.sleep(0.5)
        if self.pid() is not None:
            os.kill(pid, signal.SIGKILL)
            time.sleep(1.0)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> str:
        pid = self.pid()
        provisioned = "provisioned" if (self.lib / ".complete").exists() else "not provisioned yet"
        if pid is None:
            return f"stopped (Neo4j {self.version}, {provisioned}; home {self.home})"
        return (f"running, pid {pid}: bolt://127.0.0.1:{self.bolt_port}  "
                f"http://127.0.0.1:{self.http_port}/browser/  (home {self.home})")

    def _log_tail(self, lines: int = 12) -> str:
        for name in ("neo4j.log", "console.log"):
            path = self.home / "logs" / name
            if path.exists():
                text = path.read_text(errors="replace").strip().splitlines()
                return "\n".join(text[-lines:])
        return "(no log)"
