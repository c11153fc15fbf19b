"""Assignments: who is tasked with what, in conclusions and directives.

* "Giao Bộ Y tế khẩn trương rà soát …", "Giao Phó Thủ tướng Chính phủ Vũ Đức Đam chỉ đạo …";
* a body opening a clause or list item and followed by a task verb or a colon:
  "- Bộ Kế hoạch và Đầu tư hoàn thành …", "5.2. Bộ Y tế: (1) Chủ trì …",
  "Các Bộ: Y tế, Công an, Quốc phòng chủ động phối hợp …" (one assignment per item).

The task is the rest of the sentence (or list item) after the assignee.
"""

from __future__ import annotations

import re
from functools import lru_cache

from danchieu.ingest.entities.coordination import Enumeration
from danchieu.ingest.entities.gazetteer import load_data
from danchieu.ingest.entities.mentions import Mention
from danchieu.ingest.models import Assignment
from danchieu.ingest.textutil import fold, make_evidence, sentence_bounds

# What may stand between the start of a line/sentence and the assignee: list markers.
_CLAUSE_LEAD = re.compile(
    r"(?:^|[\n;]|[.!?:]\s)[\s*_#]*(?:(?:[-–•+]|\(?[0-9]+(?:\.[0-9]+)*[.)]|\(?[ivxlc]+\)|[a-zđ]\))[\s*_#]*)*$",
    re.IGNORECASE)


@lru_cache(maxsize=1)
def _verbs() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_data("tasks.yaml")
    give = "|".join(sorted((re.escape(fold(v)) for v in data["give"]), key=len, reverse=True))
    act = "|".join(sorted((re.escape(fold(v)) for v in data["act"]), key=len, reverse=True))
    return (re.compile(rf"(?:^|\W)(?:{give})\s*$"),
            re.compile(rf"^\s*(?::|(?:\(\w+\)\s*)?(?:{act})\b)"))


def _starts_clause(text: str, start: int) -> bool:
    return _CLAUSE_LEAD.search(text, max(0, start - 30), start) is not None


def _given(text: str, start: int) -> bool:
    give, _ = _verbs()
    return give.search(fold(text[max(0, start - 20):start])) is not None


def _acts(text: str, end: int) -> bool:
    if re.match(r"\s*:", text[end:end + 10]):  # "Bộ Y tế: (1) …" (fold would drop the colon)
        return True
    _, act = _verbs()
    return act.match(fold(text[end:end + 40])) is not None


def _task(text: str, end: int) -> str:
    colon = re.match(r"\s*:\s*", text[end:end + 20])
    if colon:  # "Bộ Y tế: (1) Chủ trì …" — the task is the item after the colon
        end += colon.end()
        _, s_end = sentence_bounds(text, end + 1, end + 1)
        return re.sub(r"\s+", " ", text[end:s_end]).strip(" :,;.-")
    _, s_end = sentence_bounds(text, end, end)
    return re.sub(r"\s+", " ", text[end:s_end]).strip(" :,;.-")


_JOIN = re.compile(r"\s*(?:,|và|,\s*và)\s*$")


def _chains(text: str, agencies: list[Mention]) -> list[list[Mention]]:
    """Bodies joined by "," or "và" share the task after the last of them: "Ủy ban nhân dân huyện
    Bình Sơn và Ủy ban nhân dân thị xã Đức Phổ bố trí nguồn lực"."""
    out: list[list[Mention]] = []
    for m in sorted(agencies, key=lambda m: (m.start, -m.end)):
        if out and out[-1][-1].end <= m.start and _JOIN.match(text[out[-1][-1].end:m.start]):
            out[-1].append(m)
        elif not out or m.start >= out[-1][-1].end:
            out.append([m])
    return out


def find_assignments(text: str, agencies: list[Mention], persons: list[Mention],
                     enumerations: list[Enumeration]) -> list[Assignment]:
    out: list[Assignment] = []
    seen: set[tuple[str, int]] = set()

    def add(m: Mention, kind: str, start: int, end: int) -> None:
        if (m.key, start) in seen:
            return
        seen.add((m.key, start))
        task = _task(text, end)
        if task:
            out.append(Assignment(assignee=m.name, assignee_key=m.key, assignee_kind=kind, task=task,
                                  evidence=make_evidence(text, start, end)))

    in_enum: set[tuple[int, int]] = set()
    for enum in enumerations:
        if (_starts_clause(text, enum.start) or _given(text, enum.start)) and _acts(text, enum.end):
            for item in enum.items:
                add(item, "agency", enum.start, enum.end)
        in_enum.update((i.start, i.end) for i in enum.items)
    for chain in _chains(text, [m for m in agencies if (m.start, m.end) not in in_enum]):
        first, last = chain[0], chain[-1]
        if _given(text, first.start) or (_starts_clause(text, first.start) and _acts(text, last.end)):
            for m in chain:
                add(m, "agency", m.start, last.end)
    for p in persons:
        anchor = p.anchor if p.anchor is not None else p.start
        if _given(text, anchor):
            add(p, "person", anchor, p.end)
    out.sort(key=lambda a: a.evidence.start if a.evidence else 0)
    return out
