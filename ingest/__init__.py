"""Pure extraction: file bytes in, :class:`ingest.models.ExtractedDocument` out. No database.

The pipeline's stages are the modules: ``read`` (formats, encodings) → ``normalize`` (NFC, tone
marks, line joins, offset map) → ``layout`` (header, body, signature, copies) → ``citations`` →
``entities``; ``pipeline`` runs them in order.
"""

from ingest.pipeline import extract_file, extract_text

__all__ = ["extract_file", "extract_text"]
