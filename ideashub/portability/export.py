"""Export everything: the hub's data as one JSON document, written a row at a time.

The document (schema version ``schema.SCHEMA_VERSION``)::

    {"exported_at": "2026-03-10T09:00:00.000000Z",
     "format": "ideashub-export",
     "left_out": {"users": ["password_hash"], ...},
     "schema_version": 1,
     "tables": {"activity": [{"action": ..., "at": ..., ...}, ...], ..., "webhooks": [...]}}

Every table named in ``schema.EXPORTED`` is present (an empty list when it has no rows), with its
rows ordered by primary key; each row is an object of every column but the left-out ones, keys
sorted. Moments are UTC in one form (``YYYY-MM-DDTHH:MM:SS.ffffffZ``), dates ``YYYY-MM-DD``,
JSON columns as they are stored. So two exports of the same data differ only in
``exported_at``, whatever database they came from.

Rows are read with the database's streaming cursor and written as they come, so memory stays
flat however big the hub is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime

from sqlalchemy import Date, Table, select

from ideashub.core.db import UTCDateTime
from ideashub.extensions import db
from ideashub.portability import schema

BATCH = 1000


def moment(value: datetime) -> str:
    """The document's one form for a moment: UTC, microseconds, ``Z``."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _plain(value):
    if isinstance(value, datetime):
        return moment(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _dumps(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain)


def exported_tables() -> list[Table]:
    """The tables the document carries, by name."""
    return [db.metadata.tables[name] for name in sorted(schema.EXPORTED) if name in db.metadata.tables]


def _columns(table: Table):
    left_out = schema.left_out_columns(table.name)
    return [column for column in table.columns if column.name not in left_out]


def _rows(table: Table) -> Iterator[dict]:
    columns = _columns(table)
    order = list(table.primary_key.columns) or columns
    # On the statement, not the connection: a connection's options would stay with it and
    # turn every later statement (a savepoint's ROLLBACK too) into a server-side cursor.
    stmt = select(*columns).order_by(*order).execution_options(yield_per=BATCH)
    result = db.session.execute(stmt)
    for row in result:
        yield {name: _plain(value) for name, value in row._mapping.items()}


def left_out() -> dict[str, list[str]]:
    """Each exported table's left-out columns (the document's ``left_out``)."""
    found = {}
    for table in exported_tables():
        columns = sorted(schema.left_out_columns(table.name) & set(table.columns.keys()))
        if columns:
            found[table.name] = columns
    return found


def _kind(column) -> str:
    if isinstance(column.type, UTCDateTime):
        return "moment"
    if isinstance(column.type, Date):
        return "date"
    return {"Integer": "integer", "Float": "number", "Boolean": "boolean", "JSON": "json"}.get(
        type(column.type).__name__, "text")


def _column(column) -> dict:
    described = {"kind": _kind(column), "nullable": bool(column.nullable)}
    for fk in column.foreign_keys:
        described["refers_to"] = f"{fk.column.table.name}.{fk.column.name}"
    return described


def describe() -> dict:
    """A machine-readable description of the document this hub writes: each table's columns
    (kind, whether it may be null, what it refers to), its key, and what stays behind, and why."""
    tables = {}
    for table in exported_tables():
        tables[table.name] = {
            "about": str(schema.EXPORTED[table.name]),
            "key": [c.name for c in table.primary_key.columns],
            "columns": {c.name: _column(c) for c in _columns(table)},
        }
    return {"format": schema.FORMAT, "schema_version": schema.SCHEMA_VERSION, "tables": tables,
            "left_out": {k: str(v) for k, v in schema.LEFT_OUT.items()},
            "not_data": {k: str(v) for k, v in schema.NOT_DATA.items()}}


def chunks(now: datetime, counts: dict[str, int] | None = None) -> Iterator[str]:
    """The document, as pieces of text to write one after another (``counts``, if given,
    receives how many rows each table gave)."""
    yield "{" + f'"exported_at":{_dumps(moment(now))},"format":{_dumps(schema.FORMAT)},'
    yield f'"left_out":{_dumps(left_out())},"schema_version":{schema.SCHEMA_VERSION},"tables":{{'
    for n, table in enumerate(exported_tables()):
        yield ("," if n else "") + f"\n{_dumps(table.name)}:["
        m = 0
        for m, row in enumerate(_rows(table), start=1):
            yield ("," if m > 1 else "") + "\n" + _dumps(row)
        if counts is not None:
            counts[table.name] = m
        yield "]"
    yield "\n}}\n"


def write(path, now: datetime) -> dict[str, int]:
    """Write the document to ``path``; return how many rows each table gave."""
    counts: dict[str, int] = {}
    with open(path, "w", encoding="utf-8") as out:
        for piece in chunks(now, counts):
            out.write(piece)
    return counts
