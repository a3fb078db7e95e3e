"""Every table of the hub is classified as data (exported) or not, and every column that could
hold a secret is either left out of the export or said to hold none: a colleague adding a table
or a secret-looking column must decide here (``ideashub/portability/schema.py``)."""

from __future__ import annotations

from ideashub.extensions import db
from ideashub.portability import schema
from ideashub.portability.export import describe


def test_every_table_is_exported_or_named_as_not_data(app):
    tables = set(db.metadata.tables)
    unclassified = tables - set(schema.EXPORTED) - set(schema.NOT_DATA)
    assert not unclassified, f"Classify these tables in portability/schema.py: {sorted(unclassified)}"
    assert not set(schema.EXPORTED) & set(schema.NOT_DATA)
    assert not (set(schema.EXPORTED) | set(schema.NOT_DATA)) - tables, "classified tables that no longer exist"
    assert all(reason.strip() for reason in schema.NOT_DATA.values())


def test_every_secret_looking_column_is_left_out_or_said_to_hold_none(app):
    named = set(schema.LEFT_OUT) | set(schema.NOT_SECRET)
    suspicious = {
        f"{table.name}.{column.name}"
        for table in db.metadata.tables.values() if table.name in schema.EXPORTED
        for column in table.columns if schema.SECRET_LOOKING.search(column.name)
    }
    assert not suspicious - named, f"Left out, or say why it is no secret: {sorted(suspicious - named)}"
    existing = {f"{t.name}.{c.name}" for t in db.metadata.tables.values() for c in t.columns}
    assert not named - existing, "classified columns that no longer exist"
    assert not set(schema.LEFT_OUT) & set(schema.NOT_SECRET)


def test_the_secret_pattern_catches_the_usual_names():
    for name in ("password_hash", "token_hash", "client_secret", "secret", "last_sid", "session_id", "api_key"):
        assert schema.SECRET_LOOKING.search(name), name
    for name in ("email", "title", "created_at", "subject", "issuer"):
        assert not schema.SECRET_LOOKING.search(name), name


def test_the_description_names_every_exported_column_and_none_left_out(app):
    with app.app_context():
        described = describe()
    assert set(described["tables"]) == set(schema.EXPORTED)
    assert "password_hash" not in described["tables"]["users"]["columns"]
    assert described["tables"]["ideas"]["columns"]["merged_into_id"] == {"kind": "integer", "nullable": True,
                                                                       "refers_to": "ideas.id"}
    assert described["tables"]["ideas"]["columns"]["created_at"]["kind"] == "moment"
