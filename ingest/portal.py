"""Legal-portal pages: the site's metadata block read as its own source, the site's furniture removed.

A page saved from thuvienphapluat.vn (or vbpl, luatvietnam, congbao) holds the document between the
site's copyright notice, a metadata block (``Số hiệu``, ``Loại văn bản``, ``Nơi ban hành``,
``Người ký``, ``Ngày ban hành``, ``Tình trạng``), sometimes a news summary, and a tail of related
documents, addresses and the site's own dated notices ("TP. HCM, ngày 31/05/2021"). Only the
document's own text may give its identity; the metadata block is kept beside it as what the *site*
says, and compared (see :func:`cross_check`).

Furniture is blanked, not cut: every character but the line breaks becomes a space, so that offsets
into the page stay offsets into the input. The patterns are data: ``ingest/data/portal_pages.yaml``.

>>> page = read_page("Đang tải văn bản...\\n**Số hiệu:**\\n|\\n285/TB-VPCP\\n**Ngày ban hành:**\\n|\\n"
...                  "27/10/2021\\nVĂN PHÒNG CHÍNH PHỦ\\nSố: 285/TB-VPCP")
>>> page.metadata["number"], page.metadata["date"], page.metadata["source"]
('285/TB-VPCP', '2021-10-27', 'portal metadata block')
>>> page.text.split("\\n")[-2:]
['VĂN PHÒNG CHÍNH PHỦ', 'Số: 285/TB-VPCP']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from danchieu.ingest.textutil import fold

DATA = Path(__file__).resolve().parent / "data"
_DECOR = re.compile(r"[*|_`]+")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# Lines that only the document itself prints: the news summary ends before them.
_DOCUMENT_START = re.compile(r"^(?:Số\s*:?\s*\d|Kính gửi|CỘNG\s*HÒA|ĐẢNG\s+CỘNG|Độc lập\s*-)", re.IGNORECASE)


@dataclass(slots=True)
class PortalPage:
    text: str  # the page with the site's furniture blanked (same length, same line breaks)
    metadata: dict[str, Any] = field(default_factory=dict)  # what the site's block says, with "source"
    furniture: list[tuple[int, int]] = field(default_factory=list)  # blanked spans (offsets in the page)
    block: tuple[int, int] | None = None  # where the metadata block stands in the page


@dataclass(frozen=True, slots=True)
class _Line:
    raw: str
    clean: str  # emphasis and table bars removed, trimmed
    start: int
    end: int


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return yaml.safe_load((DATA / "portal_pages.yaml").read_text(encoding="utf-8"))


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{pattern})$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    d = _data()
    labels = sorted(d["metadata_labels"], key=len, reverse=True)
    return {
        "site": [_rx(p) for p in d["site_markers"]],
        "label": re.compile(r"^(" + "|".join(re.escape(x) for x in labels) + r")\s*:\s*(.*)$", re.IGNORECASE),
        "label_key": {fold(k): v for k, v in d["metadata_labels"].items()},
        "unknown": {fold(v) for v in d["unknown_values"]},
        "blocks": [(_rx(b["start"]), _rx(b["end"]) if b.get("end") else None, int(b.get("max_lines", 1)),
                    bool(b.get("before_document"))) for b in d["blocks"]],
        "tail": [_rx(p) for p in d["tail_starts"]],
        "summary": _rx(d["tail_summary"]),
    }


def _lines(text: str) -> list[_Line]:
    out, start = [], 0
    for raw in text.split("\n"):
        out.append(_Line(raw, _DECOR.sub("", raw).strip(), start, start + len(raw)))
        start += len(raw) + 1
    return out


def is_portal_page(text: str) -> bool:
    """Whether the text is a page saved from a legal portal (its furniture is in it)."""
    site = _patterns()["site"]
    return any(any(p.match(line.clean) for p in site) for line in _lines(text[:20000]) if line.clean)


def read_page(text: str) -> PortalPage | None:
    """The page without the site's furniture, and the site's metadata; None for any other text."""
    if not is_portal_page(text):
        return None
    lines = _lines(text)
    drop: set[int] = set()
    metadata = _metadata(lines, drop)
    block = (lines[min(drop)].start, lines[max(drop)].end) if drop else None
    _blocks(lines, drop)
    _tail(lines, drop)
    chars = list(text)
    spans: list[tuple[int, int]] = []
    for i in sorted(drop):
        line = lines[i]
        for k in range(line.start, line.end):
            chars[k] = " "
        if spans and spans[-1][1] + 1 >= line.start:
            spans[-1] = (spans[-1][0], line.end)
        else:
            spans.append((line.start, line.end))
    if metadata:
        metadata["source"] = "portal metadata block"
    return PortalPage("".join(chars), metadata, spans, block)


def _cells(lines: list[_Line]) -> list[tuple[int, str]]:
    """(line index, text) of every table cell or line holding text: a saved HTML page puts a whole
    row ("| Số hiệu: | 285/TB-VPCP | Loại văn bản: | Thông báo") on one line."""
    out = []
    for i, line in enumerate(lines):
        for cell in line.raw.split("|"):
            clean = re.sub(r"[*_`]+", "", cell).strip()
            if clean:
                out.append((i, clean))
    return out


def _metadata(lines: list[_Line], drop: set[int]) -> dict[str, Any]:
    """The first run of labelled cells (two labels at least); their lines are furniture."""
    p = _patterns()
    cells = _cells(lines)
    out: dict[str, Any] = {}
    used: list[int] = []
    k = 0
    while k < len(cells):
        i, text = cells[k]
        m = p["label"].match(text)
        if not m:
            if used and i > used[-1] + 2:
                break  # the run of labels is over
            k += 1
            continue
        key = p["label_key"][fold(m.group(1))]
        value, last = m.group(2).strip(), i
        if not value and k + 1 < len(cells) and cells[k + 1][0] <= i + 4 \
                and not p["label"].match(cells[k + 1][1]):
            k += 1
            value, last = cells[k][1], cells[k][0]
        used.extend([i, last])
        if value and fold(value) not in p["unknown"] and key not in out:
            out[key] = _value(key, value)
        k += 1
    if len(out) < 2 and len(used) < 8:
        return {}
    if used:
        drop.update(range(min(used), max(used) + 1))
    return out


def _value(key: str, value: str) -> str:
    value = re.sub(r"\s+", " ", value).strip()
    if key in ("date", "effective", "gazette_date"):
        m = _DATE.match(value)
        if m:
            return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return value


def _blocks(lines: list[_Line], drop: set[int]) -> None:
    document_at = next((i for i, line in enumerate(lines) if _DOCUMENT_START.match(line.clean) and i not in drop),
                       len(lines))
    for start_rx, end_rx, max_lines, before_document in _patterns()["blocks"]:
        for i, line in enumerate(lines):
            probe = line.raw.strip() if before_document else line.clean
            if i in drop or not start_rx.match(probe):
                continue
            if before_document and i > document_at:
                continue
            if end_rx is None:
                drop.add(i)
                continue
            end = _block_end(lines, i, end_rx, max_lines, before_document)
            if end is not None:
                drop.update(range(i, end + 1))


def _block_end(lines: list[_Line], i: int, end_rx: re.Pattern[str], max_lines: int,
               before_document: bool) -> int | None:
    last_text = i
    for k in range(i + 1, min(len(lines), i + max_lines + 1)):
        clean = lines[k].clean
        if end_rx.match(clean):
            return k
        if before_document and (_DOCUMENT_START.match(clean) or lines[k].raw.strip() == "|"):
            return last_text  # the summary ran up to the document's own header
        if clean:
            last_text = k
    return None


def _tail(lines: list[_Line], drop: set[int]) -> None:
    p = _patterns()
    start = len(lines) // 4
    for i in range(start, len(lines)):
        if i in drop or not any(rx.match(lines[i].clean) for rx in p["tail"]):
            continue
        first = i
        k = i - 1
        while k > 0 and not lines[k].clean:
            k -= 1
        if k > 0 and p["summary"].match(lines[k].clean):
            first = k
        drop.update(range(first, len(lines)))
        return


# --- cross-check ---------------------------------------------------------------------------------

def cross_check(metadata: dict[str, Any], number: str | None, date: str | None, issuer: str | None,
                signers: list[str]) -> list[str]:
    """Warnings where the site's metadata and what the document prints disagree (never an override).

    >>> cross_check({"number": "285/TB-VPCP", "date": "2021-10-27"}, "285/TB-VPCP", "2021-10-28", None, [])
    ['portal metadata says date 2021-10-27, the document prints 2021-10-28']
    """
    out = []
    pairs: list[tuple[str, str | None, Callable[[str], str]]] = [
        ("number", number, _number_key), ("date", date, str), ("issuer", issuer, fold)]
    for key, printed, norm in pairs:
        site = metadata.get(key)
        if site and printed and norm(site) != norm(printed):
            out.append(f"portal metadata says {key} {site}, the document prints {printed}")
    site_signer = metadata.get("signer")
    if site_signer and signers and fold(site_signer) not in {fold(s) for s in signers}:
        out.append(f"portal metadata says signer {site_signer}, the document prints {', '.join(signers)}")
    return out


def _number_key(number: str) -> str:
    return fold(number).replace(" ", "")
