"""Year-less citations and the graph: what it knows, and re-linking when it learns more.

"Nghị quyết 128/NQ-CP" prints no year, and numbers restart every year. Extraction resolves such a
citation against a registry of known documents (:func:`danchieu.ingest.known.resolve`); ``danchieu ingest``
adds what the graph already holds to that registry (:func:`known_documents`). When a later batch
makes a symbol known — a document's own number and date, or a citation printing the full date —
the citations loaded earlier are resolved again by the same rule (:func:`relink`): an edge into a
``…@?`` placeholder, or one inferred to an older year, moves to the document it now resolves to,
with ``resolution: "inferred"`` and the reason in ``resolved_by``; one that stays ambiguous keeps
pointing at the ``@?`` node with ``resolution: "ambiguous"`` and says why. The outcome is what
``danchieu extract`` gives on all the files at once, in whatever order they were ingested.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import neo4j
from danchieu.graph.driver import translate
from danchieu.graph.rows import document_uri
from danchieu.ingest.keys import document_key
from danchieu.ingest.known import KnownDocument, KnownDocuments, default_registry, resolve
from danchieu.queries import load_query
from neo4j import exceptions as nx

_CHUNK = 500


def _known(records: Iterable[Any]) -> list[KnownDocument]:
    return [KnownDocument(r["key"], r["number"], r["type"], r["issuer"], r["date"], "graph") for r in records]


def known_documents(driver: neo4j.Driver, database: str) -> list[KnownDocument]:
    """Every document the graph knows with a printed date (what :func:`danchieu.ingest.known.facts` collects)."""
    try:
        records, _, _ = driver.execute_query(load_query("load/known_documents"), symbols=None, database_=database)
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        raise translate(exc) from exc
    return _known(records)


def relink(driver: neo4j.Driver, database: str, symbols: Iterable[str]) -> int:
    """Resolve again every inferred or ambiguous citation of ``symbols`` (symbol keys such as
    ``"128/NQ-CP"``); returns how many edges moved or changed their resolution."""
    todo = sorted(set(symbols))
    changed = 0
    try:
        with driver.session(database=database) as session:
            for i in range(0, len(todo), _CHUNK):
                changed += session.execute_write(_relink_chunk, todo[i:i + _CHUNK])
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        raise translate(exc) from exc
    return changed


def _relink_chunk(tx: neo4j.ManagedTransaction, symbols: list[str]) -> int:
    graph_known: dict[str, list[KnownDocument]] = {}
    for doc in _known(tx.run(load_query("load/known_documents"), symbols=symbols)):
        graph_known.setdefault(doc.key.rpartition("@")[0], []).append(doc)
    shipped = default_registry()
    moves: list[dict[str, Any]] = []
    for edge in tx.run(load_query("load/relink_edges"), symbols=symbols):
        number = edge["number"]
        registry = KnownDocuments(shipped.candidates(number) + graph_known.get(edge["symbol"], []))
        found = resolve(number, edge["citing_year"], registry)
        new = found.doc.key if found.doc else document_key(number, None)
        if (new, found.resolution, found.reason) == (edge["target"], edge["resolution"], edge["reason"]):
            continue
        known = found.doc
        moves.append({"src": edge["src"], "old": edge["target"], "new": new, "number": number,
                      "resolution": found.resolution, "reason": found.reason,
                      "type": known.type if known else None, "issuer": known.issuer if known else None,
                      "date": known.date if known else None, "year": known.year if known else None,
                      "uri": document_uri(new, known.type if known else None, number, known.year if known else None)})
    if not moves:
        return 0
    tx.run(load_query("load/relink_move"), moves=moves).consume()
    tx.run(load_query("load/drop_orphan_placeholders"), keys=sorted({m["old"] for m in moves})).consume()
    return len(moves)


__all__ = ["known_documents", "relink"]
