"""Migration files are well named, ordered and split into statements."""

from danchieu.graph import migrations


def test_migration_files_are_numbered_without_gaps():
    found = migrations.discover()
    assert [m.version for m in found] == [f"V{i:03d}" for i in range(1, len(found) + 1)]


def test_statements_are_split_on_semicolons_and_comments_dropped():
    first = migrations.discover()[0]
    statements = first.statements()
    assert statements and all(not s.endswith(";") and "//" not in s for s in statements)
    assert any("REQUIRE d.key IS UNIQUE" in s for s in statements)
