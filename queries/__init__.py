"""Named, parameterised Cypher, loaded by name from the ``.cypher`` files beside this module.

    load_query("api/citing_documents")  # → text of queries/api/citing_documents.cypher

Cypher is never assembled from user input: values always travel as parameters.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def load_query(name: str) -> str:
    path = (QUERY_DIR / f"{name}.cypher").resolve()
    if QUERY_DIR not in path.parents or not path.is_file():
        raise KeyError(f"no query named {name!r} (looked for {path})")
    return path.read_text(encoding="utf-8")


def query_names() -> list[str]:
    return sorted(str(p.relative_to(QUERY_DIR).with_suffix("")) for p in QUERY_DIR.rglob("*.cypher"))
