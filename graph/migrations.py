"""Versioned schema migrations: ``graph/schema/V001__constraints.cypher``, ``V002__…``.

Each file is applied once, in version order, statement by statement (statements end with ``;``
at the end of a line; ``//`` comments are ignored). The applied version, description and a
SHA-256 checksum are recorded as ``(:__SchemaMigration)`` nodes, so that:

- ``apply`` runs only pending files and is safe to run twice (statements use ``IF NOT EXISTS``);
- an applied file that was edited afterwards is refused: add a new version instead.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import neo4j
from danchieu.graph.driver import translate_errors

from danchieu.errors import SchemaError

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
_NAME = re.compile(r"^V(\d{3})__([a-z0-9_]+)\.cypher$")


@dataclass(frozen=True)
class Migration:
    version: str  # "V001"
    description: str  # "constraints"
    path: Path

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def data_only(self) -> bool:
        """A data migration (``// V003 (data) — …`` on its first line): it fixes what older loads wrote."""
        return "(data)" in self.text.split("\n", 1)[0]

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def statements(self) -> list[str]:
        body = "\n".join(line for line in self.text.splitlines() if not line.strip().startswith("//"))
        return [s.strip() for s in re.split(r";\s*$", body, flags=re.M) if s.strip()]


@dataclass(frozen=True)
class MigrationState:
    version: str
    description: str
    state: str  # applied / pending / CHANGED


def discover(schema_dir: Path = SCHEMA_DIR) -> list[Migration]:
    found = []
    for path in sorted(schema_dir.glob("V*.cypher")):
        m = _NAME.match(path.name)
        if not m:
            raise SchemaError(f"{path.name}: migration files are named V001__what_it_does.cypher")
        found.append(Migration(f"V{m.group(1)}", m.group(2).replace("_", " "), path))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise SchemaError(f"two migration files share a version: {versions}")
    return found


def _applied(driver: neo4j.Driver, database: str) -> dict[str, str]:
    records, _, _ = driver.execute_query(
        "MATCH (m:__SchemaMigration) RETURN m.version AS version, m.checksum AS checksum",
        database_=database, routing_=neo4j.RoutingControl.READ)
    return {r["version"]: r["checksum"] for r in records}


def status(driver: neo4j.Driver, database: str, schema_dir: Path = SCHEMA_DIR) -> list[MigrationState]:
    with translate_errors():
        applied = _applied(driver, database)
    rows = []
    for m in discover(schema_dir):
        state = "pending" if m.version not in applied else (
            "applied" if applied[m.version] == m.checksum else "CHANGED")
        rows.append(MigrationState(m.version, m.description, state))
    return rows


def apply(driver: neo4j.Driver, database: str, schema_dir: Path = SCHEMA_DIR, *, fresh_load: bool = False,
          await_indexes: bool = True) -> list[str]:
    """Apply pending migrations in order; return the versions applied now.

    ``fresh_load``: the graph was just written by today's loader rules (a bulk import), so data
    migrations — which bring older loads up to those rules — are recorded as applied without running.
    ``await_indexes=False``: return once the indexes are created, while they may still be populating
    (a bulk import waits for them itself, and times that apart: ``/ready`` says not ready until then).
    """
    done: list[str] = []
    with translate_errors():
        applied = _applied(driver, database)
        for m in discover(schema_dir):
            if m.version in applied:
                if applied[m.version] != m.checksum:
                    raise SchemaError(
                        f"{m.path.name} was edited after it was applied (checksum differs): applied migrations "
                        "are immutable — restore the file and add a new version for the change")
                continue
            for statement in ([] if fresh_load and m.data_only else m.statements()):
                # Schema statements cannot share a transaction with data writes: one each.
                driver.execute_query(statement, database_=database)
            driver.execute_query(
                "MERGE (m:__SchemaMigration {version: $version}) "
                "ON CREATE SET m.description = $description, m.checksum = $checksum, m.applied_at = datetime()",
                version=m.version, description=m.description, checksum=m.checksum, database_=database)
            done.append(m.version)
        if await_indexes:
            driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    return done
