"""Issuer names as a citation prints them: the longest known body name wins, and a list of bodies
("của Bộ Tài chính và Bộ Y tế") is split only where every part is a body.

Known names come from the data files, not from code: the agency gazetteer
(``ingest/data/gazetteer/*.yaml`` with the bodies generated for every province) and the issuer
codes (``ingest/data/codes/issuers.yaml``). Matching is on folded syllables (:func:`danchieu.ingest.textutil.fold`),
so tone placement, diacritics, case and the punctuation inside a name ("Bộ Lao động - Thương binh
và Xã hội", "Bộ Lao động, Thương binh và Xã hội") do not matter.

>>> [b.name for b in bodies_at("của Bộ Lao động - Thương binh và Xã hội về việc …", 4)[0]]
['Bộ Lao động - Thương binh và Xã hội']
>>> [b.name for b in bodies_at("của Bộ Tài chính và Bộ Y tế hướng dẫn …", 4)[0]]
['Bộ Tài chính', 'Bộ Y tế']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from danchieu.ingest import codes
from danchieu.ingest.textutil import fold

__all__ = ["Body", "bodies_at", "body_at", "canonical", "join_bodies", "same_issuer", "split_bodies"]

_WORD = re.compile(r"[^\W_]+")
# what may stand between two syllables of one name: spaces, a hyphen or dash, one comma
_NAME_GAP = re.compile(r"[ \t]*(?:\n[ \t]*)?(?:[,\-–][ \t]*(?:\n[ \t]*)?)?")
# between two bodies of a list: "và", "," or a dash
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:và\s+)?|\s(?:và|cùng)\s+|\s*[\-–]\s*)", re.IGNORECASE)
# heads that open a body the gazetteer may not list ("Sở Y tế", "Cục Hàng hải Việt Nam")
_EXTRA_HEADS = ("Bộ", "Sở", "Ủy ban nhân dân", "Hội đồng nhân dân", "UBND", "HĐND", "Tỉnh ủy", "Thành ủy",
                "Đảng ủy", "Ban Chấp hành")


@dataclass(frozen=True, slots=True)
class Body:
    """A known body named in a text: its canonical name and where the text names it."""

    name: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Index:
    names: dict[tuple[str, ...], str]  # folded syllables of every spelling → canonical name
    longest: int
    titles: frozenset[tuple[str, ...]]  # "Bộ trưởng", "Chủ tịch": a title before the body it heads
    heads: frozenset[tuple[str, ...]]  # body heads, for bodies the index does not list


def _syllables(name: str) -> tuple[str, ...]:
    return tuple(fold(name).split())


@lru_cache(maxsize=1)
def _index() -> _Index:
    from danchieu.ingest.entities import gazetteer  # the gazetteer's data files, read once

    names: dict[tuple[str, ...], str] = {}

    def add(spelling: str, canonical_name: str) -> None:
        key = _syllables(spelling)
        if key:
            names.setdefault(key, canonical_name)

    for rec in gazetteer._central():
        add(rec.name, rec.name)
        for alias in rec.aliases:
            add(alias, rec.name)
    for item in gazetteer._provincial_bodies():
        for form, _ in item.forms:
            add(form, item.record.name)
    tables = codes.tables()
    for _, name in tables.issuer_by_code.values():
        add(name, name)
    for name in [*tables.terms.values(), *tables.party_central.values(), "Bộ Chính trị", "Ban Bí thư"]:
        add(name, name)
    titles_doc = gazetteer.load_data("titles.yaml")
    titles = {_syllables(t) for t in [*titles_doc.get("standalone", []), *titles_doc.get("with_org", [])]}
    heads = {_syllables(h) for h in [*gazetteer.load_data("body_heads.yaml")["heads"], *_EXTRA_HEADS]}
    return _Index(names, max(len(k) for k in names), frozenset(titles), frozenset(heads))


def _words(text: str, pos: int, limit: int) -> list[re.Match[str]]:
    """The syllables of one name from ``pos``: consecutive words joined by name gaps only."""
    out: list[re.Match[str]] = []
    at = pos
    for m in _WORD.finditer(text, pos, min(len(text), pos + 40 * limit)):
        if _NAME_GAP.fullmatch(text, at, m.start()) is None:
            break
        out.append(m)
        at = m.end()
        if len(out) >= limit:
            break
    return out


def body_at(text: str, pos: int) -> Body | None:
    """The longest known body name starting at ``pos`` (a title before it is skipped: "của Bộ
    trưởng Bộ Y tế" names Bộ Y tế)."""
    idx = _index()
    words = _words(text, pos, idx.longest + 4)
    folded = tuple(fold(w.group(0)) for w in words)
    for skip in (0, *range(1, 5)):
        if skip and folded[:skip] not in idx.titles:
            continue
        for n in range(min(len(folded), skip + idx.longest), skip, -1):
            name = idx.names.get(folded[skip:n])
            # the name must end on a word boundary of the text, not inside "Bộ Y tếxyz"
            if name is not None:
                return Body(name, words[skip].start(), words[n - 1].end())
    return None


def bodies_at(text: str, pos: int) -> tuple[list[Body], int]:
    """Every body of a list starting at ``pos`` ("Bộ Tài chính, Bộ Y tế và Bộ Công an") and where
    the list ends; ``([], pos)`` when no known body starts there."""
    first = body_at(text, pos)
    if first is None:
        return [], pos
    found = [first]
    gaps: list[str] = []
    while True:
        gap = _LIST_GAP.match(text, found[-1].end)
        nxt = body_at(text, gap.end()) if gap else None
        if nxt is None or nxt.start != gap.end():  # type: ignore[union-attr]
            break
        found.append(nxt)
        gaps.append(gap.group(0).strip())  # type: ignore[union-attr]
    # "A, B và C" is a list; "của Quốc hội, Ban Chỉ đạo đề nghị …" is a new clause after a comma
    if gaps and gaps[-1] == ",":
        first_comma = gaps.index(",")
        found = found[:first_comma + 1]
    return found, found[-1].end


def starts_body(text: str, pos: int) -> bool:
    """Whether a body (known, or opened by a body head such as "Sở", "Cục") starts at ``pos``."""
    if body_at(text, pos):
        return True
    words = tuple(fold(w.group(0)) for w in _words(text, pos, 4))
    return any(words[:n] in _index().heads for n in range(1, len(words) + 1))


def split_bodies(name: str | None) -> list[str] | None:
    """The canonical names of the bodies ``name`` lists, or None when a part is no known body.

    >>> split_bodies("Bộ Tài chính - Bộ Y tế")
    ['Bộ Tài chính', 'Bộ Y tế']
    >>> split_bodies("Bộ Kế hoạch và Đầu tư")
    ['Bộ Kế hoạch và Đầu tư']
    """
    if not name:
        return None
    text = re.sub(r"\s+", " ", name).strip()
    found, end = bodies_at(text, 0)
    if not found or text[end:].strip(" .,;") or found[0].start != 0:
        return None
    return [b.name for b in found]


def canonical(name: str | None) -> str | None:
    """The canonical spelling of a known body ("Bộ Lao động, Thương binh và Xã hội" → "Bộ Lao động
    - Thương binh và Xã hội"), else the name itself."""
    parts = split_bodies(name)
    return join_bodies(parts) if parts else name


def join_bodies(names: list[str]) -> str:
    """Several issuers in one string, as the graph writes joint issuers: "Bộ Tài chính - Bộ Y tế"."""
    return " - ".join(names)


def same_issuer(cited: str | None, record: str | None) -> bool:
    """Whether a printed issuer names the record's issuer(s): the same set of known bodies, or the
    same folded name when either is unknown to the gazetteer."""
    a, b = split_bodies(cited), split_bodies(record)
    if a is not None and b is not None:
        return sorted(set(a)) == sorted(set(b))
    return fold(cited) == fold(record)
