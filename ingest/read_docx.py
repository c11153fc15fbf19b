"""DOCX → text by structure: paragraphs, tables, text boxes and footnotes in reading order.

A state document made in Word sets its header and its signature block in borderless tables:

    | BỘ CÔNG THƯƠNG      | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM  |
    |                     | Độc lập - Tự do - Hạnh phúc         |
    | Số: 67/2025/TT-BCT  | Hà Nội, ngày 31 tháng 12 năm 2025   |
    ...
    | Nơi nhận:           | KT. BỘ TRƯỞNG                       |
    | - Như trên;         | THỨ TRƯỞNG                          |
    | - Lưu: VT, ATMT.    |                                     |
    |                     | Trương Thanh Hoài                   |

Such a *layout table* (two to four columns, a few rows, holding a header or signature cue) is
written column by column, each cell's lines together, so that :mod:`danchieu.ingest.layout` sees the issuer
and the number as one run of lines, the motto and the place-date as another, the ``Nơi nhận`` list
apart from the signature. Any other table is a data table: one markdown row per table row.

Text boxes (``w:txbxContent``) follow the paragraph that anchors them; the copy Word keeps for old
readers (``mc:Fallback``) is skipped. Footnotes come after the body, one line each. Deleted text of
tracked changes (``w:delText``) and field codes are not text. Linear in the size of the XML.
"""

from __future__ import annotations

import io
import re
import zipfile

from danchieu.ingest import limits

from danchieu.errors import ReadError, UnsupportedFormat

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# hook for the zip-bomb limits: no XML part of a real document comes near this when unpacked
MAX_PART_BYTES = 64 * 1024 * 1024

_LAYOUT_CUE = re.compile(
    r"^\s*(?:Nơi\s+nhận|CỘNG\s+HÒA|CỘNG\s+HOÀ|Độc\s+lập|ĐẢNG\s+CỘNG\s+SẢN|Số\s*:|Số\s+\d|"
    r"(?:KT|TM|TL|TUQ|Q|PP|T/M|K/T)\.?\s+[A-ZĐÀ-Ỹ]|V/v\b)"
    r"|ngày\s+\S*\s*tháng\s+\S*\s*năm\s+\d{4}", re.IGNORECASE)
# a tab after "Số:" or before the "/" of a symbol stands for the number left blank, not a column
_ALIGNING_TAB = re.compile(r"(?<=Số:)\t+|(?<=Số)\t+|\t+(?=/)")
_DRAFT_BLANK = re.compile(r"(?<=Số:)[ \t\u00a0]{2,}(?=/)|(?<=Số)[ \t\u00a0]{2,}(?=/)|(?<=ngày)[ \t\u00a0]{2,}(?=tháng)"
                          r"|(?<=tháng)[ \t\u00a0]{2,}(?=năm)", re.IGNORECASE)
_MAX_LAYOUT_COLUMNS = 4
RULE = re.compile(r"^\s*[-–—_=*.~]{3,}\s*$")  # a line drawn with characters under a header block
_MAX_LAYOUT_ROWS = 8


def read_docx(data: bytes, label: str) -> str:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        limits.check_zip(zf, label)  # a ZIP bomb is refused before anything is decompressed (issue 14)
        names = set(zf.namelist())
    except zipfile.BadZipFile as exc:
        raise ReadError(f"{label}: a damaged ZIP/DOCX file ({exc})") from exc
    if "word/document.xml" not in names:
        raise UnsupportedFormat(f"{label}: a ZIP archive, not a DOCX document; unpack it first")
    body = _parse(read_part(zf, "word/document.xml", label)).find(f"{W}body")
    out = _Writer()
    if body is not None:
        out.blocks(body)
    if "word/footnotes.xml" in names:
        notes = _footnotes(_parse(read_part(zf, "word/footnotes.xml", label)), out.footnote_ids)
        if notes:
            out.lines.append("")
            out.lines.extend(notes)
    return close_blanks("\n".join(out.lines))


def close_blanks(text: str) -> str:
    """Close the blanks an unsigned draft leaves for the number and the day.

    ``Số:        /SCT - CN`` and ``ngày       tháng 12`` would otherwise be read as two columns
    (a wide gap is a cell boundary to :mod:`danchieu.ingest.normalize`), the symbol or the month cut off.

    >>> close_blanks("Số:        /SCT - CN\tLào Cai, ngày       tháng 12 năm 2025")
    'Số: /SCT - CN\tLào Cai, ngày tháng 12 năm 2025'
    """
    return _DRAFT_BLANK.sub(" ", text)


def read_part(zf: zipfile.ZipFile, name: str, label: str) -> bytes:
    """One member of the package, refused when it unpacks to more than :data:`MAX_PART_BYTES`."""
    info = zf.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise ReadError(f"{label}: {name} unpacks to {info.file_size} bytes, over the "
                        f"{MAX_PART_BYTES}-byte limit; not a document")
    with zf.open(info) as member:
        data = member.read(MAX_PART_BYTES + 1)  # the header's size may lie: read no further than the limit
    if len(data) > MAX_PART_BYTES:
        raise ReadError(f"{label}: {name} unpacks to more than {MAX_PART_BYTES} bytes; not a document")
    return data


def _parse(xml: bytes):  # noqa: ANN202 - an lxml element
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    return etree.fromstring(xml, parser)


class _Writer:
    def __init__(self, in_cell: bool = False) -> None:
        self.lines: list[str] = []
        self.footnote_ids: list[str] = []
        # inside a table cell a tab aligns ("Số:<tab>/QĐ-SCT" of an unnumbered draft), it is no column
        self.in_cell = in_cell

    def blocks(self, parent) -> None:  # noqa: ANN001
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                self.lines.extend(self.table(child))
            elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent", f"{W}ins"):
                self.blocks(child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child)

    def paragraph(self, p) -> None:  # noqa: ANN001
        text, boxes = self._runs(p)
        text = _ALIGNING_TAB.sub(" ", text) if not self.in_cell else text.replace("\t", " ")
        self.lines.extend(text.split("\n"))
        for box in boxes:
            self.blocks(box)

    def _runs(self, p) -> tuple[str, list]:  # noqa: ANN001
        """The paragraph's own text, and the text boxes anchored in it."""
        parts: list[str] = []
        boxes: list = []
        stack = [iter(p)]
        while stack:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
                continue
            tag = el.tag
            if not isinstance(tag, str) or tag == _MC_FALLBACK:
                continue
            if tag == f"{W}t":
                parts.append(el.text or "")
            elif tag == f"{W}tab":
                parts.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}footnoteReference":
                ref = el.get(f"{W}id")
                if ref is not None:
                    self.footnote_ids.append(ref)
            elif tag == f"{W}txbxContent":
                boxes.append(el)
            elif tag in (f"{W}delText", f"{W}instrText", f"{W}del", f"{W}pPr", f"{W}rPr"):
                continue
            elif len(el):
                stack.append(iter(el))
        return "".join(parts), boxes

    def cell_lines(self, tc) -> list[str]:  # noqa: ANN001
        inner = _Writer(in_cell=True)
        inner.blocks(tc)
        self.footnote_ids.extend(inner.footnote_ids)
        lines = [s.rstrip() for s in inner.lines]
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        return lines

    def table(self, tbl) -> list[str]:  # noqa: ANN001
        rows: list[list[list[str]]] = []
        for tr in tbl.iterchildren(f"{W}tr"):
            cells = [self.cell_lines(tc) for tc in tr.iterchildren(f"{W}tc")]
            if any(cells):
                rows.append(cells)
        if not rows:
            return []
        width = max(len(r) for r in rows)
        if width == 1:  # a framed paragraph
            return [line for r in rows for c in r for line in c]
        if width <= _MAX_LAYOUT_COLUMNS and len(rows) <= _MAX_LAYOUT_ROWS and _has_layout_cue(rows):
            return _by_columns(rows, width)
        return ["| " + " | ".join(" ".join(s.strip() for s in c if s.strip()) for c in r) + " |" for r in rows]


def _has_layout_cue(rows: list[list[list[str]]]) -> bool:
    return any(_LAYOUT_CUE.search(line) for r in rows for c in r for line in c[:3])


def _by_columns(rows: list[list[list[str]]], width: int) -> list[str]:
    """Column by column, a blank line between cells: each block stays one run of lines. The rules
    drawn under the issuer and the motto ("-------") go: normalisation would glue them to the
    line that follows ("-----Hà Nội, ngày 21 …")."""
    out: list[str] = []
    for col in range(width):
        for r in rows:
            lines = [s for s in r[col] if not RULE.match(s)] if col < len(r) else []
            if any(s.strip() for s in lines):
                if out:
                    out.append("")
                out.extend(lines)
    return out


def _footnotes(root, wanted: list[str]) -> list[str]:  # noqa: ANN001
    """The footnotes referred to in the body, in the order of reference: "¹ text" → "1 text"."""
    by_id = {}
    for fn in root.iterchildren(f"{W}footnote"):
        if fn.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        w = _Writer()
        w.blocks(fn)
        text = " ".join(s.strip() for s in w.lines if s.strip())
        if text:
            by_id[fn.get(f"{W}id")] = text
    out = []
    for n, ref in enumerate(dict.fromkeys(wanted), start=1):
        if ref in by_id:
            out.append(f"{n} {by_id[ref]}")
    return out
