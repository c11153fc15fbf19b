"""Normalisation with a stable offset map. (Stub: issue 3 replaces it.)"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.textutil import nfc


@dataclass(slots=True)
class Normalized:
    text: str
    # to_original[i] is the offset in the original text of normalised character i
    to_original: list[int]


def normalize(raw: str) -> Normalized:
    text = nfc(raw)
    return Normalized(text=text, to_original=list(range(len(text) + 1)))
