"""Layout parsing: header, body, signature block, copies. (Stub: issue 3 replaces it.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.models import DocumentInfo, Section, Signer


@dataclass(slots=True)
class ParsedLayout:
    document: DocumentInfo
    sections: list[Section] = field(default_factory=list)
    signers: list[Signer] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)  # texts of trailing certified copies

    def spans(self, kind: str) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.sections if s.kind == kind]


def parse(text: str) -> ParsedLayout:
    return ParsedLayout(document=DocumentInfo(), sections=[])
