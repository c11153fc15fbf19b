"""Provinces and centrally-run cities: the 63 in force until 30 June 2025, the 34 from 1 July 2025,
and which old unit became part of which new one (Nghị quyết 202/2025/QH15).

A 2021 mention of Bắc Giang stays ``province:bac-giang``; its record says it was merged into
``province:bac-ninh`` on 2025-07-01, so the graph can relate the two.

>>> rec = province_by_key()["province:bac-giang"]
>>> rec.merged_into
'province:bac-ninh'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from danchieu.ingest.textutil import fold

DATA = Path(__file__).resolve().parent.parent / "data" / "provinces.yaml"
_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp|thu do)\s+")


def slug(text: str) -> str:
    return fold(text).replace(" ", "-")


def province_key(name: str) -> str:
    """``"Thành phố Hồ Chí Minh"`` → ``"province:ho-chi-minh"``; ``"tỉnh Bắc Giang"`` → ``"province:bac-giang"``."""
    return "province:" + _PREFIX.sub("", fold(name)).replace(" ", "-")


@dataclass(frozen=True, slots=True)
class ProvinceRecord:
    key: str  # "province:bac-giang"
    name: str  # "Bắc Giang", "Thành phố Hồ Chí Minh"
    code: str  # GSO code, "24"
    kind: str  # "tinh" | "thanh_pho"
    valid_from: str | None = None  # ISO date; None = before the period the data covers
    valid_until: str | None = None  # ISO date; None = still in force
    merged_into: str | None = None  # key of the unit it became part of
    effective: str | None = None  # date the merger took effect, "2025-07-01"
    variants: tuple[str, ...] = field(default_factory=tuple)
    bare: bool = True  # the name alone (no "tỉnh"/"thành phố") is a mention
    abbreviations: tuple[str, ...] = ()  # "HN", "ĐN": as a whole query only

    @property
    def short_name(self) -> str:
        """The name without its unit word: "Hồ Chí Minh" for "Thành phố Hồ Chí Minh"."""
        return re.sub(r"^(?:Thành phố|Tỉnh)\s+", "", self.name)

    def in_force(self, date: str | None) -> bool:
        if date is None:
            return True
        return (self.valid_from or "") <= date and (self.valid_until is None or date <= self.valid_until)


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def all_provinces() -> list[ProvinceRecord]:
    """Every province record, old and new: 63 in force until 2025-06-30, 34 from 2025-07-01."""
    data = _data()
    effective = str(data["merger_effective"])
    rows = data["provinces"]
    out = []
    for row in rows:
        merged = row.get("merged_into")
        until = row.get("valid_until")
        if merged and not until:
            until = "2025-06-30"
        out.append(ProvinceRecord(
            key=province_key(row["name"]), name=row["name"], code=str(row["code"]), kind=row["kind"],
            valid_from=row.get("valid_from"), valid_until=until,
            merged_into=province_key(merged) if merged else None,
            effective=effective if merged and until == "2025-06-30" else None,
            variants=tuple(row.get("variants", [])), bare=row.get("bare", True),
            abbreviations=tuple(row.get("abbreviations", []))))
    return out


@lru_cache(maxsize=1)
def province_by_key() -> dict[str, ProvinceRecord]:
    return {p.key: p for p in all_provinces()}


def provinces_on(date: str) -> list[ProvinceRecord]:
    """The units in force on an ISO date: 63 on "2025-06-30", 34 on "2025-07-01"."""
    return [p for p in all_provinces() if p.in_force(date)]


def successor(key: str) -> str:
    """The unit a province is part of today: ``successor("province:bac-giang")`` → ``"province:bac-ninh"``."""
    seen = {key}
    rec = province_by_key().get(key)
    while rec is not None and rec.merged_into and rec.merged_into not in seen:
        seen.add(rec.merged_into)
        key = rec.merged_into
        rec = province_by_key().get(key)
    return key


@lru_cache(maxsize=1)
def not_provinces() -> tuple[str, ...]:
    return tuple(_data().get("not_provinces", []))


def unit_prefixes(rec: ProvinceRecord) -> list[str]:
    """How the unit word is written before a bare name: "tỉnh Bắc Giang", "TP. Hà Nội"."""
    if rec.kind == "thanh_pho":
        capital = ["Thủ đô"] if rec.key == "province:ha-noi" else []
        return ["thành phố", "TP.", "TP", "Tp.", *capital]
    return ["tỉnh"]


def surface_forms(rec: ProvinceRecord) -> list[str]:
    """Every spelling of a province that counts as a mention of it."""
    names = [rec.short_name, *rec.variants] if rec.bare else list(rec.variants)
    forms = list(names)
    for prefix in unit_prefixes(rec):
        forms.append(f"{prefix} {rec.short_name}")
    if not rec.bare:
        forms.append(rec.name)
    return forms


def province_by_alias(query: str) -> ProvinceRecord | None:
    """The province a whole query names, in any usual spelling, with or without diacritics and the
    unit word: "TP HCM", "TP.HCM", "HN", "ĐN", "tinh bac giang", "Thành phố Huế".

    >>> [province_by_alias(q).key for q in ("TP HCM", "TP.HCM", "HN", "ĐN", "tinh phu tho")]
    ['province:ho-chi-minh', 'province:ho-chi-minh', 'province:ha-noi', 'province:da-nang', 'province:phu-tho']
    """
    q = " ".join(query.split())
    rec = _aliases().get(_squeezed(q))
    return rec if rec is not None else province_by_key().get(province_key(q))


def _squeezed(text: str) -> str:
    return fold(text).replace(" ", "")


@lru_cache(maxsize=1)
def _aliases() -> dict[str, ProvinceRecord]:
    """Every spelling of every province, folded and without spaces → the first province (in data order)
    that has it: built once, so a search folds its query only (it folded ~1,500 spellings per request,
    ~40 % of the API's work for a search)."""
    index: dict[str, ProvinceRecord] = {}
    for rec in all_provinces():
        for form in (rec.name, rec.short_name, *rec.variants, *rec.abbreviations, *surface_forms(rec)):
            if squeezed := _squeezed(form):
                index.setdefault(squeezed, rec)
    return index
