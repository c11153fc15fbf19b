"""Entities: people, agencies, provinces, assignments. (Stub: issue 5 replaces it.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.layout import ParsedLayout
from ingest.models import Agency, Assignment, Person, Province


@dataclass(slots=True)
class EntityResult:
    persons: list[Person] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    provinces: list[Province] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)


def find_entities(text: str, parsed: ParsedLayout) -> EntityResult:
    return EntityResult()
