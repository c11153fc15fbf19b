"""The agency gazetteer: named bodies from the data files, plus the bodies every province has.

Data lives in ``ingest/data/gazetteer/*.yaml`` (each with its ``source:``); this module only reads
it, generates the provincial bodies ("Ủy ban nhân dân tỉnh Bắc Giang", "Thành ủy Hà Nội", …) for
every province of ``ingest/data/provinces.yaml``, and builds the syllable trie used to find them.

>>> [a.key for a in all_agencies() if a.name == "Bộ Y tế"]
['agency:bo-y-te']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

import yaml
from danchieu.ingest.entities.matcher import SyllableTrie
from danchieu.ingest.entities.provinces import ProvinceRecord, all_provinces, not_provinces, slug, surface_forms
from danchieu.ingest.entities.tokens import fold_tokens, tone_key

_WORDS = re.compile(r"\w+")

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
AGENCY_FILES = ("agencies.yaml", "party.yaml", "media.yaml", "international.yaml", "sector.yaml")


def agency_key(name: str) -> str:
    """``"Bộ Y tế"`` → ``"agency:bo-y-te"``."""
    return "agency:" + slug(name)


@dataclass(frozen=True, slots=True)
class AgencyRecord:
    key: str
    name: str  # official full name
    kind: str  # ministry, party, media, international, provincial, …
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    short_aliases: tuple[str, ...] = ()  # count only when the full name is in the same document
    ministry_short: tuple[str, ...] = ()  # "Y tế" for "Bộ Y tế", used in enumerations
    province: str | None = None  # province key for provincial bodies
    valid_from: str | None = None
    valid_until: str | None = None
    successor: str | None = None  # key of the body that took over its functions
    codes: tuple[str, ...] = ()  # issuer codes in document numbers ("BTC"), aliases like abbreviations

    @property
    def abbreviation(self) -> str | None:
        """The short form shown and searched: the first abbreviation, else the issuer code."""
        return (self.abbreviations or self.codes or (None,))[0]


@dataclass(frozen=True, slots=True)
class AgencyHit:
    """Trie payload: this spelling names ``key``; its last ``province_len`` syllables name a province."""

    key: str
    form: str  # "full" | "alias" | "short"
    province: str | None = None
    province_len: int = 0
    provincial: bool = False
    template: str | None = None  # head of a provincial body: "Ủy ban nhân dân"


@dataclass(frozen=True, slots=True)
class LocalHit:
    """Trie payload: a provincial body named without its province ("Sở Tài chính", "Ủy ban nhân
    dân tỉnh", "Văn phòng Tỉnh ủy"); it names the body of the document's own province.
    ``unit_kind`` is the kind of province the unit word demands ("tinh" for "tỉnh"), or None."""

    template: str  # head of the provincial body, as in ``provincial_index``: "Sở Tài chính"
    unit_kind: str | None = None
    form: str = "local"
    with_unit: bool = False  # the spelling ends in the unit word ("Ủy ban nhân dân tỉnh")


@dataclass(frozen=True, slots=True)
class ProvinceHit:
    key: str | None  # None: a phrase that only looks like a province ("Thái Bình Dương")
    prefix_len: int = 0  # leading syllables of a unit word ("tỉnh", "thành phố")
    tones: tuple[tuple[str, str], ...] = ()  # tone keys of the name's syllables, prefix excluded


@cache
def load_data(name: str) -> dict:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def _record(row: dict) -> AgencyRecord:
    return AgencyRecord(
        key=agency_key(row["name"]), name=row["name"], kind=row.get("kind", "agency"),
        abbreviations=tuple(row.get("abbreviations", [])), aliases=tuple(row.get("aliases", [])),
        short_aliases=tuple(row.get("short_aliases", [])),
        ministry_short=tuple(row.get("ministry_short", [])),
        valid_from=row.get("valid_from"), valid_until=row.get("valid_until"),
        successor=agency_key(row["successor"]) if row.get("successor") else None)


def _unit_word(rec: ProvinceRecord) -> str:
    return "thành phố" if rec.kind == "thanh_pho" else "tỉnh"


@dataclass(slots=True)
class _Provincial:
    record: AgencyRecord
    template: str = ""
    forms: list[tuple[str, int]] = field(default_factory=list)  # (spelling, province syllables)


@lru_cache(maxsize=1)
def _provincial_bodies() -> list[_Provincial]:
    spec = load_data("provincial_bodies.yaml")
    units = spec["unit_words"]
    out: list[_Provincial] = []
    for prov in all_provinces():
        committee = spec["party_committee"][prov.kind]
        place_forms = [prov.short_name, *prov.variants] if prov.bare else list(prov.variants)
        for tpl in spec["templates"]:
            heads = [tpl["head"].replace("{party_committee}", committee)]
            heads += [a for a in tpl.get("abbreviations", [])]
            if tpl["with_unit"]:
                official = f"{heads[0]} {_unit_word(prov)} {prov.short_name}"
                if not prov.bare:  # "Ủy ban nhân dân Thành phố Hồ Chí Minh"
                    official = f"{heads[0]} {prov.name}"
                unit_forms = [f"{u} {prov.short_name}" for u in units[prov.kind]] + place_forms
                if not prov.bare:
                    unit_forms.append(prov.name)
            else:
                official = f"{heads[0]} {prov.name if not prov.bare else prov.short_name}"
                unit_forms = place_forms + [f"{u} {prov.short_name}" for u in units[prov.kind]]
            rec = AgencyRecord(key=agency_key(official), name=official, kind="provincial",
                               abbreviations=(), province=prov.key,
                               valid_from=prov.valid_from, valid_until=prov.valid_until)
            item = _Provincial(rec, template=heads[0])
            for head in heads:
                for place in unit_forms:
                    place_len = len(fold_tokens(_strip_unit(place)))
                    item.forms.append((f"{head} {place}", place_len))
            out.append(item)
    return out


_UNIT_RE = re.compile(r"^(?:tỉnh|thành phố|TP\.?|Tp\.?|Thủ đô)\s+", re.IGNORECASE)


def _strip_unit(place: str) -> str:
    return _UNIT_RE.sub("", place)


@lru_cache(maxsize=1)
def _central() -> list[AgencyRecord]:
    rows: list[dict] = []
    for name in AGENCY_FILES:
        rows.extend(load_data(name)["agencies"])
    codes = issuer_codes()
    out = []
    for r in rows:
        rec = _record(r)
        extra = tuple(c for c in codes.get(" ".join(fold_tokens(rec.name)), ()) if c not in rec.abbreviations)
        out.append(replace(rec, codes=extra) if extra else rec)
    return out


@lru_cache(maxsize=1)
def issuer_codes() -> dict[str, tuple[str, ...]]:
    """Folded agency name → the issuer codes of ``ingest/data/codes/issuers.yaml`` that stand for it
    ("bo tai chinh" → ("BTC",)): each code is an alias of its agency."""
    data = yaml.safe_load((DATA_DIR.parent / "codes" / "issuers.yaml").read_text(encoding="utf-8"))
    out: dict[str, tuple[str, ...]] = {}
    for row in data["issuers"]:
        key = " ".join(fold_tokens(row["name"]))
        out[key] = out.get(key, ()) + (row["code"], *row.get("aliases", []))
    return out


@lru_cache(maxsize=1)
def all_agencies() -> list[AgencyRecord]:
    """Every agency the gazetteer knows, central ones first, then generated provincial bodies."""
    return _central() + [p.record for p in _provincial_bodies()]


@lru_cache(maxsize=1)
def agency_by_key() -> dict[str, AgencyRecord]:
    return {a.key: a for a in all_agencies()}


@lru_cache(maxsize=1)
def ministries_by_short() -> SyllableTrie:
    """Trie of the part after "Bộ" ("Y tế", "Lao động - Thương binh và Xã hội") → agency key."""
    trie = SyllableTrie()
    for rec in _central():
        for short in rec.ministry_short:
            trie.add(fold_tokens(short), rec.key)
    return trie


@lru_cache(maxsize=1)
def abbreviation_index() -> dict[str, str]:
    """Case-sensitive abbreviation → agency key ("VPCP" → "agency:van-phong-chinh-phu"); issuer
    codes ("BTC") too, except those running text uses for something else (``codes_not_in_text``)."""
    skip = set(load_data("agencies.yaml").get("codes_not_in_text", []))
    out = {code: rec.key for rec in _central() for code in rec.codes if code not in skip and len(code) > 2}
    out.update({abbr: rec.key for rec in _central() for abbr in rec.abbreviations})
    return out


def agency_by_alias(query: str) -> AgencyRecord | None:
    """The agency a whole query names: its name, an alias, an abbreviation or an issuer code.

    >>> agency_by_alias("BTC").name, agency_by_alias("bộ tài chính").name
    ('Bộ Tài chính', 'Bộ Tài chính')
    """
    q = query.strip()
    for rec in _central():
        if q in rec.abbreviations or q in rec.codes:
            return rec
    folded = " ".join(fold_tokens(q))
    for rec in _central():
        if folded in {" ".join(fold_tokens(n)) for n in (rec.name, *rec.aliases)}:
            return rec
    return None


@lru_cache(maxsize=1)
def entity_trie() -> SyllableTrie:
    """One trie for agencies and provinces, so the longest name wins where they overlap
    ("Thành ủy Thành phố Hồ Chí Minh" is one agency, not a committee plus a city)."""
    trie = SyllableTrie()
    for rec in _central():
        trie.add(fold_tokens(rec.name), AgencyHit(rec.key, "full"))
        for alias in rec.aliases:
            trie.add(fold_tokens(alias), AgencyHit(rec.key, "alias"))
        for short in rec.short_aliases:
            trie.add(fold_tokens(short), AgencyHit(rec.key, "short"))
    for item in _provincial_bodies():
        for form, place_len in item.forms:
            trie.add(fold_tokens(form), AgencyHit(item.record.key, "full", item.record.province, place_len,
                                                  provincial=True, template=item.template))
    for form, hit in _local_forms():
        trie.add(fold_tokens(form), hit)
    for prov in all_provinces():
        for form in surface_forms(prov):
            toks = fold_tokens(form)
            prefix = len(toks) - len(fold_tokens(_strip_unit(form))) if _UNIT_RE.match(form) else 0
            tones = tuple(tone_key(w) for w in _WORDS.findall(_strip_unit(form)))
            trie.add(toks, ProvinceHit(prov.key, prefix, tones))
    for phrase in not_provinces():
        trie.add(fold_tokens(phrase), ProvinceHit(None))
    return trie


def _local_forms() -> list[tuple[str, LocalHit]]:
    """Spellings of provincial bodies without the province: "Ủy ban nhân dân tỉnh", "UBND tỉnh",
    "Tỉnh ủy", "Ban Thường vụ Thành ủy", and the heads marked ``bare`` alone ("Sở Y tế")."""
    spec = load_data("provincial_bodies.yaml")
    out: list[tuple[str, LocalHit]] = []
    for tpl in spec["templates"]:
        for kind, committee in spec["party_committee"].items():
            head = tpl["head"].replace("{party_committee}", committee)
            heads = [head, *tpl.get("abbreviations", [])]
            if not tpl["with_unit"]:
                out.extend((h, LocalHit(head, kind)) for h in heads)
                continue
            for h in heads:
                out.extend((f"{h} {u}", LocalHit(head, kind, with_unit=True)) for u in spec["unit_words"][kind])
                if tpl.get("bare"):
                    out.append((h, LocalHit(head, None)))
    return out


@lru_cache(maxsize=1)
def local_guards() -> tuple[frozenset[str], frozenset[str]]:
    """Folded words that make a local name generic before it, or not this province's after it."""
    spec = load_data("provincial_bodies.yaml")
    before = frozenset(fold_tokens(" ".join(spec.get("local_generic_before", []))))
    after = frozenset(fold_tokens(" ".join(spec.get("local_blocked_after", []))))
    return before, after


@lru_cache(maxsize=1)
def provincial_index() -> dict[tuple[str, str], AgencyRecord]:
    """(template head, province key) → the generated body: ("Ủy ban nhân dân", "province:bac-ninh")."""
    return {(p.template, p.record.province or ""): p.record for p in _provincial_bodies()}
