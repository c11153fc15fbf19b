"""Where the Nơi nhận (distribution) list stands, so that its names are not counted as mentions.

The layout stage marks it as a ``recipients`` section; until a layout is given, the list is found
here: from "Nơi nhận:" over its "- …" items (and their wrapped lines) to the first line that is no
longer part of it (the signing formula in capitals, or a line after "- Lưu …").
"""

from __future__ import annotations

import re

from danchieu.ingest.layout import ParsedLayout

_HEAD = re.compile(r"^[ \t*_|]*Nơi nhận\s*:?", re.MULTILINE | re.IGNORECASE)  # "| Nơi nhận:" in a table cell
_ITEM = re.compile(r"^[ \t*_]*[-–•+]")
_LUU = re.compile(r"^[ \t*_|]*[-–•+]?\s*Lưu\b", re.IGNORECASE)
_FORMULA = re.compile(r"^[ \t*_]*(?:KT|TM|TL|TUQ|Q|T/M)\.")


def recipient_spans(text: str, parsed: ParsedLayout) -> list[tuple[int, int]]:
    spans = parsed.spans("recipients")
    if spans:
        return spans
    out = []
    for m in _HEAD.finditer(text):
        pos = m.end()
        end = pos
        after_luu = False
        for line in text[pos:].splitlines(keepends=True):
            body = line.strip(" \t*_\r\n")
            if not body:
                end = pos + len(line) if not after_luu else end
                pos += len(line)
                if after_luu:
                    break
                continue
            # A line in capitals is the signing block ("PHÓ CHỦ NHIỆM"), unless it is a wrapped
            # list of unit codes ("QHQT, NC, QHĐP, TKBT;").
            heading = body.isupper() and not _ITEM.match(line) and len(body) > 3 and not re.search(r"[,;]", body)
            if _FORMULA.match(line) or heading:
                break
            if after_luu and _ITEM.match(line):
                break
            if after_luu and not _ITEM.match(line) and len(body) > 25:
                break
            if _LUU.match(line):
                after_luu = True
            pos += len(line)
            end = pos
        out.append((m.start(), end))
    return out
