"""The raw mention every finder returns before mentions are grouped into entities."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Mention:
    kind: str  # "agency" | "province" | "person"
    key: str
    start: int
    end: int
    name: str = ""  # canonical name, when the finder knows it
    title: str | None = None  # for persons: the title the text gives at this mention
    anchor: int | None = None  # for persons: where the title phrase before the name starts

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` turned to spaces, offsets unchanged (for the Nơi nhận list)."""
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        for i in range(max(0, a), min(len(chars), b)):
            if not chars[i].isspace():
                chars[i] = " "
    return "".join(chars)
