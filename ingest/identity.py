"""A document's identity from its header lines: number and symbol, type, issuer, place and date.

The codes themselves (type codes, issuer codes) are looked up through :mod:`danchieu.ingest.codes` and its
data files; the header words (type lines, mottos, gazette labels) are in
``ingest/data/doc_type_words.yaml``.

>>> parse_number_line("Số: 285/TB-VPCP").symbol
'285/TB-VPCP'
>>> parse_place_date("Hà Nội, ngày 27 tháng 10 năm 2021")
('Hà Nội', '2021-10-27')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from danchieu.ingest import codes
from danchieu.ingest.textutil import fold, tone_normalize

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class TypeWord:
    words: str  # "THÔNG BÁO"
    type: str  # "Thông báo"
    copy: bool = False


@lru_cache(maxsize=1)
def _words() -> dict:
    return yaml.safe_load((DATA / "doc_type_words.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def type_words() -> list[TypeWord]:
    """Type lines, longest first so that "THÔNG TƯ LIÊN TỊCH" wins over "THÔNG TƯ"."""
    items = [TypeWord(t["words"], t["type"], bool(t.get("copy"))) for t in _words()["types"]]
    return sorted(items, key=lambda t: len(t.words), reverse=True)


@lru_cache(maxsize=1)
def _type_line_pattern() -> re.Pattern[str]:
    alts = "|".join(re.escape(tone_normalize(t.words)) for t in type_words())
    # The type alone on its line, or followed by the start of a capitalised title ("LUẬT SỬA ĐỔI …").
    # A footnote mark may stick to it ("THÔNG TƯ1" in consolidated texts).
    return re.compile(rf"^\s*({alts})(?:\d{{0,2}}\s*:?\s*$|\s+(?=[A-ZĐÀ-Ỹ]))")


def match_type_line(line: str) -> tuple[TypeWord, int] | None:
    """The type a header line names and where the words end; None for other lines.

    >>> match_type_line("THÔNG BÁO")[0].type
    'Thông báo'
    >>> match_type_line("Thông báo này") is None
    True
    """
    norm = tone_normalize(line)
    m = _type_line_pattern().match(norm)
    if not m:
        return None
    words = m.group(1)
    rest = norm[m.end():]
    if rest and not _is_upper(rest):
        return None
    for t in type_words():
        if tone_normalize(t.words) == words:
            return t, m.end(1)
    return None


@lru_cache(maxsize=1)
def _motto_pattern() -> re.Pattern[str]:
    """The mottos, their vowels matching with any mark: PDF text layers and old fonts print
    "CỘNG HÕA" or "Cộng hoà xã hội chủ nghĩa Việt Nam" for the same words."""
    parts = []
    for motto in _words()["mottos"]:
        words = ["".join(_any_vowel_mark(c) for c in w) for w in tone_normalize(motto).split()]
        parts.append(r"\s*".join(w if w != "-" else "[-–]" for w in words))
    return re.compile("(?:" + "|".join(parts) + ")", re.IGNORECASE)


@lru_cache(maxsize=1)
def _vowels_by_base() -> dict[str, str]:
    out: dict[str, set[str]] = {}
    for code in list(range(0xC0, 0x250)) + list(range(0x1EA0, 0x1EFA)) + [ord(v) for v in "aeiouyAEIOUY"]:
        c = chr(code)
        base = unicodedata.normalize("NFD", c)[0].lower()
        if base in "aeiouy" and c.isalpha():
            out.setdefault(base, set()).add(c)
    return {b: "".join(sorted(cs)) for b, cs in out.items()}


def _any_vowel_mark(c: str) -> str:
    base = unicodedata.normalize("NFD", c)[0].lower()
    if base in "aeiouy":
        return f"[{_vowels_by_base()[base]}]"
    return re.escape(c)


def find_motto(line: str) -> re.Match[str] | None:
    """The national or Party motto inside a line (the line may also hold the issuer)."""
    return _motto_pattern().search(tone_normalize(line))


@lru_cache(maxsize=1)
def _gazette_labels() -> tuple[str, ...]:
    return tuple(fold(label) for label in _words()["gazette_labels"])


def is_gazette_label(line: str) -> bool:
    f = fold(line)
    return any(f == label or f.startswith(label + " ") for label in _gazette_labels())


# --- number -------------------------------------------------------------------------------------

_NUMBER_LINE = re.compile(
    r"^\s*(?:(?P<type>[A-ZĐÀ-Ỹa-zđà-ỹ ]{2,30}?)\s+)?[Ss][ốố]\s*(?:[:.]\s*|(?=\d))(?P<value>\S.*?)\s*$")
_OCR_SPACED_DIGITS = re.compile(r"(?<=\d)\s(?=\d)")


def parse_number_line(line: str) -> codes.NumberParts | None:
    """The number printed on a ``Số:`` line, OCR spaces repaired; None when it is not one.

    >>> parse_number_line("Số:8 5 2 0/BCT-KHCN").symbol
    '8520/BCT-KHCN'
    >>> parse_number_line("Số 129 - BS/VPTU").symbol
    '129-BS/VPTU'
    >>> parse_number_line("Luật số: 51/2024/QH15").symbol
    '51/2024/QH15'
    >>> parse_number_line("Số: 1698") is None  # a received stamp's register number
    True
    """
    m = _NUMBER_LINE.match(line)
    if not m:
        return None
    prefix = m.group("type")
    if prefix and number_line_type(line) is None:
        return None  # "Tổng số: 12/…" or "Luật Bảo hiểm xã hội số 41/…" is not a number line
    value = m.group("value")
    # Only the number and symbol: drop what follows them on the same line (a date, a stamp).
    value = re.split(r"\s{2,}|\t|,\s|\s(?=ngày\b)", value)[0]
    if "/" not in value and "-" not in value:
        return None
    value = _OCR_SPACED_DIGITS.sub("", value)
    dotted = _DOTTED_NUMBER.match(value)  # "66.16/2026/NQ-CP": a sub-numbered resolution
    parts = codes.split_number(value.replace(".", "", 1) if dotted else value)
    if parts is None or not any(c.isdigit() for c in parts.number):
        return None
    if dotted:
        parts = replace(parts, number=dotted.group(1), symbol=dotted.group(1) + parts.symbol[len(parts.number):])
    return parts


_DOTTED_NUMBER = re.compile(r"^(\d{1,4}\.\d{1,3})(?=\s*[/-])")


def number_line_type(line: str) -> str | None:
    """The type named before "số" on a number line: ``"Luật số: 51/2024/QH15"`` → ``"Luật"``."""
    m = _NUMBER_LINE.match(line)
    if not m or not m.group("type"):
        return None
    prefix = m.group("type").strip()
    found = match_type_line(prefix.upper())
    if not found or found[1] != len(tone_normalize(prefix.upper()).rstrip()):
        return None
    return found[0].type


# --- place and date -----------------------------------------------------------------------------

_DATE_PART = (r"ngày\s+(?P<d>\d{1,2})\s*(?:tháng\s*|[/.-]\s*)(?P<m>\d{1,2})\s*(?:năm\s*|[/.-]\s*)"
              r"(?P<y>\d{4})\b")
_PLACE_DATE = re.compile(
    r"^\s*[*_(\[\"“]*\s*(?P<place>[^\W\d_][\w .'’-]{1,40}?)\s*,\s*" + _DATE_PART, re.IGNORECASE)
# Without the comma ("Hà Nội ngày 01 tháng 12 năm 2025") only a short capitalised place on a line of
# its own: "Căn cứ Luật … ngày 18 tháng 02 năm 2025" is a sentence, not a place-date line.
_PLACE_DATE_BARE = re.compile(
    r"^\s*[*_(\[\"“]*\s*(?P<place>[A-ZĐÀ-Ỹ][\w'’.-]*(?:\s+[A-ZĐÀ-Ỹ][\w'’.-]*){0,3})\s+" + _DATE_PART
    + r"[\s*_)\]\"”.]*$")
# The first part of a place-date line split over two lines or cells ("Hà Nội, ngày" / "21 tháng 11 năm 2025").
_PLACE_DATE_START = re.compile(r"^\s*[*_(\[\"“]*\s*[^\W\d_][\w .'’-]{1,40}?\s*,\s*ngày(?:\s+\d{1,2}(?:\s+tháng)?)?\s*$",
                               re.IGNORECASE)


def place_date_continues(line: str) -> bool:
    """Whether ``line`` is the first part of a place-date line whose date is on the next line.

    >>> place_date_continues("*Hà Nội, ngày"), place_date_continues("Hà Nội, ngày 18")
    (True, True)
    """
    return bool(_PLACE_DATE_START.match(line))


def parse_place_date(line: str) -> tuple[str, str] | None:
    """``"Hà Nội, ngày 27 tháng 10 năm 2021"`` → ``("Hà Nội", "2021-10-27")``; None otherwise.

    >>> parse_place_date("*Quảng Trị, ngày 18 tháng 11 năm 2025*")
    ('Quảng Trị', '2025-11-18')
    >>> parse_place_date("Lào Cai, ngày 28/11/2025")
    ('Lào Cai', '2025-11-28')
    >>> parse_place_date("*Hà Nội ngày 01 tháng 12 năm 2025*")
    ('Hà Nội', '2025-12-01')
    >>> parse_place_date("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;") is None
    True
    """
    line = line.replace("*", " ").replace("_", " ") if ("*" in line or "_" in line) else line
    m = _PLACE_DATE.match(line) or _PLACE_DATE_BARE.match(line)
    if not m:
        return None
    iso = iso_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if iso is None:
        return None
    return m.group("place").strip(), iso


_PLACE_BLANK_DATE = re.compile(
    r"^\s*[*_(\[\"“]*\s*(?P<place>[^\W\d_][\w .'’-]{1,40}?)\s*,\s*ngày[\s.…_]*tháng[\s.…_]*"
    r"(?:\d{1,2}\s*)?năm\s*(?:\d{4}|[.…_\s]*$)", re.IGNORECASE)


def parse_place_blank_date(line: str) -> str | None:
    """The place of a draft's place-date line whose day is left blank; its date stays null.

    >>> parse_place_blank_date("Lào Cai, ngày         tháng 12 năm 2025")
    'Lào Cai'
    >>> parse_place_blank_date("Lào Cai, ngày 3 tháng 12 năm 2025") is None  # a whole date: parse_place_date
    True
    """
    if parse_place_date(line):
        return None
    m = _PLACE_BLANK_DATE.match(line)
    return m.group("place").strip() if m else None


def iso_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# --- casing of capitalised header lines --------------------------------------------------------

@lru_cache(maxsize=1)
def _proper_names() -> list[str]:
    """Names whose capitalisation is known: issuers, provinces and a few fixed organs."""
    names = {name for _, name in codes.tables().issuer_by_code.values()}
    names |= set(codes.tables().terms.values())
    names |= {"Chính phủ", "Quốc hội", "Trung ương", "Việt Nam", "Đảng", "Văn phòng Chính phủ",
              "Thủ tướng Chính phủ", "Hà Nội", "Thành phố Hồ Chí Minh", "Văn phòng Trung ương Đảng",
              "Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Ban Thường vụ", "Đảng Cộng sản Việt Nam",
              # offices written with capitals wherever they stand (Nghị định 30/2020/NĐ-CP, Phụ lục II)
              "Thủ tướng", "Phó Thủ tướng", "Tổng Bí thư", "Chủ tịch nước", "Chủ tịch Quốc hội"}
    provinces = DATA / "provinces.yaml"
    if provinces.exists():
        data = yaml.safe_load(provinces.read_text(encoding="utf-8")) or {}
        names |= {p["name"] for p in data.get("provinces", []) if isinstance(p, dict) and p.get("name")}
    return sorted(names, key=len, reverse=True)


@lru_cache(maxsize=1)
def _proper_by_fold() -> dict[str, str]:
    return {fold(n): n for n in _proper_names()}


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def proper_case(text: str, title: bool = False) -> str:
    """A capitalised header line in Vietnamese writing: known names keep their capitals.

    >>> proper_case("VĂN PHÒNG CHÍNH PHỦ")
    'Văn phòng Chính phủ'
    >>> proper_case("PHÓ CHỦ NHIỆM", title=True)
    'Phó Chủ nhiệm'
    >>> proper_case("BỘ TRƯỞNG, CHỦ NHIỆM", title=True)
    'Bộ trưởng, Chủ nhiệm'
    """
    text = re.sub(r"\s+", " ", text).strip()
    if not text or not _is_upper(text):
        return text
    known = _proper_by_fold().get(fold(text))
    if known:
        return known
    lower = " ".join(w if keeps_capitals(w) else w.lower() for w in text.split(" "))
    out = lower[:1].upper() + lower[1:]
    if title:
        # each title in a list ("Bộ trưởng, Chủ nhiệm") and the title after "Phó" is capitalised
        out = re.sub(r"(?:(?<=, )|(?<=,)|(?<=Phó )|(?<=phó ))(\w)", lambda m: m.group(1).upper(), out)
    folded_out = fold(out)
    for name, f in _proper_folds():
        if f in folded_out:
            out = restore_case(out, name)
    # a document named by its number is a proper name: "của Thông tư số 43/2025/TT-BCT"
    return _named_by_number().sub(lambda m: m.group(1)[:1].upper() + m.group(1)[1:], out)


@lru_cache(maxsize=1)
def _named_by_number() -> re.Pattern[str]:
    names = sorted({t.type.lower() for t in type_words() if not t.copy}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)({'|'.join(map(re.escape, names))})(?=\s+(?:số\s+)?\d)")


# A Vietnamese syllable without its marks (đ read as d): an onset, a vowel nucleus, a final consonant.
# A word in capitals that spells none and carries no vowel mark is an abbreviation ("UBND", "THPT",
# "CQĐP") or a Roman numeral ("XIV"); in running text it keeps its capitals.
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"(?:uye|uya|uyu|ieu|yeu|oai|oay|uoi|uou|oeo|oao|ai|ao|au|ay|eo|eu|ea|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|uu|uy|ya|ye"
    r"|[aeiouy])(?:ng|nh|ch|[cmnpt])?$")
_PLAIN_CAPITALS = re.compile(r"^[A-ZĐ0-9/.&\-]+$")
_WORD_EDGES = "()[]{}\"'“”‘’,;:!?*…"


def keeps_capitals(word: str) -> bool:
    """Whether a word printed in capitals stays so in running text: a number or symbol
    ("43/2025/TT-BCT", "QH15"), an abbreviation or a Roman numeral.

    >>> [w for w in "CỦA UBND TỈNH VỀ THÔNG TƯ SỐ 43/2025/TT-BCT KHÓA XIV (THPT) CASINO".split() if keeps_capitals(w)]
    ['UBND', '43/2025/TT-BCT', 'XIV', '(THPT)']
    """
    core = word.strip(_WORD_EDGES).rstrip(".")
    if not core or not _PLAIN_CAPITALS.match(core):
        return False
    if any(c.isdigit() for c in core):
        return True
    parts = [p.lower().replace("đ", "d") for p in re.split(r"[/.&\-]", core) if p]
    # a longer word with vowels in it is a loanword ("CASINO", "INTERNET"), not an abbreviation ("BVHTTDL")
    return any(len(p) >= 2 and not _SYLLABLE.match(p) and (len(p) <= 5 or sum(c in "aeiouy" for c in p) <= 1)
               for p in parts)


@lru_cache(maxsize=1)
def _proper_folds() -> list[tuple[str, str]]:
    return [(name, fold(name)) for name in _proper_names() if len(fold(name)) >= 4]


def restore_case(text: str, name: str) -> str:
    """Replace the span of ``text`` that spells ``name`` (ignoring case) by ``name``."""
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
    return pattern.sub(lambda _: name, text)


def expand_header_abbreviations(line: str) -> str:
    """``"UBND TỈNH BẮC GIANG"`` → ``"ỦY BAN NHÂN DÂN TỈNH BẮC GIANG"`` (table in doc_type_words.yaml)."""
    table = _words().get("header_abbreviations", {})
    words = [table.get(w, w) for w in line.split()]
    return " ".join(words)


def place_words() -> tuple[str, ...]:
    return tuple(_words().get("place_words", []))


def organ_words() -> tuple[str, ...]:
    """Words that open the name of an organ in a header ("BỘ", "SỞ", "CỤC", "VĂN PHÒNG", …)."""
    return tuple(_words().get("organ_words", []))


def place_case(upper: str) -> str:
    """``"HUYỆN GIA LÂM"`` → ``"huyện Gia Lâm"``: the unit word in lower case, the name capitalised."""
    for word in sorted(place_words(), key=len, reverse=True):
        if upper.startswith(word + " "):
            name = upper[len(word) + 1:]
            return word.lower() + " " + " ".join(w[:1] + w[1:].lower() for w in name.split())
    return proper_case(upper)


@lru_cache(maxsize=1)
def _province_units() -> dict[str, str]:
    """Folded province name → its unit and name as written after an organ: "tỉnh Quảng Trị"."""
    data = yaml.safe_load((DATA / "provinces.yaml").read_text(encoding="utf-8")) or {}
    out = {}
    for p in data.get("provinces", []):
        if isinstance(p, dict) and p.get("name"):
            unit = "thành phố" if p.get("kind") == "thanh_pho" else "tỉnh"
            name = re.sub(r"^(?:Thành phố|Tỉnh)\s+", "", p["name"])
            for spelling in (p["name"], name):
                out[fold(spelling)] = f"{unit} {name}"
    return out


_LOCAL_ORGAN = re.compile(r"^(?:Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân|Sở [^,]{2,40}|"
                          r"Văn phòng (?:Ủy|Uỷ) ban nhân dân|Văn phòng Hội đồng nhân dân)$")


_HAS_PLACE = re.compile(r"\b(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+[A-ZĐÀ-Ỹ]",
                        re.IGNORECASE)


def complete_local_issuer(issuer: str | None, place: str | None) -> str | None:
    """A local organ printed without its province takes the province of the place-date line:
    ("Ủy ban nhân dân", "Quảng Trị") → "Ủy ban nhân dân tỉnh Quảng Trị". Only a province's name
    completes it (a district's place-date line belongs to a district's organ).

    >>> complete_local_issuer("Hội đồng nhân dân", "Hà Nội")
    'Hội đồng nhân dân thành phố Hà Nội'
    >>> complete_local_issuer("Ủy ban nhân dân", "Gia Lâm")
    'Ủy ban nhân dân'
    """
    if not issuer or not place or not _LOCAL_ORGAN.match(issuer) or _HAS_PLACE.search(issuer):
        return issuer
    unit = _province_units().get(fold(place))
    return f"{issuer} {unit}" if unit else issuer


def known_issuer(name: str) -> str | None:
    """The canonical spelling of an issuer name the code tables know, if any."""
    return _proper_by_fold().get(fold(name))


# --- identity from a Công báo file name ------------------------------------------------------

_GAZETTE_SLUG = re.compile(r"^(?P<type>[a-z-]+?)-so-(?P<number>\d+(?:-[a-z0-9]+)+?)(?:-\d{4,})?$")


def from_gazette_slug(stem: str) -> tuple[str | None, str | None]:
    """(type, number) from a congbao.chinhphu.vn page name, for pages that print neither
    (a continuation page holding only a signature or an annex).

    >>> from_gazette_slug("thong-tu-so-90-2025-tt-bqp-45890")
    ('Thông tư', '90/2025/TT-BQP')
    >>> from_gazette_slug("van-ban-hop-nhat-so-14-vbhn-vpqh-42949")
    ('Văn bản hợp nhất', '14/VBHN-VPQH')
    >>> from_gazette_slug("notes")
    (None, None)

    Party numbers ("10-TB/VPTW") cannot be told from the slug and come out as "10/TB-VPTW".
    """
    m = _GAZETTE_SLUG.match(stem.lower())
    if not m:
        return None, None
    type_name = next((t.type for t in type_words() if fold(t.type).replace(" ", "-") == m.group("type")), None)
    tokens = m.group("number").split("-")
    head = tokens[0] + (f"/{tokens[1]}" if len(tokens) > 2 and re.fullmatch(r"(?:19|20)\d\d", tokens[1]) else "")
    rest = tokens[2:] if "/" in head else tokens[1:]
    if not rest:
        return type_name, None
    return type_name, codes.canonical_number(f"{head}/{'-'.join(rest)}")
