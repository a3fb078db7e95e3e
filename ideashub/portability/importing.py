"""Import everything: load an export document (see ``export``) into an empty hub.

The whole load is one transaction, checked before anything is written: a document that is not
an export, of a version this hub cannot read, naming a table or column it does not know, or a
hub that already holds data, is refused with a message and nothing is stored. Rows go in in
foreign-key order (``db.metadata.sorted_tables``); a column pointing into its own table (an
idea merged into a later one, a reply to a response) is filled in once the whole table is in.
The databases' own search indexes are filled by their triggers as the rows go in. On
PostgreSQL the id sequences are moved past the highest id afterwards.

People come in without a password: they reset it, or sign in with their organisation.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import Date, Table, bindparam, select, text
from sqlalchemy.exc import SQLAlchemyError

from ideashub.core.db import UTCDateTime
from ideashub.core.i18n import _
from ideashub.extensions import db
from ideashub.people.sso import UNUSABLE_PASSWORD
from ideashub.portability import schema

BATCH = 1000

# What a left-out column that cannot be empty gets on the new hub.
FILLED_ON_IMPORT: dict[str, Callable[[], object]] = {
    "users.password_hash": lambda: UNUSABLE_PASSWORD,
}


class ImportRefused(Exception):
    """The document cannot be loaded; the message says why, for a person."""


def read(path) -> dict:
    """The document at ``path``, parsed (refused if it is not JSON)."""
    try:
        with open(path, encoding="utf-8") as source:
            return json.load(source)
    except FileNotFoundError:
        raise ImportRefused(_("There is no file at %(path)s.", path=path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise ImportRefused(_("%(path)s is not a JSON document (%(problem)s): not an ideas hub export.", path=path,
                              problem=error.__class__.__name__)) from None


def _tables_in(document) -> dict[str, list]:
    if not isinstance(document, dict) or document.get("format") != schema.FORMAT:
        raise ImportRefused(_('This is not an ideas hub export (its "format" should be "%(format)s").', format=schema.FORMAT))
    version = document.get("schema_version")
    if version not in schema.READABLE_VERSIONS:
        readable = ", ".join(str(v) for v in sorted(schema.READABLE_VERSIONS))
        raise ImportRefused(_("This export has schema version %(version)s; this hub reads version %(readable)s.",
                              version=repr(version), readable=readable))
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise ImportRefused(_('This export has no "tables" object.'))
    unknown = sorted(name for name in tables if name not in schema.EXPORTED or name not in db.metadata.tables)
    if unknown:
        raise ImportRefused(_("This hub does not know the table(s) %(tables)s: is the export from a newer hub?",
                              tables=", ".join(unknown)))
    for name, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ImportRefused(_('The table "%(table)s" should be a list of objects.', table=name))
    return tables


def tables_with_data() -> list[str]:
    """The exported tables of this hub that already hold a row."""
    return [
        name for name in sorted(schema.EXPORTED)
        if name in db.metadata.tables
        and db.session.execute(select(text("1")).select_from(db.metadata.tables[name]).limit(1)).first()
    ]


def _moment(value) -> datetime:
    if not isinstance(value, str):
        raise ValueError("a moment should be text")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("a moment needs its zone (…Z)")
    return parsed.astimezone(UTC)


def _converter(column) -> Callable | None:
    if isinstance(column.type, UTCDateTime):
        return _moment
    if isinstance(column.type, Date):
        return date.fromisoformat
    return None


class _Shape:
    """How one table's rows are read from the document."""

    def __init__(self, table: Table):
        self.table = table
        left_out = schema.left_out_columns(table.name)
        self.columns = {c.name: c for c in table.columns if c.name not in left_out}
        self.convert = {name: f for name, c in self.columns.items() if (f := _converter(c))}
        self.fill = {c.name: FILLED_ON_IMPORT[f"{table.name}.{c.name}"] for c in table.columns
                     if c.name in left_out and f"{table.name}.{c.name}" in FILLED_ON_IMPORT}
        self.later = [name for name, c in self.columns.items()
                      if any(fk.column.table is table for fk in c.foreign_keys)]
        self.needed = {name for name, c in self.columns.items()
                       if not c.nullable and c.default is None and c.server_default is None}

    def row(self, raw: dict, n: int) -> dict:
        unknown = sorted(set(raw) - set(self.columns))
        if unknown:
            raise ImportRefused(_('Row %(row)s of "%(table)s" has column(s) this hub does not know: %(columns)s.',
                                  row=n, table=self.table.name, columns=", ".join(unknown)))
        missing = sorted(self.needed - set(raw))
        if missing:
            raise ImportRefused(_('Row %(row)s of "%(table)s" lacks %(columns)s.', row=n, table=self.table.name,
                                  columns=", ".join(missing)))
        row = {}
        for name, column in self.columns.items():
            value = raw.get(name)
            if name not in raw and column.default is not None and column.default.is_scalar:
                value = column.default.arg
            if value is not None and name in self.convert:
                try:
                    value = self.convert[name](value)
                except (TypeError, ValueError) as error:
                    raise ImportRefused(_('Row %(row)s of "%(table)s": %(column)s is not a valid date or time (%(problem)s).',
                                          row=n, table=self.table.name, column=name, problem=error)) from None
            row[name] = None if name in self.later else value
        for name, make in self.fill.items():
            row[name] = make()
        return row


def _insert(table: Table, rows: list[dict]) -> int:
    shape = _Shape(table)
    batch: list[dict] = []
    pending: list[tuple[dict, dict]] = []  # (primary key, self-references) filled in afterwards
    pk = [c.name for c in table.primary_key.columns]
    for n, raw in enumerate(rows, start=1):
        batch.append(shape.row(raw, n))
        refs = {name: raw[name] for name in shape.later if raw.get(name) is not None}
        if refs:
            pending.append(({f"pk_{k}": raw.get(k) for k in pk}, refs))
        if len(batch) >= BATCH:
            db.session.execute(table.insert(), batch)
            batch = []
    if batch:
        db.session.execute(table.insert(), batch)
    for name in shape.later:
        updates = [{**key, "value": refs[name]} for key, refs in pending if name in refs]
        if updates:
            where = [table.c[k] == bindparam(f"pk_{k}") for k in pk]
            db.session.execute(table.update().where(*where).values({name: bindparam("value")}), updates)
    return len(rows)


def _reset_sequences() -> None:
    for table in db.metadata.sorted_tables:
        if table.name in schema.EXPORTED and list(table.primary_key.columns.keys()) == ["id"]:
            db.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608  # nosec B608 - names from the metadata
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"
            ))


def load(document) -> dict[str, int]:
    """Store every row of ``document`` in this (empty) hub; return how many rows each table got.

    Flushes but never commits: the caller commits once, or rolls back on ``ImportRefused``.
    """
    tables = _tables_in(document)
    busy = tables_with_data()
    if busy:
        raise ImportRefused(_(
            "This hub already holds data (in %(tables)s): import-all loads only into an empty hub, made with "
            "`flask --app wsgi db upgrade` alone or started with DEMO=false.",
            tables=", ".join(busy[:5]) + (", ..." if len(busy) > 5 else "")))
    counts: dict[str, int] = {}
    for table in db.metadata.sorted_tables:
        if table.name in tables:
            try:
                counts[table.name] = _insert(table, tables[table.name])
            except SQLAlchemyError as error:
                reason = str(getattr(error, "orig", None) or error).splitlines()[0][:300]
                raise ImportRefused(_('The rows of "%(table)s" could not be stored: %(problem)s', table=table.name,
                                      problem=reason)) from None
    if db.session.get_bind().dialect.name == "postgresql":
        _reset_sequences()
    db.session.flush()
    return counts
