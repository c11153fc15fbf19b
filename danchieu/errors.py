"""One error hierarchy for the whole project.

Every error a user can meet derives from :class:`DanchieuError` and carries a message that says
what to do. Driver and library exceptions are translated at the layer boundary
(``raise GraphUnavailable(...) from exc``) so callers never catch ``neo4j.exceptions.*``.
"""

from __future__ import annotations


class DanchieuError(Exception):
    """Base class. ``str(err)`` is a one-line message fit for a terminal or an HTTP problem."""


class ConfigError(DanchieuError):
    """A setting is missing or wrong (bad port, placeholder password, …)."""


# --- reading and extraction -------------------------------------------------------------------
class ReadError(DanchieuError):
    """A file could not be turned into text. ``reason`` is a short machine-readable code."""

    reason = "unreadable"


class EmptyDocument(ReadError):
    reason = "empty"


class FileTooLarge(ReadError):
    reason = "too_large"


class UnsupportedFormat(ReadError):
    reason = "unsupported_format"


class ScannedPdf(ReadError):
    reason = "scanned_pdf"


class EncodingUndetected(ReadError):
    reason = "encoding"


class ExtractionLimit(ReadError):
    """Extracting one file passed its time or memory limit (a hostile or broken file): not retried."""

    reason = "resource_limit"


class ExtractionError(DanchieuError):
    """Extraction failed on a readable text (a bug, reported per file, never aborting a batch)."""


class PartitionError(DanchieuError):
    """A partitioned extraction output (``ingest/partitions.py``) cannot be read as a whole: no
    manifest (not one, or its run did not finish), a part missing, truncated or malformed."""


# --- Neo4j --------------------------------------------------------------------------------------
class Neo4jServerError(DanchieuError):
    """The local Neo4j server could not be provisioned, started or stopped."""


class GraphError(DanchieuError):
    """A graph operation failed."""


class GraphUnavailable(GraphError):
    """Neo4j cannot be reached (down, restarting, wrong address). Retry later."""


class AggregatePending(GraphUnavailable):
    """A whole-graph aggregate (a ranking) is still being computed; the computation goes on, so a
    retry a little later gets the answer (a million documents take minutes, once per graph state)."""


class GraphAuthError(GraphError):
    """Neo4j refused the configured user or password."""


class GraphTimeout(GraphError):
    """A query ran longer than its timeout."""


class QueryRefused(GraphError):
    """Neo4j refused a query as written: syntax, a write in a READ transaction, a constraint."""


class SchemaError(GraphError):
    """A schema migration is missing, edited after being applied, or failed."""


class SchemaNotApplied(GraphError):
    """The database lacks the schema (constraints, indexes) the project's queries rely on."""

    def __init__(self, message: str = "schema not applied: run `danchieu schema apply`") -> None:
        super().__init__(message)


class LoaderError(GraphError):
    """A document could not be written to the graph; nothing of it was written."""


class BulkImportError(GraphError):
    """A bulk import cannot run: the server is running, the database is not empty, or the import tool failed."""


# --- API ------------------------------------------------------------------------------------------
class NotFound(DanchieuError):
    """No node has that key."""


class Ambiguous(DanchieuError):
    """A reference matches several documents; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[dict] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []
