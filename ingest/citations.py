"""Citations: every reference to another document, resolved to one canonical document key.

Stages, in the order a reader meets them (full forms first, then short forms resolved against them,
as Vietnamese drafting rules require the first reference to be in full):

1. ``_scan_numbers`` — one compiled pattern finds every printed number (``128/NQ-CP``, ``80/2023/QH15``,
   ``25-CT/TW``, ``1234/BYT-MT``); each is read with its head word ("Nghị quyết số"), list context
   ("Chỉ thị số 15/CT-TTg và số 16/CT-TTg"), pinpoint ("khoản 2 Điều 3"), date, issuer ("của …") and
   subject ("về …"). The document's own number (header, footer, copies) is left out.
2. ``_scan_short_forms`` — "Nghị quyết 128", "Chỉ thị 16" attached to the full form they abbreviate.
3. ``_resolve`` — mentions grouped per document; a year-less number gets its year from its own text,
   from the same symbol dated elsewhere in the document, or from the known-documents registry
   (unique match, else the latest year not after the citing document's date).
4. ``_scan_named_laws`` — laws and codes cited by name: "Bộ luật Lao động năm 2019".

>>> from danchieu.ingest.layout import ParsedLayout
>>> from danchieu.ingest.models import DocumentInfo
>>> r = find_citations("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
...                    ParsedLayout(document=DocumentInfo()))
>>> c = r.citations[0]; (c.number, c.key, c.date, c.kind, c.title)
('30/2020/NĐ-CP', '30/2020/ND-CP@2020', '2020-03-05', 'căn cứ', 'công tác văn thư')
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as _date
from functools import lru_cache
from pathlib import Path

import yaml
from danchieu.ingest import codes, issuer_names, limits
from danchieu.ingest.keys import document_key, symbol_key
from danchieu.ingest.known import KnownDocuments, default_registry, resolve
from danchieu.ingest.layout import ParsedLayout
from danchieu.ingest.models import Citation, Evidence, NamedReference
from danchieu.ingest.relations import DEFAULT_KIND, REPORTS_ON, announces, relation_kind, stronger, tone_pattern
from danchieu.ingest.textutil import fold, make_evidence

__all__ = ["CitationResult", "Printed", "find_citations", "nth_number_start", "printed_after", "read_issuer"]

EvidenceMaker = Callable[[str, int, int], Evidence]


@dataclass(slots=True)
class CitationResult:
    citations: list[Citation] = field(default_factory=list)
    named_references: list[NamedReference] = field(default_factory=list)
    reports_on: list[str] = field(default_factory=list)
    truncated: bool = False  # the per-document mention limit (ingest/limits.py) stopped the scan


@dataclass(slots=True)
class _Mention:
    """One place a number stands in the text, with what its surroundings say."""

    parts: codes.NumberParts
    start: int  # of the mention (head word included when attached)
    end: int
    type: str | None = None
    date: str | None = None
    year: int | None = None  # year the text gives (number, date or "năm …")
    issuer: str | None = None
    title: str | None = None
    pinpoint: str | None = None
    kind: str = DEFAULT_KIND
    group: int = 0  # mentions under one head word share a group: "Chỉ thị số 15/CT-TTg và số 16/CT-TTg"


# --- patterns, built once from the data files ------------------------------------------------------
_LAW_HEADS = ["Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp", "Lệnh"]
# A code token: capitals/digits with at most isolated lower-case letters (TTg, QyĐ, CTr), never
# running into a Vietnamese word ("Chính").
_TOK = r"[A-ZĐ](?:[A-ZĐ0-9]|[a-zđ](?=[A-ZĐ0-9]|[^\w]|$)){0,11}(?![^\W_])"
# Inside a number without spaces a token may be lower case ("30/2020/nđ-cp"); after a spaced
# separator only a capital token continues the number, so "128/NQ-CP - ban hành" stops at "CP".
_TOK_ANY = r"[A-Za-zĐđ][A-Za-zĐđ0-9]{0,11}(?![^\W_])"
_NUM = r"(?<![\w/.,\-–%:=&?#@])(?:\d(?: \d){1,4}(?= ?/)|\d{1,5})"
_SYMBOL = (rf"{_NUM}(?:[ \t]?/\s?|[\-–])(?:(?:19|20)\d\d\s?/\s?)?{_TOK_ANY}"
           rf"(?:[/\-–]{_TOK_ANY}|(?:\s[/\-–]\s?|[/\-–]\s){_TOK})*(?![/\-–]?\w)")
_LOWER = "[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]"
_DATE_AFTER = re.compile(
    r"\A[\s,(]*(?:ban\s+hành\s+|được\s+ban\s+hành\s+)?ngày\s*(\d{1,2})\s*(?:tháng\s*|[/.\-]\s*)(\d{1,2})"
    r"\s*(?:năm\s*|[/.\-]\s*)((?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"\A[\s,(]*(?:ban\s+hành\s+)?năm\s+((?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_OF = re.compile(r"\A[\s,]*của\s+", re.IGNORECASE)
_ABOUT = re.compile(r"\A[\s,]*(?:về\s+việc|về|V/v)\s+", re.IGNORECASE)
_TITLE_END = re.compile(rf";|\.(?:\s|$)|\n\s*\n(?!\s*"
    rf"{_LOWER})|\)|:|,\s*(?=(?:số\s+)?\d{{1,5}}[/\-])|\s+(?:và|,)\s+(?=[A-ZĐ][^\W\d_]+ \w+ (?:số\s+)?\d)")
_ISSUER_END = re.compile(r"\s+(?:về|và|ngày|tại|để|đã|theo|với|trong|nhằm|thì|đối)\s|[,;.:()]|\n\s*\n|\s*$")
_PLACE_AFTER = re.compile(
    r"\s+(?:[tT]ỉnh|[tT]hành\s+phố|[hH]uyện|[qQ]uận|[tT]hị\s+xã|[xX]ã|[pP]hường)\s+[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*){0,4}")
_CLAUSE_END = re.compile(rf"[;.!?](?:\s|$)|\n\s*\n(?!\s*{_LOWER})|^\s*[-–•+]\s", re.MULTILINE)
_LIST_JOIN = re.compile(r"(?:\s*(?:,|;|và|hoặc|cùng)\s*|\s+)(?:(?:các\s+)?số\s*:?\s*)?\Z", re.IGNORECASE)
_PINPOINT = re.compile(
    r"((?:(?:điểm|tiết)\s+[a-zđ0-9.]+\s*,?\s+)?(?:khoản\s+\d+[a-zđ]?\s*,?\s+)?"
    r"(?:Điều|Chương|Mục|Phụ\s+lục)\s+[\dIVXLC]+[a-zđ]?)(?:\s*,)?(?:\s+của)?\s+\Z", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_OWN_NUMBER_LINE = re.compile(rf"^[\s*_>#|]*Số\s*[:.]?\s*({_SYMBOL})", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class _Patterns:
    symbol: re.Pattern[str]
    head: re.Pattern[str]  # head word + "số" right before a number
    law_head: re.Pattern[str]  # "Luật Doanh nghiệp số" right before a number
    named: re.Pattern[str]  # "Luật Khám bệnh, chữa bệnh"
    type_by_fold: dict[str, str]
    not_document: re.Pattern[str]  # "QCVN 01:", "Mẫu số" right before a number


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    names = set(codes.all_type_names()) | set(_LAW_HEADS) | {"Công văn", "Văn bản"}
    names_sorted = sorted(names, key=len, reverse=True)
    type_alt = "|".join(tone_pattern(n) for n in names_sorted)
    head = re.compile(rf"(?<!\w)(?P<type>{type_alt})(?:\s+(?:khẩn|hỏa\s+tốc|hoả\s+tốc))?\s*(?:số\s*[:.]?\s*)?\Z",
                      re.IGNORECASE)
    law_head = re.compile(r"(?<!\w)(?P<type>Bộ\s+luật|Luật|Pháp\s+lệnh)\s+[^;.\n()]{1,80}?\s+số\s*\Z")
    named = re.compile(r"(?<![\w])(?P<head>Bộ\s+luật|Luật|Pháp\s+lệnh)\s+(?=(?P<name>[^\W\d_][^\n;.()]{0,120}))")
    prefixes = "|".join(tone_pattern(x) for x in sorted(codes.tables().not_document_prefixes, key=len, reverse=True))
    not_doc = re.compile(rf"(?<!\w)(?:{prefixes})\s*(?:số\s*)?(?:hiệu\s*)?[:.]?\s*(?:\d+\s*[:.]\s*)?\Z")
    return _Patterns(re.compile(_SYMBOL), head, law_head, named,
                     {fold(n): n for n in names}, not_doc)


# --- helpers -----------------------------------------------------------------------------------------
def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return _date(int(year), int(month), int(day)).isoformat()
    except ValueError:  # "ngày 31/02/2021" in a typo'd text: no date rather than a wrong one
        return None


def _clause_start(text: str, pos: int, limit: int = 300) -> int:
    lo = max(0, pos - limit)
    start = lo
    for m in _CLAUSE_END.finditer(text, lo, pos):
        start = m.end()
    return start


def _type_name(word: str) -> str:
    """Canonical spelling of a head word: "NGHỊ QUYẾT" → "Nghị quyết", "Luật" → "Luật"."""
    return _patterns().type_by_fold.get(fold(word), word)


def _accept(parts: codes.NumberParts, has_head: bool) -> bool:
    """A number is a document number when its codes are known, or the text calls it one."""
    if parts.type_code or has_head:
        return True
    return bool(parts.issuer_code and (codes.term_of(parts.issuer_code) or codes.issuer_name(parts.issuer_code)))


def _own_spans(text: str, parsed: ParsedLayout) -> tuple[list[tuple[int, int]], set[str]]:
    """Spans and symbol keys of the document's own numbers (header "Số:", copies, layout spans)."""
    spans = list(parsed.spans("number"))
    keys: set[str] = set()
    if parsed.document.number:
        keys.add(symbol_key(parsed.document.number))
    for m in _OWN_NUMBER_LINE.finditer(text):
        spans.append((m.start(1), m.end(1)))
        keys.add(symbol_key(m.group(1)))
    return spans, keys


# --- dates of cited documents -------------------------------------------------------------------------
_DATE = r"(\d{1,2})\s*(?:tháng\s*|[/.\-]\s*)(\d{1,2})\s*(?:năm\s*|[/.\-]\s*)((?:19|20)\d\d)(?!\d)"
# "…, Nghị quyết số 46/NQ-CP của Chính phủ ngày 08 tháng 3 năm 2025": the date after the issuer.
_DATE_AFTER_ISSUER = re.compile(rf"[\s,]*của\s+(?P<who>[^\W\d_][^\n,;.()\d]{{0,80}}?)\s*,?\s+ngày\s*{_DATE}")
_NOT_ISSUER_WORD = re.compile(r"(?<!\w)(?:về|tại|đã|được|trong|từ|đến|vào|theo|ngày)(?!\w)", re.IGNORECASE)
# News and letters date a document before naming it: "Ngày 07/02/2025, Thủ tướng Chính phủ ban hành
# Công điện số 10/CĐ-TTg…". The date opens the sentence (or a line), and what stands between it and the
# reference is only who acted and an act of issuing.
_DATE_LEAD = re.compile(rf"(?:^|(?<=[.;!?:]\s)|(?<=[.;!?:]))[\s*_>\-–•+]*"
                        rf"(?:[^\W\d_]+(?:\s+[^\W\d_]+)?\s*,\s*)?"  # "Trước đó, ", "Cụ thể, "
                        rf"(?:[Vv]ào\s+)?[Nn]gày\s*{_DATE}\s*,\s*",
                        re.MULTILINE)
_ISSUING = re.compile(
    r"(?:tại\s+|(?P<who>[^\d\n;:!?]{1,120}?)\s+(?:(?:đã|vừa)\s+)?"
    r"(?:ký\s+ban\s+hành|ban\s+hành|thông\s+qua|ký|phát\s+hành|có|gửi|công\s+bố)\s+"
    r"(?:(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s+[^\d\n;:.!?]{1,100}?\s*số\s*)?)")


def _take_date(m: _Mention, day: str, month: str, year: str) -> bool:
    """Give ``m`` a printed date, unless it contradicts the year the reference already has.

    "Nghị định số 58/2022/NĐ-CP ngày 31 tháng 8 năm 2002" is a typo in the source: the number says
    2022, so the day is unknown rather than invented (a wrong date is worse than none)."""
    iso = _iso(day, month, year)
    if iso is None or (m.year is not None and m.year != int(year)):
        return False
    m.date, m.year = iso, int(year)
    return True


def _date_after_issuer(text: str, m: _Mention) -> None:
    """"Nghị quyết số 46/NQ-CP của Chính phủ ngày 08 tháng 3 năm 2025": issuer first, then the date."""
    if m.date:
        return
    d = _DATE_AFTER_ISSUER.match(text, m.end, m.end + 200)
    if d and not _NOT_ISSUER_WORD.search(d.group("who")):
        _take_date(m, d.group(2), d.group(3), d.group(4))


def _date_before(text: str, m: _Mention) -> None:
    """"Ngày 22/10/2025, tại Thông báo số 569/TB-VPCP …", "ngày 28/10/2025, Chủ tịch Ủy ban nhân dân
    tỉnh đã ban hành Công văn số 3280/UBND-VX": the date that opens the sentence dates the document
    issued in it. Only when nothing but the actor and the act of issuing stands in between: another
    number, date or clause in between means the date belongs to something else."""
    if m.date:
        return
    lead = None
    for lead in _DATE_LEAD.finditer(text, max(0, m.start - 240), m.start):
        pass
    if lead is None:
        return
    between = text[lead.end():m.start]
    issuing = _ISSUING.fullmatch(between)
    if issuing is None:
        return
    who = issuing.group("who")
    if who is not None and not who[:1].isupper():
        return
    _take_date(m, lead.group(1), lead.group(2), lead.group(3))


# --- relation kinds ---------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _dangling_head() -> re.Pattern[str]:
    """A head word whose number is missing: "… theo quy định tại khoản 7 Điều 1 Quyết định số quyết
    số 128/NQ-CP" is a footnote cut at the page end and merged into the sentence it interrupts."""
    names = sorted(set(codes.all_type_names()) | {"Công văn", "Văn bản"}, key=len, reverse=True)
    alt = "|".join(tone_pattern(n) for n in names)
    return re.compile(rf"(?<!\w)(?:{alt})\s+số\s*[:.]?\s+(?=[^\W\d_])", re.IGNORECASE)


def _kind_before(text: str, start: int) -> str:
    """Relation kind from the citing sentence only: the clause before the reference, cut after a
    head word left without its number (the cue before it belongs to that other, lost reference)."""
    lo = _clause_start(text, start)
    for cut in _dangling_head().finditer(text, lo, start + 1):  # +1: the look-ahead sees our reference
        lo = max(lo, min(cut.end(), start))
    return relation_kind(text[lo:start])


# --- stage 1: full forms --------------------------------------------------------------------------------
def _read_after(text: str, m: _Mention) -> None:
    """Date, issuer and subject that follow a number."""
    window = text[m.end:m.end + 400]
    d = _DATE_AFTER.match(window)
    if d:
        _take_date(m, d.group(1), d.group(2), d.group(3))
        window = window[d.end():]
    else:
        y = _YEAR_AFTER.match(window)
        if y:
            m.year = m.parts.year or int(y.group(1))
            window = window[y.end():]
    of = _OF.match(window)
    if of:
        rest = window[of.end():]
        m.issuer, cut = read_issuer(rest)
        window = rest[cut:]
    about = _ABOUT.match(window)
    if about:
        rest = window[about.end():]
        end = _TITLE_END.search(rest)
        title = re.sub(r"\s+", " ", rest[:end.start() if end else 300]).strip(" ,")
        if 2 <= len(title) <= 400:
            m.title = title


def nth_number_start(text: str, n: int) -> int | None:
    """Where the ``n``-th printed number (1-based) starts, or None when the text prints fewer: a
    caller bounds its work by checking only the text before it.

    >>> nth_number_start("Nghị quyết 1/NQ-CP, 2/NQ-CP và 3/NQ-CP", 3)
    31
    """
    for i, sm in enumerate(_patterns().symbol.finditer(text), start=1):
        if i == n:
            return sm.start()
    return None


@dataclass(frozen=True, slots=True)
class Printed:
    """What a text prints right after a cited number: its date, issuer and subject (trích yếu)."""

    date: str | None = None
    issuer: str | None = None
    title: str | None = None


def printed_after(text: str, end: int) -> Printed:
    """Date, issuer ("của …") and subject ("về …") printed after a number ending at ``end``, read
    as the extractor reads them.

    >>> printed_after("Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ về thích ứng an toàn", 23)
    Printed(date='2021-10-11', issuer='Chính phủ', title='thích ứng an toàn')
    """
    m = _Mention(codes.NumberParts(number="", year=None, type_code=None, issuer_code=None, symbol=""), end, end)
    _read_after(text, m)
    _date_after_issuer(text, m)  # "… của Chính phủ ngày 08 tháng 3 năm 2025"
    return Printed(m.date, m.issuer, m.title)


def read_issuer(rest: str) -> tuple[str | None, int]:
    """The issuer a citation prints after "của" (``rest`` starts right after it) and where it ends.

    The longest known body name wins, so "Bộ Lao động - Thương binh và Xã hội" and "Bộ Kế hoạch và
    Đầu tư" stay whole; a list is split only where every part is a body ("Bộ Tài chính và Bộ Y tế"
    → "Bộ Tài chính - Bộ Y tế", as the graph writes joint issuers). A name the data files do not
    know ends at the first clause word, comma, or "và" that opens another body, document or a
    lower-case predicate.

    >>> read_issuer("Bộ Kế hoạch và Đầu tư về việc ban hành …")
    ('Bộ Kế hoạch và Đầu tư', 21)
    """
    found, end = issuer_names.bodies_at(rest, 0)
    if found:  # a title before the body is skipped: "của Bộ trưởng Bộ Y tế"
        if len(found) == 1:
            place = _PLACE_AFTER.match(rest, end)  # "Ủy ban nhân dân" + " tỉnh Bắc Giang"
            if place:
                return re.sub(r"\s+", " ", rest[:place.end()]), place.end()
            return found[0].name, end
        return issuer_names.join_bodies([b.name for b in found]), end
    cut = 0
    for stop in _ISSUER_END.finditer(rest):
        cut = stop.start()
        if stop.group(0).strip() == "và" and _name_goes_on(rest, stop.end()):
            continue  # "Cục Đổi mới sáng tạo và Khuyến công": one name
        break
    name = re.sub(r"\s+", " ", rest[:cut]).strip()
    if name[:1].isupper() and len(name.split()) <= 10:
        return name, cut
    return None, 0


def _name_goes_on(text: str, pos: int) -> bool:
    """After "và" inside an unknown name: a capitalised word that opens no body and no document
    continues the name; anything else ends it."""
    nxt = re.match(r"(\w+)(?:\s+(\w+))?", text[pos:pos + 40])
    if nxt is None or not nxt.group(1)[:1].isupper():
        return False
    words = [w for w in nxt.groups() if w]
    is_type = any(fold(" ".join(words[:n])) in _patterns().type_by_fold for n in (1, 2))
    return not is_type and not issuer_names.starts_body(text, pos)


def _scan_numbers(text: str, own_spans: list[tuple[int, int]], own_keys: set[str],
                  cap: int | None = None) -> list[_Mention]:
    p = _patterns()
    found: list[_Mention] = []
    prev: _Mention | None = None
    # binary-search span sets: a linear test per number made a text of many URLs quadratic
    urls = _Spans([(u.start(), u.end()) for u in _URL.finditer(text)] if ("http" in text or "www." in text) else [])
    own = _Spans(own_spans)
    for sm in p.symbol.finditer(text):
        if cap is not None and len(found) >= cap:
            break
        s, e = sm.start(), sm.end()
        if own.overlaps(s, s + 1):
            prev = None
            continue
        parts = codes.split_number(sm.group(0))
        if parts is None or symbol_key(parts.symbol) in own_keys:
            continue
        before = text[max(0, s - 120):s]
        if p.not_document.search(before[-24:]) or urls.overlaps(s, s + 1):
            continue
        head = p.head.search(before)
        law = p.law_head.search(before) if not head else None
        in_list = prev is not None and _LIST_JOIN.fullmatch(text[prev.end:s]) is not None
        if not _accept(parts, bool(head or law)) and not in_list:
            continue
        m = _Mention(parts, s, e, group=prev.group if in_list and prev is not None else s)
        if head:
            m.start = s - (len(before) - head.start())
            m.type = _type_name(head.group("type"))
        elif law:
            m.type = _type_name(law.group("type"))
        elif in_list and prev is not None:
            m.type = prev.type if prev.parts.type_code == parts.type_code else None
        if not m.type or m.type in ("Văn bản",):
            m.type = parts.type or ("Công văn" if parts.issuer_code and not parts.type_code else m.type)
        if parts.year:
            m.year = parts.year
        lead = text[max(0, m.start - 80):m.start]
        pin = _PINPOINT.search(lead)
        if pin:
            m.pinpoint = re.sub(r"\s+", " ", pin.group(1))
        _read_after(text, m)
        _date_after_issuer(text, m)
        _date_before(text, m)
        m.kind = _kind_before(text, m.start)
        if in_list and prev is not None:
            if m.kind == DEFAULT_KIND:
                m.kind = prev.kind
            _share_issuer(m, found)
        found.append(m)
        prev = m
    return found


def _share_issuer(cur: _Mention, found: list[_Mention]) -> None:
    """In "Chỉ thị số 15/CT-TTg, số 16/CT-TTg và số 19/CT-TTg của Thủ tướng Chính phủ", the issuer
    after the last number belongs to every number of the list."""
    if not cur.issuer:
        return
    for m in reversed(found):
        if m.group != cur.group:
            break
        m.issuer = m.issuer or cur.issuer


# --- stage 2: short forms -------------------------------------------------------------------------------
class _Spans:
    """Sorted, non-overlapping-enough spans with a binary-search overlap test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach: list[int] = []  # the furthest end of any span up to each index (spans may nest)
        for _, b in self.spans:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        # a span starting at or before `start` that reaches past it, and any that start inside [start, end)
        if i and self.reach[i - 1] > start:
            return True
        return i < len(self.starts) and self.starts[i] < end


@lru_cache(maxsize=256)
def _short_pattern(types: frozenset[str]) -> re.Pattern[str]:
    """"Nghị quyết 128" for the types this document cites in full (a small alternation, fast)."""
    alt = "|".join(tone_pattern(t) for t in sorted(types, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<!\w)(?P<type>{alt})\s+(?:số\s+)?(?P<num>\d{{1,5}})(?![\d/\-–.,]?\w)", re.IGNORECASE)


def _scan_short_forms(text: str, full: list[_Mention], own_spans: list[tuple[int, int]]) -> list[_Mention]:
    """"Nghị quyết 128" after "Nghị quyết số 128/NQ-CP": a mention of the same document."""
    by_type_num: dict[tuple[str, str], set[str]] = {}
    sample: dict[str, _Mention] = {}
    for m in full:
        if m.type:
            by_type_num.setdefault((fold(m.type), m.parts.number), set()).add(symbol_key(m.parts.symbol))
            sample.setdefault(symbol_key(m.parts.symbol), m)
    out: list[_Mention] = []
    if not by_type_num:
        return out
    spans = _Spans([(m.start, m.end) for m in full] + own_spans)
    for sm in _short_pattern(frozenset(m.type for m in full if m.type)).finditer(text):
        if spans.overlaps(sm.start(), sm.end()):
            continue
        keys = by_type_num.get((fold(_type_name(sm.group("type"))), sm.group("num")))
        if not keys or len(keys) != 1:
            continue
        ref = sample[next(iter(keys))]
        m = _Mention(ref.parts, sm.start(), sm.end(), type=ref.type)
        m.kind = _kind_before(text, m.start)
        out.append(m)
    return out


# --- stage 3: resolution --------------------------------------------------------------------------------
def _resolve(text: str, mentions: list[_Mention], citing_date: str | None, known: KnownDocuments,
             news: bool, evidence: EvidenceMaker = make_evidence) -> tuple[list[Citation], list[str]]:
    groups: dict[str, list[_Mention]] = {}
    for m in sorted(mentions, key=lambda x: x.start):
        groups.setdefault(symbol_key(m.parts.symbol), []).append(m)
    citations: list[Citation] = []
    reports: list[str] = []
    citing_year = int(citing_date[:4]) if citing_date else None
    for ms in groups.values():
        years = sorted({m.year for m in ms if m.year})
        for year, group in _split_by_year(ms, years).items():
            c = _citation(group, year, citing_year, known)
            if news and any(announces(text[_clause_start(text, m.start):m.start]) for m in group[:1]):
                c.kind = REPORTS_ON
                reports.append(c.key)
            c.mentions.extend(evidence(text, m.start, m.end) for m in group)
            citations.append(c)
    return citations, reports


def _split_by_year(ms: list[_Mention], years: list[int]) -> dict[int | None, list[_Mention]]:
    """Mentions of one symbol per year; an undated mention joins the dated one before it (rule b)."""
    if len(years) <= 1:
        return {years[0] if years else None: ms}
    out: dict[int | None, list[_Mention]] = {}
    current = years[0]
    for m in ms:
        current = m.year or current
        out.setdefault(current, []).append(m)
    return out


def _citation(group: list[_Mention], year: int | None, citing_year: int | None,
              known: KnownDocuments) -> Citation:
    first = group[0]
    number = first.parts.symbol
    date = next((m.date for m in group if m.date), None)
    resolution = "exact" if year else "ambiguous"
    date_source = "cited_with_date" if date else None
    known_doc = None
    resolved_by = None
    if year is None:
        found = resolve(number, citing_year, known)
        known_doc, resolution, resolved_by = found.doc, found.resolution, found.reason
        if known_doc:
            year, date = known_doc.year, known_doc.date
            date_source = "inferred_year" if date else None
    elif date is None:
        same = [c for c in known.candidates(number) if c.year == year and c.date]
        date = same[0].date if same else None
        date_source = "known_document" if date else None
    kind = DEFAULT_KIND
    for m in group:
        kind = stronger(kind, m.kind)
    type_ = next((m.type for m in group if m.type), None) or (known_doc.type if known_doc else None)
    issuer = _issuer(group) or (known_doc.issuer if known_doc else None)
    pins = sorted({m.pinpoint for m in group if m.pinpoint})
    mentions: list[Evidence] = []
    return Citation(number=number, key=document_key(number, year), type=type_, date=date, issuer=issuer,
                    year=year, title=next((m.title for m in group if m.title), None), kind=kind,
                    resolution=resolution, pinpoints=pins, mentions=mentions, resolved_by=resolved_by,
                    date_source=date_source)


def _issuer(group: list[_Mention]) -> str | None:
    """Issuer from the codes, unless they are generic (UBND, TW, unknown) and the text names it."""
    parts = group[0].parts
    from_code = parts.issuer
    from_text = next((m.issuer for m in group if m.issuer), None)
    generic = parts.issuer_code is None or codes.code_fold(parts.issuer_code) in {"UBND", "HDND", "TW", "BCSD"} \
        or from_code is None
    if from_text and generic:
        return from_text
    if from_text and from_code and _names_more(from_text, from_code):
        return from_text  # "TTLT-BTC-BYT … của Bộ Tài chính và Bộ Y tế": the code names only the first
    return from_code or from_text


def _names_more(printed: str, from_code: str) -> bool:
    """Whether the printed issuers are known bodies that include the code's issuer and more."""
    a, b = issuer_names.split_bodies(printed), issuer_names.split_bodies(from_code)
    return bool(a and b and set(b) < set(a))


# --- stage 4: laws cited by name ------------------------------------------------------------------------
# An unlisted law's name ends before these words (the listed ones end exactly, data/named_laws.yaml).
_NAME_STOP = re.compile(
    r"\s+(?:ngày|năm|số|và|của|đã|được|theo|để|thì|tại|quy\s+định|nhằm|là|hiện\s+hành|về|có\s+hiệu\s+lực|"
    r"đối\s+với|trừ|đang|khi|từ|cho|trong|với|này|đó|sửa\s+đổi|hướng\s+dẫn|đến)(?=\s|$)"
    r"|[,:]\s*(?=[A-ZĐ\d]|các\s|những\s)|\s*$")
_NAMED_LAWS = Path(__file__).resolve().parent / "data" / "named_laws.yaml"


@lru_cache(maxsize=1)
def _known_laws() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern over every listed law name (after its head word) and the canonical spellings."""
    with open(_NAMED_LAWS, encoding="utf-8") as fh:
        names = [str(n) for n in (yaml.safe_load(fh) or {}).get("names", [])]
    canonical = {fold(n): n for n in names}
    rests = sorted({n.split(" ", 2)[-1] if n.startswith(("Bộ luật", "Pháp lệnh"))
                    else n.split(" ", 1)[1] for n in names}, key=len, reverse=True)
    alt = "|".join(tone_pattern(r) for r in rests)
    return re.compile(rf"(?:{alt})(?![^\W_])", re.IGNORECASE), canonical


def _law_name(nm: re.Match[str]) -> tuple[str, int] | None:
    """The law's name after its head word and where it ends, or None when it is no law name."""
    head = re.sub(r"\s+", " ", nm.group("head"))
    pattern, canonical = _known_laws()
    known = pattern.match(nm.string, nm.start("name"))
    if known:
        name = head + " " + re.sub(r"\s+", " ", known.group(0))
        return canonical.get(fold(name), name), known.end()
    raw = nm.group("name")
    if not raw[0].isupper():  # "Luật sư", "Luật này": not a law's name
        return None
    stop = _NAME_STOP.search(raw)
    part = (raw[:stop.start()] if stop else raw).rstrip(" ,")
    if not part:
        return None
    words = list(re.finditer(r"\S+", part))
    if len(words) > 12:  # no stop word: keep a name of reasonable length rather than lose the law
        part = part[:words[11].end()]
    return head + " " + re.sub(r"\s+", " ", part), nm.start("name") + len(part)


def _scan_named_laws(text: str, taken: list[tuple[int, int]]) -> list[NamedReference]:
    refs: dict[tuple[str, int | None], NamedReference] = {}
    spans = _Spans(taken)
    for nm in _patterns().named.finditer(text):
        if spans.overlaps(nm.start(), nm.start() + 1):
            continue
        found = _law_name(nm)
        if found is None:
            continue
        name, end = found
        after = text[end:end + 60]
        d = _DATE_AFTER.match(after) or _YEAR_AFTER.match(after)
        year = int(d.groups()[-1]) if d else None
        kind = relation_kind(text[_clause_start(text, nm.start()):nm.start()])
        ref = refs.setdefault((fold(name), year), NamedReference(name=name, year=year, kind=kind))
        ref.kind = stronger(ref.kind, kind)
        ref.mentions.append(make_evidence(text, nm.start(), end))
    return list(refs.values())


# --- entry point -----------------------------------------------------------------------------------------
def _is_news(text: str, parsed: ParsedLayout) -> bool:
    info = parsed.document
    if info.type == "Bài báo" or info.source:
        return True
    return info.number is None and _OWN_NUMBER_LINE.search(text[:3000]) is None


def find_citations(text: str, parsed: ParsedLayout, known: KnownDocuments | None = None,
                   evidence: EvidenceMaker = make_evidence) -> CitationResult:
    """Every other document ``text`` cites, one :class:`Citation` per document, with evidence.

    ``known`` resolves year-less numbers (default: the shipped registry, ``ingest/known.py``);
    ``evidence`` builds each mention's evidence (the citation check passes a bounded window).
    """
    if not text:
        return CitationResult()
    registry = default_registry() if known is None else known
    own_spans, own_keys = _own_spans(text, parsed)
    cap = limits.citation_mention_cap(len(text))
    full = _scan_numbers(text, own_spans, own_keys, cap)
    short = _scan_short_forms(text, full, own_spans)[:max(0, cap - len(full))]
    mentions = full + short
    citations, reports = _resolve(text, mentions, parsed.document.date, registry, _is_news(text, parsed), evidence)
    taken = [(m.start, m.end) for m in mentions]
    return CitationResult(citations, _scan_named_laws(text, taken), reports, truncated=len(mentions) >= cap)
