"""The signature block: signing formulas, the signer's position and name, several signers.

    KT. BỘ TRƯỞNG, CHỦ NHIỆM        → capacity "KT. Bộ trưởng, Chủ nhiệm"
    PHÓ CHỦ NHIỆM                   → position "Phó Chủ nhiệm"
    Nguyễn Sỹ Hiệp                  → name

Stacked formulas ("TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG") give the capacity
"TM. Chính phủ, KT. Thủ tướng". "Đã ký: Lê Minh Hưng" names the signer on its own line. E-signature
stamps ("Người ký: Cổng Thông tin điện tử Chính phủ") are removed by normalisation and never signers.
The formulas and ranks are data: ``ingest/data/signing_formulas.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from danchieu.ingest.identity import _is_upper, proper_case
from danchieu.ingest.models import Signer
from danchieu.ingest.textutil import make_evidence

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load((DATA / "signing_formulas.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _formula_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for f in _data()["formulas"]:
        alts = "|".join(f["forms"])
        out.append((f["abbr"], re.compile(rf"^\s*(?:{alts})\s*(?=[A-ZĐÀ-Ỹ])", re.IGNORECASE)))
    return out


@lru_cache(maxsize=1)
def _rank_pattern() -> re.Pattern[str]:
    alts = "|".join(re.escape(r) for r in sorted(_data()["ranks"], key=len, reverse=True))
    return re.compile(rf"^(?:(?:{alts})\s*)+")


@lru_cache(maxsize=1)
def _signed_mark() -> re.Pattern[str]:
    return re.compile(r"^\s*(?:" + "|".join(_data()["signed_marks"]) + r")\s*", re.IGNORECASE)


def match_formula(line: str) -> tuple[str, str] | None:
    """``"KT. BỘ TRƯỞNG"`` → ``("KT.", "BỘ TRƯỞNG")``; None when the line has no signing formula."""
    for abbr, pattern in _formula_patterns():
        m = pattern.match(line)
        if m:
            office = line[m.end():].strip()
            if office and _is_upper(office):
                return abbr, office
    return None


def _name_word(word: str) -> bool:
    return word[:1].isupper() and word.isalpha() and (len(word) == 1 or word[1:].islower())


def person_name(line: str) -> str | None:
    """The signer's name on a line, without rank or "Đã ký:"; None when the line is not a name.

    >>> person_name("Đã ký: Lê Minh Hưng")
    'Lê Minh Hưng'
    >>> person_name("Trung tướng Nguyễn Duy Ngọc")
    'Nguyễn Duy Ngọc'
    >>> person_name("Hà Nội, ngày 27 tháng 10 năm 2021") is None
    True
    """
    text = _signed_mark().sub("", line.strip()).strip()
    text = _rank_pattern().sub("", text).strip()
    words = text.split()
    if not 2 <= len(words) <= 5:
        return None
    if not all(_name_word(w) for w in words):
        return None
    surnames = _surnames()
    if surnames and words[0] not in surnames:
        return None  # "Chương X", "Dược Phẩm": capitalised words that are not a person
    return " ".join(words)


def name_under_title(line: str) -> str | None:
    """A name standing right under a signature title: any 2–5 capitalised words, so that a family
    name missing from the surname list ("Mạnh Thị Tuyết Mai") still signs. Callers check the title.

    >>> name_under_title("Mạnh Thị Tuyết Mai")
    'Mạnh Thị Tuyết Mai'
    >>> name_under_title("Nơi nhận") is None
    True
    """
    strict = person_name(line)
    if strict:
        return strict
    text = _rank_pattern().sub("", _signed_mark().sub("", line.strip()).strip()).strip()
    words = text.split()
    if 2 <= len(words) <= 5 and all(_name_word(w) for w in words) and not _is_upper(text):
        return " ".join(words)
    return None


def join_wrapped_name(first: str, second: str) -> str | None:
    """A signer's name wrapped in its table cell ("Vũ" / "Chiến Thắng", "Lê Tấn" / "Cận"): the joined
    name when one of the two parts is a single word and the whole is a name; else None.

    >>> join_wrapped_name("Lê Tấn", "Cận"), join_wrapped_name("Nguyễn Văn An", "Trần Văn Bình")
    ('Lê Tấn Cận', None)
    """
    a, b = first.strip(), second.strip()
    if not a or not b or (" " in a and " " in b) or len(a) + len(b) > 40:
        return None
    if not all(_name_word(w) for w in f"{a} {b}".split()):
        return None
    return person_name(f"{a} {b}")


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    """Vietnamese family names (the entities gazetteer's list, ``ingest/data/gazetteer/surnames.yaml``)."""
    path = DATA / "gazetteer" / "surnames.yaml"
    if not path.exists():
        return frozenset()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return frozenset(str(name) for name in data.get("surnames", []))


def _is_signed_mark(line: str) -> bool:
    m = _signed_mark().match(line)
    return m is not None and not line[m.end():].strip()


def is_signature_line(line: str) -> bool:
    """A line that can belong to a signature block (formula, capitalised title, name, "Đã ký")."""
    s = line.strip()
    if not s or len(s) > 90:
        return False
    return bool(match_formula(s) or _is_signed_mark(s) or person_name(s)
                or (_is_upper(s) and not s.endswith((".", ";", ":"))))


def _capacity(formulas: list[tuple[str, str]]) -> str | None:
    if not formulas:
        return None
    return ", ".join(f"{abbr} {proper_case(office, title=True)}" for abbr, office in formulas)


def parse_signers(text: str, lines: list[Line]) -> list[Signer]:
    """Signers from the lines of a signature zone, in order.

    Each signer is the run of formula lines, then title lines, then a name; a title line right after
    a formula continues the formula's office when a further title follows ("KT. BỘ TRƯỞNG /
    BỘ CÔNG AN / THỨ TRƯỞNG"). Two signers side by side (``pdftotext -layout``, cut into columns by
    normalisation) come interleaved: two formulas, their titles, then two names in a row.
    """
    rows = [line for line in lines if line.text.strip() and not _is_signed_mark(line.text.strip())]
    signers: list[Signer] = []
    formulas: list[tuple[str, str]] = []
    titles: list[str] = []
    i = 0
    while i < len(rows):
        line = rows[i]
        s = line.text.strip()
        formula = match_formula(s)
        if formula:
            if titles and formulas:  # a new signer's block starts before the previous got a name
                formulas, titles = [], []
            formulas.append(formula)
            i += 1
            continue
        name = _signer_name(s)
        if not name and (formulas or titles) and i > 0 and _is_upper(rows[i - 1].text.strip()):
            name = name_under_title(s)  # a family name the list lacks, right under the title
        # a name stands under a title or formula, or after "Đã ký:"; a lone capitalised pair
        # in an annex ("Nguyễn Văn A" in a form) is not a signer
        if name and (formulas or titles or _signed_mark().match(s)):
            names = [(line, s, name)]
            while i + len(names) < len(rows):
                nxt = rows[i + len(names)]
                nxt_name = _signer_name(nxt.text.strip())
                if not nxt_name:
                    break
                names.append((nxt, nxt.text.strip(), nxt_name))
            k = len(names)
            if k > 1 and len(formulas) % k == 0 and len(titles) % k == 0:
                # side-by-side columns: the i-th formula and titles belong to the i-th name
                for j, (ln, ls, nm) in enumerate(names):
                    signers.append(_make_signer(text, ln, ls, nm, formulas[j::k], titles[j::k]))
                i += k
            else:
                signers.append(_make_signer(text, line, s, name, formulas, titles))
                i += 1
            formulas, titles = [], []
            continue
        if _is_upper(s) and " " not in s and s.isalpha() and (titles or formulas):
            # one word wrapped from the line above in its cell: "T/M BỘ CHÍNH" / "TRỊ"
            if titles:
                titles[-1] = f"{titles[-1]} {s}"
            else:
                formulas[-1] = (formulas[-1][0], f"{formulas[-1][1]} {s}")
        elif _is_upper(s) and len(s) <= 90 and sum(c.isalpha() for c in s) >= 3:
            titles.append(s)
        i += 1
    return signers


def _signer_name(s: str) -> str | None:
    name = person_name(s)
    return name if name and not _is_upper(s) else None


def _make_signer(text: str, line: Line, s: str, name: str, formulas: list[tuple[str, str]],
                 titles: list[str]) -> Signer:
    formulas = list(formulas)
    if formulas and len(titles) > 1:
        # "KT. BỘ TRƯỞNG" + "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" + "THỨ TRƯỞNG": the middle lines
        # complete the last formula's office
        abbr, office = formulas[-1]
        formulas[-1] = (abbr, " ".join([office, *titles[:-1]]))
        titles = titles[-1:]
    position = proper_case(" ".join(titles[-1:]).strip(" []()*.,;:"), title=True) if titles else None
    start = line.start + s.find(name.split()[0]) if name.split()[0] in s else line.start
    offset = text.find(name, line.start, line.end + 1)
    if offset >= 0:
        start = offset
    evidence = make_evidence(text, start, start + len(name))
    return Signer(name=name, position=position, capacity=_capacity(formulas), evidence=evidence)
