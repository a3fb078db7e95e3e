"""Column types and per-database engine set-up (the declarative base is in ``extensions``)."""

from __future__ import annotations

import math
from datetime import UTC

from flask import g, has_request_context, request
from sqlalchemy import DateTime, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator

from ideashub.extensions import db


class UTCDateTime(TypeDecorator):
    """A moment in time, stored as naive UTC, always returned aware (UTC).

    SQLite keeps no offset and PostgreSQL's ``timestamptz`` converts to the
    session's zone; storing naive UTC and attaching UTC on the way out gives
    the same aware value from both.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def _is_write_request() -> bool:
    # A GET never changes state, so its transaction can stay deferred and
    # read alongside the writer; everything else (and the CLI) takes the
    # write lock up front so SQLite's busy_timeout applies instead of an
    # immediate "database is locked" on upgrade from read to write.
    if not has_request_context():
        return True
    return g.get("writes", False) or request.method not in {"GET", "HEAD", "OPTIONS"}


def will_write() -> None:
    """A GET that changes something (opening a notification marks it read): start its transaction
    again as a writer. On SQLite a read transaction that turns into a write while the worker (or
    anyone) is writing fails at once with "database is locked"; a writer's waits its turn."""
    db.session.rollback()
    g.writes = True


def configure_engine(engine: Engine) -> None:
    """Apply the settings each database needs to stay correct under load."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _sqlite_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # SQLAlchemy, not pysqlite, issues BEGIN
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        try:
            cursor.execute("SELECT ln(1), exp(0)")
        except Exception:  # built without SQLITE_ENABLE_MATH_FUNCTIONS
            dbapi_conn.create_function("ln", 1, math.log, deterministic=True)
            dbapi_conn.create_function("exp", 1, math.exp, deterministic=True)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _is_write_request() else "BEGIN")


def dialect_insert(model):
    """An INSERT that knows ON CONFLICT on both databases we support."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model)


# Schema objects the migrations create by hand for one database, which the
# models do not describe: SQLite's FTS5 tables (and their shadow tables) for
# board search and for matching, PostgreSQL's matching table and the GIN
# indexes over the ideas' and people's text.
HAND_MADE_TABLE_PREFIX = ("ideas_fts", "ideas_match_fts", "users_match_fts")
HAND_MADE_INDEXES = {"ix_ideas_search", "ix_users_match", "ix_ideas_match_fts", "ix_users_match_fts"}


def include_in_autogenerate(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's ``include_object``: compare everything but the hand-made objects."""
    if type_ == "table" and name and name.startswith(HAND_MADE_TABLE_PREFIX):
        return False
    return not (type_ == "index" and reflected and name in HAND_MADE_INDEXES)
