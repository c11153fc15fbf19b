"""Entities: people, agencies, provinces and assignments named in a document.

    tokens → gazetteer trie (agencies, provinces, local names "Sở Tài chính") → titles and names
           → enumerations ("các Bộ: Y tế, Tư pháp", "các Sở: Y tế, Nội vụ")
           → local names resolved to the document's province → unlisted bodies read from the
             shape of their names (``bodies``) → assignments → grouping by key

Everything runs on syllable tokens and one trie built from the data files in
``ingest/data/gazetteer`` and ``ingest/data/provinces.yaml``; underthesea is only consulted for
capitalised runs too long to be a name. ``danchieu.ingest.nlp`` runs the same components as a
spaCy pipeline, ``danchieu.ingest.entities.render`` draws a document with its entities highlighted.

>>> from danchieu.ingest.layout import ParsedLayout
>>> from danchieu.ingest.models import DocumentInfo
>>> res = find_entities("Giao Bộ Y tế chủ trì.", ParsedLayout(DocumentInfo()))
>>> [a.key for a in res.agencies]
['agency:bo-y-te']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from danchieu.ingest.entities.agencies import (
    document_province,
    province_name,
    resolve_local,
    resolve_short_forms,
    scan_abbreviations,
    scan_gazetteer,
    scan_stacked_headers,
)
from danchieu.ingest.entities.assignments import find_assignments
from danchieu.ingest.entities.bodies import find_unknown_bodies
from danchieu.ingest.entities.coordination import find_enumerations
from danchieu.ingest.entities.mentions import Mention, blank
from danchieu.ingest.entities.persons import (
    find_addressed_persons,
    find_bylines,
    find_proposed_persons,
    find_repeats,
    find_signers,
    find_titled_persons,
    person_key,
)
from danchieu.ingest.entities.provinces import province_by_key
from danchieu.ingest.entities.recipients import recipient_spans
from danchieu.ingest.entities.tokens import Tokens, tokenize
from danchieu.ingest.layout import ParsedLayout
from danchieu.ingest.models import Agency, Assignment, Person, Province
from danchieu.ingest.textutil import fold, make_evidence

__all__ = ["EntityResult", "find_entities"]


@dataclass(slots=True)
class EntityResult:
    persons: list[Person] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    provinces: list[Province] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)


def find_entities(text: str, parsed: ParsedLayout, candidates: list[tuple[int, int, str]] | None = None,
                  gazetteer: bool = True) -> EntityResult:
    """Every person, agency and province the document names (header, body and signature; not the
    Nơi nhận list), each with all its mentions, and the tasks given to them.

    ``candidates`` are names proposed by underthesea (``(start, end, source)``, see ``danchieu.ingest.nlp``):
    accepted when they have the shape of a Vietnamese name where nothing else stands.
    ``gazetteer=False`` leaves out the lists of known bodies and provinces (for the ablation only)."""
    visible = blank(text, recipient_spans(text, parsed))
    toks = tokenize(visible)
    places = scan_gazetteer(toks) if gazetteer else []
    places += scan_abbreviations(visible) if gazetteer else []
    places += scan_stacked_headers(visible, toks, places)
    blocked = {k for m in places if m.kind == "agency" for k in _token_range(toks, m)}
    persons, title_orgs = find_titled_persons(toks, blocked)
    issuer = parsed.document.issuer or _header_issuer(visible, places)
    persons += find_addressed_persons(toks, blocked)
    persons += find_signers(visible, issuer)
    persons += find_bylines(visible)
    persons += find_proposed_persons(toks, candidates or [], blocked | _person_tokens(toks, persons))
    signed = {person_key(s.name): s.name for s in parsed.signers if s.name}
    persons += find_repeats(visible, {**signed, **{p.key: p.name for p in persons}})
    enumerations = find_enumerations(toks)
    province = document_province(issuer, places)
    agencies = [m for m in places + title_orgs if m.kind == "agency"]
    agencies += [item for e in enumerations for item in e.items]
    agencies = resolve_short_forms(_dedupe(resolve_local(agencies, province)))
    for e in enumerations:
        e.items = resolve_local(e.items, province)
    # a province may end an unlisted body's name ("Bệnh viện Đa khoa tỉnh Quảng Ngãi")
    taken = blocked | {k for m in persons for k in _token_range(toks, m)}
    taken |= {k for e in enumerations for m in e.items for k in _token_range(toks, m)}
    agencies += find_unknown_bodies(toks, taken)
    provinces = [m for m in places + title_orgs if m.kind == "province"
                 and not any(m.overlaps(p) for p in persons)]
    provinces += [p for e in enumerations for p in e.provinces]
    return EntityResult(
        persons=_group_persons(text, persons),
        agencies=_group_agencies(text, agencies),
        provinces=_group_provinces(text, _dedupe(provinces)),
        assignments=find_assignments(text, agencies, _dedupe(persons), enumerations),
    )


def _person_tokens(toks: Tokens, persons: list[Mention]) -> set[int]:
    return {k for m in persons for k in _token_range(toks, m)}


def _token_range(toks: Tokens, m: Mention) -> range:
    return range(toks.index_at(m.start), toks.index_at(m.end))


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per (key, span); an agency mention inside a longer one of the same agency
    (an enumeration item inside the full name, an alias inside a title) is dropped."""
    mentions = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    seen: set[tuple[str, int, int]] = set()
    reach: dict[str, int] = {}  # key → end of its furthest-reaching kept mention
    for m in mentions:
        if (m.key, m.start, m.end) in seen:
            continue
        if m.kind == "agency" and m.end <= reach.get(m.key, -1):
            continue
        seen.add((m.key, m.start, m.end))
        reach[m.key] = max(reach.get(m.key, -1), m.end)
        out.append(m)
    return out


def _header_issuer(text: str, places: list[Mention]) -> str | None:
    head = [m for m in places if m.kind == "agency" and m.start < 400 and text[m.start:m.end].isupper()]
    return min(head, key=lambda m: m.start).name if head else None


def _group_persons(text: str, mentions: list[Mention]) -> list[Person]:
    """One person per key; every title the document gives them (a name may carry a title before
    it and another after it: "Phó Thủ tướng Vũ Đức Đam, Trưởng ban …")."""
    out: dict[str, Person] = {}
    spans: set[tuple[str, int]] = set()
    for m in sorted(mentions, key=lambda m: m.start):
        person = out.setdefault(m.key, Person(name=m.name, key=m.key))
        if m.title and fold(m.title) not in {fold(t) for t in person.titles}:
            person.titles.append(m.title)
        if (m.key, m.start) not in spans:
            spans.add((m.key, m.start))
            person.mentions.append(make_evidence(text, m.start, m.end))
    return list(out.values())


def _group_agencies(text: str, mentions: list[Mention]) -> list[Agency]:
    from danchieu.ingest.entities.gazetteer import agency_by_key

    out: dict[str, Agency] = {}
    for m in mentions:
        rec = agency_by_key().get(m.key)
        if rec is None:  # a body read from its name's shape ("Ủy ban Chứng khoán Nhà nước")
            agency = out.setdefault(m.key, Agency(name=m.name, key=m.key))
        else:
            agency = out.setdefault(m.key, Agency(name=rec.name, key=rec.key,
                                                  abbreviation=rec.abbreviation,
                                                  province=rec.province))
        agency.mentions.append(make_evidence(text, m.start, m.end))
    return list(out.values())


def _group_provinces(text: str, mentions: list[Mention]) -> list[Province]:
    out: dict[str, Province] = {}
    for m in mentions:
        rec = province_by_key().get(m.key)
        prov = out.setdefault(m.key, Province(name=province_name(m.key), key=m.key,
                                              merged_into=rec.merged_into if rec else None))
        prov.mentions.append(make_evidence(text, m.start, m.end))
    return list(out.values())
