"""What extraction produces: plain dataclasses, no database, no I/O.

Every fact keeps its evidence: the character offsets in ``ExtractedDocument.text`` (the normalised
text) and the sentence it sits in, so that the graph and the explorer can always show why an edge
exists. ``to_json`` writes the shape described in ``../shared/gold/README.md`` plus the evidence.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: offsets into the normalised text and the sentence around them."""

    start: int
    end: int
    text: str  # the mention exactly as it stands in the normalised text
    sentence: str
    sentence_start: int = 0


@dataclass(slots=True)
class Section:
    """A span of the normalised text with a layout role.

    ``kind`` is one of: ``motto``, ``issuer``, ``number``, ``place_date``, ``type``, ``title``,
    ``received``, ``body``, ``recipients`` (Nơi nhận), ``signature``, ``copy`` (SAO LỤC / SAO Y),
    ``page_head``, ``source`` (news source line).
    """

    kind: str
    start: int
    end: int


@dataclass(slots=True)
class DocumentInfo:
    """The document's own identity as printed in it; ``None`` where the text does not show it."""

    number: str | None = None  # "285/TB-VPCP", "80/2023/QH15", "10-TB/VPTW"
    type: str | None = None  # "Thông báo", "Nghị quyết", …, "Bài báo" for a news report
    issuer: str | None = None  # "Văn phòng Chính phủ"
    issuer_parent: str | None = None  # the organ above the issuing unit: "Bộ Công Thương" for "Cục Hóa chất"
    date: str | None = None  # ISO "2021-10-27"
    place: str | None = None  # "Hà Nội"
    title: str | None = None  # trích yếu
    # Number split into parts (see ingest/identity.py): {"number": "285", "year": None,
    # "type_code": "TB", "issuer_code": "VPCP"}
    number_parts: dict[str, Any] = field(default_factory=dict)
    source: str | None = None  # news source line, "Theo Chinhphu.vn"
    evidence: Evidence | None = None  # where the number was read
    # What a source outside the text says about the document (a legal portal's metadata block, a
    # corpus index): never read from the text, never overriding it. Its "source" key says where it
    # came from: {"number": "212-KL/TW", "date": "2025-11-18", "source": "portal metadata block"}.
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Signer:
    name: str
    position: str | None = None  # the signer's own title: "Phó Chủ nhiệm"
    capacity: str | None = None  # signing formula: "KT. Bộ trưởng, Chủ nhiệm", "TM. Chính phủ"
    evidence: Evidence | None = None


@dataclass(slots=True)
class Citation:
    """One distinct other document cited by this one, with every place it is mentioned."""

    number: str  # as normalised for display: "128/NQ-CP"
    key: str  # canonical document key, see ingest/keys.py: "128/NQ-CP@2021"
    type: str | None = None  # "Nghị quyết"
    date: str | None = None  # ISO issue date of the cited document when known
    issuer: str | None = None  # "Chính phủ"
    year: int | None = None
    title: str | None = None  # trích yếu after "về …"
    kind: str = "trích dẫn"  # căn cứ / thực hiện / sửa đổi / thay thế / bãi bỏ / hướng dẫn / trích dẫn
    resolution: str = "exact"  # exact / inferred / ambiguous
    pinpoints: list[str] = field(default_factory=list)  # "khoản 2 Điều 3"
    mentions: list[Evidence] = field(default_factory=list)
    # why a year-less number got its year, or why it stayed ambiguous (ingest/known.py: resolve)
    resolved_by: str | None = None
    # where ``date`` comes from: "cited_with_date" (printed beside the reference), "inferred_year"
    # (the year was inferred from the known documents, the date with it), "known_document" (the year
    # is printed, the day comes from the known documents); None without a date
    date_source: str | None = None


@dataclass(slots=True)
class NamedReference:
    """A law or code cited by name rather than number: "Bộ luật Lao động năm 2019"."""

    name: str
    year: int | None = None
    kind: str = "trích dẫn"
    mentions: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Person:
    name: str
    key: str  # canonical person key (folded name; see ingest/entities)
    titles: list[str] = field(default_factory=list)
    mentions: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Agency:
    name: str  # official full name: "Bộ Y tế"
    key: str
    abbreviation: str | None = None
    province: str | None = None  # province key when the agency is provincial
    mentions: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Province:
    name: str  # "Bắc Giang", "Thành phố Hồ Chí Minh"
    key: str  # stable code, see ingest/data/provinces
    merged_into: str | None = None  # key of the province it became part of on 2025-07-01
    mentions: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Assignment:
    """A task given to an agency or a person: "Giao Bộ Y tế chủ trì …"."""

    assignee: str  # agency or person name
    assignee_key: str
    assignee_kind: str  # "agency" | "person"
    task: str
    evidence: Evidence | None = None


@dataclass(slots=True)
class ExtractedDocument:
    """Everything extraction found in one input document."""

    source: str  # file name the document came from
    text: str  # the normalised text all offsets refer to
    text_hash: str  # sha256 of the normalised text
    format: str = "text"  # text / markdown / html / pdf / docx
    encoding: str | None = None
    document: DocumentInfo = field(default_factory=DocumentInfo)
    sections: list[Section] = field(default_factory=list)
    signers: list[Signer] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    named_references: list[NamedReference] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    provinces: list[Province] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    copies: list[ExtractedDocument] = field(default_factory=list)  # certified copies (SAO LỤC, SAO Y)
    reports_on: list[str] = field(default_factory=list)  # keys of documents a news report is about
    warnings: list[str] = field(default_factory=list)
    # What components of your own added to the spaCy pipeline wrote on ``doc._.extra`` (see ingest/nlp.py)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self, include_text: bool = True) -> dict[str, Any]:
        data = asdict(self)
        if not include_text:
            data.pop("text")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExtractedDocument:
        """The inverse of :meth:`to_json` (``from_json(to_json(d)) == d``), also after a trip through
        ``json.dumps``/``json.loads``: partitioned extraction output (``ingest/partitions.py``) is read
        back with it. A JSON written without its text (``include_text=False``) comes back with
        ``text == ""``; a key this version does not know is refused rather than dropped."""
        return _build(cls, data)


# --- from_json: dataclasses rebuilt from their field types ----------------------------------------
# Each type's field types are read once and turned into a small function per field (None where the JSON
# value is kept as it is): a million documents read back from partitions made the per-value type
# inspection the bulk importer's largest single cost.
Converter = Callable[[Any], Any] | None
_BUILDERS: dict[type, Callable[[Any], Any]] = {}


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(tp: Any, value: Any) -> Any:
    """``value`` (plain JSON: dicts, lists, scalars) as an instance of the annotated type ``tp``."""
    convert = _converter(tp)
    return value if convert is None else convert(value)


def _converter(tp: Any) -> Converter:
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _builder(tp)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):  # "X | None": the one non-None member
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else None
    if origin is list:
        (item,) = typing.get_args(tp)
        each = _converter(item)
        if each is None:
            return None
        return lambda values: None if values is None else [each(v) for v in values]
    return None  # str, int, bool, dict[str, Any]: JSON already holds them as they are


def _builder(tp: type) -> Callable[[Any], Any]:
    if tp in _BUILDERS:
        return _BUILDERS[tp]
    hints = _hints(tp)
    known = frozenset(hints)
    converted: list[tuple[str, Callable[[Any], Any]]] = []  # filled below, once registered: a type may hold itself

    def build(value: Any) -> Any:
        if value is None:
            return None
        if converted:
            value = dict(value)
            for name, convert in converted:
                v = value.get(name)
                if v is not None:
                    value[name] = convert(v)
        if tp is ExtractedDocument and "text" not in value:
            value = {**value, "text": ""}  # written with include_text=False
        try:
            return tp(**value)
        except TypeError:  # the constructor refuses an unknown field; checked only then (~40 objects a document)
            if not known.issuperset(value):
                raise ValueError(f"{tp.__name__}: unknown field(s) {sorted(set(value) - known)}") from None
            raise

    _BUILDERS[tp] = build
    converted.extend((name, c) for name, c in ((n, _converter(h)) for n, h in hints.items()) if c is not None)
    return build
