"""Build ``ExtractedDocument`` objects from sentences written for the tests, with real evidence.

Facts are located in the text by the phrase that names them, so offsets and sentences are those
``danchieu.ingest.textutil.make_evidence`` gives, exactly what extraction would give.
"""

from __future__ import annotations

import hashlib
import uuid

from danchieu.graph.rows import entity_key
from danchieu.ingest.models import (
    Agency,
    Assignment,
    Citation,
    DocumentInfo,
    ExtractedDocument,
    Person,
    Province,
    Signer,
)
from danchieu.ingest.textutil import make_evidence


def new_tag() -> str:
    """Upper-case letters only: usable inside an issuer code ("TB-XQWER…") and a person's name."""
    return "X" + "".join(chr(ord("A") + int(c, 16) % 26) for c in uuid.uuid4().hex[:10])


def ev(text: str, phrase: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return make_evidence(text, start, start + len(phrase))


def document(text: str, *, number: str | None = None, type_: str | None = "Thông báo", date: str | None = None,
             issuer: str | None = None, source: str = "test.txt", cites: list[tuple[str, str, str]] = (),
             persons: list[str] = (), agencies: list[str] = (), provinces: list[str] = (),
             signers: list[tuple[str, str | None, str | None]] = (), assigns: list[tuple[str, str]] = (),
             reports_on: list[str] = (), title: str | None = None) -> ExtractedDocument:
    """``cites``: (phrase in text, number, key); ``signers``: (name, position, capacity);
    ``assigns``: (agency name, task)."""
    doc = ExtractedDocument(source=source, text=text, text_hash=hashlib.sha256(text.encode()).hexdigest())
    doc.document = DocumentInfo(number=number, type=type_, issuer=issuer, date=date, title=title,
                                evidence=ev(text, number) if number and number in text else None)
    for phrase, num, key in cites:
        doc.citations.append(Citation(number=num, key=key, type="Nghị quyết", kind="căn cứ",
                                      mentions=[ev(text, phrase)]))
    doc.persons = [Person(name=n, key=entity_key("person", n), mentions=[ev(text, n)]) for n in persons]
    doc.agencies = [Agency(name=n, key=entity_key("agency", n), mentions=[ev(text, n)]) for n in agencies]
    doc.provinces = [Province(name=n, key=entity_key("province", n), mentions=[ev(text, n)]) for n in provinces]
    doc.signers = [Signer(name=n, position=p, capacity=c, evidence=ev(text, n, text.count(n) - 1))
                   for n, p, c in signers]
    doc.assignments = [Assignment(assignee=a, assignee_key=entity_key("agency", a), assignee_kind="agency",
                                  task=t, evidence=ev(text, t)) for a, t in assigns]
    doc.reports_on = list(reports_on)
    return doc
