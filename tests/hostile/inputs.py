"""Hostile inputs of issue 14, scaled to run in seconds, beside a normal text of the same size."""

from __future__ import annotations

from tests.conftest import SEEDS


def fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def normal_text(size: int) -> str:
    """The sample corpus, repeated to ``size`` characters: real documents with their line breaks."""
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return fill(corpus, size)


def one_line(size: int) -> str:
    """The same text on one line (issue 14 item 2: 256 KB took 112 s, with newlines 0.4 s)."""
    return normal_text(size).replace("\n", " ")


def wrapped(size: int) -> str:
    """The one-line text again, with a line break every dozen words: the same words, short lines."""
    words = one_line(size).split(" ")
    return "\n".join(" ".join(words[i:i + 12]) for i in range(0, len(words), 12))[:size]


def repeated_citation(size: int) -> str:
    """One citation repeated with no full stop: every mention's sentence used to be the whole text."""
    return fill("128/NQ-CP ngày 11/10/2021 của ", size)


def distinct_citations(size: int) -> str:
    """Tens of thousands of different numbers on one line."""
    return ", ".join(f"{i}/NQ-CP" for i in range(1, size))[:size]


def numbers_in_urls(size: int) -> str:
    """Numbers among URLs: each number used to be tested against every URL."""
    return " ".join(f"http://a.vn/{i}/NQ-CP 5/NQ-CP" for i in range(1, size))[:size]
