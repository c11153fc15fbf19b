"""Normalisation: one clean text every later stage works on, with a map back to the original.

What it does, in order:

1. NFC, look-alike Cyrillic/Greek letters inside Vietnamese words, zero-width characters, NBSP;
2. drops the medium's noise lines: Công báo running heads and page numbers, e-signature stamps
   (``Người ký: Cổng Thông tin điện tử Chính phủ``), "(Xem tiếp Công báo số …)";
3. strips markdown emphasis and headings (``**``, ``####``), ``<u>`` tags and website watermarks such as
   ``[LuatVietnam](#)``; markdown table rows and wide two-column gaps become one line per cell;
4. re-joins PDF hard line breaks into paragraphs, so that ``Thủ tướng Chính phủ / Phạm Minh Chính``
   and ``Tổ / chức Y tế Thế giới`` come out whole;
5. reduces a scraped page that contains its own text twice to one copy.

The original spelling is kept (``hoà`` stays ``hoà``); matching uses :func:`danchieu.ingest.textutil.tone_normalize`.
``Normalized.to_original[i]`` is the offset in the input of normalised character ``i``
(``to_original[len(text)]`` is the input's length).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"


@dataclass(slots=True)
class Normalized:
    text: str
    # to_original[i] is the offset in the original text of normalised character i
    to_original: list[int]
    # (original start, original end, kind) of every line removed as noise: "page_head", "stamp", "duplicate"
    removed: list[tuple[int, int, str]] = field(default_factory=list)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if start >= end:
            pos = self.to_original[start]
            return pos, pos
        return self.to_original[start], self.to_original[end - 1] + 1


@dataclass(slots=True)
class _Line:
    text: str
    # original offset of each character: a list where cleaning changed the line, else a range
    # (most lines map one to one, and a range costs nothing to build)
    pos: list[int] | range
    end: int  # original offset of the line break after it
    gap: int = 0  # blank lines before it in the original
    column: bool = False  # a cell of a table row or a two-column layout: never joined to neighbours


# --- data -----------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _noise() -> dict[str, re.Pattern[str]]:
    data = yaml.safe_load((DATA / "page_noise.yaml").read_text(encoding="utf-8"))

    def alt(key: str) -> re.Pattern[str]:
        return re.compile("(?:" + "|".join(data[key]) + r")\s*", re.IGNORECASE)

    marks = "|".join(data["watermarks"])
    return {
        "page_head": alt("page_heads"),
        "stamp_start": alt("stamp_starts"),
        "stamp_line": alt("stamp_lines"),
        # [LuatVietnam](#), [LuatVietnam](https://…), or the bare word between spaces
        "watermark": re.compile(r"\s?\[\s*(?:" + marks + r")\s*\]\([^)]*\)|\s(?:" + marks + r")(?=\s)",
                                re.IGNORECASE),
    }


@lru_cache(maxsize=1)
def _homoglyphs() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in (DATA / "homoglyphs.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("char\t"):
            char, latin = line.split("\t")
            table[char] = latin
    return table


@lru_cache(maxsize=1)
def _homoglyph_char() -> re.Pattern[str]:
    return re.compile("[" + "".join(_homoglyphs()) + "]")


# a word, or a symbol joined by "-", "/", "." ("C04-ВСА", "12/ВСА"): the unit look-alikes are judged in
_TOKEN_CHAR = re.compile(r"[\w./-]")


# --- inline cleaning (per line, offsets kept) -----------------------------------------------------

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\f\v]")
_MD_EMPHASIS = re.compile(r"\*{2,3}|(?<!\w)__|__(?!\w)|</?(?:u|b|i|em|strong|span|br)\s*/?>", re.IGNORECASE)
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((?:[^)\s]*)\)")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_COLUMN_GAP = re.compile(r"(?<=\S)(?:\t+|[ \u00a0]{4,})(?=\S)")
_LETTER = re.compile(r"[^\W\d_]")


def _delete(text: str, pos: list[int], pattern: re.Pattern[str], keep_group: int | None = None
            ) -> tuple[str, list[int]]:
    """Remove every match of ``pattern`` (or replace it by its group ``keep_group``), keeping offsets."""
    if not pattern.search(text):
        return text, pos
    out: list[str] = []
    out_pos: list[int] = []
    last = 0
    for m in pattern.finditer(text):
        out.append(text[last:m.start()])
        out_pos.extend(pos[last:m.start()])
        if keep_group is not None:
            g0, g1 = m.span(keep_group)
            out.append(text[g0:g1])
            out_pos.extend(pos[g0:g1])
        last = m.end()
    out.append(text[last:])
    out_pos.extend(pos[last:])
    return "".join(out), out_pos


def _nfc_with_positions(text: str, start: int) -> tuple[str, list[int]]:
    if unicodedata.is_normalized("NFC", text):
        return text, list(range(start, start + len(text)))
    out: list[str] = []
    pos: list[int] = []
    # Compose cluster by cluster (a base letter and its combining marks) so each output character
    # maps to the start of the cluster it came from.
    for m in re.finditer(r".[\u0300-\u036f\u0323]*", text, re.DOTALL):
        composed = unicodedata.normalize("NFC", m.group(0))
        out.append(composed)
        pos.extend([start + m.start()] * len(composed))
    return "".join(out), pos


_NEEDS_CLEANING_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad\f\v\u00a0*_#<["


@lru_cache(maxsize=1)
def _needs_cleaning() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Cheap tests for anything the inline cleaning would touch; most lines have none.

    The first is matched against the text, the second (watermarks) against its lower-cased copy:
    case-insensitive alternations scan slowly, and watermarks are only ever letters and dots.
    """
    chars = re.escape(_NEEDS_CLEANING_CHARS) + "".join(_homoglyphs())
    marks = "|".join(m.lower() for m in yaml.safe_load(
        (DATA / "page_noise.yaml").read_text(encoding="utf-8"))["watermarks"])
    return re.compile(f"[{chars}]+"), re.compile(marks)


def _clean_inline(text: str, pos: list[int]) -> tuple[str, list[int]]:
    text, pos = _delete(text, pos, _INVISIBLE)
    if "\u00a0" in text:
        text = text.replace("\u00a0", " ")
    if _homoglyph_char().search(text):
        text = _replace_homoglyphs(text)
    text, pos = _delete(text, pos, _noise()["watermark"])
    text, pos = _delete(text, pos, _MD_LINK, keep_group=1)
    text, pos = _delete(text, pos, _MD_HEADING)
    text, pos = _delete(text, pos, _MD_EMPHASIS)
    return text, pos


def _is_latin_letter(c: str) -> bool:
    o = ord(c)
    return c.isalpha() and (o < 0x250 or 0x1E00 <= o <= 0x1EFF)


def _replace_homoglyphs(text: str) -> str:
    """Look-alikes replaced inside each token holding one; linear: each token is judged once.

    >>> _replace_homoglyphs("số 12/C04-ВСА, 15/ВСА; Москва")
    'số 12/C04-BCA, 15/BCA; Москва'
    """
    table = _homoglyphs()
    out: list[str] = []
    last = 0
    for m in _homoglyph_char().finditer(text):
        if m.start() < last:
            continue  # inside a token already judged
        start, end = m.start(), m.end()
        while start > last and _TOKEN_CHAR.match(text, start - 1):
            start -= 1
        while end < len(text) and _TOKEN_CHAR.match(text, end):
            end += 1
        word = text[start:end]
        if any(_is_latin_letter(c) for c in word) or (
                any(c.isdigit() for c in word) and all(c in table for c in word if c.isalpha())):
            word = "".join(table.get(c, c) for c in word)
        # else a word wholly in another script stays as it is; a symbol with digits does not
        out.append(text[last:start])
        out.append(word)
        last = end
    out.append(text[last:])
    return "".join(out)  # same length: offsets unchanged


def _split_cells(text: str, pos: list[int]) -> list[tuple[str, list[int]]]:
    """A markdown table row or a line with wide column gaps → its cells."""
    if _TABLE_ROW.match(text):
        cells = []
        for m in re.finditer(r"[^|]+", text):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                cells.append((text[s:e], pos[s:e]))
        return cells
    if _COLUMN_GAP.search(text):
        cells = []
        last = 0
        for m in _COLUMN_GAP.finditer(text):
            cells.append((text[last:m.start()], pos[last:m.start()]))
            last = m.end()
        cells.append((text[last:], pos[last:]))
        return [(t.strip(), p[len(t) - len(t.lstrip()):len(p) - (len(t) - len(t.rstrip()))])
                for t, p in cells if t.strip()]
    return [(text, pos)]


# --- lines ------------------------------------------------------------------------------------------

def _raw_lines(raw: str) -> list[tuple[str, int, int]]:
    """(line text without its break, start offset, offset of its break)."""
    lines = []
    start = 0
    for chunk in raw.splitlines(keepends=True):  # \n, \r\n, \r, \f and the other Unicode breaks
        body = chunk.rstrip("\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029")
        lines.append((body, start, start + len(body)))
        start += len(chunk)
    if not lines or raw.endswith(("\n", "\r", "\f")):
        lines.append(("", start, start))
    return lines


def _mark_noise(raw_lines: list[tuple[str, int, int]]) -> list[str | None]:
    """For each line: ``None`` to keep it, or the kind of noise it is."""
    noise = _noise()
    kinds: list[str | None] = [None] * len(raw_lines)
    stripped = [t.strip() for t, _, _ in raw_lines]
    for i, s in enumerate(stripped):
        if not s or len(s) > 120:
            continue
        if noise["page_head"].fullmatch(s):
            kinds[i] = "page_head"
            # the page number printed beside the running head, on its own lines before or after it
            # (a repeated page number is removed too, a different number is table content)
            for step in (-1, 1):
                j, page = i + step, None
                while 0 <= j < len(stripped) and abs(j - i) <= 4:
                    if stripped[j].isdigit() and len(stripped[j]) <= 4 and page in (None, stripped[j]):
                        kinds[j], page = "page_head", stripped[j]
                    elif stripped[j]:
                        break
                    j += step
        elif noise["stamp_start"].fullmatch(s):
            follow = [k for k in range(i + 1, min(i + 5, len(stripped))) if stripped[k]]
            # the signer's name may wrap onto one short line ("… Chính" / "phủ") before the fields
            wrapped = follow[:1] if len(follow) > 1 and len(stripped[follow[0]]) <= 40 and \
                noise["stamp_line"].fullmatch(stripped[follow[1]]) else []
            rest = follow[len(wrapped):]
            if rest and noise["stamp_line"].fullmatch(stripped[rest[0]]):
                kinds[i] = "stamp"
                for k in wrapped:
                    kinds[k] = "stamp"
                for k in range(rest[0], min(rest[0] + 6, len(stripped))):
                    if noise["stamp_line"].fullmatch(stripped[k]):
                        kinds[k] = "stamp"
                    elif stripped[k]:
                        break
    return kinds


# starts with a literal so the scan is fast; a gap at the start of a line is checked off later
_MAYBE_CELLS = re.compile(r"\||\t|    +(?=\S)|\u00a0")


def _build_lines(raw: str, removed: list[tuple[int, int, str]]) -> list[_Line]:
    raw_lines = _raw_lines(raw)
    # one regex pass over the whole text tells which lines need the (slower) per-line work
    marks, watermarks = _needs_cleaning()
    dirty = sorted([m.start() for m in marks.finditer(raw)] + [m.start() for m in watermarks.finditer(
        raw.replace("\u0130", "I").lower())])  # İ is the one letter whose lower case is longer
    columns = [m.start() for m in _MAYBE_CELLS.finditer(raw)
               if m.group(0)[0] != " " or (m.start() > 0 and not raw[m.start() - 1].isspace())]
    composed = unicodedata.is_normalized("NFC", raw)
    di = ci = 0
    kinds = _mark_noise(raw_lines)
    lines: list[_Line] = []
    gap = 0
    after_noise = False
    for (text, start, end), kind in zip(raw_lines, kinds):
        if kind:
            removed.append((start, end, kind))
            # a page break is invisible: neither it nor the blank lines around it separate paragraphs
            gap, after_noise = 0, True
            continue
        if "|" in text and _TABLE_RULE.match(text):
            continue
        if not text.strip():
            gap += 0 if after_noise else 1
            continue
        after_noise = False
        # lines come in order: walk two pointers instead of searching the hit lists
        while di < len(dirty) and dirty[di] < start:
            di += 1
        while ci < len(columns) and columns[ci] < start:
            ci += 1
        dirty_line = di < len(dirty) and dirty[di] < end
        if composed and not dirty_line and not (ci < len(columns) and columns[ci] < end):
            body = text.rstrip()  # the common case: the line maps one to one
            lines.append(_Line(body, range(start, start + len(body)), end, gap))
            gap = 0
            continue
        t, p = (text, list(range(start, end))) if composed else _nfc_with_positions(text, start)
        if dirty_line:
            t, p = _clean_inline(t, p)
        cells = _split_cells(t, p)
        for k, (ct, cp) in enumerate(cells):
            ct_stripped = ct.rstrip()
            if not ct_stripped.strip():
                continue
            lines.append(_Line(ct_stripped, cp[:len(ct_stripped)], end, gap if k == 0 else 0,
                               column=len(cells) > 1))
        gap = 0
    return lines


# --- re-joining hard line breaks ------------------------------------------------------------------

_STRUCTURAL = re.compile(
    r"^\s*(?:Điều\s+\d|Chương\s+[IVXLC\d]|Mục\s+\d|Phần\s+(?:thứ|[IVX\d])|Phụ lục|"
    r"\d+(?:\.\d+)*\s*[.)/]\s|\d+(?:\.\d+)+\s|[a-zđ]\)\s|[-–—•+*]\s*|\(\d+\)|\([a-zđ]\)|[IVXLC]+[.)]\s|"
    r"Nơi nhận|KT\.|TM\.|T/M|TL\.|TUQ\.|Q\.\s|Căn cứ|Theo đề nghị|Xét đề nghị|Số\s*:)",
)
_ENDS_SENTENCE = re.compile(r"(?:[.;:!?…]|\./\.|[.;:!?]\s*[\"”’)])\s*$")


def _no_lowercase(text: str) -> bool:
    return text.upper() == text


def _typical_width(lines: list[_Line]) -> int:
    widths = sorted(len(line.text.strip()) for line in lines if len(line.text.strip()) >= 30)
    if len(widths) < 5:
        return 10_000  # too few long lines to speak of wrapping: never join on width alone
    return widths[int(len(widths) * 0.75)]


def _double_spaced(lines: list[_Line]) -> bool:
    """PDF text copied with a blank line after every line (each wrapped line is its own paragraph)."""
    if len(lines) < 10:
        return False
    with_gap = sum(1 for line in lines[1:] if line.gap == 1)
    widths = sorted(len(line.text) for line in lines)
    return with_gap >= 0.6 * (len(lines) - 1) and widths[len(widths) // 2] < 110


def _joiner(a: _Line, b: _Line, width: int, soft_gap: int) -> str:
    """What goes between line ``a`` and line ``b``: "" (hyphen join), " ", "\\n" or "\\n\\n"."""
    if b.gap > soft_gap:
        return "\n\n"
    if a.column or b.column:
        return "\n"
    at, bt = a.text.rstrip(), b.text.lstrip()
    if _STRUCTURAL.match(bt) or _no_lowercase(at) and _LETTER.search(at):
        return "\n"
    if _ENDS_SENTENCE.search(at):
        return "\n"
    if at.endswith("-") and len(at) > 1 and not at[-2].isspace() and bt[:1].isalnum():
        return ""  # "COVID-" / "19"
    if bt[:1].islower() or at.endswith((",", "-", "–", "(", "và", "của", "các", "về", "tại")):
        return " "
    if len(at.strip()) >= max(0.8 * width, 50):
        return " "  # a full-width line wrapped before a capitalised word: "Thủ tướng Chính phủ / Phạm Minh Chính"
    return "\n"


def _assemble(lines: list[_Line], total: int) -> tuple[str, list[int]]:
    if not lines:
        return "", [total]
    width = _typical_width(lines)
    soft_gap = 1 if _double_spaced(lines) else 0
    out: list[str] = []
    pos: list[int] = []
    prev: _Line | None = None
    for line in lines:
        text, p = line.text, line.pos
        if prev is not None:
            sep = _joiner(prev, line, width, soft_gap)
            if sep in (" ", ""):
                # leading indentation of a continuation line is layout, not text
                lead = len(text) - len(text.lstrip())
                text, p = text[lead:], p[lead:]
            out.append(sep)
            pos.extend([prev.end] * len(sep))
        out.append(text)
        pos.extend(p)
        prev = line
    pos.append(total)
    return "".join(out), pos


# --- duplicated scraped text --------------------------------------------------------------------

def _fold_key(text: str) -> str:
    return "".join(text.split())  # exact copies up to spacing: a scraper repeats text verbatim


def _drop_repeats(lines: list[_Line], removed: list[tuple[int, int, str]]) -> list[_Line]:
    """Remove a run of ≥3 long lines that repeats, in order, lines seen earlier (a page scraped twice)."""
    keys = [_fold_key(line.text) if len(line.text) >= 40 else "" for line in lines]
    first: dict[str, int] = {}
    by_prefix: dict[str, list[str]] = {}
    keep = [True] * len(lines)
    j = 0
    while j < len(lines):
        k = keys[j]
        if k and k in first:
            i, run_i, run_j, matched = first[k], first[k], j, 0
            # walk both copies together, letting short lines (captions, "1177 lượt xem") differ
            while run_i < j and run_j < len(lines):
                if keys[run_j] == "":
                    run_j += 1
                    continue
                if keys[run_i] == "":
                    run_i += 1
                    continue
                if keys[run_i] != keys[run_j]:
                    # one line present in only one copy (a photo caption): skip it and resynchronise
                    if run_i + 1 < j and keys[run_i + 1] == keys[run_j]:
                        run_i += 1
                        continue
                    if run_j + 1 < len(lines) and keys[run_i] == keys[run_j + 1]:
                        run_j += 1
                        continue
                    break
                matched += 1
                run_i += 1
                run_j += 1
            if matched >= 3 and i < j:
                for x in range(j, run_j):
                    keep[x] = False
                removed.append((lines[j].pos[0] if lines[j].pos else lines[j].end,
                                lines[run_j - 1].end, "duplicate"))
                j = run_j
                continue
        if k and k not in first and _composed_of_earlier(k, by_prefix):
            keep[j] = False  # two earlier paragraphs glued into one line by the second copy
            removed.append((lines[j].pos[0] if lines[j].pos else lines[j].end, lines[j].end, "duplicate"))
        elif k and k not in first:
            first[k] = j
            by_prefix.setdefault(k[:30], []).append(k)
        j += 1
    return [line for line, kept in zip(lines, keep) if kept]


def _composed_of_earlier(key: str, by_prefix: dict[str, list[str]]) -> bool:
    parts = 0
    rest = key
    while rest:
        match = next((k for k in by_prefix.get(rest[:30], []) if rest.startswith(k)), None)
        if match is None:
            return False
        rest = rest[len(match):]
        parts += 1
    return parts >= 2


def normalize(raw: str) -> Normalized:
    """Normalise a decoded document (see the module docstring).

    >>> normalize("Thủ tướng Chính phủ\\nPhạm Minh Chính chủ trì.").text
    'Thủ tướng Chính phủ\\nPhạm Minh Chính chủ trì.'
    >>> normalize("đại diện Tổ\\nchức Y tế Thế giới [LuatVietnam](#) tại Việt Nam.").text
    'đại diện Tổ chức Y tế Thế giới tại Việt Nam.'
    """
    removed: list[tuple[int, int, str]] = []
    lines = _build_lines(raw, removed)
    lines = _drop_repeats(lines, removed)
    text, pos = _assemble(lines, len(raw))
    return Normalized(text=text, to_original=pos, removed=removed)
