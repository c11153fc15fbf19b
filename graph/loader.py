"""Load one extracted document into Neo4j: one transaction, batched ``UNWIND … MERGE``, idempotent.

    with open_driver(settings) as driver:
        result = load_document(driver, "neo4j", extract_file("data/seeds/001_….txt"))
        result.status  # "loaded" | "updated" | "unchanged" | "duplicate"

One managed write transaction per document (``session.execute_write``): either everything of the
document lands or nothing does; the driver retries it on transient errors (deadlocks, leader
switches) and this module retries again, with backoff, while Neo4j is unreachable (a restart).

- Unchanged documents are skipped by content hash; an exact duplicate under another file name too.
- A changed document deletes the edges it wrote itself and writes the new ones (other documents'
  edges into it are theirs and stay).
- A cited document that is not ingested yet is a placeholder ``(:Document {placeholder: true})``;
  ingesting it later upgrades that very node (same key), so incoming ``CITES`` are kept.
- Concurrent writers of the same document serialise on the document node's lock
  (``queries/load/lock_document``) and on the uniqueness constraints.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Any

import neo4j
from danchieu.graph import identity
from danchieu.graph.driver import translate
from danchieu.graph.rows import DocumentRows, build_rows, caption, document_uri
from danchieu.ingest.models import ExtractedDocument
from danchieu.ingest.textutil import fold
from danchieu.queries import load_query
from neo4j import exceptions as nx

from danchieu.errors import DanchieuError, GraphUnavailable, LoaderError
from danchieu.log import get_logger

log = get_logger(__name__)

# (rows attribute, query) in write order; entity statements are split by label so each MERGE uses
# its label's uniqueness constraint.
_EDGE_STATEMENTS: tuple[tuple[str, str, str | None], ...] = (
    ("cites", "load/cites", None),
    ("mentions", "load/mentions_person", "Person"),
    ("mentions", "load/mentions_agency", "Agency"),
    ("mentions", "load/mentions_province", "Province"),
    ("signed", "load/signed", None),
    ("issued", "load/issued", None),
    ("issued_at", "load/issued_at", None),
    ("assigns", "load/assigns_agency", "Agency"),
    ("assigns", "load/assigns_person", "Person"),
    ("reports_on", "load/reports_on", None),
    ("located_in", "load/located_in", None),
    ("merged_into", "load/merged_into", None),
)
_RETRYABLE = (nx.ServiceUnavailable, nx.SessionExpired, nx.TransientError, OSError)


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What happened to one document. ``status``: loaded / updated / unchanged / duplicate
    (``single`` only inside :func:`load_batch`: left for a transaction of its own)."""

    key: str
    status: str
    relationships: int = 0
    entities: int = 0
    citations: int = 0
    note: str | None = None  # e.g. "same document as 494/TB-VPCP@2023 (reported by sha:…)"


def load_document(driver: neo4j.Driver, database: str, doc: ExtractedDocument, *,
                  retry_for_s: float = 120.0, per_row: bool = False) -> LoadResult:
    """Write ``doc`` in one transaction; retry while Neo4j is unavailable for up to ``retry_for_s``.

    ``per_row=True`` sends each relationship as its own statement (the benchmark's baseline).
    Raises :class:`LoaderError` (nothing written) or :class:`GraphUnavailable` (gave up waiting).
    """
    rows = build_rows(doc)
    sig = identity.signature(doc.text)
    return load_rows(driver, database, rows, sig, retry_for_s=retry_for_s, per_row=per_row)


def load_rows(driver: neo4j.Driver, database: str, rows: DocumentRows, sig: identity.Signature, *,
              retry_for_s: float = 120.0, per_row: bool = False) -> LoadResult:
    """:func:`load_document` for rows already built (in a worker process, say)."""
    return _with_retry(driver, database, _write_document, rows, sig, per_row,
                       what=f"{rows.doc.get('source')} ({rows.key})", retry_for_s=retry_for_s)


def load_batch(driver: neo4j.Driver, database: str, items: list[tuple[DocumentRows, identity.Signature]], *,
               retry_for_s: float = 120.0, per_row: bool = False) -> list[LoadResult | DanchieuError]:
    """Load many documents, most of them in one shared transaction (bulk ingest).

    Documents whose identity needs a decision (no number, news reports, certified copies, or a
    numberless near-duplicate already in the graph) go through :func:`load_rows` one by one. If the
    shared transaction fails for a reason other than availability, every document is retried alone,
    so one bad document never takes the batch down. Returns one result or error per item, in order.
    """
    out: list[LoadResult | DanchieuError | None] = [None] * len(items)
    simple = [i for i, (rows, _) in enumerate(items) if _batchable(rows)]
    seen: set[str] = set()
    batch = []
    for i in simple:  # one key once per transaction; repeats go alone
        if items[i][0].key not in seen:
            seen.add(items[i][0].key)
            batch.append(i)
    if batch:
        try:
            results = _with_retry(driver, database, _write_batch, [items[i] for i in batch], per_row,
                                  what=f"a batch of {len(batch)} documents", retry_for_s=retry_for_s)
            for i, r in zip(batch, results, strict=True):
                out[i] = r
        except LoaderError:
            pass  # isolate the culprit below
    for i, item in enumerate(items):
        done = out[i]
        if done is None or (isinstance(done, LoadResult) and done.status == "single"):
            try:
                out[i] = load_rows(driver, database, item[0], item[1], retry_for_s=retry_for_s, per_row=per_row)
            except GraphUnavailable:
                raise
            except DanchieuError as exc:
                out[i] = exc
    return [r for r in out if r is not None]


def _batchable(rows: DocumentRows) -> bool:
    return not rows.key.startswith("sha:") and not rows.reports_on and not rows.copies


def _with_retry(driver: neo4j.Driver, database: str, work: Any, *args: Any, what: str, retry_for_s: float) -> Any:
    deadline = time.monotonic() + retry_for_s
    delay = 0.5
    while True:
        try:
            with driver.session(database=database) as session:
                return session.execute_write(work, *args)
        except _RETRYABLE as exc:
            if time.monotonic() >= deadline:
                raise translate(exc) from exc
            log.warning("Neo4j unavailable while loading %s (%s); retrying in %.1fs", what,
                        exc.__class__.__name__, delay)
            time.sleep(delay)
            delay = min(delay * 2, 8.0)
        except (nx.Neo4jError, nx.DriverError) as exc:
            raise LoaderError(f"could not load {what}: {translate(exc)}; nothing of it was written") from exc


def _hash_matches(tx: neo4j.ManagedTransaction, items: list[tuple[DocumentRows, identity.Signature]]
                  ) -> dict[str, LoadResult]:
    """Unchanged documents and exact duplicates (same normalised text already ingested)."""
    docs = [{"key": r.key, "text_hash": r.text_hash} for r, _ in items]
    sources = {r.key: r.doc.get("source") for r, _ in items}
    found: dict[str, LoadResult] = {}
    for rec in tx.run(load_query("load/find_by_hash"), docs=docs):
        key, other = rec["key"], rec["found"]
        if rec["source"] == sources[key]:  # the same file again (its key may have been resolved since)
            found[key] = LoadResult(other, "unchanged")
        elif key not in found and (key == other or key.startswith("sha:")):
            found[key] = LoadResult(other, "duplicate", note=f"same text as {rec['source']} ({other})")
        # else: another numbered document that happens to print the same text (two scans whose only
        # text is the signature block): a document of its own
    return found


def _lock(tx: neo4j.ManagedTransaction, keys: list[str]) -> dict[str, tuple[str | None, bool]]:
    return {r["key"]: (r["text_hash"], r["placeholder"])
            for r in tx.run(load_query("load/lock_document"), keys=sorted(keys))}


def _write_batch(tx: neo4j.ManagedTransaction, items: list[tuple[DocumentRows, identity.Signature]],
                 per_row: bool) -> list[LoadResult]:
    known = _hash_matches(tx, items)
    todo = [(r, s) for r, s in items if r.key not in known]
    bands = [{"key": r.key, "bands": list(s.lsh)} for r, s in todo if s.lsh]
    near = {rec["doc"] for rec in tx.run(load_query("load/near_weak"), docs=bands)} if bands else set()
    todo = [(r, s) for r, s in todo if r.key not in near]  # identity decisions go one by one
    locks = _lock(tx, [r.key for r, _ in todo])
    fresh: list[tuple[DocumentRows, identity.Signature]] = []
    changed: list[tuple[DocumentRows, identity.Signature]] = []
    for r, s in todo:
        text_hash, placeholder = locks[r.key]
        if text_hash == r.text_hash and not placeholder:
            known[r.key] = LoadResult(r.key, "unchanged")
        else:
            (changed if text_hash is not None and not placeholder else fresh).append((r, s))
    if changed:
        tx.run(load_query("load/delete_own_edges"), keys=[r.key for r, _ in changed]).consume()
    written = _write_all(tx, fresh + changed, per_row)
    changed_keys = {r.key for r, _ in changed}
    for r, _ in fresh + changed:
        known[r.key] = LoadResult(r.key, "updated" if r.key in changed_keys else "loaded",
                                  relationships=written[r.key], entities=len(r.mentions), citations=len(r.cites))
    return [known.get(r.key, LoadResult(r.key, "single")) for r, _ in items]


def _write_document(tx: neo4j.ManagedTransaction, rows: DocumentRows, sig: identity.Signature,
                    per_row: bool) -> LoadResult:
    same = _hash_matches(tx, [(rows, sig)]).get(rows.key)
    if same is not None:
        return same
    decision = _identity(tx, rows, sig)
    if decision.action == "skip":
        return LoadResult(decision.other or rows.key, "duplicate",
                          note=f"near-duplicate of {decision.other} ({decision.score:.2f})")
    if decision.action == "rekey_self" and decision.target:
        rows = _rekeyed(rows, decision.target)
    text_hash, placeholder = _lock(tx, [rows.key])[rows.key]
    if text_hash == rows.text_hash and not placeholder:
        return LoadResult(rows.key, "unchanged")  # a concurrent writer got there first
    updated = text_hash is not None and not placeholder
    if updated:
        tx.run(load_query("load/delete_own_edges"), keys=[rows.key]).consume()
    if decision.action == "rekey_other" and decision.other and decision.target:
        _rekey_other(tx, decision.other, decision.target, rows)
    if decision.action == "absorb" and decision.other:
        tx.run(load_query("load/absorb_duplicate"), weak=decision.other).consume()
    written = _write_all(tx, [(rows, sig)], per_row)[rows.key]
    for copy in rows.copies:
        _lock(tx, [copy.key])
        tx.run(load_query("load/delete_own_edges"), keys=[copy.key]).consume()
        written += _write_all(tx, [(copy, identity.Signature((), (), 0))], per_row)[copy.key]
        written += tx.run(load_query("load/copy_of"), rows=[{"doc": copy.key, "original": rows.key}]
                          ).single(strict=True)["written"]
    note = None
    if decision.action != "load":
        note = f"{decision.action} {decision.other} → {decision.target or rows.key} ({decision.score:.2f})"
    return LoadResult(rows.key, "updated" if updated else "loaded", relationships=written,
                      entities=len(rows.mentions), citations=len(rows.cites), note=note)


def _identity(tx: neo4j.ManagedTransaction, rows: DocumentRows, sig: identity.Signature) -> identity.Decision:
    if not sig.lsh:
        return identity.Decision("load")
    weak = rows.key.startswith("sha:")
    reports = [r["target"]["key"] for r in rows.reports_on]
    if weak or reports:
        result = tx.run(load_query("load/near_candidates"), key=rows.key, bands=list(sig.lsh))
    else:
        result = tx.run(load_query("load/near_weak"), docs=[{"key": rows.key, "bands": list(sig.lsh)}])
    candidates = [identity.Candidate(r["key"], list(r["minhash"]), r["shingles"] or 0, r["type"],
                                     list(r["reports_on"])) for r in result]
    return identity.decide(rows.key, sig, reports, candidates)


def _rekeyed(rows: DocumentRows, target: str) -> DocumentRows:
    """A numberless document is ``target``: the same rows under that key (a copy: the transaction
    function may run again, and must find the rows as they were). The placeholder, if any, is
    upgraded in place and keeps what the report said: date, type, issuer."""
    d = dict(rows.doc)
    d["aliases"] = [rows.key]
    d["key"] = target
    number = d.get("number") or target.split("@", 1)[0]
    d["number"] = number
    year_text = target.rsplit("@", 1)[-1]
    if d.get("year") is None and year_text.isdigit():
        d["year"] = int(year_text)
    d["name"] = caption(d.get("type"), number, d.get("title"), d.get("source"))
    d["name_folded"] = fold(d["name"])
    d["uri"] = document_uri(target, d.get("type"), number, d.get("year"))
    return replace(rows, key=target, doc=d)


def _rekey_other(tx: neo4j.ManagedTransaction, weak_key: str, target: str, report: DocumentRows) -> None:
    """A report arrives about a numberless text already loaded: that text takes the reported key."""
    row: dict[str, Any] = next((r["target"] for r in report.reports_on if r["target"]["key"] == target), {})
    number = row.get("number") or target.split("@", 1)[0]
    year = row.get("year")
    name = caption(row.get("type"), number, None, None)
    tx.run(load_query("load/rekey_document"), key=weak_key, target=target, number=number,
           date=row.get("date"), date_source=row.get("date_source"), year=year, type=row.get("type"),
           issuer=row.get("issuer"),
           uri=document_uri(target, row.get("type"), number, year), name=name, name_folded=fold(name)).consume()


def _write_all(tx: neo4j.ManagedTransaction, items: list[tuple[DocumentRows, identity.Signature]],
               per_row: bool) -> dict[str, int]:
    """Every document's node and edges: one statement per kind for the whole batch (or, with
    ``per_row``, one statement per relationship). Returns relationships written per document."""
    docs = []
    for rows, sig in items:
        props = {k: v for k, v in rows.doc.items() if k not in ("key", "labels")}
        props.update(minhash=list(sig.minhash) or None, lsh=list(sig.lsh) or None, shingles=sig.shingles)
        docs.append({"key": rows.key, "props": props, "labels": rows.doc["labels"]})
    tx.run(load_query("load/document"), docs=docs).consume()
    written = {rows.key: 0 for rows, _ in items}
    for attr, query, label in _EDGE_STATEMENTS:
        batch = [{**r, "doc": rows.key} for rows, _ in items for r in getattr(rows, attr)
                 if label is None or r.get("label") == label]
        if not batch:
            continue
        for r in batch:
            written[r["doc"]] += 1
        text = load_query(query)
        for chunk in ([[r] for r in batch] if per_row else [batch]):
            tx.run(text, rows=chunk).consume()
    return written


def count_graph(driver: neo4j.Driver, database: str) -> dict[str, int]:
    """Node and relationship counts (for summaries and idempotency checks)."""
    try:
        with driver.session(database=database) as session:
            rec = session.run(load_query("load/count_graph")).single(strict=True)
            return {"nodes": rec["nodes"], "relationships": rec["relationships"]}
    except (nx.Neo4jError, nx.DriverError, OSError) as exc:
        raise translate(exc) from exc


__all__ = ["LoadResult", "count_graph", "load_batch", "load_document", "load_rows"]
