"""The reading half of the citation check: which documents a draft cites and what it prints about
each — bounded work, run in a worker process (:mod:`danchieu.api.routes.check`).

Bounds, so that a hostile text costs no more than a long normal one:

* at most :data:`MAX_NUMBERS` printed numbers are read; the text after the next one is not checked
  (the response says ``truncated`` and how many characters were checked);
* each mention's evidence is a window of at most :data:`WINDOW` characters around it, never the
  whole "sentence" (a text without full stops would otherwise repeat itself once per mention);
* only the citation stage runs (no layout, no entities), on the normalised text.

Everything returned is plain data (picklable), with offsets into the text as the client sent it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from danchieu.ingest import normalize
from danchieu.ingest.citations import find_citations, nth_number_start, printed_after
from danchieu.ingest.layout import ParsedLayout
from danchieu.ingest.models import DocumentInfo, Evidence

MAX_NUMBERS = 1000
WINDOW = 300
_SENTENCE_END = re.compile(r"[.;!?](?=\s)|\n\s*\n")
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class Mention:
    start: int  # offsets into the text as sent
    end: int
    text: str
    window: str


@dataclass(slots=True)
class Cited:
    """One cited document as the draft prints it (per field: the distinct printed values)."""

    number: str
    year: int | None
    type: str | None
    dates: list[str] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Reading:
    cited: list[Cited]
    truncated: bool
    checked_chars: int


def window(text: str, start: int, end: int, size: int = WINDOW) -> str:
    """At most ``size`` characters around ``text[start:end]``: the mention's sentence when it fits,
    else cut at the nearest clause ends or spaces inside the window."""
    room = max(0, size - (end - start))
    lo, hi = max(0, start - room // 2), min(len(text), end + room - room // 2)
    left = text[lo:start]
    ends = list(_SENTENCE_END.finditer(left))
    if ends:
        lo += ends[-1].end()
    elif lo > 0 and " " in left:
        lo += left.index(" ") + 1
    right = _SENTENCE_END.search(text, end, hi)
    if right:
        hi = right.end()
    elif hi < len(text) and " " in text[end:hi]:
        hi = text.rindex(" ", end, hi)
    return _SPACES.sub(" ", text[lo:hi]).strip()[:size]


def _bounded_evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(start=start, end=end, text=text[start:end], sentence="", sentence_start=start)


def _unique(values: list[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def read_citations(text: str, max_numbers: int = MAX_NUMBERS) -> Reading:
    """What ``text`` cites and prints about each cited document.

    >>> r = read_citations("Căn cứ Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ về thích ứng an toàn.")
    >>> c = r.cited[0]; (c.number, c.dates, c.issuers, c.titles, r.truncated)
    ('128/NQ-CP', ['2021-10-11'], ['Chính phủ'], ['thích ứng an toàn'], False)
    """
    norm = normalize.normalize(text)
    body = norm.text
    cut = nth_number_start(body, max_numbers + 1)
    truncated = cut is not None
    if cut is not None:
        body = body[:cut]
    found = find_citations(body, ParsedLayout(document=DocumentInfo()), evidence=_bounded_evidence)
    out: list[Cited] = []
    for c in found.citations:
        printed = [printed_after(body, m.end) for m in c.mentions]
        year = None if c.resolution == "inferred" else c.year  # a year the registry guessed is not printed
        item = Cited(number=c.number, year=year, type=c.type, dates=_unique([p.date for p in printed]),
                     issuers=_unique([p.issuer for p in printed]), titles=_unique([p.title for p in printed]))
        for m in c.mentions:
            s, e = norm.original_span(m.start, m.end)
            item.mentions.append(Mention(s, e, text[s:e], window(text, s, e)))
        out.append(item)
    checked = norm.original_span(len(body) - 1, len(body))[1] if body else 0
    return Reading(out, truncated, checked if truncated else len(text))
