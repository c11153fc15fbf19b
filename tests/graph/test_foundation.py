"""The real Neo4j server: writes and reads, schema migrations, their bookkeeping."""

from __future__ import annotations

import shutil

import pytest
from danchieu.graph import migrations

from danchieu.errors import SchemaError
from tests.conftest import unique

pytestmark = pytest.mark.neo4j


def test_a_node_written_is_read_back(neo4j_driver, neo4j_db):
    key = unique()
    try:
        neo4j_driver.execute_query("CREATE (:Document {key: $key, name: $name})",
                                   key=key, name="Thông báo 1/TB-TEST", database_=neo4j_db)
        records, _, _ = neo4j_driver.execute_query(
            "MATCH (d:Document {key: $key}) RETURN d.name AS name", key=key, database_=neo4j_db)
        assert [r["name"] for r in records] == ["Thông báo 1/TB-TEST"]
    finally:
        neo4j_driver.execute_query("MATCH (d:Document {key: $key}) DETACH DELETE d", key=key, database_=neo4j_db)


def test_uniqueness_constraints_exist_for_every_node_kind(neo4j_driver, neo4j_db):
    records, _, _ = neo4j_driver.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type WHERE type = 'UNIQUENESS' "
        "RETURN labelsOrTypes[0] AS label, properties[0] AS prop", database_=neo4j_db)
    found = {(r["label"], r["prop"]) for r in records}
    for label in ("Document", "Person", "Agency", "Province"):
        assert (label, "key") in found
    assert ("IngestJob", "id") in found


def test_a_second_document_with_the_same_key_is_refused(neo4j_driver, neo4j_db):
    from neo4j.exceptions import ConstraintError

    key = unique()
    try:
        neo4j_driver.execute_query("CREATE (:Document {key: $key})", key=key, database_=neo4j_db)
        with pytest.raises(ConstraintError):
            neo4j_driver.execute_query("CREATE (:Document {key: $key})", key=key, database_=neo4j_db)
    finally:
        neo4j_driver.execute_query("MATCH (d:Document {key: $key}) DETACH DELETE d", key=key, database_=neo4j_db)


def test_fulltext_search_ignores_diacritics(neo4j_driver, neo4j_db):
    key = unique("person")
    try:
        neo4j_driver.execute_query("CREATE (:Person {key: $key, name: 'Phạm Minh Chính Testnguoi'})",
                                   key=key, database_=neo4j_db)
        records, _, _ = neo4j_driver.execute_query(
            "CALL db.index.fulltext.queryNodes('entity_search', 'pham minh chinh testnguoi') YIELD node "
            "WHERE node.key = $key RETURN node.key AS key", key=key, database_=neo4j_db)
        assert [r["key"] for r in records] == [key]
    finally:
        neo4j_driver.execute_query("MATCH (p:Person {key: $key}) DETACH DELETE p", key=key, database_=neo4j_db)


def test_applying_migrations_twice_applies_nothing_the_second_time(neo4j_driver, neo4j_db):
    assert migrations.apply(neo4j_driver, neo4j_db) == []
    states = migrations.status(neo4j_driver, neo4j_db)
    assert states and all(s.state == "applied" for s in states)


def test_an_applied_migration_that_was_edited_is_refused(neo4j_driver, neo4j_db, tmp_path):
    edited = tmp_path / "schema"
    shutil.copytree(migrations.SCHEMA_DIR, edited)
    first = sorted(edited.glob("V001__*.cypher"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n// an edit after the fact\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="edited after it was applied"):
        migrations.apply(neo4j_driver, neo4j_db, schema_dir=edited)
    assert any(s.state == "CHANGED" for s in migrations.status(neo4j_driver, neo4j_db, schema_dir=edited))
