"""Agencies and provinces named in a text, found in one pass of the gazetteer trie.

Rules that make the gazetteer precise on Vietnamese text:

* an agency starts with a capital letter ("Bộ Y tế", not "bộ y tế" inside a sentence), except in
  a title, where documents write "Bí thư tỉnh ủy Bắc Giang" (see ``persons``);
* a province needs every syllable of its name capitalised and the same tone marks as the
  gazetteer, with either placement ("Hòa Bình"/"Hoà Bình" are the province, "hòa bình" is peace);
* a province named inside a provincial body ("Thành ủy Thành phố Hồ Chí Minh") is also a mention
  of that province;
* the place of issue ("Hà Nội, ngày 27 tháng 5 năm 2021") is the document's place, not a mention;
* short forms ("Ban Chỉ đạo Quốc gia") count only when the document also gives the full name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from danchieu.ingest.entities.gazetteer import (
    AgencyHit,
    LocalHit,
    ProvinceHit,
    abbreviation_index,
    agency_by_key,
    entity_trie,
    local_guards,
    provincial_index,
)
from danchieu.ingest.entities.mentions import Mention
from danchieu.ingest.entities.provinces import province_by_key
from danchieu.ingest.entities.tokens import Tokens, fold_tokens, has_diacritics, is_capitalised, tone_key

_PLACE_DATE = re.compile(r"\s*,\s*ngày\s+\d", re.IGNORECASE)
_LINE_START = re.compile(r"(?:^|[\n\t|])[ \t*#_|]*$")


def _province_ok(toks: Tokens, i: int, j: int, hit: ProvinceHit) -> bool:
    if hit.key is None:
        return True
    words = [toks.word(k) for k in range(i + hit.prefix_len, j + 1)]
    if not all(is_capitalised(w) for w in words):
        return False
    for w, tk in zip(words, hit.tones, strict=False):
        if has_diacritics(w) and tone_key(w) != tk:
            return False
    return True


def _local_ok(toks: Tokens, i: int, j: int, hit: LocalHit, in_title: bool = False) -> bool:
    """"Sở Tài chính", "Ủy ban nhân dân tỉnh" as this province's body: not "các Sở Tài chính",
    not "Ủy ban nhân dân tỉnh, thành phố", not "Ủy ban nhân dân tỉnh Xyz" (some other place)."""
    before, after = local_guards()
    if i > 0 and toks.folds[i - 1] in before and toks.spaced(i - 1):
        return False
    if j + 1 < len(toks) and toks.joinable(j):
        nxt = toks.word(j + 1)
        if toks.folds[j + 1] in after and not is_capitalised(nxt):
            return False
        if toks.gap(j).strip() == "," and toks.folds[j + 1] in after:  # "tỉnh, thành phố"
            return False
        if hit.with_unit and toks.spaced(j) and is_capitalised(nxt) and "\n" not in toks.gap(j):
            return in_title and _person_follows(toks, j + 1)
    return True


def _person_follows(toks: Tokens, k: int) -> bool:
    """"Phó Chủ tịch Ủy ban nhân dân Thành phố Dương Đức Tuấn": after a title, a family name and
    another capitalised syllable after the body are the person holding it, not a place (outside a
    title "Ủy ban nhân dân thành phố Sầm Sơn" names a town even though Sầm is a family name)."""
    from danchieu.ingest.entities.titles import is_surname

    return (is_surname(toks.word(k)) and k + 1 < len(toks) and toks.spaced(k)
            and is_capitalised(toks.word(k + 1)))


def strict_accept(toks: Tokens, i: int, j: int, hit: Any) -> bool:
    """Accept a trie match outside a title."""
    if isinstance(hit, LocalHit):
        return is_capitalised(toks.word(i)) and _local_ok(toks, i, j, hit)
    if isinstance(hit, ProvinceHit):
        return _province_ok(toks, i, j, hit)
    if isinstance(hit, AgencyHit) and hit.provincial:
        first = j - hit.province_len + 1
        return all(is_capitalised(toks.word(k)) for k in range(first, j + 1))
    return is_capitalised(toks.word(i))


def lenient_accept(toks: Tokens, i: int, j: int, hit: Any) -> bool:
    """Accept a match right after a title head, where bodies may be written in lower case."""
    if isinstance(hit, ProvinceHit):
        return _province_ok(toks, i, j, hit)
    if isinstance(hit, LocalHit):
        return _local_ok(toks, i, j, hit, in_title=True)
    return True


def _is_place_of_issue(text: str, start: int, end: int) -> bool:
    if not _PLACE_DATE.match(text, end):
        return False
    return _LINE_START.search(text, max(0, start - 40), start) is not None


def hit_mentions(toks: Tokens, first: int, last: int, hit: Any) -> list[Mention]:
    """Mentions for one trie match: the agency, and the province inside a provincial body."""
    start, end = toks.starts[first], toks.ends[last]
    if isinstance(hit, ProvinceHit):
        if hit.key is None or _is_place_of_issue(toks.text, start, end):
            return []
        return [Mention("province", hit.key, toks.starts[first + hit.prefix_len], end)]
    if isinstance(hit, LocalHit):  # resolved against the document's province by ``resolve_local``
        return [Mention("agency", local_key(hit), start, end, " ".join(
            toks.word(k) for k in range(first, last + 1)), title="local")]
    rec = agency_by_key()[hit.key]
    out = [Mention("agency", hit.key, start, end, rec.name, title=hit.form)]
    if hit.province:
        p_first = last - hit.province_len + 1
        out.append(Mention("province", hit.province, toks.starts[p_first], end))
    else:  # "Đại học Quốc gia Hà Nội", "Bộ Tư lệnh Thành phố Hồ Chí Minh" also name the province
        out.extend(_provinces_inside(toks, first, last))
    return out


def _provinces_inside(toks: Tokens, first: int, last: int) -> list[Mention]:
    out: list[Mention] = []
    trie = entity_trie()
    for k in range(first + 1, last + 1):
        if toks.folds[k] not in _province_starts():
            continue
        m = trie.longest_at(toks, k, lambda i, j, p: isinstance(p, ProvinceHit) and p.key is not None
                            and j <= last and _province_ok(toks, i, j, p))
        if m is not None and m.last == last:
            p = m.payloads[0]
            out.append(Mention("province", p.key, toks.starts[m.first + p.prefix_len], toks.ends[m.last]))
    return out


@lru_cache(maxsize=1)
def _province_starts() -> frozenset[str]:
    from danchieu.ingest.entities.provinces import all_provinces, surface_forms

    return frozenset(fold_tokens(f)[0] for p in all_provinces() for f in surface_forms(p))


def _pick(payloads: tuple[Any, ...]) -> Any:
    """Several entries share a spelling: prefer an agency's full name, then an alias."""
    order = {"full": 0, "alias": 1, "short": 2, "local": 2}
    return min(payloads, key=lambda p: order.get(getattr(p, "form", "full"), 0)
               + (0 if isinstance(p, (AgencyHit, LocalHit)) else 3))


def scan_gazetteer(toks: Tokens) -> list[Mention]:
    """Agencies and provinces by leftmost-longest gazetteer match."""
    out: list[Mention] = []
    trie = entity_trie()
    for m in trie.scan(toks, lambda i, j, p: strict_accept(toks, i, j, p)):
        hit = _pick(m.payloads)
        out.extend(hit_mentions(toks, m.first, m.last, hit))
        if isinstance(hit, AgencyHit) and hit.provincial:
            out.extend(_provincial_enumeration(toks, m.last, hit))
    return out


def _provincial_enumeration(toks: Tokens, last: int, hit: AgencyHit) -> list[Mention]:
    """"Ủy ban nhân dân tỉnh Bắc Giang, tỉnh Bắc Ninh": the second province's body too."""
    out: list[Mention] = []
    trie = entity_trie()
    k = last
    while k + 1 < len(toks):
        gap = toks.gap(k).strip()
        nxt = k + 1
        if gap not in (",", "") :
            break
        if gap == "" and toks.folds[nxt] == "va" and nxt + 1 < len(toks):
            nxt += 1
        m = trie.longest_at(toks, nxt, lambda i, j, p: isinstance(p, ProvinceHit) and p.prefix_len > 0
                            and _province_ok(toks, i, j, p))
        if m is None:
            break
        p = m.payloads[0]
        rec = provincial_index().get((hit.template or "", p.key))
        if rec is None:
            break
        start, end = toks.starts[m.first], toks.ends[m.last]
        out.append(Mention("agency", rec.key, start, end, rec.name, title="enumerated"))
        out.append(Mention("province", p.key, toks.starts[m.first + p.prefix_len], end))
        k = m.last
    return out


@lru_cache(maxsize=1)
def _abbreviation_re() -> re.Pattern[str]:
    names = sorted(abbreviation_index(), key=len, reverse=True)
    return re.compile(r"(?<![\w/\-.])(" + "|".join(re.escape(n) for n in names) + r")(?![\w/\-])")


def scan_abbreviations(text: str) -> list[Mention]:
    """Case-sensitive abbreviations ("VPCP", "WHO"), never inside a document number ("TB-VPCP")."""
    index = abbreviation_index()
    out = []
    for m in _abbreviation_re().finditer(text):
        key = index[m.group(1)]
        out.append(Mention("agency", key, m.start(), m.end(), agency_by_key()[key].name, title="abbreviation"))
    return out


_HEADER_SUB = re.compile(r"^[ \t*_#]*(VĂN PHÒNG)[ \t*_#]*$", re.MULTILINE)


def scan_stacked_headers(text: str, toks: Tokens, found: list[Mention]) -> list[Mention]:
    """Two-line issuer headers: "BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG" is the Văn phòng Trung ương
    Đảng, "THÀNH ỦY HÀ NỘI / VĂN PHÒNG" the Văn phòng Thành ủy Hà Nội."""
    out: list[Mention] = []
    trie = entity_trie()
    for m in _HEADER_SUB.finditer(text):
        line_start = text.rfind("\n", 0, max(0, m.start() - 1))
        parent = next((f for f in found if f.kind == "agency" and line_start <= f.start < m.start()
                       and text[f.start:f.end].isupper()), None)
        if parent is None:
            continue
        probe = Tokens(*_probe(f"Văn phòng {parent.name}"))
        hit = trie.longest_at(probe, 0)
        if hit is None or hit.last != len(probe) - 1:
            continue
        agency = next((p for p in hit.payloads if isinstance(p, AgencyHit)), None)
        if agency is not None:
            out.append(Mention("agency", agency.key, m.start(1), m.end(1), agency_by_key()[agency.key].name))
    return out


def _probe(phrase: str) -> tuple[str, list[int], list[int], list[str]]:
    words = list(re.finditer(r"\w+", phrase))
    return (phrase, [w.start() for w in words], [w.end() for w in words],
            list(fold_tokens(phrase)))


def resolve_short_forms(mentions: list[Mention]) -> list[Mention]:
    """Drop short forms of bodies whose full name the document never gives."""
    full = {m.key for m in mentions if m.kind == "agency" and m.title != "short"}
    return [m for m in mentions if not (m.kind == "agency" and m.title == "short" and m.key not in full)]


_LOCAL = "local:"


def local_key(hit: LocalHit) -> str:
    return f"{_LOCAL}{hit.unit_kind or ''}:{hit.template}"


def document_province(issuer: str | None, mentions: list[Mention]) -> str | None:
    """The province whose document this is: the issuer's ("Ủy ban nhân dân tỉnh Nghệ An" →
    Nghệ An), else the one province whose bodies the text names in full (a news report)."""
    if issuer:
        rec = next((a for a in agency_by_key().values() if fold_name(a.name) == fold_name(issuer)), None)
        if rec is not None:
            return rec.province
    named = {agency_by_key()[m.key].province for m in mentions
             if m.kind == "agency" and m.key in agency_by_key()}
    named.discard(None)
    return named.pop() if len(named) == 1 else None


def fold_name(name: str) -> str:
    return " ".join(fold_tokens(name))


def resolve_local(mentions: list[Mention], province: str | None) -> list[Mention]:
    """Local names ("Sở Tài chính") become the body of ``province``; without a province, or when
    the unit word does not fit it ("Ủy ban nhân dân tỉnh" in a city's document), they are dropped."""
    out: list[Mention] = []
    prov = province_by_key().get(province) if province else None
    for m in mentions:
        if not m.key.startswith(_LOCAL):
            out.append(m)
            continue
        kind, template = m.key[len(_LOCAL):].split(":", 1)
        if prov is None or (kind and kind != prov.kind):
            continue
        rec = provincial_index().get((template, prov.key))
        if rec is not None:
            out.append(Mention("agency", rec.key, m.start, m.end, rec.name, title="local"))
    return out


def province_name(key: str) -> str:
    rec = province_by_key().get(key)
    return rec.name if rec else key
