"""Whole-graph aggregates (the rankings) are computed once and shared while the graph is unchanged
(issue 16: 50 clients must not each scan every citation), and never served stale: any committed write
starts a new graph version."""

from __future__ import annotations

import pytest

from tests.api.conftest import temporary_document

pytestmark = pytest.mark.neo4j


def _signed_by(client, person: str) -> int:
    body = client.get("/v1/rankings/signers", params={"limit": 200}).json()
    return next(r["count"] for r in body["items"] if r["key"] == person)


def test_a_ranking_is_answered_again_from_its_aggregate_and_recomputed_after_a_write(client, seed_graph, sync_driver,
                                                                                     neo4j_settings):
    before = _signed_by(client, seed_graph.hiep)
    assert _signed_by(client, seed_graph.hiep) == before  # the same graph: the same answer
    key = f"999/TB-VPCP-{seed_graph.run}@2024"
    with temporary_document(sync_driver, neo4j_settings.neo4j_database,
                            "MATCH (p:Person {key: $person}) "
                            "CREATE (p)-[:SIGNED]->(:Document {key: $key, name: 'Thông báo 999', type: 'Thông báo', "
                            "year: 2024, date: date('2024-01-02')})",
                            key, person=seed_graph.hiep):
        assert _signed_by(client, seed_graph.hiep) == before + 1
    assert _signed_by(client, seed_graph.hiep) == before
