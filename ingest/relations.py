"""Relation kind of a citation from the words around it (``data/relation_cues.yaml``).

>>> relation_kind("Căn cứ ")
'căn cứ'
>>> relation_kind("tiếp tục triển khai thực hiện ")
'thực hiện'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

_CUES = Path(__file__).resolve().parent / "data" / "relation_cues.yaml"
DEFAULT_KIND = "trích dẫn"
REPORTS_ON = "reports_on"

# Tone marks that Vietnamese writes on either vowel of "oa", "oe", "uy" (hòa/hoà, ủy/uỷ): each
# spelling maps to an alternation of both placements.
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _placements() -> dict[str, str]:
    table: dict[str, str] = {}
    for first, second in ("oa", "oe", "uy", "OA", "OE", "UY", "Oa", "Oe", "Uy"):
        for tone in _TONES:
            a = unicodedata.normalize("NFC", first + tone + second)
            b = unicodedata.normalize("NFC", first + second + tone)
            alt = f"(?:{re.escape(a)}|{re.escape(b)})"
            table[a] = table[b] = alt
    return table


_PLACEMENTS = _placements()


def tone_pattern(phrase: str) -> str:
    """Regex for ``phrase`` accepting both tone placements and any whitespace between words.

    >>> bool(re.fullmatch(tone_pattern("Ủy ban"), "Uỷ  ban"))
    True
    >>> bool(re.fullmatch(tone_pattern("Luật"), "Luật"))
    True
    """
    words = unicodedata.normalize("NFC", phrase).split()
    return r"\s+".join(_word_pattern(w) for w in words)


def _word_pattern(word: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i:i + 2]
        if pair in _PLACEMENTS:
            out.append(_PLACEMENTS[pair])
            i += 2
        else:
            out.append(re.escape(word[i]))
            i += 1
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Cues:
    pattern: re.Pattern[str]  # one alternation over every cue, named group per kind index
    kinds: list[str]
    priority: dict[str, int]
    reports_on: re.Pattern[str]


@lru_cache(maxsize=1)
def cues() -> _Cues:
    with open(_CUES, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    kinds: list[str] = []
    alts: list[str] = []
    priority: dict[str, int] = {}
    for i, row in enumerate(data["kinds"]):
        kinds.append(row["kind"])
        priority[row["kind"]] = int(row.get("priority", 99))
        phrases = sorted(row["before"], key=len, reverse=True)
        alts.append(f"(?P<k{i}>" + "|".join(tone_pattern(p) for p in phrases) + ")")
    priority[DEFAULT_KIND] = 100
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)
    rep = sorted(data["reports_on"]["before"], key=len, reverse=True)
    rep_pattern = re.compile(r"(?<!\w)(?:" + "|".join(tone_pattern(p) for p in rep) + r")(?!\w)",
                             re.IGNORECASE)
    return _Cues(pattern, kinds, priority, rep_pattern)


def relation_kind(before: str) -> str:
    """Kind set by the last cue in ``before`` (the clause text preceding a reference)."""
    c = cues()
    last = None
    for m in c.pattern.finditer(before):
        last = m
    if last is None:
        return DEFAULT_KIND
    for name, value in last.groupdict().items():
        if value is not None:
            return c.kinds[int(name[1:])]
    return DEFAULT_KIND


def stronger(a: str, b: str) -> str:
    """The kind that wins when one document is cited twice with different cues."""
    p = cues().priority
    return a if p.get(a, 100) <= p.get(b, 100) else b


def announces(before: str) -> bool:
    """True when ``before`` ends a news sentence announcing a document: "… vừa ban hành "."""
    return cues().reports_on.search(before) is not None
