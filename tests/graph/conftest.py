"""Fixtures of the graph tests: a tag per test, and removal of every node whose key carries it."""

from __future__ import annotations

import pytest
from danchieu.queries import load_query

from tests.graph.factory import new_tag


@pytest.fixture
def tag(neo4j_driver, neo4j_db):
    """A unique tag for this test's keys; its nodes are deleted afterwards."""
    t = new_tag()
    yield t
    neo4j_driver.execute_query(load_query("load/delete_tagged"), tag=t, database_=neo4j_db)


def graph_counts(driver, db, tag: str) -> dict[str, int]:
    """Nodes and relationships touching this test's nodes."""
    records, _, _ = driver.execute_query(load_query("load/tagged_counts"), tag=tag, database_=db)
    return dict(records[0])
