"""Acceptance on the real seed documents: extracted by the real pipeline, loaded by the real loader.

Seed documents carry real keys ("128/NQ-CP@2021"), so the fixture only removes what it created: keys
that were absent before it loaded the seeds.
"""

from __future__ import annotations

import pytest

from tests.api.graph_builder import FIXTURES
from tests.conftest import SEEDS

pytestmark = pytest.mark.neo4j


def _keys_of(doc) -> set[str]:
    keys = {c.key for c in doc.citations} | {p.key for p in doc.persons} | {a.key for a in doc.agencies}
    keys |= {p.key for p in doc.provinces} | {a.assignee_key for a in doc.assignments}
    for copy in doc.copies:
        keys |= _keys_of(copy)
    return keys


@pytest.fixture(scope="module")
def seeds_loaded(sync_driver, neo4j_settings):
    from danchieu.graph.loader import load_document
    from danchieu.ingest.pipeline import extract_file

    db = neo4j_settings.neo4j_database
    docs = [extract_file(p) for p in sorted(SEEDS.glob("*.txt"))]
    candidates = set().union(*(_keys_of(d) for d in docs))
    results = []
    existing = _existing(sync_driver, db, candidates)
    for doc in docs:
        results.append(load_document(sync_driver, db, doc))
    created_docs = [r.key for r in results if r.status == "loaded"]
    yield {r.key for r in results}
    # remove only what did not exist before (documents loaded here, entities and placeholders first seen here)
    mine = set(created_docs) | (candidates - existing)
    sync_driver.execute_query((FIXTURES / "delete_graph.cypher").read_text(encoding="utf-8"),
                              keys=sorted(mine), database_=db)


def _existing(driver, db: str, keys: set[str]) -> set[str]:
    query = (FIXTURES / "existing_keys.cypher").read_text(encoding="utf-8")
    records, _, _ = driver.execute_query(query, keys=sorted(keys), database_=db)
    return {r["key"] for r in records}


def test_headline_nghi_quyet_128_is_cited_by_285_tb_vpcp_and_the_2023_notice(client, seeds_loaded):
    r = client.get("/v1/documents/Nghị quyết 128/citing", params={"type": "Thông báo"})
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    by_number = {i["number"]: i for i in items}
    assert "285/TB-VPCP" in by_number
    notice_2023 = [i for i in items if i["year"] == 2023 or (i["date"] or "").startswith("2023")]
    assert notice_2023, items
    for item in [by_number["285/TB-VPCP"], notice_2023[0]]:
        assert "Nguyễn Sỹ Hiệp" in [s["name"] for s in item["signers"]]
        sentences = " ".join(e["sentence"] or "" for e in item["evidence"])
        assert "128/NQ-CP" in sentences
