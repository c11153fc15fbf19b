"""The one settings object. Environment variables first, then ``.env``, then the defaults below.

Every variable is documented with its default in ``.env.example``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from danchieu.ingest.pool import FileLimits

# The checkout, when the package runs from one (an editable install). Run-time files never come from
# here — they ship inside the packages — only checkout-only commands (`danchieu up`) and tests use it.
REPO_ROOT = Path(__file__).resolve().parent.parent
_PLACEHOLDERS = {"", "changeme", "change-me", "password", "neo4j"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Neo4j connection (the standard names the Neo4j tools use)
    neo4j_uri: str = Field("bolt://127.0.0.1:7687", alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", alias="NEO4J_USER")
    neo4j_password: str = Field("", alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", alias="NEO4J_DATABASE")

    # Local Neo4j server provisioned from Maven Central (danchieu neo4j start)
    neo4j_home: Path = Field(Path.home() / ".cache" / "danchieu" / "neo4j", alias="DANCHIEU_NEO4J_HOME")
    neo4j_bolt_port: int = Field(7687, alias="DANCHIEU_NEO4J_BOLT_PORT")
    neo4j_http_port: int = Field(7474, alias="DANCHIEU_NEO4J_HTTP_PORT")
    neo4j_heap: str = Field("1g", alias="DANCHIEU_NEO4J_HEAP")
    neo4j_pagecache: str = Field("1g", alias="DANCHIEU_NEO4J_PAGECACHE")
    # db.transaction.timeout: the limit of a transaction that names none (Browser, the loader's
    # batches); API queries name their own, shorter one (DANCHIEU_QUERY_TIMEOUT)
    neo4j_transaction_timeout_s: int = Field(300, alias="DANCHIEU_NEO4J_TX_TIMEOUT")
    # the user /v1/cypher connects as (created by `danchieu neo4j start`); its password is derived
    # from NEO4J_PASSWORD unless NEO4J_READER_PASSWORD is set
    # seconds to connect, or to get BEGIN answered, before a request fails with 503 (a hung server)
    neo4j_connect_timeout_s: float = Field(5.0, alias="DANCHIEU_NEO4J_CONNECT_TIMEOUT")
    # connections each API process keeps to Neo4j at most (the server's Bolt threads, 400 by default,
    # serve 8 processes of 50); a request waiting longer than the connect time-out for one gets a 503
    neo4j_pool_size: int = Field(50, alias="DANCHIEU_NEO4J_POOL_SIZE")
    neo4j_reader_user: str = Field("danchieu_reader", alias="NEO4J_READER_USER")
    neo4j_reader_password: str = Field("", alias="NEO4J_READER_PASSWORD")

    # API
    api_host: str = Field("127.0.0.1", alias="DANCHIEU_API_HOST")
    api_port: int = Field(8000, alias="DANCHIEU_API_PORT")
    api_keys: str = Field("", alias="DANCHIEU_API_KEYS")  # comma-separated; empty = no write access
    # empty = Neo4j Browser's origins on the configured HTTP port (localhost and 127.0.0.1)
    cors_origins: str = Field("", alias="DANCHIEU_CORS_ORIGINS")
    max_upload_bytes: int = Field(20 * 1024 * 1024, alias="DANCHIEU_MAX_UPLOAD_BYTES")
    max_body_bytes: int = Field(1024 * 1024, alias="DANCHIEU_MAX_BODY_BYTES")  # any other request body
    query_timeout_s: float = Field(10.0, alias="DANCHIEU_QUERY_TIMEOUT")
    cypher_row_cap: int = Field(1000, alias="DANCHIEU_CYPHER_ROW_CAP")
    cypher_max_bytes: int = Field(4 * 1024 * 1024, alias="DANCHIEU_CYPHER_MAX_BYTES")

    # Processes: extraction processes of `ingest`, and API processes of `serve` (uvicorn workers)
    workers: int = Field(0, alias="DANCHIEU_WORKERS")  # 0 = one per core

    # Ingest
    job_lease_s: int = Field(300, alias="DANCHIEU_JOB_LEASE")
    # each file is extracted in a child process with these limits: uploads (graph/sandbox.py) and the
    # worker pool of `danchieu extract` and `danchieu ingest` (ingest/pool.py); 0 = no limit
    extract_timeout_s: float = Field(300.0, alias="DANCHIEU_EXTRACT_TIMEOUT")
    # the gazette's longest text (1 M characters) peaks at 2.4 GB of address space
    extract_memory_mb: int = Field(4096, alias="DANCHIEU_EXTRACT_MEMORY_MB")
    upload_dir: Path = Field(Path.home() / ".cache" / "danchieu" / "uploads", alias="DANCHIEU_UPLOAD_DIR")
    # the rankings' answers, shared by the API processes of one machine (api/aggregates.py)
    aggregate_dir: Path = Field(Path.home() / ".cache" / "danchieu" / "aggregates", alias="DANCHIEU_AGGREGATE_DIR")
    # spaCy components of your own added after the extraction's stages: "module:factory", comma-separated
    nlp_components: str = Field("", alias="DANCHIEU_NLP_COMPONENTS")

    log_level: str = Field("INFO", alias="DANCHIEU_LOG_LEVEL")

    @field_validator("workers", "neo4j_pool_size")
    @classmethod
    def _not_negative(cls, v: int) -> int:
        if v < 0:
            raise ValueError(f"{v} is negative (0 = the default)")
        return v

    @property
    def worker_count(self) -> int:
        """``DANCHIEU_WORKERS``, or one per core available to this process when it is 0."""
        return self.workers or cpu_count()

    @field_validator("neo4j_bolt_port", "neo4j_http_port", "api_port")
    @classmethod
    def _port_in_range(cls, v: int) -> int:
        if not 1 <= v <= 65535:
            raise ValueError(f"port {v} is not between 1 and 65535")
        return v

    def require_password(self) -> str:
        """The Neo4j password, refusing empty or well-known placeholder values."""
        from danchieu.errors import ConfigError

        if self.neo4j_password.strip().lower() in _PLACEHOLDERS:
            raise ConfigError(
                "NEO4J_PASSWORD is empty or a placeholder: run `make up` (it writes .env with a "
                "generated password) or set NEO4J_PASSWORD"
            )
        return self.neo4j_password

    @property
    def file_limits(self) -> FileLimits:
        """Each file's limits in the extraction workers (``ingest`` reads no settings: they are passed)."""
        from danchieu.ingest.pool import FileLimits

        return FileLimits(seconds=self.extract_timeout_s or None, memory_mb=self.extract_memory_mb or None)

    @property
    def api_key_list(self) -> list[str]:
        return [k.strip() for k in self.api_keys.split(",") if k.strip()]

    @property
    def cors_origin_list(self) -> list[str]:
        """The configured origins, or Neo4j Browser's on ``DANCHIEU_NEO4J_HTTP_PORT`` by default."""
        given = [o.strip() for o in self.cors_origins.split(",") if o.strip()]
        return given or [f"http://localhost:{self.neo4j_http_port}", f"http://127.0.0.1:{self.neo4j_http_port}"]

    def require_reader_password(self) -> str:
        """The read-only user's password: ``NEO4J_READER_PASSWORD``, or one derived from the admin
        password (an HMAC, so it reveals nothing about it and needs no extra setup)."""
        if self.neo4j_reader_password.strip():
            return self.neo4j_reader_password
        digest = hmac.new(self.require_password().encode("utf-8"), b"danchieu read-only user", hashlib.sha256)
        return digest.hexdigest()[:32]


def cpu_count() -> int:
    """Cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]
