"""Enumerations under one head: "Bộ trưởng các Bộ: Y tế, Tư pháp, Thông tin và Truyền thông",
"các bộ: Y tế, Quốc phòng, Công an" name one ministry per item; in a provincial document
"Giám đốc các Sở: Y tế, Tài chính, Nội vụ" names one department of the province per item, and
"Chủ tịch Ủy ban nhân dân các tỉnh: Quảng Ninh, Hải Phòng" one body per province.

Items are read by longest match against the ministries' short names, so items that contain a
comma themselves ("Văn hóa, Thể thao và Du lịch") stay whole; the list ends at the first item that
is not a ministry ("các bộ, ngành" names none).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from danchieu.ingest.entities.gazetteer import (
    LocalHit,
    ProvinceHit,
    agency_by_key,
    entity_trie,
    load_data,
    ministries_by_short,
    provincial_index,
)
from danchieu.ingest.entities.matcher import SyllableTrie
from danchieu.ingest.entities.mentions import Mention
from danchieu.ingest.entities.tokens import Tokens, fold_tokens, is_capitalised


@dataclass(slots=True)
class Enumeration:
    start: int  # offset of "các Bộ"
    end: int  # end of the last item
    items: list[Mention] = field(default_factory=list)
    provinces: list[Mention] = field(default_factory=list)  # provinces named by the items


@lru_cache(maxsize=1)
def _department_shorts() -> SyllableTrie:
    """"Y tế" → the local department "Sở Y tế" (heads marked ``bare`` in provincial_bodies.yaml)."""
    from danchieu.ingest.entities.agencies import local_key

    trie = SyllableTrie()
    for tpl in load_data("provincial_bodies.yaml")["templates"]:
        if tpl.get("bare"):
            words = fold_tokens(tpl["head"])
            trie.add(words[1:], (words[0], local_key(LocalHit(tpl["head"]))))
    return trie


def _item(toks: Tokens, k: int, noun: str) -> tuple[int, str, str] | None:
    """The item at token ``k`` of an enumeration headed by ``noun`` ("bo", "so"): last token,
    agency key, name."""
    if noun == "bo":
        m = ministries_by_short().longest_at(toks, k)
        return (m.last, m.payloads[0], agency_by_key()[m.payloads[0]].name) if m else None
    m = _department_shorts().longest_at(toks, k, lambda i, j, p: p[0] == noun and is_capitalised(toks.word(i)))
    if m is None:
        return None
    key = m.payloads[0][1]
    return m.last, key, key.split(":", 2)[2]


def find_enumerations(toks: Tokens) -> list[Enumeration]:
    out = _head_enumerations(toks)
    out += _province_enumerations(toks)
    out += _body_enumerations(toks)
    return out


_LIST_END = frozenset(".|\n()")


def _body_enumerations(toks: Tokens) -> list[Enumeration]:
    """"các Cục: Di sản văn hóa, Bản quyền tác giả", "Các Cục: Báo chí; Xuất bản, In và Phát hành; Du
    lịch Quốc gia Việt Nam." name one body per item under the head ("Cục Báo chí", …) — bodies the
    gazetteer does not list. Items are split at ";" when the list uses it (their names may hold
    commas), else at "," and a last "và"; the list ends at a full stop, a line or a table cell."""
    from danchieu.ingest.entities.bodies import _match, _spec, _stop_pair, valid_name
    from danchieu.ingest.entities.gazetteer import agency_key
    from danchieu.ingest.entities.tokens import tone_key

    heads = _spec()["heads"]
    out: list[Enumeration] = []
    n = len(toks)
    for i in range(n - 2):
        if toks.folds[i] not in ("cac", "nhung") or not toks.spaced(i):
            continue
        h = _match(toks, i + 1, heads)
        if h is None or not is_capitalised(toks.word(i + 1)) or h + 1 >= n or toks.gap(h).strip() != ":":
            continue
        head = " ".join(toks.word(k) for k in range(i + 1, h + 1))
        end = h + 1
        while end < n and not (set(toks.gap(end - 1)) & _LIST_END and end > h + 1):
            w = toks.word(end)
            if w.islower() and (tone_key(w) in _spec()["stops"] or _stop_pair(toks, end)):
                break  # "các Vụ: Pháp chế, Kế hoạch chủ trì": the predicate
            end += 1
        span = range(h + 1, end)
        semi = any(toks.gap(k).strip() == ";" for k in span[:-1])
        items: list[list[int]] = [[]]
        for k in span:
            gap = toks.gap(k - 1).strip() if k > h + 1 else ""
            if items[-1] and (gap == ";" or (not semi and gap == ",")):
                items.append([])
            if not semi and toks.folds[k] == "va" and items[-1]:
                items.append([])
                continue
            items[-1].append(k)
        enum = Enumeration(toks.starts[i], toks.ends[span[-1]] if len(span) else toks.ends[h])
        for item in items:
            if not item or not is_capitalised(toks.word(item[0])):
                break
            name = f"{head} {toks.text[toks.starts[item[0]]:toks.ends[item[-1]]]}"
            name = " ".join(name.split())
            if not valid_name(name, tail=False):
                break
            enum.items.append(Mention("agency", agency_key(name), toks.starts[item[0]], toks.ends[item[-1]], name,
                                      title="enumerated"))
        if len(enum.items) > 1:
            out.append(enum)
    return out


def _head_enumerations(toks: Tokens) -> list[Enumeration]:
    out: list[Enumeration] = []
    n = len(toks)
    nouns = {"bo"} | _department_nouns()
    for i in range(n - 2):
        if toks.folds[i] != "cac" or toks.folds[i + 1] not in nouns or not toks.spaced(i):
            continue
        noun = toks.folds[i + 1]
        gap = toks.gap(i + 1).strip()
        if gap not in (":", ""):
            continue
        colon = gap == ":"
        enum = Enumeration(toks.starts[i], toks.ends[i + 1])
        k = i + 2
        while k < n:
            item = _item(toks, k, noun)
            if item is None:
                break
            last, key, name = item
            enum.items.append(Mention("agency", key, toks.starts[k], toks.ends[last], name, title="enumerated"))
            enum.end = toks.ends[last]
            if last + 1 >= n:
                break
            sep = toks.gap(last).strip()
            k = last + 1
            if sep == "" and toks.folds[k] == "va":
                k += 1
            elif sep != ",":
                break
        # "các Sở Y tế" alone is every province's department; "các Sở Y tế, Tài chính" names two
        if enum.items and (noun == "bo" or colon or len(enum.items) > 1):
            out.append(enum)
    return out


@lru_cache(maxsize=1)
def _department_nouns() -> frozenset[str]:
    """Folded head nouns of the bare provincial departments: {"so"}."""
    return frozenset(fold_tokens(t["head"])[0] for t in load_data("provincial_bodies.yaml")["templates"]
                     if t.get("bare"))


_PLURAL_UNITS = (("cac", "tinh"), ("cac", "thanh", "pho"))


def _province_enumerations(toks: Tokens) -> list[Enumeration]:
    """"Ủy ban nhân dân các tỉnh: Quảng Ninh, Hải Phòng, Thái Bình": the body of each province."""
    out: list[Enumeration] = []
    trie = entity_trie()
    n = len(toks)
    for i in range(n - 3):
        if toks.folds[i] != "cac" or i == 0:
            continue
        unit = next((u for u in _PLURAL_UNITS if tuple(toks.folds[i:i + len(u)]) == u), None)
        if unit is None:
            continue
        h = _head_before(toks, i)
        if h is None:
            continue
        template, h_first = h
        k = i + len(unit)
        if k < n and toks.gap(k - 1).strip() == "," and tuple(toks.folds[k:k + 2]) == ("thanh", "pho"):
            k += 2  # "các tỉnh, thành phố: …"
        if k >= n or toks.gap(k - 1).strip() not in (":", ""):
            continue
        enum = Enumeration(toks.starts[h_first], toks.ends[k - 1])
        while k < n:
            m = trie.longest_at(toks, k, lambda a, b, p: isinstance(p, ProvinceHit) and p.key is not None
                                and all(is_capitalised(toks.word(x)) for x in range(a + p.prefix_len, b + 1)))
            if m is None:
                break
            p = m.payloads[0]
            rec = provincial_index().get((template, p.key))
            if rec is None:
                break
            start, end = toks.starts[m.first + p.prefix_len], toks.ends[m.last]
            enum.items.append(Mention("agency", rec.key, start, end, rec.name, title="enumerated"))
            enum.provinces.append(Mention("province", p.key, start, end))
            enum.end = end
            if m.last + 1 >= n:
                break
            sep = toks.gap(m.last).strip()
            k = m.last + 1
            if sep == "" and toks.folds[k] == "va":
                k += 1
            elif sep != ",":
                break
        if enum.items:
            out.append(enum)
    return out


@lru_cache(maxsize=1)
def _template_heads() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Folded heads of the provincial bodies named with a unit word, longest first:
    (("uy", "ban", "nhan", "dan"), "Ủy ban nhân dân"), (("ubnd",), "Ủy ban nhân dân"), …"""
    out = []
    for tpl in load_data("provincial_bodies.yaml")["templates"]:
        if tpl["with_unit"]:
            out += [(fold_tokens(h), tpl["head"]) for h in [tpl["head"], *tpl.get("abbreviations", [])]]
    return tuple(sorted(out, key=lambda x: -len(x[0])))


def _head_before(toks: Tokens, i: int) -> tuple[str, int] | None:
    """The provincial head ending right before token ``i``, and its first token."""
    for folded, template in _template_heads():
        first = i - len(folded)
        if first >= 0 and tuple(toks.folds[first:i]) == folded and is_capitalised(toks.word(first)) \
                and all(toks.spaced(k) for k in range(first, i)):
            return template, first
    return None
