"""The one logging set-up: plain lines on stderr, level from ``DANCHIEU_LOG_LEVEL``."""

from __future__ import annotations

import logging

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(level: str = "INFO") -> None:
    root = logging.getLogger()
    if getattr(root, "_danchieu_configured", False):
        root.setLevel(level.upper())
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(_FORMAT, "%H:%M:%S"))
    root.addHandler(handler)
    root.setLevel(level.upper())
    # The Neo4j driver logs every retry at INFO; our own retry messages say enough.
    logging.getLogger("neo4j").setLevel(logging.WARNING)
    root._danchieu_configured = True  # type: ignore[attr-defined]


def get_logger(name: str) -> logging.Logger:
    return logging.getLogger(name)
