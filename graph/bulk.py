"""Bulk initial load: extraction output → node and relationship CSV → ``neo4j-admin database import full``.

    summary = bulk_ingest(batches, settings)     # an empty, stopped database only

The incremental loader (:mod:`danchieu.graph.loader`) writes one batch of documents per transaction with
``MERGE``; this module writes what that loader would leave in an empty database as CSV files, which
the Neo4j import tool turns into a store at a million records per second instead of thousands. The
graph is the same, node by node and edge by edge (``tests/graph/test_bulk.py`` compares them on the
seeds and the gazette), because :class:`BulkWriter` replays the loader's rules while the rows stream
by, in the loader's order (batches of ``batch_size`` documents; in a batch, every document node first,
then the edge statements in the loader's order):

- a cited document not ingested (yet) is a placeholder whose properties follow ``load/cites`` and
  ``load/reports_on`` (the longer value, then the smaller; a printed date beats a resolved one);
  a document that arrives after citations of it keeps what they said where its text is silent
  (``load/document``); later citations of an ingested document change nothing on it;
- a person, agency or province takes the name of the row that created it (``ON CREATE``);
- exact duplicates (same key, same text) are skipped;
- documents whose identity needs a decision against the graph — no number, news reports, certified
  copies, a second version of a key, a numbered text near a numberless one (MinHash bands, see
  :mod:`danchieu.graph.identity`) — are *deferred*: their effects on shared nodes are replayed in
  place, and after the import the loader itself writes them, in order, one by one;
- after the server is up, the migrations run (constraints, indexes, their bookkeeping nodes; data
  migrations, which bring older loads up to today's rules, are recorded without running) and
  year-less citations are re-linked (:mod:`danchieu.graph.relink`) as ``danchieu ingest`` does.

Memory: rows are written as they arrive; what is kept is a small record per document key (the first
16 bytes of its text hash), the placeholders not yet ingested, and the people, agencies and provinces.

CSV conventions (``neo4j-admin`` options ``--array-delimiter=U+001F --quote='"'``): every string is
quoted (``""`` inside), an empty unquoted field is ``null``; array elements are joined with the unit
separator U+001F, which extraction never leaves in a text (:class:`BulkError` if it does). The import
tool cannot write an empty array (an empty field is ``null``, neo4j/neo4j#13566) — nor does the loader:
a list property with nothing in it (evidence, ``pinpoints``, ``titles``) is absent, which every reader
takes as ``[]`` (:mod:`danchieu.graph.rows`), so no pass over the relationships follows the import. Texts
hold line breaks, so the import runs with ``--multiline-fields=true``.
"""

from __future__ import annotations

import datetime as dt
import gc
import marshal
import operator
import os
import pickle
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from danchieu.graph import identity
from danchieu.graph.rows import DocumentRows

from danchieu.errors import BulkImportError
from danchieu.log import get_logger

log = get_logger(__name__)

ARRAY_DELIMITER = "\x1f"
DATABASE = "neo4j"
INDEX_TIMEOUT_S = 3 * 3600.0  # the full-text index of a million texts populates in minutes on 2 cores

Item = tuple[DocumentRows, identity.Signature]
T = TypeVar("T")


BulkError = BulkImportError  # the name this module raises under (danchieu.errors holds the class)

# --- CSV cells ---------------------------------------------------------------------------------------
def _s(v: Any) -> str:
    if v is None:
        return ""
    return '"' + str(v).replace('"', '""') + '"'


def _n(v: Any) -> str:
    return "" if v is None else str(int(v))


def _b(v: bool | None) -> str:
    return "" if v is None else ("true" if v else "false")


def _d(v: Any) -> str:
    if v is None:
        return ""
    return v.isoformat() if isinstance(v, dt.date) else str(v)[:10]


def _sa(v: list[Any] | tuple[Any, ...] | None) -> str:
    """A string array; ``None`` (and ``[]``) an empty field: no property (see the module docstring)."""
    if not v:
        return ""
    joined = ARRAY_DELIMITER.join(map(str, v))
    if joined.count(ARRAY_DELIMITER) != len(v) - 1:
        x = next(x for x in v if ARRAY_DELIMITER in str(x))
        raise BulkError(f"a value holds the array delimiter U+001F, which CSV import cannot carry: {str(x)[:60]!r}")
    return _s(joined)


def _na(v: list[int] | tuple[int, ...] | None) -> str:
    return "" if not v else ARRAY_DELIMITER.join(map(str, map(int, v)))


_EV = ("ev_start:long[]", "ev_end:long[]", "ev_text:string[]", "ev_sentence:string[]")


_NO_EV = ("", "", "", "")


def _ev(r: dict[str, Any]) -> tuple[str, str, str, str]:
    """The four evidence cells; what :func:`_na` and :func:`_sa` give, the one-mention case (most facts) inline."""
    starts, ends, texts, sentences = r["ev_start"], r["ev_end"], r["ev_text"], r["ev_sentence"]
    if not (starts or ends or texts or sentences):
        return _NO_EV
    if starts and ends and texts and sentences and len(starts) == len(ends) == len(texts) == len(sentences) == 1:
        text, sentence = str(texts[0]), str(sentences[0])
        if ARRAY_DELIMITER not in text and ARRAY_DELIMITER not in sentence:
            return (str(int(starts[0])), str(int(ends[0])), '"' + text.replace('"', '""') + '"',
                    '"' + sentence.replace('"', '""') + '"')
    return _na(starts), _na(ends), _sa(texts), _sa(sentences)


# (file, header, --nodes or --relationships argument prefix)
DOC_PROPS = ("number", "type", "type_code", "issuer", "issuer_code", "date", "date_source", "year", "title", "place",
             "uri", "text_hash", "source", "news_source", "format", "name", "name_folded", "text")
_DOC_HEADER = (["key:ID(Document)", ":LABEL", "placeholder:boolean"]
               + [f"{p}:date" if p == "date" else f"{p}:long" if p == "year" else p for p in DOC_PROPS]
               + ["minhash:long[]", "lsh:string[]", "shingles:long"])
FILES: dict[str, tuple[str, list[str]]] = {
    "documents": ("", _DOC_HEADER),
    "persons": ("Person", ["key:ID(Person)", "name", "name_folded"]),
    "agencies": ("Agency", ["key:ID(Agency)", "name", "name_folded", "abbreviation"]),
    "provinces": ("Province", ["key:ID(Province)", "name", "name_folded"]),
    "cites": ("CITES", [":START_ID(Document)", ":END_ID(Document)", "kind", "resolution", "resolved_by", "count:long",
                        "pinpoints:string[]", *_EV]),
    "mentions_person": ("MENTIONS", [":START_ID(Document)", ":END_ID(Person)", "count:long", "titles:string[]",
                                     "as_of:date", *_EV]),
    "mentions_agency": ("MENTIONS", [":START_ID(Document)", ":END_ID(Agency)", "count:long", "titles:string[]",
                                     "as_of:date", *_EV]),
    "mentions_province": ("MENTIONS", [":START_ID(Document)", ":END_ID(Province)", "count:long", "titles:string[]",
                                       "as_of:date", *_EV]),
    "signed": ("SIGNED", [":START_ID(Person)", ":END_ID(Document)", "capacity", "position", *_EV]),
    "issued": ("ISSUED", [":START_ID(Agency)", ":END_ID(Document)", *_EV]),
    "issued_at": ("ISSUED_AT", [":START_ID(Document)", ":END_ID(Province)", *_EV]),
    "assigns_agency": ("ASSIGNS", [":START_ID(Document)", ":END_ID(Agency)", "task", *_EV]),
    "assigns_person": ("ASSIGNS", [":START_ID(Document)", ":END_ID(Person)", "task", *_EV]),
    "located_in": ("LOCATED_IN", [":START_ID(Agency)", ":END_ID(Province)", "document_key"]),
    "merged_into": ("MERGED_INTO", [":START_ID(Province)", ":END_ID(Province)", "effective:date", "document_key"]),
}
NODE_FILES = ("documents", "persons", "agencies", "provinces")


class _CsvFile:
    """One CSV file written line by line; remembers whether a field held a line break and the longest line."""

    __slots__ = ("path", "fh", "rows", "multiline", "longest")

    def __init__(self, path: Path, header: list[str]) -> None:
        self.path = path
        self.fh: BinaryIO = open(path, "wb", buffering=1 << 20)  # noqa: SIM115 — closed by BulkWriter.close
        self.fh.write((",".join(header) + "\n").encode("utf-8"))
        self.rows = 0
        self.multiline = False
        self.longest = 0

    def write(self, cells: list[str]) -> None:
        line = ",".join(cells)
        if not self.multiline and ("\n" in line or "\r" in line):
            self.multiline = True
        data = (line + "\n").encode("utf-8")
        if len(data) > self.longest:
            self.longest = len(data)
        self.fh.write(data)
        self.rows += 1

    def write_block(self, block: Block) -> None:
        """Lines formatted elsewhere (:func:`prepare`, in a worker process): appended as they are."""
        data, rows, longest, multiline = block
        self.fh.write(data)
        self.rows += rows
        if longest > self.longest:
            self.longest = longest
        if multiline:
            self.multiline = True


# --- the loader's rules, replayed -----------------------------------------------------------------
_FILL = ("number", "type", "issuer", "year", "title", "uri", "name", "name_folded")


def _choose(new: Any, old: Any) -> Any:
    """``load/cites``: the longer value, then the smaller in text order (dates and years as strings)."""
    if new is None:
        return old
    if old is None:
        return new
    a, b = _text(new), _text(old)
    if len(a) != len(b):
        return new if len(a) > len(b) else old
    return new if a < b else old


def _text(v: Any) -> str:
    return v.isoformat() if isinstance(v, dt.date) else str(v)


@dataclass(slots=True)
class _Placeholder:
    props: dict[str, Any] = field(default_factory=dict)
    labels: set[str] = field(default_factory=set)

    def cite(self, tg: dict[str, Any], before: tuple[Any, Any] | None = None) -> None:
        """What ``load/cites`` does to a placeholder; ``before``: its (date, date_source) when the
        statement began, which every row of the statement is compared with."""
        p = self.props
        if tg.get("date") is not None:
            old_date, old_source = before if before is not None else (p.get("date"), p.get("date_source"))
            new_rank = 1 if tg.get("date_source") == "cited_with_date" else 0
            old_rank = 1 if old_source == "cited_with_date" else 0
            if old_date is None or new_rank > old_rank or (
                    new_rank == old_rank and _text(tg["date"]) < _text(old_date)):
                p["date"], p["date_source"] = tg["date"], tg.get("date_source")
                if p["date_source"] is None:
                    del p["date_source"]
        self._rest(tg)

    def report(self, tg: dict[str, Any]) -> None:
        """What ``load/reports_on`` does: the same rule for every property, the date included."""
        if tg.get("date") is not None:
            self.props["date"] = _choose(tg["date"], self.props.get("date"))
        self._rest(tg)

    def _rest(self, tg: dict[str, Any]) -> None:
        p = self.props
        for k in _FILL:
            v = _choose(tg.get(k), p.get(k))
            if v is not None:
                p[k] = v
        self.labels.update(tg.get("labels") or ())


@dataclass(slots=True)
class BulkCounts:
    documents: int = 0
    placeholders: int = 0
    entities: int = 0
    relationships: int = 0
    skipped: int = 0  # exact duplicates, as the loader skips them
    deferred: int = 0  # written by the loader after the import


# --- a document's part, prepared anywhere ---------------------------------------------------------
Block = tuple[bytes, int, int, bool]  # encoded lines, how many, the longest (bytes), whether one holds a line break
# a cited document's properties, in this order (``rows._cited_row``, built by ``_target``): what load/cites and
# load/reports_on read
_TARGET = ("key", "number", "type", "issuer", "date", "date_source", "year", "title", "uri", "name", "name_folded",
           "labels")


@dataclass(slots=True)
class Prepared:
    """What the writer needs of one document, built from its rows by :func:`prepare` without any shared state,
    so in as many processes as there are cores: its CSV lines already formatted and encoded (the document's
    line as if no citation had named it before; its edges as ``MERGE … SET`` leaves them) and, in compact
    tuples, what its statements do to shared nodes (placeholders, people, agencies, provinces), which only
    the one writer may replay, in load order. A few decisions need the whole rows again (a placeholder
    becoming this document, a document the loader writes): the writer asks its caller for them."""

    key: str
    h: bytes  # the first 16 bytes of the text hash
    batchable: bool
    lsh: tuple[str, ...]
    doc: Block | None  # the documents line (None: not formatted, the document is replayed only)
    lines: dict[str, Block]  # edge file → its lines
    cites: list[tuple[Any, ...]]  # targets, fields in _TARGET order
    mentions: list[tuple[str, str, str, str, str | None]]  # label, key, name, name_folded, abbreviation
    signed: list[tuple[str, str, str]]  # key, name, name_folded
    issued: list[tuple[str, str, str]]
    issued_at: list[tuple[str, str, str]]
    assigns: list[tuple[str, str, str, str]]  # label, key, name, name_folded
    reports_on: list[tuple[Any, ...]]  # targets
    located_in: list[tuple[str, str]]  # agency, province
    merged_into: list[tuple[str, str, Any]]  # from, into, effective
    uncertain: frozenset[str]  # symbols of the year-less citations (inferred, ambiguous): re-linked after the import


_UNCERTAIN = ("inferred", "ambiguous")  # the resolutions graph/relink.py looks at (queries/load/relink_edges)


def _block(lines: list[list[str]]) -> Block:
    data = ("\n".join(map(",".join, lines)) + "\n").encode("utf-8")  # one encode for the lines of a file
    multiline = data.count(b"\n") != len(lines) or b"\r" in data
    if len(lines) == 1:
        longest = len(data)
    elif not multiline:
        longest = max(map(len, data.split(b"\n"))) + 1
    else:
        longest = max(len((",".join(cells) + "\n").encode("utf-8")) for cells in lines)
    return data, len(lines), longest, multiline


def _target(tg: dict[str, Any]) -> tuple[Any, ...]:
    """A cited document's fields, its date as ISO text: the writer compares and writes dates as text (``_text``,
    ``_d``), and a ``datetime.date`` costs a Python-level reduce each time a part is pickled to the writer
    (a dozen per document: half the pickling)."""
    date = tg["date"]
    return (tg["key"], tg["number"], tg["type"], tg["issuer"], None if date is None else _text(date),
            tg["date_source"], tg["year"], tg["title"], tg["uri"], tg["name"], tg["name_folded"], tg["labels"])


def _doc_cells(key: str, labels: Iterable[str], placeholder: bool, props: dict[str, Any],
               sig: identity.Signature | None) -> list[str]:
    cells = [_s(key), _s(ARRAY_DELIMITER.join(sorted(labels))), _b(placeholder)]
    for p in DOC_PROPS:
        v = props.get(p)
        cells.append(_d(v) if p == "date" else _n(v) if p == "year" else _s(v))
    if sig is None:
        cells += ["", "", ""]
    else:
        cells += [_na(sig.minhash), _sa(sig.lsh), _n(sig.shingles)]
    return cells


def prepare(rows: DocumentRows, sig: identity.Signature, lines: bool = True) -> Prepared:
    """One document's :class:`Prepared` (pure: any process). ``lines=False``: only its effects on shared nodes."""
    key, out = rows.key, {}
    if lines:
        d = rows.doc
        doc = _block([_doc_cells(key, {"Document", *d["labels"]}, False, {k: d.get(k) for k in DOC_PROPS}, sig)])
        kq = _s(key)
        edges: dict[str, list[list[str]]] = {}
        if rows.cites:
            edges["cites"] = [[kq, _s(r["target"]["key"]), _s(r["kind"]), _s(r["resolution"]), _s(r["resolved_by"]),
                               _n(r["count"]), _sa(r["pinpoints"]), *_ev(r)]
                              for r in _merged(rows.cites, lambda r: r["target"]["key"])]
        for label, name in (("Person", "mentions_person"), ("Agency", "mentions_agency"),
                            ("Province", "mentions_province")):
            mine = [r for r in rows.mentions if r["label"] == label]
            if mine:
                edges[name] = [[kq, _s(r["key"]), _n(r["count"]), _sa(r["titles"]), _d(r["as_of"]), *_ev(r)]
                               for r in _merged(mine, lambda r: r["key"])]
        if rows.signed:
            edges["signed"] = [[_s(r["key"]), kq, _s(r["capacity"]), _s(r["position"]), *_ev(r)]
                               for r in _merged(rows.signed, lambda r: r["key"])]
        if rows.issued:
            edges["issued"] = [[_s(r["key"]), kq, *_ev(r)] for r in _merged(rows.issued, lambda r: r["key"])]
        if rows.issued_at:
            edges["issued_at"] = [[kq, _s(r["key"]), *_ev(r)] for r in _merged(rows.issued_at, lambda r: r["key"])]
        for label, name in (("Agency", "assigns_agency"), ("Person", "assigns_person")):
            mine = [r for r in rows.assigns if r["label"] == label]
            if mine:
                edges[name] = [[kq, _s(r["key"]), _s(r["task"]), *_ev(r)]
                               for r in _merged(mine, lambda r: (r["key"], r["task"]))]
        out = {name: _block(cells) for name, cells in edges.items()}
    else:
        doc = None
    return Prepared(
        key, _h(rows.text_hash), _batchable(rows), tuple(sig.lsh) if sig is not None else (), doc, out,
        [_target(r["target"]) for r in rows.cites],
        [(r["label"], r["key"], r["name"], r["name_folded"], r["abbreviation"]) for r in rows.mentions],
        [(r["key"], r["name"], r["name_folded"]) for r in rows.signed],
        [(r["key"], r["name"], r["name_folded"]) for r in rows.issued],
        [(r["key"], r["name"], r["name_folded"]) for r in rows.issued_at],
        [(r["label"], r["key"], r["name"], r["name_folded"]) for r in rows.assigns],
        [_target(r["target"]) for r in rows.reports_on],
        [(r["agency"], r["province"]) for r in rows.located_in],
        [(r["from"], r["into"], _d(r["effective"])) for r in rows.merged_into],
        frozenset(r["target"]["key"].rpartition("@")[0] for r in rows.cites if r["resolution"] in _UNCERTAIN))


def prepare_item(item: Item | None) -> Prepared | None:
    return None if item is None else prepare(*item)


_FIELDS = operator.attrgetter(*Prepared.__slots__)  # a Prepared's fields as one tuple, in constructor order


def pack(preps: list[Prepared | None]) -> bytes:
    """Prepared documents as one ``marshal`` blob, to cross from a row process to the writer.

    Pickling the dataclasses cost 90–107 µs a document and unpickling ~50 (a memo entry per string of
    ~40 small tuples a document, and a Python-level state call per dataclass); plain tuples through
    ``marshal`` cost ~58 and ~40 (4,000 documents of the 1M corpus). Both sides run the same interpreter
    (spawned workers), which is all ``marshal`` asks; a value it cannot hold (anything but str, bytes,
    numbers, None and containers) raises ValueError."""
    return marshal.dumps([None if p is None else _FIELDS(p) for p in preps])


def unpack(blob: bytes) -> list[Prepared | None]:
    return [None if t is None else Prepared(*t) for t in marshal.loads(blob)]


class BulkWriter:
    """Streams batches of rows into CSV files under ``out``, replaying the incremental loader's rules.

    Feed it with :meth:`add_batch` in the order ``danchieu ingest`` loads (batches of 50 items, a
    failed item counting as ``None``), then :meth:`close`. :meth:`add_prepared` takes the same batches
    already through :func:`prepare` (in other processes: the writer then only replays shared state
    and appends bytes).
    """

    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.files = {name: _CsvFile(self.out / f"{name}.csv", header) for name, (_, header) in FILES.items()}
        self.loaded: dict[str, bytes] = {}  # document key → first 16 bytes of its text hash
        self.pending: dict[str, _Placeholder] = {}  # placeholders that no document has become (yet)
        self.entities: dict[str, dict[str, Any]] = {}  # person/agency/province key → created properties
        self.global_edges: dict[tuple[str, str, str], dict[str, Any]] = {}  # LOCATED_IN / MERGED_INTO
        self.weak_bands: dict[str, set[str]] = {}  # MinHash band → numberless documents holding it
        self.deferred_path = self.out / "deferred.pickle"
        self._deferred: BinaryIO | None = None
        self.deferred_keys: dict[str, bytes] = {}
        self.global_deferred: set[tuple[str, str, str]] = set()  # global edges a deferred document wrote
        # symbols with a year-less citation in the load: the only ones re-linking can change (the database was empty)
        self.uncertain: set[str] = set()
        self.counts = BulkCounts()
        self.closed = False

    # --- the loader's batch -----------------------------------------------------------------------
    def add_batch(self, items: Iterable[Item | None]) -> None:
        """One ``load_batch`` call's worth of documents (see :func:`danchieu.graph.loader.load_batch`)."""
        items = [i for i in items if i is not None]
        self.add_prepared([prepare(rows, sig) for rows, sig in items], items.__getitem__)

    def add_prepared(self, batch: Iterable[Prepared | None], item: Callable[[int], Item]) -> None:
        """:meth:`add_batch` for documents through :func:`prepare`; ``item(n)``: the n-th one's (rows, signature),
        the n-th counted without the failed (``None``) ones; asked for only when a decision needs them."""
        preps = [p for p in batch if p is not None]
        simple: list[int] = []
        seen: set[str] = set()
        for n, p in enumerate(preps):
            if p.batchable and p.key not in seen:
                seen.add(p.key)
                simple.append(n)
        fresh: list[int] = []
        handled: set[int] = set()
        for n in simple:
            p = preps[n]
            if p.key in self.deferred_keys:
                continue  # a later version of a deferred key: the loader decides it
            if self.loaded.get(p.key) == p.h:
                self.counts.skipped += 1  # unchanged / exact duplicate
                handled.add(n)
            elif p.key in self.loaded:
                continue  # another text under an ingested key: an update, the loader's
            elif self.weak_bands and any(b in self.weak_bands for b in p.lsh):
                continue  # near a numberless document already in: an identity decision
            else:
                fresh.append(n)
                handled.add(n)
        for n in fresh:  # load/document: every node before any edge
            self._document(preps[n], n, item)
        self._edges([preps[n] for n in fresh], deferred=False)
        for n in range(len(preps)):
            if n not in handled:
                self._single(*item(n))

    def _document(self, p: Prepared, n: int, item: Callable[[int], Item]) -> None:
        known = self.pending.pop(p.key, None)
        if known is None:
            assert p.doc is not None
            self.files["documents"].write_block(p.doc)
        else:  # cited before it came: it keeps what citations said where its text is silent
            rows, sig = item(n)
            d = rows.doc
            props = {k: d.get(k) for k in DOC_PROPS}
            k = known.props
            if props["date"] is None:
                props["date_source"] = k.get("date_source")
            for f in ("number", "type", "issuer", "date", "year", "title"):
                if props[f] is None:
                    props[f] = k.get(f)
            self.files["documents"].write(_doc_cells(p.key, {"Document", *d["labels"], *known.labels}, False,
                                                     props, sig))
        self.loaded[p.key] = p.h
        self.counts.documents += 1

    def _entity(self, label: str, key: str, name: str | None = None, name_folded: str | None = None) -> None:
        if key not in self.entities:  # MERGE … ON CREATE SET: the first row names it
            self.entities[key] = {"label": label, "name": name, "name_folded": name_folded, "abbreviation": None}

    def _edges(self, docs: list[Prepared], deferred: bool) -> None:
        """The edge statements of ``loader._write_all``, in its order; ``deferred``: effects on shared
        nodes only (the loader writes the edges themselves after the import). Every row acts on the
        shared nodes in order (the first names a new node); the edges are what ``MERGE … SET`` leaves."""
        f = self.files
        emit = not deferred
        for p in docs:
            self.uncertain |= p.uncertain

        def write(name: str) -> None:
            for p in docs:
                block = p.lines.get(name)
                if block is not None:
                    f[name].write_block(block)

        # load/cites decides each row's date against the placeholder as it was before the statement (the
        # planner computes take_date for every row before the first SET): the last row that beats it wins
        before: dict[str, tuple[Any, Any]] = {}
        loaded, pending = self.loaded, self.pending
        for p in docs:
            for tg in p.cites:
                key = tg[0]
                if key not in before and key not in loaded:
                    ph = pending.get(key)
                    before[key] = (ph.props.get("date"), ph.props.get("date_source")) if ph else (None, None)
        for p in docs:
            for tg in p.cites:
                if tg[0] not in loaded:
                    self._fill(tg, cite=True, before=before.get(tg[0]))
        if emit:
            write("cites")
        for label, name in (("Person", "mentions_person"), ("Agency", "mentions_agency"),
                            ("Province", "mentions_province")):
            for p in docs:
                for lbl, key, nm, folded, abbreviation in p.mentions:
                    if lbl != label:
                        continue
                    self._entity(label, key, nm, folded)
                    if label == "Agency" and abbreviation is not None:
                        e = self.entities[key]
                        if e["abbreviation"] is None:
                            e["abbreviation"] = abbreviation
                if emit:
                    block = p.lines.get(name)
                    if block is not None:
                        f[name].write_block(block)
        for kind, label in (("signed", "Person"), ("issued", "Agency"), ("issued_at", "Province")):
            for p in docs:
                for key, nm, folded in getattr(p, kind):
                    self._entity(label, key, nm, folded)
                if emit:
                    block = p.lines.get(kind)
                    if block is not None:
                        f[kind].write_block(block)
        for label, name in (("Agency", "assigns_agency"), ("Person", "assigns_person")):
            for p in docs:
                for lbl, key, nm, folded in p.assigns:
                    if lbl == label:
                        self._entity(label, key, nm, folded)
                if emit:
                    block = p.lines.get(name)
                    if block is not None:
                        f[name].write_block(block)
        for p in docs:
            for tg in p.reports_on:
                self._fill(tg, cite=False)
        for p in docs:
            for agency, province in p.located_in:
                if agency not in self.entities:
                    continue  # MATCH (a:Agency …) finds nothing: no edge
                self._entity("Province", province)
                self._global(("LOCATED_IN", agency, province), {"document_key": p.key}, deferred)
        for p in docs:
            for frm, into, effective in p.merged_into:
                if frm not in self.entities:
                    continue
                self._entity("Province", into)
                self._global(("MERGED_INTO", frm, into), {"effective": effective, "document_key": p.key}, deferred)

    def _global(self, edge: tuple[str, str, str], props: dict[str, Any], deferred: bool) -> None:
        self.global_edges[edge] = props  # MERGE then SET: the last writer's document key
        if deferred:
            self.global_deferred.add(edge)

    def _fill(self, target: tuple[Any, ...], cite: bool, before: tuple[Any, Any] | None = None) -> None:
        key = target[0]
        if key in self.loaded:
            return  # an ingested document: citations never touch it
        ph = self.pending.get(key)
        if ph is None:
            ph = self.pending[key] = _Placeholder()
        tg = dict(zip(_TARGET, target, strict=True))
        ph.cite(tg, before) if cite else ph.report(tg)

    def _single(self, rows: DocumentRows, sig: identity.Signature) -> None:
        """A document the loader writes alone (``load_rows``): deferred, its effects replayed now."""
        h = _h(rows.text_hash)
        if self.loaded.get(rows.key) == h or self.deferred_keys.get(rows.key) == h:
            self.counts.skipped += 1  # the loader will find the same text: unchanged / duplicate
            return
        if self._deferred is None:
            self._deferred = open(self.deferred_path, "wb")  # noqa: SIM115 — closed by close()
        pickle.dump((rows, sig), self._deferred, protocol=pickle.HIGHEST_PROTOCOL)
        self.counts.deferred += 1
        for doc in (rows, *rows.copies):  # the loader writes the original, then each copy after it
            h = _h(doc.text_hash)
            self.deferred_keys[doc.key] = h
            if doc.key not in self.loaded and not doc.key.startswith("sha:"):
                # From here on it is a document: citations no longer fill it; what they said so far,
                # the loader finds on the placeholder written now.
                known = self.pending.pop(doc.key, None)
                if known is not None:
                    self.files["documents"].write(_doc_cells(doc.key, {"Document", *known.labels}, True,
                                                             known.props, None))
                    self.counts.placeholders += 1
                self.loaded[doc.key] = h
            if doc.key.startswith("sha:") and doc is rows:
                for b in sig.lsh:
                    self.weak_bands.setdefault(b, set()).add(doc.key)
            self._edges([prepare(doc, sig, lines=False)], deferred=True)

    # --- the end ----------------------------------------------------------------------------------
    def close(self) -> BulkFiles:
        """Write placeholders, entities and shared edges; close every file; return the import's inputs."""
        if self.closed:
            raise BulkError("the bulk writer is closed already")
        self.closed = True
        docs = self.files["documents"]
        for key, ph in self.pending.items():
            docs.write(_doc_cells(key, {"Document", *ph.labels}, True, ph.props, None))
            self.counts.placeholders += 1
        self.pending.clear()
        for key, e in self.entities.items():
            label = e["label"]
            if label == "Person":
                self.files["persons"].write([_s(key), _s(e["name"]), _s(e["name_folded"])])
            elif label == "Agency":
                self.files["agencies"].write([_s(key), _s(e["name"]), _s(e["name_folded"]), _s(e["abbreviation"])])
            else:
                self.files["provinces"].write([_s(key), _s(e["name"]), _s(e["name_folded"])])
        self.counts.entities = len(self.entities)
        for (rel, a, b), props in self.global_edges.items():
            if rel == "LOCATED_IN":
                self.files["located_in"].write([_s(a), _s(b), _s(props["document_key"])])
            else:
                self.files["merged_into"].write([_s(a), _s(b), _d(props["effective"]), _s(props["document_key"])])
        for f in self.files.values():
            f.fh.close()
        if self._deferred is not None:
            self._deferred.close()
        self.counts.relationships = sum(f.rows for n, f in self.files.items() if n not in NODE_FILES)
        fixes = [{"type": rel, "start": a, "end": b, "document_key": self.global_edges[(rel, a, b)]["document_key"]}
                 for rel, a, b in sorted(self.global_deferred)]
        return BulkFiles(self.out, dict(self.files), self.counts,
                         self.deferred_path if self.counts.deferred else None, fixes, frozenset(self.uncertain))


def _merged(rows: list[dict[str, Any]], ident: Any) -> Iterable[dict[str, Any]]:
    """A document's rows as ``MERGE … SET`` leaves them: one edge per identity, the last row's properties."""
    if len(rows) < 2:
        return rows
    last: dict[Any, dict[str, Any]] = {}
    for r in rows:
        last[ident(r)] = r
    if len(last) == len(rows):
        return rows
    return list(last.values())


def _batchable(rows: DocumentRows) -> bool:
    return not rows.key.startswith("sha:") and not rows.reports_on and not rows.copies


def _h(text_hash: str) -> bytes:
    return bytes.fromhex(text_hash[:32])


@dataclass(slots=True)
class BulkFiles:
    """What :meth:`BulkWriter.close` leaves: the CSV files, counts, deferred documents, edge fixes."""

    out: Path
    files: dict[str, _CsvFile]
    counts: BulkCounts
    deferred: Path | None
    global_fixes: list[dict[str, Any]]
    uncertain: frozenset[str] = frozenset()  # see BulkWriter.uncertain

    def import_arguments(self) -> list[str]:
        args = ["--array-delimiter=U+001F", "--quote=\"", f"--read-buffer-size={self.read_buffer()}"]
        if any(f.multiline for f in self.files.values()):
            # 5.26's per-file form (--multiline-fields-format=v2 with a list of files) misreads a chunk
            # boundary in a large file ("found CR outside a text cell" where there is no CR): v1, for all
            args.append("--multiline-fields=true")
        for name, f in self.files.items():
            if f.rows == 0:
                continue
            kind, _ = FILES[name]
            if name in NODE_FILES:
                args.append(f"--nodes={kind}={f.path}" if kind else f"--nodes={f.path}")
            else:
                args.append(f"--relationships={kind}={f.path}")
        return args

    def read_buffer(self) -> int:
        """The import tool reads whole values into a buffer: at least twice the longest line."""
        longest = max((f.longest for f in self.files.values()), default=0)
        return max(4 << 20, 2 * longest + (1 << 20))

    def deferred_items(self) -> Iterator[Item]:
        if self.deferred is None:
            return
        with open(self.deferred, "rb") as fh:
            while True:
                try:
                    yield pickle.load(fh)
                except EOFError:
                    return


# A batch through :func:`prepare` (``None`` for a failed file) and how to get the n-th prepared one's
# (rows, signature) back when a decision needs them (see :meth:`BulkWriter.add_prepared`).
PreparedBatch = tuple[list[Prepared | None], Callable[[int], Item]]


def prepare_batches(batches: Iterable[Iterable[Item | None]]) -> Iterator[PreparedBatch]:
    """Batches of (rows, signature) prepared in this process."""
    for batch in batches:
        items = [i for i in batch if i is not None]
        yield [prepare(rows, sig) for rows, sig in items], items.__getitem__


def write_csv(batches: Iterable[Iterable[Item | None]], out: str | Path) -> BulkFiles:
    """Stream ``batches`` (each one ``load_batch`` call's documents) into CSV files under ``out``."""
    return write_prepared(prepare_batches(batches), out)


def write_prepared(batches: Iterable[PreparedBatch], out: str | Path) -> BulkFiles:
    """:func:`write_csv` for batches already through :func:`prepare` (in worker processes, say)."""
    writer = BulkWriter(out)
    with _collector_paused():
        for preps, item in batches:
            writer.add_prepared(preps, item)
        return writer.close()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a while. Building rows allocates millions of short-lived objects,
    each burst of which started a collection over every object alive — the writer's key table, a part's
    documents — and that was a third of the time; what the bulk path allocates has no cycles, so
    reference counting frees all of it anyway."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def batches_of(items: Iterable[T], size: int = 50) -> Iterator[list[T]]:
    """Items in batches of ``size``, as ``danchieu ingest`` loads them."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- the import tool and the server ----------------------------------------------------------------
@dataclass(slots=True)
class BulkSummary:
    counts: BulkCounts
    phases: dict[str, float] = field(default_factory=dict)  # csv/import/start/migrations/after/full-text indexes
    relinked: int = 0
    graph: dict[str, int] = field(default_factory=dict)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def render(self) -> str:
        c = self.counts
        total = sum(self.phases.values())
        lines = [f"bulk import: {c.documents + c.deferred:,} document(s) ({c.deferred} written by the loader after the "
                 f"import), {c.placeholders:,} placeholder(s), {c.entities:,} people/agencies/provinces, "
                 f"{c.relationships:,} relationship(s), {c.skipped} duplicate(s) skipped, in {total:.1f}s",
                 "  " + ", ".join(f"{k} {v:.1f}s" for k, v in self.phases.items())]
        if self.relinked:
            lines.append(f"{self.relinked} year-less citation(s) re-linked")
        if self.graph:
            lines.append(f"graph now holds {self.graph['nodes']:,} nodes and {self.graph['relationships']:,} "
                         "relationships")
        lines += [f"  failed: {path}: {reason}" for path, reason in self.failed]
        return "\n".join(lines)


def check_empty(server: Any) -> bool:
    """Refuse unless the server is stopped and its database empty. Returns True when a store exists
    (empty but for the migrations' bookkeeping: the import overwrites it)."""
    from danchieu.graph.driver import create_driver
    from danchieu.queries import load_query

    if server.pid() is not None:
        raise BulkError(f"the Neo4j server of {server.home} is running: a bulk import needs it stopped "
                        "(danchieu neo4j stop) and its database empty; to add documents to a running graph, "
                        "use danchieu ingest without --bulk")
    store = server.home / "data" / "databases" / DATABASE
    if not store.exists():
        return False
    server.start()
    try:
        driver = create_driver(server.settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{server.bolt_port}"}))
        try:
            records, _, _ = driver.execute_query(load_query("load/bulk_nonempty"), database_=DATABASE)
            found = records[0]["nodes"]
        finally:
            driver.close()
    finally:
        server.stop()
    if found:
        raise BulkError(f"the database in {server.home} is not empty ({found:,} node(s) besides the schema "
                        "bookkeeping): a bulk import only fills an empty one. Use danchieu ingest without --bulk, "
                        f"or stop Neo4j and delete {store} and {server.home / 'data' / 'transactions' / DATABASE}")
    return True


def run_import(server: Any, files: BulkFiles, overwrite: bool, threads: int | None = None) -> str:
    """``neo4j-admin database import full`` into ``server``'s home (stopped). Returns the tool's report."""
    from danchieu.graph.neo4j_server import ADMIN_TOOL, _java

    java = _java()
    server.provision()
    if not any(server.lib.glob("neo4j-import-tool-*.jar")):
        raise BulkError(f"the Neo4j import tool is missing from {server.lib}: delete that folder and run again "
                        "to fetch it from Maven Central (graph/neo4j-server/pom.xml)")
    server.write_config()
    server.prepare_auth(java)
    env = {**os.environ, "NEO4J_HOME": str(server.home), "NEO4J_CONF": str(server.home / "conf")}
    report = files.out / "import.report"
    cmd = [java, f"-Xmx{server.settings.neo4j_heap}", "-XX:+UseG1GC", "-Dfile.encoding=UTF-8",
           "-cp", f"{server.lib}/*", ADMIN_TOOL, "database", "import", "full",
           *files.import_arguments(), f"--report-file={report}", f"--threads={threads or os.cpu_count() or 1}",
           "--max-off-heap-memory=25%", f"--overwrite-destination={'true' if overwrite else 'false'}", DATABASE]
    log.info("neo4j-admin database import full (%d CSV files)", sum(1 for f in files.files.values() if f.rows))
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    (files.out / "import.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-12:])
        raise BulkError(f"neo4j-admin database import failed (see {files.out / 'import.log'}):\n{tail}")
    return proc.stdout


def await_indexes(driver: Any, database: str, fulltext: bool, timeout_s: float = INDEX_TIMEOUT_S,
                  poll_s: float = 1.0) -> float:
    """Wait until the indexes are online: the range and lookup indexes (``fulltext=False``: what the
    loader's lookups need, seconds at a million documents) or every index, the full-text ones included
    (minutes: each text is analysed). Returns the seconds waited; :class:`BulkError` on a failed index
    or after ``timeout_s``."""
    from danchieu.queries import load_query

    t0 = time.perf_counter()
    while True:
        records, _, _ = driver.execute_query(load_query("load/index_states"), database_=database)
        wanted = [r for r in records if fulltext or r["type"] != "FULLTEXT"]
        failed = [r["name"] for r in wanted if r["state"] == "FAILED"]
        if failed:
            raise BulkError(f"index(es) {', '.join(failed)} failed to populate after the import: see the server log "
                            "(SHOW INDEXES YIELD name, failureMessage)")
        waited = time.perf_counter() - t0
        if all(r["state"] == "ONLINE" for r in wanted):
            return waited
        if waited > timeout_s:
            busy = ", ".join(f"{r['name']} {r['populationPercent']:.0f}%" for r in wanted if r["state"] != "ONLINE")
            raise BulkError(f"indexes still populating after {timeout_s:.0f}s ({busy}); they go on in the server: "
                            "GET /ready answers 200 once they are online")
        time.sleep(poll_s)


def finish(driver: Any, database: str, files: BulkFiles, symbols: Iterable[str] = ()) -> int:
    """After the import, on the running server: deferred documents, re-linking."""
    from danchieu.graph import relink
    from danchieu.graph.loader import load_rows
    from danchieu.queries import load_query

    deferred = False
    for rows, sig in files.deferred_items():
        load_rows(driver, database, rows, sig)
        deferred = True
    if deferred:
        with driver.session(database=database) as session:
            if files.global_fixes:
                session.run(load_query("load/bulk_global_fixes"), rows=files.global_fixes).consume()
    # what `danchieu ingest` re-links after a batch (the symbols it makes known), less those without a
    # year-less citation in the graph, which re-linking would only look at: at a million documents,
    # nearly all of them, each an index seek and every citation of the document read
    symbols = sorted(set(symbols) & files.uncertain)
    return relink.relink(driver, database, symbols) if symbols else 0


def bulk_ingest(batches: Iterable[Iterable[Item | None]], settings: Any, *, symbols: Iterable[str] = (),
                work_dir: str | Path | None = None, keep_files: bool = False,
                threads: int | None = None) -> BulkSummary:
    """The whole bulk path: CSV → import → server started → migrations → deferred documents → relink.

    ``batches``: batches of (rows, signature) in load order (``None`` for a failed file). ``symbols``:
    the symbol keys whose year-less citations are re-linked afterwards (as ``danchieu ingest`` does).
    Raises :class:`BulkError` when the server runs or its database is not empty — before writing anything.
    """
    return bulk_load(prepare_batches(batches), settings, symbols=symbols, work_dir=work_dir, keep_files=keep_files,
                     threads=threads)


def bulk_load(batches: Iterable[PreparedBatch], settings: Any, *, symbols: Iterable[str] = (),
              work_dir: str | Path | None = None, keep_files: bool = False,
              threads: int | None = None) -> BulkSummary:
    """:func:`bulk_ingest` for batches already through :func:`prepare`. ``symbols`` is read after the
    CSV is written, so it may fill while the batches stream."""
    from danchieu.graph import migrations
    from danchieu.graph.driver import create_driver
    from danchieu.graph.loader import count_graph
    from danchieu.graph.neo4j_server import LocalNeo4j

    server = LocalNeo4j(settings)
    overwrite = check_empty(server)
    base = Path(work_dir) if work_dir else server.home.parent / f"{server.home.name}-bulk-csv"
    shutil.rmtree(base, ignore_errors=True)
    phases: dict[str, float] = {}
    t = time.perf_counter()
    files = write_prepared(batches, base)
    phases["csv"] = time.perf_counter() - t
    summary = BulkSummary(files.counts, phases)
    t = time.perf_counter()
    run_import(server, files, overwrite, threads)
    phases["import"] = time.perf_counter() - t
    t = time.perf_counter()
    server.start()
    phases["start"] = time.perf_counter() - t
    driver = create_driver(settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{server.bolt_port}"}))
    try:
        t = time.perf_counter()
        # the migrations create the indexes; the full-text ones populate while the rest goes on
        migrations.apply(driver, DATABASE, fresh_load=True, await_indexes=False)
        await_indexes(driver, DATABASE, fulltext=False)
        phases["migrations"] = time.perf_counter() - t
        t = time.perf_counter()
        summary.relinked = finish(driver, DATABASE, files, symbols)
        phases["after"] = time.perf_counter() - t
        t = time.perf_counter()
        await_indexes(driver, DATABASE, fulltext=True)  # the command returns a graph /ready calls ready
        phases["full-text indexes"] = time.perf_counter() - t
        summary.graph = count_graph(driver, DATABASE)
    finally:
        driver.close()
    if not keep_files:
        shutil.rmtree(base, ignore_errors=True)
    return summary


__all__ = ["ARRAY_DELIMITER", "BulkError", "BulkFiles", "BulkSummary", "BulkWriter", "PreparedBatch", "await_indexes",
           "batches_of", "bulk_ingest", "bulk_ingest_paths", "bulk_load", "check_empty", "finish", "prepare_batches",
           "run_import", "write_csv", "write_prepared"]


def bulk_ingest_paths(paths: Iterable[str | Path], settings: Any, workers: int | None = None,
                      progress: bool = True, batch_size: int = 50) -> BulkSummary:
    """``danchieu ingest PATH… --bulk``: the extraction of ``danchieu ingest``, loaded by the import tool.

    Refuses (:class:`BulkError`) before extracting anything when the server runs or its database is
    not empty. Failed files are listed in the summary, as ``danchieu ingest`` does.
    """
    from danchieu.graph.ingest import _progress_bar, default_workers, rows_for_load
    from danchieu.graph.neo4j_server import LocalNeo4j
    from danchieu.ingest.batch import expand_paths, extract_batch
    from danchieu.ingest.partitions import is_partitioned

    check_empty(LocalNeo4j(settings))  # before the long part
    paths = [str(p) for p in paths]
    parts = [p for p in paths if is_partitioned(p)]
    if parts:
        if len(parts) != len(paths):
            raise BulkError("give either partitioned extraction outputs (directories with a manifest.json) or "
                            "files to extract, not both")
        return _bulk_from_partitions(parts, settings, batch_size, max(1, workers or default_workers(settings)))
    files = [str(p) for p in expand_paths(paths)]
    bar = _progress_bar(len(files), progress)
    try:
        items = extract_batch(files, [], workers=max(1, workers or default_workers(settings)), finish=rows_for_load,
                              keep_doc=False, progress=lambda _: bar.update(1))
    finally:
        bar.close()
    failed = [(str(i.path), i.error or "no result") for i in items if i.error is not None or i.payload is None]
    symbols = {f.symbol for item in items for f in item.facts}
    rows = (None if i.error is not None or i.payload is None else i.payload for i in items)
    summary = bulk_ingest(batches_of(rows, batch_size), settings, symbols=symbols)
    summary.failed = failed
    return summary


def _bulk_from_partitions(parts: list[str], settings: Any, batch_size: int, workers: int) -> BulkSummary:
    """Partitioned extraction output (``ingest/partitions.py``) into the CSV: each part read, turned into
    rows, signed and formatted (:func:`prepare`) in one of ``workers`` processes — for a million documents
    that is most of the bulk path's work — and handed to the one writer in the output's order."""
    from danchieu.ingest.partitions import checked_parts, read_manifest

    failed = [f for p in parts for f in read_manifest(p).failed]
    checked = [part for p in parts for part in checked_parts(p)]  # every part whole before anything is read
    symbols: set[str] = set()  # filled while the rows stream; read by the re-linking after the import
    summary = bulk_load(_part_batches(checked, workers, batch_size, failed, symbols), settings, symbols=symbols)
    summary.failed = failed
    return summary


def _prepare_part(part: str, expected: int) -> tuple[list[Prepared | None], list[tuple[str, str]], set[str]]:
    """One part's documents → :class:`Prepared` (``None`` for one refused after extraction), the refused
    ones with their reason, and the symbols whose year-less citations are re-linked later."""
    from danchieu.graph.ingest import rows_for_load
    from danchieu.ingest.known import fact_symbols
    from danchieu.ingest.partitions import read_part

    from danchieu.errors import DanchieuError

    preps: list[Prepared | None] = []
    failed: list[tuple[str, str]] = []
    symbols: set[str] = set()
    with _collector_paused():
        for path, doc, sig in read_part(part, expected):
            try:
                preps.append(prepare(*rows_for_load(doc, sig)))
            except DanchieuError as exc:  # a scanned PDF's few words: as `ingest` reports it
                failed.append((path, str(exc)))
                preps.append(None)
            symbols |= fact_symbols(doc)  # after the rows: the own number's symbol is cached by then
    return preps, failed, symbols


def _packed_part(part: str, expected: int) -> tuple[bytes, list[tuple[str, str]], set[str]]:
    """:func:`_prepare_part` in a worker process, its documents packed for the writer (:func:`pack`)."""
    preps, failed, symbols = _prepare_part(part, expected)
    return pack(preps), failed, symbols


def _part_batches(parts: list[tuple[Path, int]], workers: int, batch_size: int, failed: list[tuple[str, str]],
                  symbols: set[str]) -> Iterator[PreparedBatch]:
    """The parts prepared by ``workers`` processes (a few parts ahead of the writer, in order), in batches
    of ``batch_size`` as ``danchieu ingest`` loads them; a document the writer needs whole again is read
    back from its part (a document cited before it came, or one the loader writes after the import)."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import Executor, Future, ProcessPoolExecutor

    from danchieu.graph.ingest import rows_for_load
    from danchieu.ingest.partitions import read_part

    read_back: dict[Path, list[Any]] = {}

    def document(part: Path, expected: int, index: int) -> Item:
        if part not in read_back:
            read_back.clear()  # the writer asks about the batch in hand: one part is enough to keep
            read_back[part] = [(doc, sig) for _, doc, sig in read_part(part, expected)]
        return rows_for_load(*read_back[part][index])

    def prepared(pool: Executor | None) -> Iterator[tuple[Prepared | None, tuple[Path, int, int]]]:
        ahead: deque[tuple[tuple[Path, int], Future[Any] | None]] = deque()
        todo = iter(parts)

        def submit() -> None:
            for part, expected in todo:
                ahead.append(((part, expected), pool.submit(_packed_part, str(part), expected) if pool else None))
                return

        for _ in range(2 * workers if pool else 1):
            submit()
        while ahead:
            (part, expected), future = ahead.popleft()
            if future is None:
                preps, bad, found = _prepare_part(str(part), expected)
            else:
                packed, bad, found = future.result()
                preps = unpack(packed)
            submit()
            failed.extend(bad)
            symbols.update(found)
            for index, p in enumerate(preps):
                yield p, (part, expected, index)

    def batches(pool: Executor | None) -> Iterator[PreparedBatch]:
        for batch in batches_of(prepared(pool), batch_size):
            where = [loc for p, loc in batch if p is not None]
            yield [p for p, _ in batch], lambda n, where=where: document(*where[n])

    if workers <= 1 or len(parts) <= 1:
        yield from batches(None)
        return
    # spawn: the parent may hold a driver's sockets and threads, which a forked child must not inherit.
    # gc.disable: a worker does nothing but prepare parts, so the collector stays off for its life rather
    # than only inside _prepare_part (measured when a part's result was pickled: with it on, the pickling
    # after each part cost twice as much). What it leaves
    # uncollected is small: ~50 objects in cycles per part (gc.collect() after 40 parts found 2,085),
    # a few MB per million documents; a worker's ~1 MB more per part is the same with a collection after each.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=gc.disable) as pool:
        yield from batches(pool)
