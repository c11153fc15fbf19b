"""A document with its entities highlighted, as displaCy-style HTML (reused by the explorer).

>>> from danchieu.ingest.entities import EntityResult
>>> html = render_html("Bộ Y tế", EntityResult())
>>> "Bộ Y tế" in html
True
"""

from __future__ import annotations

from typing import Any

from danchieu.ingest.entities import EntityResult
from spacy import displacy

COLORS = {"PER": "#f6c28b", "ORG": "#9cc9f5", "LOC": "#a8e6a1"}


def entity_spans(result: EntityResult) -> list[dict[str, Any]]:
    """Non-overlapping labelled spans, longest first where mentions nest (an agency over the
    province it names: "Thành ủy Thành phố Hồ Chí Minh" is shown as one ORG)."""
    spans: list[dict[str, Any]] = []
    for label, items in (("PER", result.persons), ("ORG", result.agencies), ("LOC", result.provinces)):
        for item in items:
            for ev in item.mentions:
                spans.append({"start": ev.start, "end": ev.end, "label": label, "kb_id": item.key})
    spans.sort(key=lambda s: (s["start"], -(s["end"] - s["start"])))
    out: list[dict[str, Any]] = []
    for s in spans:
        if out and s["start"] < out[-1]["end"]:
            continue
        out.append(s)
    return out


def render_html(text: str, result: EntityResult, title: str | None = None, page: bool = False) -> str:
    """HTML of ``text`` with persons (PER), agencies (ORG) and provinces (LOC) marked."""
    data = {"text": text, "ents": entity_spans(result), "title": title}
    return displacy.render(data, style="ent", manual=True, page=page,
                           options={"colors": COLORS, "ents": list(COLORS)})
