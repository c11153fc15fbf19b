"""Enumerations under one head: "Bộ trưởng các Bộ: Y tế, Tư pháp, Thông tin và Truyền thông",
"các bộ: Y tế, Quốc phòng, Công an" name one ministry per item.

Items are read by longest match against the ministries' short names, so items that contain a
comma themselves ("Văn hóa, Thể thao và Du lịch") stay whole; the list ends at the first item that
is not a ministry ("các bộ, ngành" names none).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.entities.gazetteer import agency_by_key, ministries_by_short
from ingest.entities.mentions import Mention
from ingest.entities.tokens import Tokens


@dataclass(slots=True)
class Enumeration:
    start: int  # offset of "các Bộ"
    end: int  # end of the last item
    items: list[Mention] = field(default_factory=list)


def find_enumerations(toks: Tokens) -> list[Enumeration]:
    out: list[Enumeration] = []
    trie = ministries_by_short()
    n = len(toks)
    for i in range(n - 2):
        if toks.folds[i] != "cac" or toks.folds[i + 1] != "bo" or not toks.spaced(i):
            continue
        gap = toks.gap(i + 1).strip()
        if gap not in (":", ""):
            continue
        enum = Enumeration(toks.starts[i], toks.ends[i + 1])
        k = i + 2
        while k < n:
            m = trie.longest_at(toks, k)
            if m is None:
                break
            key = m.payloads[0]
            enum.items.append(Mention("agency", key, toks.starts[m.first], toks.ends[m.last],
                                      agency_by_key()[key].name, title="enumerated"))
            enum.end = toks.ends[m.last]
            if m.last + 1 >= n:
                break
            sep = toks.gap(m.last).strip()
            k = m.last + 1
            if sep == "" and toks.folds[k] == "va":
                k += 1
            elif sep != ",":
                break
        if enum.items:
            out.append(enum)
    return out
