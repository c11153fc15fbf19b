"""Citations: references to other documents. (Stub: issue 4 replaces it.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.layout import ParsedLayout
from ingest.models import Citation, NamedReference


@dataclass(slots=True)
class CitationResult:
    citations: list[Citation] = field(default_factory=list)
    named_references: list[NamedReference] = field(default_factory=list)
    reports_on: list[str] = field(default_factory=list)


def find_citations(text: str, parsed: ParsedLayout) -> CitationResult:
    return CitationResult()
