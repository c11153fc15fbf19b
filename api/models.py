"""Pydantic response models: the documented, stable JSON of the API.

Fields may be added; none is removed or renamed within ``/v1``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

NodeKind = Literal["document", "person", "agency", "province"]


DATE_SOURCE = ("where the date comes from: printed (by the document itself), cited_with_date (printed beside a "
               "citation of it), inferred_year (year and date inferred from the known documents for a year-less "
               "citation), known_document (year printed, day from the known documents); null without a date")


class ProblemOut(BaseModel):
    """An error (``application/problem+json``): ``title`` in Vietnamese, ``title_en`` in English."""

    type: str = "about:blank"
    status: int
    title: str
    title_en: str
    detail: str
    instance: str | None = None
    candidates: list[dict[str, object]] | None = Field(None, description="409: the documents a reference may mean")
    errors: list[dict[str, object]] | None = Field(None, description="422: which parameters are wrong")


class EvidenceOut(BaseModel):
    """Where a fact was read: offsets into the source document's text, the mention, its sentence."""

    start: int | None = None
    end: int | None = None
    text: str | None = None
    sentence: str | None = None


class Node(BaseModel):
    id: str
    kind: NodeKind
    name: str | None = None
    type: str | None = None
    date: str | None = None
    date_source: str | None = Field(default=None, description=DATE_SOURCE)
    number: str | None = None
    issuer: str | None = None
    title: str | None = Field(default=None, description="trích yếu (documents)")
    labels: list[str] = []
    placeholder: bool = False


class Edge(BaseModel):
    id: str
    source: str
    target: str
    type: str
    kind: str | None = None
    document_key: str | None = None
    evidence: list[EvidenceOut] = []
    evidence_total: int | None = Field(
        default=None, description="pieces of evidence that exist when `evidence` is a sample (the hub view sends the "
                                  "first few)")
    label: str = Field(description="plain-Vietnamese meaning: 'Thông báo 285/TB-VPCP thực hiện Nghị quyết 128/NQ-CP'")


class Neighborhood(BaseModel):
    center: str
    nodes: list[Node]
    edges: list[Edge]
    total: int
    next_cursor: str | None = None


class GraphOut(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


class DocumentSummary(BaseModel):
    key: str
    name: str | None = None
    number: str | None = None
    type: str | None = None
    type_code: str | None = None
    issuer: str | None = None
    date: str | None = None
    date_source: str | None = Field(default=None, description=DATE_SOURCE)
    year: int | None = None
    title: str | None = None
    placeholder: bool = False


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    next_cursor: str | None = None


class SignerOut(BaseModel):
    key: str
    name: str | None = None
    capacity: str | None = None
    position: str | None = None
    evidence: list[EvidenceOut] = []


class AgencyRef(BaseModel):
    key: str
    name: str | None = None
    abbreviation: str | None = None


class CitationLink(BaseModel):
    """A citation seen from one end: the other document, the kind of citation, the evidence."""

    key: str
    name: str | None = None
    number: str | None = None
    type: str | None = None
    date: str | None = None
    date_source: str | None = Field(default=None, description=DATE_SOURCE)
    kind: str | None = None
    resolution: str | None = Field(None, description="exact (the text prints the year) / inferred / ambiguous")
    resolved_by: str | None = Field(None, description="why a year-less number got its year, or stayed ambiguous")
    count: int | None = None
    pinpoints: list[str] = []
    placeholder: bool = False
    evidence: list[EvidenceOut] = []


class EntityMention(BaseModel):
    key: str
    name: str | None = None
    kind: NodeKind
    count: int | None = None
    titles: list[str] = []


class DocumentLink(BaseModel):
    key: str
    name: str | None = None
    date: str | None = None
    direction: str | None = None


class AssignmentOut(BaseModel):
    key: str
    name: str | None = None
    task: str | None = None


class DocumentDetail(DocumentSummary):
    issuer_code: str | None = None
    place: str | None = None
    uri: str | None = None
    source: str | None = None
    signers: list[SignerOut] = []
    issuers: list[AgencyRef] = []
    citations_out: list[CitationLink] = []
    citations_in: list[CitationLink] = []
    entities: list[EntityMention] = []
    copies: list[DocumentLink] = []
    reports: list[DocumentLink] = []
    assignments: list[AssignmentOut] = []


class Span(BaseModel):
    start: int
    end: int
    kind: Literal["person", "agency", "province", "citation"]
    key: str
    label: str | None = None


class DocumentText(BaseModel):
    key: str
    text: str
    spans: list[Span]


class CitingSigner(BaseModel):
    key: str
    name: str | None = None
    capacity: str | None = None
    position: str | None = None


class CitingItem(DocumentSummary):
    """A document citing the target (directly, or through ``via`` when ``distance`` > 1)."""

    distance: int
    via: str
    via_name: str | None = None
    kind: str | None = None
    pinpoints: list[str] = []
    signers: list[CitingSigner] = []
    evidence: list[EvidenceOut] = []


class CitingPage(BaseModel):
    target: DocumentSummary
    total: int
    truncated: bool = Field(False, description="more citing documents exist than were examined")
    items: list[CitingItem]
    next_cursor: str | None = None


class Candidate(BaseModel):
    key: str
    name: str | None = None
    number: str | None = None
    type: str | None = None
    issuer: str | None = None
    date: str | None = None
    placeholder: bool = False


class ResolveOut(BaseModel):
    query: str
    candidates: list[Candidate]


class SearchResult(BaseModel):
    kind: NodeKind
    key: str
    name: str | None = None
    type: str | None = None
    date: str | None = None
    number: str | None = None
    title: str | None = Field(default=None, description="trích yếu (documents)")
    score: float
    match: Literal["exact", "ambiguous"] | None = Field(
        default=None, description="exact: the whole query names it (a document number, an agency's abbreviation or "
        "issuer code, a province alias); ambiguous: one of several agencies a code may stand for (choose)")


class SearchOut(BaseModel):
    query: str
    results: list[SearchResult]


class YearCount(BaseModel):
    year: int | None = None
    documents: int


class TitleHeld(BaseModel):
    title: str
    first_seen: str | None = None
    last_seen: str | None = None
    documents: int = 0


class CoOccurring(BaseModel):
    key: str
    name: str | None = None
    kind: NodeKind
    shared: int


class PlaceRef(BaseModel):
    key: str
    name: str | None = None
    effective: str | None = None


class EntityDetail(BaseModel):
    key: str
    kind: NodeKind
    name: str | None = None
    abbreviation: str | None = None
    code: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    documents: int
    timeline: list[YearCount]
    titles: list[TitleHeld] = []
    co_occurring: list[CoOccurring] = []
    merged_into: list[PlaceRef] = []
    merged_from: list[PlaceRef] = []
    located_in: list[PlaceRef] = []


class EntityDocument(BaseModel):
    key: str
    name: str | None = None
    number: str | None = None
    type: str | None = None
    issuer: str | None = None
    date: str | None = None
    year: int | None = None
    title: str | None = None
    roles: list[str] = []
    via: list[str] = []
    titles: list[str] = Field([], description="titles the person held as of this document")


class EntityDocumentPage(BaseModel):
    key: str
    items: list[EntityDocument]
    next_cursor: str | None = None


class CheckIn(BaseModel):
    text: str = Field(min_length=1, description="a draft or an article, plain text (at most 200,000 characters)")


CheckStatus = Literal["verified", "mismatch", "partially_verified", "ambiguous", "not_found"]


class FieldCheck(BaseModel):
    """One printed detail compared with the record."""

    field: Literal["number", "date", "issuer", "type", "title"]
    cited: str | None = Field(default=None, description="as the text prints it (issuers in their canonical spelling)")
    record: str | None = Field(default=None, description="what the graph holds")
    agrees: bool
    status: Literal["verified", "mismatch", "partially_verified"] = Field(
        default="verified", description="verified: agrees with a document held in full; partially_verified: agrees "
        "with what other documents printed about a document the graph does not hold in full")
    reason: str | None = Field(default=None, description="why, in plain words")
    sources: int | None = Field(default=None,
                                description="partially verified: documents whose citation printed this detail")
    agreeing: int | None = Field(default=None, description="partially verified: how many of those print the same")


class CitatorFlag(BaseModel):
    """A later document that amends, replaces, repeals or consolidates the cited one."""

    kind: Literal["sửa đổi", "thay thế", "bãi bỏ", "hợp nhất"]
    key: str
    name: str | None = None
    type: str | None = None
    date: str | None = None
    in_force: bool = Field(description="false when the flag says the cited document was replaced or repealed")


class CheckedCitation(BaseModel):
    number: str
    cited_as: str | None = Field(default=None, description="the mention as written")
    status: CheckStatus = Field(description=(
        "verified: a document held in full, every printed detail agrees; mismatch: a detail differs (see "
        "checks); partially_verified: only known from what other documents printed about it (a placeholder), "
        "none of it contradicted; ambiguous: several documents fit (see candidates); not_found: no such "
        "document in the graph (possibly invented). Before issue 17 the fourth status was called 'unverified'."))
    reason: str | None = Field(default=None, description="the status in plain words")
    key: str | None = None
    record: Candidate | None = None
    checks: list[FieldCheck] = []
    candidates: list[Candidate] = []
    citator: list[CitatorFlag] = Field(default=[], description="later documents amending, replacing, repealing or "
                                       "consolidating the cited one, latest first")
    evidence: list[EvidenceOut] = Field(default=[], description="each mention, offsets into the text as sent; "
                                        "sentence is a window of at most 300 characters around the mention")


class CheckOut(BaseModel):
    citations: list[CheckedCitation]
    summary: dict[str, int]
    truncated: bool = Field(default=False, description="the text cites more than the limit of numbers; only the part "
                            "before checked_chars was checked")
    checked_chars: int | None = Field(default=None, description="characters of the text that were checked")


class JobOut(BaseModel):
    id: str
    status: str
    filename: str | None = None
    attempts: int | None = None
    error: str | None = None
    document_key: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


INT64 = (-(2**63), 2**63 - 1)  # Neo4j's INTEGER


def _integers_fit(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | dict | list):
        return True
    if isinstance(value, int):
        return INT64[0] <= value <= INT64[1]
    return all(_integers_fit(v) for v in (value.values() if isinstance(value, dict) else value))


class CypherIn(BaseModel):
    query: str = Field(min_length=1, max_length=20_000)
    params: dict[str, object] = Field({}, description="integers within 64 bits (Neo4j's INTEGER)")
    limit: int | None = Field(None, ge=1, description="row cap (never above the server's DANCHIEU_CYPHER_ROW_CAP)")
    timeout_s: float | None = Field(None, gt=0, le=600, description="time limit (never above DANCHIEU_QUERY_TIMEOUT)")

    @field_validator("params")
    @classmethod
    def _fits_neo4j(cls, params: dict[str, object]) -> dict[str, object]:
        # the driver cannot send a larger integer (it raised OverflowError: a 500 before)
        if not _integers_fit(params):
            raise ValueError("an integer parameter does not fit in 64 bits (Neo4j's INTEGER)")
        return params


class CypherOut(BaseModel):
    columns: list[str]
    rows: list[dict[str, object]]
    truncated: bool


class Stats(BaseModel):
    documents: int
    placeholders: int
    persons: int
    agencies: int
    provinces: int
    citations: int
    signatures: int
    mentions: int
    by_type: list[dict[str, object]]


class Health(BaseModel):
    status: Literal["ok"]


class Ready(BaseModel):
    status: Literal["ready", "not_ready"]
    neo4j: bool
    migrations: list[str] = []
    indexes: dict[str, str] = {}
    detail: str | None = None  # what to do when not ready


# ---- explorer views (issue 15): hubs, document profile counts, rankings, body search -------------


class HubOut(BaseModel):
    """All of a node's relationships of one kind (up to a cap) for grouping on the client."""

    center: str
    nodes: list[Node]
    edges: list[Edge]
    total: int = Field(description="relations that match, loaded or not (parallel relationships of one type between "
                                   "the same two nodes count once: one edge carrying all their evidence)")
    loaded: int = Field(description="relations in `edges`")
    truncated: bool = Field(False, description="`total` exceeds the cap: the rest pages with /graph/neighborhood")


class SnapshotEdgeRef(BaseModel):
    source: str = Field(min_length=1, max_length=300)
    type: Literal["CITES", "SIGNED", "ISSUED", "MENTIONS", "ASSIGNS", "REPORTS_ON", "COPY_OF", "MERGED_INTO",
                  "LOCATED_IN"]
    target: str = Field(min_length=1, max_length=300)


class SnapshotIn(BaseModel):
    """A shared view named by stable keys only: node keys and (source key, type, target key) edges."""

    nodes: list[str] = Field(default_factory=list, max_length=5000)
    edges: list[SnapshotEdgeRef] = Field(default_factory=list, max_length=10000)


class SnapshotOut(BaseModel):
    nodes: list[Node]
    edges: list[Edge]
    renamed: dict[str, str] = Field(default_factory=dict, description="asked key → the key that document has now")
    missing_nodes: list[str] = Field(default_factory=list, description="keys no node has any more")
    missing_edges: list[str] = Field(default_factory=list, description="edge ids (TYPE:source->target) that are gone")


class DocumentProfile(BaseModel):
    """Exact counts around a document (the detail endpoint caps its lists) and its date's source."""

    key: str
    date_source: str | None = Field(default=None, description="where the date was read; null when not recorded")
    cites: int
    cited_by: int
    mentions: int
    assigns: int
    signers: int
    reports: int
    copies: int


class RankingRow(BaseModel):
    rank: int
    key: str
    kind: NodeKind
    name: str | None = None
    type: str | None = None
    issuer: str | None = None
    date: str | None = None
    title: str | None = None
    placeholder: bool = False
    count: int | None = Field(default=None, description="citing documents, or documents signed/issued")
    score: float | None = Field(
        default=None, description="influence: PageRank over citations (sums to 1 over all documents)")
    first: str | None = None
    last: str | None = None


class RankingOut(BaseModel):
    ranking: Literal["cited", "signers", "issuers", "influence"]
    items: list[RankingRow]


class BodyHit(BaseModel):
    key: str
    name: str | None = None
    type: str | None = None
    date: str | None = None
    number: str | None = None
    issuer: str | None = None
    title: str | None = None
    snippet: str = Field("", description="the words found, in their sentence")
    score: float


class BodySearchOut(BaseModel):
    query: str
    results: list[BodyHit]
