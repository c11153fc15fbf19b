"""Pure extraction: file bytes in, :class:`danchieu.ingest.models.ExtractedDocument` out. No database.

The pipeline's stages are the modules: ``read`` (formats, encodings) → ``normalize`` (NFC, tone
marks, line joins, offset map) → ``layout`` (header, body, signature, copies) → ``citations`` →
``entities``; ``pipeline`` runs them in order.
"""

from danchieu.ingest.pipeline import extract_file, extract_text

__all__ = ["extract_file", "extract_text"]
