"""Dẫn Chiếu — a legal citation knowledge graph of Vietnamese government documents.

The project is split by layer (see README.md, "Architecture"):

- ``ingest``  — pure extraction: bytes in, dataclasses out, no database;
- ``graph``   — every Neo4j call: the local server, schema migrations, the loader, workers;
- ``queries`` — the named, parameterised Cypher that the API and the Browser guide run;
- ``api``     — the FastAPI service and the explorer;
- ``danchieu``— what they share: settings, errors, logging, the command line.
"""

__version__ = "0.1.0"
