"""Legacy Word 97–2003 ``.doc`` (OLE2) → text through a Debian converter.

``antiword`` first (it keeps tables, which it draws as ``|cell|cell|`` lines), then ``catdoc``
(older Word 6/95 files antiword refuses), then LibreOffice headless when installed (heavy; the last
resort). antiword draws a two-column header or signature table row by row, each printed line holding
a piece of both columns; such a table is rewritten column by column as the DOCX reader does, so the
``Nơi nhận`` list and the signature, the issuer and the motto, come out apart.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from danchieu.ingest.read_docx import _LAYOUT_CUE, _MAX_LAYOUT_COLUMNS, RULE, close_blanks

from danchieu.errors import ReadError, UnsupportedFormat

_TIMEOUT_S = 120
_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_INSTALL = "apt-get install antiword catdoc"


def read_doc(data: bytes, label: str) -> str:
    # the OLE2 directory naming the streams may sit anywhere, often at the end: search the whole file
    if "WordDocument".encode("utf-16-le") not in data:
        what = "an Excel workbook" if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data else \
            "a PowerPoint file" if b"P\x00o\x00w\x00e\x00r\x00P\x00o\x00i\x00n\x00t" in data else "an OLE2 file"
        raise UnsupportedFormat(f"{label}: this is {what}, not a Word document; save it as .docx or PDF")
    converters = [(name, fn) for name, fn in (("antiword", _antiword), ("catdoc", _catdoc),
                                              ("soffice", _soffice)) if shutil.which(name)]
    if not converters:
        raise UnsupportedFormat(f"{label}: a Word 97-2003 .doc file, and no converter is installed "
                                f"({_INSTALL}); or save it as .docx or PDF")
    errors = []
    with tempfile.TemporaryDirectory(prefix="danchieu-doc-") as tmp:
        path = Path(tmp) / "in.doc"
        path.write_bytes(data)
        for name, convert in converters:
            try:
                text = convert(path)
            except (OSError, subprocess.SubprocessError) as exc:
                errors.append(f"{name}: {exc}")
                continue
            if sum(c.isalpha() for c in text) >= 20:
                return close_blanks(text)
            errors.append(f"{name}: no text")
    raise ReadError(f"{label}: the .doc file cannot be converted ({'; '.join(errors)}); save it as .docx or PDF")


def _run(cmd: list[str], cwd: Path | None = None) -> str:
    res = subprocess.run(cmd, capture_output=True, timeout=_TIMEOUT_S, check=False, cwd=cwd,
                         env={**os.environ, "LC_ALL": "C.UTF-8"})
    if res.returncode != 0:
        msg = res.stderr.decode("utf-8", "replace").strip().splitlines()
        raise subprocess.SubprocessError(msg[-1] if msg else f"exit status {res.returncode}")
    return res.stdout.decode("utf-8", "replace")


def _antiword(path: Path) -> str:
    # -w 0: one line per paragraph (no wrapping), tables as wide as their content
    return columns_of_tables(_run(["antiword", "-w", "0", "-m", "UTF-8.txt", str(path)]))


def _catdoc(path: Path) -> str:
    return _run(["catdoc", "-w", "-d", "utf-8", str(path)])


def _soffice(path: Path) -> str:
    out = path.parent / "out"
    _run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{path.parent}/profile",
          "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(out), str(path)])
    result = out / "in.txt"
    return result.read_text(encoding="utf-8", errors="replace") if result.exists() else ""


def columns_of_tables(text: str) -> str:
    """Rewrite antiword's layout tables column by column; data tables stay as they are.

    >>> print(columns_of_tables("|BỘ Y TẾ     |  |CỘNG HÒA XÃ HỘI |\\n|Số: 1/BYT   |  |Độc lập - Tự do |\\nBody"))
    BỘ Y TẾ
    Số: 1/BYT
    <BLANKLINE>
    CỘNG HÒA XÃ HỘI
    Độc lập - Tự do
    Body
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _TABLE_LINE.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and _TABLE_LINE.match(lines[j]):
            j += 1
        out.extend(_table_block(lines[i:j]))
        i = j
    return "\n".join(out)


def _table_block(lines: list[str]) -> list[str]:
    rows: list[list[tuple[int, str]]] = []
    for line in lines:
        s = line.strip()
        cells = []
        pos = 0
        for part in s.split("|"):
            if part.strip():
                cells.append((pos, part.strip()))
            pos += len(part) + 1
        rows.append(cells)
    starts = sorted({p for r in rows for p, _ in r})
    columns: list[int] = []  # the first start of each column; starts within 2 characters are one column
    for p in starts:
        if not columns or p - columns[-1] > 2:
            columns.append(p)
    has_cue = any(_LAYOUT_CUE.search(t) for r in rows for _, t in r)
    if not (2 <= len(columns) <= _MAX_LAYOUT_COLUMNS and has_cue):
        return lines
    out: list[str] = []
    for k, first in enumerate(columns):
        end = columns[k + 1] if k + 1 < len(columns) else 1 << 30
        block = [t for r in rows for p, t in r if first <= p < end and not RULE.match(t)]
        if block:
            if out:
                out.append("")
            out.extend(block)
    return out
