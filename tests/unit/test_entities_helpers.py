"""Shared helper for the entity tests (no tests here): run ``find_entities`` on a sentence without a layout."""

from __future__ import annotations

from danchieu.ingest.entities import EntityResult, find_entities
from danchieu.ingest.layout import ParsedLayout
from danchieu.ingest.models import DocumentInfo, Section


def ents(text: str, date: str | None = None, recipients: list[tuple[int, int]] | None = None) -> EntityResult:
    sections = [Section("recipients", a, b) for a, b in recipients or []]
    return find_entities(text, ParsedLayout(DocumentInfo(date=date), sections=sections))


def names(items: list) -> list[str]:  # type: ignore[type-arg]
    return [i.name for i in items]
