"""Known documents: the registry a year-less citation is resolved against (rules c and d).

A citation like "Nghị quyết 128/NQ-CP" carries no year, and numbers restart every year. When the
citing text gives no date, the cited document is looked up here by its symbol: a unique known document
resolves it; several are narrowed to the latest one not after the citing document's date.

The default registry is ``data/known_documents.tsv``, harvested from the project's corpora by
``python -m danchieu.ingest.known build PATH…`` (every document's own number and date, and every citation whose
full date the citing text prints). Callers with a fuller source (the graph) pass their own
:class:`KnownDocuments`.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from danchieu.ingest.keys import document_key, split_key, symbol_key
from danchieu.ingest.models import ExtractedDocument

from danchieu.errors import DanchieuError

_DEFAULT = Path(__file__).resolve().parent / "data" / "known_documents.tsv"
_FIELDS = ("key", "number", "type", "issuer", "date", "source")


@dataclass(frozen=True, slots=True)
class KnownDocument:
    key: str  # "128/NQ-CP@2021"
    number: str  # "128/NQ-CP"
    type: str | None = None
    issuer: str | None = None
    date: str | None = None  # ISO
    source: str = ""

    @property
    def year(self) -> int | None:
        return split_key(self.key)[1]

    @property
    def symbol(self) -> str:
        """The key without its year, ``"128/NQ-CP"``: what re-linking is asked about (read off the key, which
        :func:`danchieu.ingest.keys.document_key` built from the number, rather than parsing the number again)."""
        return split_key(self.key)[0]


class KnownDocuments:
    """Known documents indexed by symbol key (year left out)."""

    def __init__(self, docs: Iterable[KnownDocument] = ()) -> None:
        self._by_symbol: dict[str, dict[str, KnownDocument]] = {}
        for d in docs:
            self.add(d)

    def add(self, doc: KnownDocument) -> None:
        """Add ``doc``; an entry with a date wins over one without for the same key. A date whose
        year contradicts the key's ("58/2022/NĐ-CP" dated 2002-08-31: a typo in the text it was read
        from) is no evidence and is left out."""
        year = split_key(doc.key)[1]
        if doc.date and year is not None and doc.date[:4] != str(year):
            doc = replace(doc, date=None)
        slot = self._by_symbol.setdefault(split_key(doc.key)[0], {})
        old = slot.get(doc.key)
        if old is None or (doc.date and not old.date):
            slot[doc.key] = doc

    def candidates(self, number: str) -> list[KnownDocument]:
        """Every known document with the symbol of ``number``, oldest first."""
        slot = self._by_symbol.get(symbol_key(number), {})
        return sorted(slot.values(), key=lambda d: d.key.rpartition("@")[2])

    def get(self, key: str) -> KnownDocument | None:
        return self._by_symbol.get(split_key(key)[0], {}).get(key)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_symbol.values())

    def rows(self) -> list[KnownDocument]:
        return [d for slot in self._by_symbol.values() for d in slot.values()]

    @classmethod
    def from_tsv(cls, path: str | Path) -> KnownDocuments:
        p = Path(path)
        if not p.exists():
            return cls()
        with open(p, encoding="utf-8", newline="") as fh:
            rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
            return cls(KnownDocument(r["key"], r["number"], r.get("type") or None, r.get("issuer") or None,
                                     r.get("date") or None, r.get("source") or "") for r in rows)

    def to_tsv(self, path: str | Path, header: str = "") -> None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.writelines(f"# {line}\n" for line in header.splitlines())
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(_FIELDS)
            for d in sorted(self.rows(), key=lambda d: d.key):
                w.writerow([d.key, d.number, d.type or "", d.issuer or "", d.date or "", d.source])


@lru_cache(maxsize=1)
def default_registry() -> KnownDocuments:
    """The shipped registry, read once per process (empty when the file is absent)."""
    return KnownDocuments.from_tsv(_DEFAULT)


def facts(doc: ExtractedDocument, source: str = "") -> list[KnownDocument]:
    """What one extracted document makes known: its own number with its date, and every citation
    whose date the citing text prints (``resolution == "exact"``)."""
    info = doc.document
    out: list[KnownDocument] = []
    if info.number and info.date and info.date[:4].isdigit():
        out.append(KnownDocument(document_key(info.number, int(info.date[:4])), info.number,
                                 info.type, info.issuer, info.date, source or doc.source))
    for c in doc.citations:
        if c.date and c.resolution == "exact":
            out.append(KnownDocument(c.key, c.number, c.type, c.issuer, c.date, source or doc.source))
    return out


def fact_symbols(doc: ExtractedDocument) -> set[str]:
    """``{f.symbol for f in facts(doc)}``, the symbols re-linking is asked about, without building the facts:
    bulk import asks it of every document of a national corpus, and the document's own key (number and
    year parsed again) cost more than its rows' citations together.

    >>> from danchieu.ingest.models import Citation, DocumentInfo
    >>> doc = ExtractedDocument("x.txt", "", "0", document=DocumentInfo(number="285/TB-VPCP", date="2021-10-27"),
    ...                         citations=[Citation("128/NQ-CP", "128/NQ-CP@2021", date="2021-10-11"),
    ...                                    Citation("16/CT-TTg", "16/CT-TTG@2020", resolution="inferred")])
    >>> sorted(fact_symbols(doc))
    ['128/NQ-CP', '285/TB-VPCP']
    """
    info = doc.document
    out = {c.key.rpartition("@")[0] for c in doc.citations if c.date and c.resolution == "exact"}
    if info.number and info.date and info.date[:4].isdigit():
        out.add(symbol_key(info.number))  # document_key(number, year) without the year, as KnownDocument.symbol
    return out


def add_extracted(known: KnownDocuments, doc: ExtractedDocument, source: str = "") -> None:
    """Add :func:`facts` of one extracted document to ``known``."""
    for fact in facts(doc, source):
        known.add(fact)


def news(base: KnownDocuments, added: Iterable[KnownDocument]) -> set[str]:
    """Symbol keys whose candidates ``added`` changes compared with ``base`` (a new year, or a date
    where ``base`` had none): only citations of these symbols can resolve differently."""
    out: set[str] = set()
    for fact in added:
        old = base.get(fact.key)
        if old is None or (fact.date and not old.date):
            out.add(fact.symbol)
    return out


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a year-less number was resolved: ``doc`` (None when it was not), ``resolution``
    (``inferred`` / ``ambiguous``), ``reason`` in words, and the ``candidates`` considered."""

    doc: KnownDocument | None
    resolution: str
    reason: str
    candidates: tuple[str, ...] = ()


def resolve(number: str, citing_year: int | None, known: KnownDocuments) -> Resolution:
    """Rules (c) and (d): the one known document with this symbol, else the latest one not after the
    citing document's year; without a citing date several candidates stay ambiguous.

    >>> k = KnownDocuments([KnownDocument("12/NQ-CP@2021", "12/NQ-CP", date="2021-02-01"),
    ...                     KnownDocument("12/NQ-CP@2023", "12/NQ-CP", date="2023-03-01")])
    >>> r = resolve("12/NQ-CP", 2022, k); (r.doc.key, r.resolution)
    ('12/NQ-CP@2021', 'inferred')
    >>> resolve("12/NQ-CP", None, k).resolution
    'ambiguous'
    """
    symbol = symbol_key(number)
    candidates = known.candidates(number)
    if citing_year is not None:
        candidates = [c for c in candidates if c.year is None or c.year <= citing_year]
    keys = tuple(c.key for c in candidates)
    if len(candidates) == 1:
        return Resolution(candidates[0], "inferred", f"the only known {symbol}"
                          + (f" not after {citing_year}" if citing_year else ""), keys)
    if candidates and citing_year is not None:
        years = ", ".join(str(c.year) for c in candidates)
        return Resolution(candidates[-1], "inferred",
                          f"the latest known {symbol} not after {citing_year} (of {years})", keys)
    if candidates:
        years = ", ".join(str(c.year) for c in candidates)
        return Resolution(None, "ambiguous", f"{len(candidates)} known {symbol} ({years}) and no citing date",
                          keys)
    return Resolution(None, "ambiguous", f"no known {symbol} with a year", keys)


def harvest(paths: Iterable[str | Path]) -> KnownDocuments:
    """Known documents from a corpus on disk (see :func:`add_extracted`).

    A batch can do the same in memory: extract once, ``add_extracted`` every document into the
    registry, then extract again with ``find_citations(text, parsed, known=registry)``.
    """
    from danchieu.ingest.batch import expand_paths
    from danchieu.ingest.pipeline import extract_file

    known = KnownDocuments()
    for path in expand_paths(paths):
        try:
            doc = extract_file(path)
        except DanchieuError as exc:  # a corpus file that cannot be read adds nothing
            print(f"skipped {path}: {exc}", file=sys.stderr)
            continue
        add_extracted(known, doc, path.name)
    return known


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2 or args[0] != "build":
        print("usage: python -m danchieu.ingest.known build PATH…", file=sys.stderr)
        return 2
    known = harvest(args[1:])
    known.to_tsv(_DEFAULT, header=(
        "Known documents harvested by `python -m danchieu.ingest.known build` from: " + ", ".join(args[1:]) + "\n"
        "Rows: each document's own number and date, and every citation whose date the citing text prints."))
    print(f"{len(known)} known document(s) → {_DEFAULT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
