"""Words with their positions on a page → lines of text in reading order.

Shared by the PDF reader (poppler's word boxes) and OCR (Tesseract's word boxes). A Vietnamese state
document sets its header and its signature block in two columns, side by side:

    BỘ CÔNG THƯƠNG                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    CỤC ĐỔI MỚI SÁNG TẠO,               Độc lập - Tự do - Hạnh phúc
      CHUYỂN ĐỔI XANH VÀ
    Số: 1178/ĐCK-CTT               Hà Nội, ngày 09 tháng 7 năm 2025

Read line by line, the issuer's lines interleave with the motto's. Here a *column run* — consecutive
lines that each hold one block left of a common gutter, one right of it, or both — is written as its
left column first, then its right column, so that :mod:`danchieu.ingest.layout` sees the issuer, the number
and the "V/v" subject as one run of lines and the motto and place-date as another (and, at the end,
the ``Nơi nhận`` list apart from the signature). Lines that cross the gutter (body text, centred
titles) are written as they stand, so the body keeps its order. Linear in the number of words
(after one sort).
"""

from __future__ import annotations

from dataclasses import dataclass

# a horizontal gap wider than this many line heights separates two blocks on one line
_BLOCK_GAP = 1.6
# a vertical gap wider than this many line heights is written as a blank line
_PARA_GAP = 1.4
# lines whose blocks are more than this many are table rows: written as they stand, cells apart
_MAX_COLUMNS = 2
_CELL_SEP = "    "  # four spaces: normalize.py reads a wide gap as a cell boundary


@dataclass(slots=True)
class Word:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    # the line the word was found on by OCR (-1: unknown). A scan is never quite straight: across a
    # page a line drifts by half its height, so words are grouped by the OCR's lines, not by height
    line: int = -1


@dataclass(slots=True)
class _Line:
    top: float
    bottom: float
    words: list[Word]
    blocks: list[list[Word]]  # words grouped by wide horizontal gaps

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    def block_text(self, i: int) -> str:
        return " ".join(w.text for w in self.blocks[i])

    def text(self) -> str:
        return _CELL_SEP.join(self.block_text(i) for i in range(len(self.blocks)))


def page_text(words: list[Word]) -> str:
    """The text of one page, its two-column runs written column by column.

    >>> w = lambda x, y, t: Word(x, y, x + 8 * len(t), y + 12, t)
    >>> print(page_text([w(10, 10, "BỘ"), w(40, 10, "Y TẾ"), w(300, 10, "CỘNG HÒA"),
    ...                  w(20, 25, "Số: 1/CT-BYT"), w(300, 25, "Hà Nội, ngày 2 tháng 3 năm 2024")]))
    BỘ Y TẾ
    Số: 1/CT-BYT
    <BLANKLINE>
    CỘNG HÒA
    Hà Nội, ngày 2 tháng 3 năm 2024
    """
    lines = _group_lines(_ocr_line_units(words) if any(w.line >= 0 for w in words) else words)
    out: list[str] = []
    prev_bottom: float | None = None
    i = 0
    while i < len(lines):
        run_end, gutter = _column_run(lines, i)
        if gutter is None:
            line = lines[i]
            if prev_bottom is not None and line.top - prev_bottom > _PARA_GAP * line.height:
                out.append("")
            out.append(line.text())
            prev_bottom = line.bottom
            i += 1
            continue
        if prev_bottom is not None and lines[i].top - prev_bottom > _PARA_GAP * lines[i].height:
            out.append("")
        run = lines[i:run_end]
        out.extend(_column(run, gutter, left=True))
        out.append("")
        out.extend(_column(run, gutter, left=False))
        prev_bottom = run[-1].bottom
        i = run_end
    return "\n".join(out)


def _ocr_line_units(words: list[Word]) -> list[Word]:
    """Each OCR line, cut at its wide gaps, as one unit: its words keep the order the OCR read them in."""
    by_line: dict[int, list[Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    units: list[Word] = []
    for line in by_line.values():
        line.sort(key=lambda w: w.x0)
        heights = sorted(w.bottom - w.top for w in line)
        gap = _BLOCK_GAP * max(heights[len(heights) // 2], 1.0)
        runs = [[line[0]]]
        for w in line[1:]:
            if w.x0 - runs[-1][-1].x1 <= gap:
                runs[-1].append(w)
            else:
                runs.append([w])
        for run in runs:
            # the unit's band is its words' median band, not their union (which skew makes tall)
            tops = sorted(x.top for x in run)
            bottoms = sorted(x.bottom for x in run)
            units.append(Word(run[0].x0, tops[len(tops) // 2], run[-1].x1, bottoms[len(bottoms) // 2],
                              " ".join(x.text for x in run)))
    return units


def _group_lines(words: list[Word]) -> list[_Line]:
    """Words whose vertical middle falls within the band of a line's first word join that line.

    The band is not widened by later words: a tall word in one column (13 pt "KT. CỤC TRƯỞNG") must
    not pull the next line of a small-print column ("- Như trên;" at 11 pt) into its own.
    """
    lines: list[_Line] = []
    band = (0.0, 0.0)
    for w in sorted((w for w in words if w.text.strip()), key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        mid = (w.top + w.bottom) / 2
        if lines and band[0] <= mid <= band[1]:
            line = lines[-1]
            line.words.append(w)
            line.top, line.bottom = min(line.top, w.top), max(line.bottom, w.bottom)
        else:
            lines.append(_Line(w.top, w.bottom, [w], []))
            band = (w.top, w.bottom)
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
        heights = sorted(w.bottom - w.top for w in line.words)
        gap = _BLOCK_GAP * max(heights[len(heights) // 2], 1.0)
        blocks: list[list[Word]] = [[line.words[0]]]
        for w in line.words[1:]:
            if w.x0 - blocks[-1][-1].x1 > gap:
                blocks.append([w])
            else:
                blocks[-1].append(w)
        line.blocks = blocks
    return lines


def _side(line: _Line, gutter: tuple[float, float]) -> str | None:
    """"both", "left" or "right" of the gutter (the gap between the columns, from where the left
    column's first line ends to where the right column's begins), or None when a block crosses it."""
    lo, hi = gutter
    blocks = line.blocks
    if len(blocks) > _MAX_COLUMNS:
        return None
    if len(blocks) == 2:
        return "both" if blocks[0][-1].x1 <= hi and blocks[1][0].x0 >= lo else None
    first, last = blocks[0][0].x0, blocks[0][-1].x1
    if last <= hi and first < lo:
        return "left"
    if first >= lo and last > hi:
        return "right"
    return None


def _column_run(lines: list[_Line], i: int) -> tuple[int, tuple[float, float] | None]:
    """If line ``i`` starts a run of two-column lines: the run's end and its gutter."""
    # the gutter is set by the first line in reach that holds two blocks
    j = i
    while j < len(lines) and j < i + 8:
        if len(lines[j].blocks) == 2:
            break
        if len(lines[j].blocks) != 1:
            return i + 1, None
        j += 1
    else:
        return i + 1, None
    if j >= len(lines):
        return i + 1, None
    gutter = (lines[j].blocks[0][-1].x1, lines[j].blocks[1][0].x0)
    # the run must reach that line through one-sided lines only, and start with one of them
    for k in range(i, j + 1):
        if _side(lines[k], gutter) is None:
            return i + 1, None
    end = j + 1
    while end < len(lines) and _side(lines[end], gutter) is not None:
        end += 1
    # a single column (all lines on one side) is no run: a short last line of a paragraph
    sides = {_side(lines[k], gutter) for k in range(i, end)}
    if sides <= {"left"} or sides <= {"right"}:
        return i + 1, None
    return end, gutter


def _column(run: list[_Line], gutter: tuple[float, float], left: bool) -> list[str]:
    out: list[str] = []
    prev: _Line | None = None
    for line in run:
        side = _side(line, gutter)
        if side == "both":
            text = line.block_text(0 if left else 1)
        elif (side == "left") == left:
            text = line.block_text(0)
        else:
            continue
        if prev is not None and line.top - prev.bottom > _PARA_GAP * line.height:
            out.append("")
        out.append(text)
        prev = line
    return out
