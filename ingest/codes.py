"""Document-type and issuer codes, and the parts of a printed document number (số, ký hiệu).

A Vietnamese document number is ``number[/year]/TYPE-ISSUER[-UNIT]`` for State documents
(``285/TB-VPCP``, ``30/2020/NĐ-CP``, ``80/2023/QH15``), ``number-TYPE/ISSUER`` for Party documents
(``25-CT/TW``, ``10-TB/VPTW``) and ``number/ISSUER-UNIT`` for a công văn, which has no type code
(``1234/BYT-MT``, ``5973/UBND-KT``). The codes themselves are data: ``data/codes/doc_types.yaml`` and
``data/codes/issuers.yaml`` (sources noted there).

>>> split_number("30/2020/ND-CP").symbol
'30/2020/NĐ-CP'
>>> issuer_for("CT", "TW")
'Ban Bí thư'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_DATA = Path(__file__).resolve().parent / "data" / "codes"


_SPACES = re.compile(r"\s+")


# Cached, as :func:`_display` below: a document number's few code tokens ("QĐ", "UBND", "KT") come from a small
# vocabulary, and a million documents' numbers (split_number's own cache misses on their long tail of
# serial numbers) folded each token several times — 3 µs a fold, ~40 µs a number (2026-12-04).
@lru_cache(maxsize=16384)
def code_fold(code: str) -> str:
    """Matching form of a code: NFC, Đ→D, upper case, no spaces. ``"Nđ"`` → ``"ND"``."""
    c = unicodedata.normalize("NFC", code).replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub("", c).upper()


@dataclass(frozen=True, slots=True)
class _Tables:
    type_by_code: dict[str, tuple[str, str]]  # folded code → (printed code, name)
    code_by_type: dict[str, str]  # folded name → printed code
    issuer_by_code: dict[str, tuple[str, str]]
    terms: dict[str, str]  # "QH" → "Quốc hội"
    term_types: dict[str, list[str]]
    party_central: dict[str, str]  # folded type code → organ
    not_document_prefixes: tuple[str, ...]  # "QCVN", "Mẫu số": a number after them is no document


def _load_yaml(name: str) -> dict[str, Any]:
    with open(_DATA / name, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return data if isinstance(data, dict) else {}


def _name_fold(name: str) -> str:
    from danchieu.ingest.textutil import fold

    return fold(name)


@lru_cache(maxsize=1)
def tables() -> _Tables:
    """The code tables, read once per process."""
    types_doc, issuers_doc = _load_yaml("doc_types.yaml"), _load_yaml("issuers.yaml")
    type_by_code: dict[str, tuple[str, str]] = {}
    code_by_type: dict[str, str] = {}
    for row in types_doc.get("types", []):
        code, name = str(row["code"]), str(row["name"])
        for spelling in [code, *row.get("aliases", [])]:
            type_by_code.setdefault(code_fold(str(spelling)), (code, name))
        code_by_type.setdefault(_name_fold(name), code)
    issuer_by_code: dict[str, tuple[str, str]] = {}
    for row in issuers_doc.get("issuers", []):
        code, name = str(row["code"]), str(row["name"])
        for spelling in [code, *row.get("aliases", [])]:
            issuer_by_code.setdefault(code_fold(str(spelling)), (code, name))
    party = {code_fold(k) if k != "default" else "default": str(v)
             for k, v in (issuers_doc.get("party_central") or {}).items()}
    return _Tables(type_by_code, code_by_type, issuer_by_code,
                   {code_fold(k): str(v) for k, v in (issuers_doc.get("terms") or {}).items()},
                   {code_fold(k): list(v) for k, v in (types_doc.get("term_types") or {}).items()},
                   party, tuple(str(x) for x in types_doc.get("not_document_prefixes") or ()))


_TERM = re.compile(r"^(UBTVQH|QH)(\d{1,2})$")


def term_of(code: str) -> tuple[str, int] | None:
    """``"QH15"`` → ``("QH", 15)``; ``"UBTVQH14"`` → ``("UBTVQH", 14)``; anything else → None."""
    m = _TERM.match(code_fold(code))
    return (m.group(1), int(m.group(2))) if m else None


def type_name(code: str) -> str | None:
    """``"NQ"`` → ``"Nghị quyết"``, ``"CD"`` → ``"Công điện"``; a bare term ``"QH15"`` → ``"Luật"``
    (the most common Quốc hội type; the text decides between Luật, Bộ luật and Nghị quyết)."""
    if not code:
        return None
    hit = tables().type_by_code.get(code_fold(code))
    if hit:
        return hit[1]
    term = term_of(code)
    if term:
        options = tables().term_types.get(term[0], [])
        return options[0] if options else None
    return None


def type_code(name: str) -> str | None:
    """Inverse of :func:`type_name`: ``"Nghị quyết"`` → ``"NQ"``, ``"nghi dinh"`` → ``"NĐ"``."""
    return tables().code_by_type.get(_name_fold(name)) if name else None


def issuer_name(code: str) -> str | None:
    """``"CP"`` → ``"Chính phủ"``, ``"QH15"`` → ``"Quốc hội"``, ``"TW"`` → ``"Ban Chấp hành Trung ương"``
    (see :func:`issuer_for` for the Party organ by document type)."""
    if not code:
        return None
    folded = code_fold(code)
    if folded == "TW":
        return tables().party_central.get("default")
    hit = tables().issuer_by_code.get(folded)
    if hit:
        return hit[1]
    term = term_of(code)
    return tables().terms.get(term[0]) if term else None


def issuer_for(type_code_: str | None, issuer_code: str | None) -> str | None:
    """Issuer of a document from both codes: ``("CT", "TW")`` → ``"Ban Bí thư"``,
    ``("NQ", "CP")`` → ``"Chính phủ"``. Party "/TW" documents follow Quy định 66-QĐ/TW."""
    if not issuer_code:
        return None
    if code_fold(issuer_code) == "TW":
        party = tables().party_central
        return party.get(code_fold(type_code_ or ""), party.get("default"))
    return issuer_name(issuer_code)


@dataclass(frozen=True, slots=True)
class NumberParts:
    """A document number split into its parts.

    ``symbol`` is the display form: spaces removed, known codes in their printed case with Đ
    (``"30/2020/NĐ-CP"``), Party hyphen kept (``"25-CT/TW"``).
    """

    number: str  # "285"
    year: int | None  # 2020 for "30/2020/NĐ-CP"
    type_code: str | None  # "NĐ"; None for a công văn ("1234/BYT-MT") or a bare term ("80/2023/QH15")
    issuer_code: str | None  # "CP", "QH15", "TW", "BYT", "UBND"
    symbol: str
    units: tuple[str, ...] = ()  # trailing unit codes: ("MT",) in "1234/BYT-MT"
    party: bool = False  # "25-CT/TW" style

    @property
    def type(self) -> str | None:
        """The type name the codes give, or None."""
        if self.type_code:
            return type_name(self.type_code)
        if self.issuer_code and term_of(self.issuer_code):
            return type_name(self.issuer_code)
        return None

    @property
    def issuer(self) -> str | None:
        return issuer_for(self.type_code, self.issuer_code)


# Numeral (OCR may space its digits: "8 5 2 0"), optional year, then the symbol proper.
_NUMBER = re.compile(
    r"^\s*(?P<num>\d(?:\s?\d)*[a-zA-Z]?)\s*(?P<sep>[/\-–])\s*"
    r"(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?"
    r"(?P<rest>[^\W\d_][\w.]*(?:\s*[/\-–]\s*[^\W_][\w.]*)*)\s*$"
)
_TOKEN_SEP = re.compile(r"\s*([/\-–])\s*")


@lru_cache(maxsize=16384)
def _display(token: str) -> str:
    """Known codes in their canonical printed case ("Ttg" → "TTg", "ND" → "NĐ")."""
    folded = code_fold(token)
    t = tables()
    hit = t.type_by_code.get(folded) or t.issuer_by_code.get(folded)
    if hit:
        return hit[0]
    term = term_of(token)
    if term:
        return f"{term[0]}{term[1]}"
    if folded == "TW":
        return "TW"
    return unicodedata.normalize("NFC", token)


def _is_type(token: str) -> bool:
    return code_fold(token) in tables().type_by_code


@lru_cache(maxsize=4096)
def split_number(text: str) -> NumberParts | None:
    """Split a printed number; None when ``text`` is not a document number.

    >>> p = split_number("80/2023/QH15"); (p.number, p.year, p.type_code, p.issuer_code)
    ('80', 2023, None, 'QH15')
    >>> split_number("904 /QĐ-UBND").symbol
    '904/QĐ-UBND'
    >>> split_number("11/10/2021") is None
    True
    """
    if not text:
        return None
    m = _NUMBER.match(unicodedata.normalize("NFC", text))
    if not m:
        return None
    number = re.sub(r"\s+", "", m.group("num"))
    year = int(m.group("year")) if m.group("year") else None
    parts = _TOKEN_SEP.split(m.group("rest"))
    tokens = [_display(p) for p in parts[0::2]]
    seps = ["-" if s in "-–" else "/" for s in parts[1::2]]
    party = m.group("sep") in "-–" and year is None and len(parts) > 1
    if not tokens or not tokens[0]:
        return None
    type_c: str | None = None
    issuer_c: str | None = None
    units: list[str] = []
    if _is_type(tokens[0]) and len(tokens) != 1:
        type_c, rest = tokens[0], tokens[1:]
    elif len(tokens) == 1 and term_of(tokens[0]) is None and not _is_type(tokens[0]) \
            and code_fold(tokens[0]) not in tables().issuer_by_code:
        return None  # "12/abc": a single unknown word is not a symbol; "02-2021/BLĐTBXH" is
    else:
        rest = tokens
    if len(tokens) == 1 and _is_type(tokens[0]):
        type_c, rest = tokens[0], []
    if rest:
        issuer_c, units = rest[0], rest[1:]
    sep0 = "-" if m.group("sep") in "-–" else "/"  # as printed: "25-CT/TW", "02-2021/BLĐTBXH"
    body = tokens[0] + "".join(s + t for s, t in zip(seps, tokens[1:], strict=False))
    symbol = f"{number}{sep0}{f'{year}/' if year else ''}{body}"
    return NumberParts(number, year, type_c, issuer_c, symbol, tuple(units), party)


def canonical_number(text: str) -> str:
    """Display form of a printed number; the input stripped when it cannot be parsed.

    >>> canonical_number("30/2020/nđ-cp")
    '30/2020/NĐ-CP'
    """
    parts = split_number(text)
    return parts.symbol if parts else re.sub(r"\s+", "", unicodedata.normalize("NFC", text or ""))


def all_type_codes() -> list[str]:
    """Every printed type code and alias (for building patterns)."""
    return sorted({code for code, _ in tables().type_by_code.values()}, key=len, reverse=True)


def all_type_names() -> list[str]:
    return sorted({name for _, name in tables().type_by_code.values()}, key=len, reverse=True)
