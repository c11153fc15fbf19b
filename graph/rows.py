"""ExtractedDocument → the parameter rows of the load statements. Pure: no database, no I/O.

Every ``queries/load/*.cypher`` statement is ``UNWIND $rows AS row …``; this module builds those
rows, one list per statement, so the loader only sends them. Keys follow the team's formats:

>>> document_key("285/TB-VPCP", 2021, "ab" * 32)
'285/TB-VPCP@2021'
>>> document_key("30/2020/NĐ-CP", None, "ab" * 32)
'30/2020/ND-CP@2020'
>>> document_key(None, None, "0123456789abcdef" * 4)
'sha:0123456789abcdef'
>>> entity_key("person", "Phạm Minh Chính")
'person:pham-minh-chinh'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from danchieu.ingest import keys
from danchieu.ingest.codes import split_number
from danchieu.ingest.models import Evidence, ExtractedDocument
from danchieu.ingest.textutil import fold as _fold
from danchieu.ingest.textutil import make_evidence, strip_diacritics

from danchieu.errors import ScannedPdf

Row = dict[str, Any]
# A list property with nothing in it is not stored (``SET r.x = null``): an absent evidence list, pinpoint
# list or title list means "none", and every reader takes it as []. neo4j-admin import cannot store an
# empty array (an empty CSV field is null), so the bulk import leaves the very same graph without a
# pass over every relationship afterwards.
_NO_EVIDENCE: Row = {"ev_start": None, "ev_end": None, "ev_text": None, "ev_sentence": None}
_WORDS = re.compile(r"\w+")
# The same names and captions come back in every document (a decree cited a thousand times, the
# same signer): folding them once each halves the cost of building rows at national scale.
fold = functools.lru_cache(maxsize=1 << 16)(_fold)

# Relationship types a document owns: deleted and rebuilt when the document changes. Incoming
# CITES / REPORTS_ON / COPY_OF from other documents are theirs, never touched.
OWN_RELATIONSHIPS = ("CITES", "MENTIONS", "ASSIGNS", "REPORTS_ON", "SIGNED", "ISSUED", "COPY_OF", "ISSUED_AT")


def document_key(number: str | None, year: int | None, text_hash: str) -> str:
    """Canonical document key (:mod:`danchieu.ingest.keys`): symbol + ``@year`` (``@?`` when unknown), or
    ``sha:`` + 16 hex digits of the content hash for a document with no printed number."""
    return keys.document_key(number, year) if number else keys.content_key(text_hash)


@functools.lru_cache(maxsize=1 << 16)  # the same people and bodies come back in every document
def entity_key(kind: str, name: str) -> str:
    """``person:pham-minh-chinh``, ``agency:bo-y-te``, ``province:bac-giang`` (same slug as extraction)."""
    return f"{kind}:{keys.slug(name)}"


@functools.lru_cache(maxsize=1 << 10)
def type_label(type_name: str | None) -> str | None:
    """The second label of a document type: ``"Thông báo"`` → ``"ThongBao"``; ``None`` if unusable."""
    if not type_name:
        return None
    words = re.findall(r"[A-Za-z0-9]+", strip_diacritics(unicodedata.normalize("NFC", type_name)))
    label = "".join(w[:1].upper() + w[1:].lower() for w in words)
    return label if label and label[0].isalpha() else None


def caption(type_name: str | None, number: str | None, title: str | None, source: str | None) -> str:
    """The short Vietnamese caption shown in the Browser: ``"Thông báo 285/TB-VPCP"``."""
    head = type_name or "Văn bản"
    if number:
        return f"{head} {number}"
    tail = (title or source or "").strip()
    if len(tail) > 48:
        tail = tail[:47].rstrip() + "…"
    return f"{head} (không số){': ' + tail if tail else ''}"


def parse_date(value: str | None) -> dt.date | None:
    """ISO date, or ``None`` for a missing or impossible one (never raises)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def evidence_props(evidence: Iterable[Evidence | None]) -> Row:
    """Parallel evidence lists: ``ev_start``, ``ev_end``, ``ev_text``, ``ev_sentence`` (``None`` for none)."""
    evs = [e for e in evidence if e is not None]
    if not evs:
        return dict(_NO_EVIDENCE)
    if len(evs) == 1:  # most facts have one mention: no set, no sort (a third of building rows at scale)
        e = evs[0]
        return {"ev_start": [e.start], "ev_end": [e.end], "ev_text": [e.text], "ev_sentence": [e.sentence]}
    evs = sorted({(e.start, e.end, e.text, e.sentence) for e in evs})
    return {"ev_start": [e[0] for e in evs], "ev_end": [e[1] for e in evs],
            "ev_text": [e[2] for e in evs], "ev_sentence": [e[3] for e in evs]}


@dataclass(slots=True)
class DocumentRows:
    """Everything one document writes, as parameter lists for the load statements."""

    key: str
    text_hash: str
    doc: Row
    cites: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)  # persons, agencies, provinces
    signed: list[Row] = field(default_factory=list)
    issued: list[Row] = field(default_factory=list)
    issued_at: list[Row] = field(default_factory=list)  # the place-date line's province
    assigns: list[Row] = field(default_factory=list)
    reports_on: list[Row] = field(default_factory=list)
    located_in: list[Row] = field(default_factory=list)
    merged_into: list[Row] = field(default_factory=list)
    copies: list[DocumentRows] = field(default_factory=list)  # certified copies, COPY_OF this one

    @property
    def relationship_count(self) -> int:
        own = (len(self.cites) + len(self.mentions) + len(self.signed) + len(self.issued) + len(self.issued_at)
               + len(self.assigns) + len(self.reports_on) + len(self.located_in) + len(self.merged_into))
        return own + sum(c.relationship_count + 1 for c in self.copies)


def _year(info_year: Any, date: dt.date | None) -> int | None:
    if isinstance(info_year, int):
        return info_year
    return date.year if date else None


# "Hà Nội, ngày       tháng      năm 2026": a signed copy whose day and month were left blank for the pen
# still prints the year it was issued in (the date stays unknown; the key gets the year).
_BLANK_DATE_YEAR = re.compile(r"^[^\n\d]{0,40}?,?[ \t]*ngày[\s._…]*tháng[\s._…]*năm[ \t]+((?:19|20)\d\d)[ \t]*$",
                              re.MULTILINE | re.IGNORECASE)


def printed_year(text: str) -> int | None:
    r"""The year of a place-date line printed with the day and month left blank, in the header.

    >>> printed_year("Số:  372 /QĐ-BTC\nHà Nội, ngày       tháng      năm 2026\nQUYẾT ĐỊNH")
    2026
    """
    m = _BLANK_DATE_YEAR.search(text[:3000])
    return int(m.group(1)) if m else None


def document_row(doc: ExtractedDocument) -> Row:
    """The Document node's properties (``labels`` is applied with a dynamic label)."""
    info = doc.document
    date = parse_date(info.date)
    parts = split_number(info.number) if info.number else None
    year = _year(info.number_parts.get("year"), date) or (parts.year if parts else None)
    if year is None and info.number:
        year = printed_year(doc.text)
    key = document_key(info.number, year, doc.text_hash)
    name = caption(info.type, info.number, info.title, doc.source)
    label = type_label(info.type)
    return {
        "key": key, "number": info.number, "type": info.type,
        "type_code": info.number_parts.get("type_code") or (parts.type_code if parts else None),
        "issuer": info.issuer,
        "issuer_code": info.number_parts.get("issuer_code") or (parts.issuer_code if parts else None),
        "date": date, "date_source": "printed" if date else None, "year": year, "title": info.title,
        "place": info.place,
        "uri": document_uri(key, info.type, info.number, year),
        "text_hash": doc.text_hash, "source": doc.source, "news_source": info.source,
        "format": doc.format, "name": name, "name_folded": fold(name), "text": doc.text,
        "labels": [label] if label else [],
    }


@functools.lru_cache(maxsize=1 << 16)
def document_uri(key: str, type_name: str | None, number: str | None, year: int | None) -> str:
    """ELI-style URI: ``/vn/2021/thong-bao/285-tb-vpcp``; ``/vn/sha/<hash>`` without a number."""
    if not number:
        return f"/vn/sha/{key.removeprefix('sha:')}"
    return keys.eli_uri(type_name, year, number)


@functools.lru_cache(maxsize=1 << 16)
def _cited_caption(type_name: str | None, number: str | None) -> tuple[str, str, str | None]:
    """A cited document's caption, folded caption and label, made once per (type, number): a national
    corpus cites the same decrees again and again, a dozen citations per document."""
    name = caption(type_name, number, None, None)
    return name, fold(name), type_label(type_name)


def _cited_row(c: Any) -> Row:
    date = parse_date(c.date)
    year = c.year or (date.year if date else None)
    name, folded, label = _cited_caption(c.type, c.number)
    return {"key": c.key, "number": c.number, "type": c.type, "issuer": c.issuer, "date": date,
            "date_source": getattr(c, "date_source", None) if date else None, "year": year, "title": c.title,
            "name": name, "name_folded": folded,
            "uri": document_uri(c.key, c.type, c.number, year), "labels": [label] if label else []}


def _entity_keys(doc: ExtractedDocument) -> dict[str, str]:
    """Folded name → key of every person and agency extraction found (signers reuse them)."""
    keys = {fold(p.name): p.key for p in doc.persons}
    keys.update({fold(a.name): a.key for a in doc.agencies})
    keys.update({fold(a.abbreviation): a.key for a in doc.agencies if a.abbreviation})
    return keys


MIN_WORDS_WITHOUT_NUMBER = 40  # below this a numberless text cannot be told apart from another one


def build_rows(doc: ExtractedDocument) -> DocumentRows:
    """All rows of one document (and of its certified copies).

    Raises :class:`ScannedPdf` for a text with no number and almost no words (a scanned PDF whose
    only text is page headers and a signature): keyed by content, every such file would be "the
    same document".
    """
    if not doc.document.number and (words := len(_WORDS.findall(doc.text))) < MIN_WORDS_WITHOUT_NUMBER:
        raise ScannedPdf(f"{doc.source}: only {words} word(s) of text and no document number — a scanned "
                         "PDF? Run OCR on it or ingest another format")
    d = document_row(doc)
    key = d["key"]
    rows = DocumentRows(key=key, text_hash=doc.text_hash, doc=d)
    as_of = d["date"]
    for c in doc.citations:
        if c.key == key:  # a document never cites itself
            continue
        rows.cites.append({"target": _cited_row(c), "kind": c.kind, "resolution": c.resolution,
                           "resolved_by": c.resolved_by,
                           "count": max(1, len(c.mentions)), "pinpoints": list(c.pinpoints) or None,
                           **evidence_props(c.mentions)})
    for p in doc.persons:
        rows.mentions.append({"label": "Person", "key": p.key, "name": p.name, "name_folded": fold(p.name),
                              "abbreviation": None, "count": max(1, len(p.mentions)),
                              "titles": list(p.titles) or None, "as_of": as_of, **evidence_props(p.mentions)})
    for a in doc.agencies:
        rows.mentions.append({"label": "Agency", "key": a.key, "name": a.name, "name_folded": fold(a.name),
                              "abbreviation": a.abbreviation, "count": max(1, len(a.mentions)),
                              "titles": None, "as_of": as_of, **evidence_props(a.mentions)})
        if a.province:
            rows.located_in.append({"agency": a.key, "province": a.province})
    for pr in doc.provinces:
        rows.mentions.append({"label": "Province", "key": pr.key, "name": pr.name,
                              "name_folded": fold(pr.name), "abbreviation": None,
                              "count": max(1, len(pr.mentions)), "titles": None, "as_of": as_of,
                              **evidence_props(pr.mentions)})
        if pr.merged_into:
            rows.merged_into.append({"from": pr.key, "into": pr.merged_into,
                                     "effective": dt.date(2025, 7, 1)})
    known = _entity_keys(doc)
    for s in doc.signers:
        pkey = known.get(fold(s.name)) or entity_key("person", s.name)
        rows.signed.append({"key": pkey, "name": s.name, "name_folded": fold(s.name),
                            "capacity": s.capacity, "position": s.position, **evidence_props([s.evidence])})
    if doc.document.issuer:
        issuer = doc.document.issuer
        rows.issued.append({"key": known.get(fold(issuer)) or entity_key("agency", issuer), "name": issuer,
                            "name_folded": fold(issuer), **evidence_props([doc.document.evidence])})
    rows.issued_at = _issued_at(doc)
    for task in doc.assignments:
        rows.assigns.append({"label": "Person" if task.assignee_kind == "person" else "Agency",
                             "key": task.assignee_key, "name": task.assignee, "name_folded": fold(task.assignee),
                             "task": task.task, **evidence_props([task.evidence])})
    cited = {c.key: c for c in doc.citations}
    for target in dict.fromkeys(doc.reports_on):
        if target == key:
            continue
        cited_doc = cited.get(target)
        ev = evidence_props(cited_doc.mentions if cited_doc else [])
        target_row = _cited_row(cited_doc) if cited_doc else _placeholder_row(target)
        rows.reports_on.append({"target": target_row, **ev})
    if not doc.document.number and len(rows.reports_on) == 1:  # "Bài báo về Thông báo 494/TB-VPCP"
        d["name"] = f"{doc.document.type or 'Bài báo'} về {rows.reports_on[0]['target']['name']}"
        d["name_folded"] = fold(d["name"])
    rows.copies = [build_rows(copy) for copy in doc.copies]
    _sort(rows)
    return rows


def _issued_at(doc: ExtractedDocument) -> list[Row]:
    """The province of the place-date line ("Hà Nội, ngày …"), when the place is a province."""
    from danchieu.ingest.entities.provinces import province_by_key, province_key

    place = doc.document.place
    record = province_by_key().get(province_key(place)) if place else None
    if record is None:
        return []
    spans = [s for s in doc.sections if s.kind == "place_date"]
    evidence = [make_evidence(doc.text, spans[0].start, spans[0].end)] if spans else []
    return [{"key": record.key, "name": record.name, "name_folded": fold(record.name), **evidence_props(evidence)}]


def _placeholder_row(key: str) -> Row:
    number = key.split("@", 1)[0] if not key.startswith("sha:") else None
    year_text = key.rsplit("@", 1)[-1] if "@" in key else ""
    year = int(year_text) if year_text.isdigit() else None
    name = caption(None, number, None, None)
    return {"key": key, "number": number, "type": None, "issuer": None, "date": None, "date_source": None,
            "year": year,
            "title": None, "name": name, "name_folded": fold(name),
            "uri": document_uri(key, None, number, year), "labels": []}


def _sort(rows: DocumentRows) -> None:
    """Rows in key order, so concurrent writers lock shared nodes in the same order (no deadlock)."""
    rows.cites.sort(key=lambda r: r["target"]["key"])
    rows.mentions.sort(key=lambda r: r["key"])
    rows.signed.sort(key=lambda r: r["key"])
    rows.issued.sort(key=lambda r: r["key"])
    rows.assigns.sort(key=lambda r: (r["key"], r["task"]))
    rows.reports_on.sort(key=lambda r: r["target"]["key"])
