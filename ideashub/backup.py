"""Online backup and restore of the hub's database.

``backup`` makes a consistent copy while the hub keeps serving: SQLite's
online backup API (one step, under one read transaction, so the copy is a
single moment of the database even with writers busy in WAL mode), or
``pg_dump`` in its custom format (it reads from one snapshot and blocks
nobody). ``restore`` loads such a copy into an empty database only, so a
slip of the finger can never overwrite a live hub.

Connection details for the PostgreSQL tools go through libpq's environment
variables; the password in particular is never on a command line (where
``ps`` shows it to every user of the machine) nor in a message.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect, select, table
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from ideashub.core.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"

# Tables whose rows are not the hub's data: Alembic's bookkeeping and the
# FTS5 index (and its shadow tables), which SQLite rebuilds from ``ideas``.
_NOT_DATA = ("alembic_version",)
_NOT_DATA_PREFIXES = ("ideas_fts", "ideas_match_fts", "users_match_fts", "sqlite_")

# libpq reads these from the environment; anything else in the URL's query is refused.
_LIBPQ_QUERY_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
}


class BackupError(RuntimeError):
    """A backup or restore could not be made; the message says why, for a person."""


@dataclass(frozen=True)
class Outcome:
    path: Path
    size: int
    database: str  # the target, with any password masked


def _url(url: str | URL) -> URL:
    url = make_url(url) if isinstance(url, str) else url
    if url.get_backend_name() not in {"sqlite", "postgresql"}:
        raise BackupError(_("Backups support SQLite and PostgreSQL, not %(backend)s.", backend=url.get_backend_name()))
    return url


def describe(url: str | URL) -> str:
    """The database's address with its password masked, fit for logs and messages."""
    return _url(url).render_as_string(hide_password=True)


def _sqlite_file(url: URL) -> Path:
    if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
        raise BackupError(_("Only a SQLite database in a file can be backed up or restored."))
    return Path(url.database)


def tables_with_data(url: str | URL) -> list[str]:
    """The names of the hub's tables at ``url`` that hold at least one row."""
    url = _url(url)
    if url.get_backend_name() == "sqlite" and not _sqlite_file(url).exists():
        return []
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            names = [
                name
                for name in inspect(conn).get_table_names()
                if name not in _NOT_DATA and not name.startswith(_NOT_DATA_PREFIXES)
            ]
            return [n for n in names if conn.execute(select(1).select_from(table(n)).limit(1)).first()]
    finally:
        engine.dispose()


def _check_empty(url: URL) -> None:
    full = tables_with_data(url)
    if full:
        shown = ", ".join(full[:5]) + (", ..." if len(full) > 5 else "")
        raise BackupError(
            _("The database %(database)s already has data (in %(tables)s). "
              "Restore only into an empty database: create a new one, point DATABASE_URL at it "
              "and run restore again.", database=describe(url), tables=shown)
        )


def _check_kind(path: Path, url: URL) -> None:
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError as error:
        raise BackupError(_("Cannot read the backup %(path)s: %(reason)s.", path=path, reason=error.strerror)) from None
    backend = url.get_backend_name()
    if backend == "sqlite" and head != SQLITE_MAGIC:
        if head.startswith(PG_DUMP_MAGIC):
            raise BackupError(_("%(path)s is a PostgreSQL dump; the target database is SQLite.", path=path))
        raise BackupError(_("%(path)s is not a SQLite backup; the target database is SQLite.", path=path))
    if backend == "postgresql" and not head.startswith(PG_DUMP_MAGIC):
        if head == SQLITE_MAGIC:
            raise BackupError(_("%(path)s is a SQLite backup; the target database is PostgreSQL.", path=path))
        raise BackupError(_("%(path)s is not a pg_dump custom-format file; the target database is PostgreSQL.", path=path))


def _sqlite_integrity(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        broken_links = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    if result != "ok" or broken_links:
        raise BackupError(_("%(path)s failed SQLite's integrity check: %(result)s, %(broken)s broken links.",
                                path=path, result=result, broken=len(broken_links)))


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy ``source`` into ``target`` with the online backup API, in one step."""
    src = sqlite3.connect(source, timeout=15)
    try:
        dst = sqlite3.connect(target, timeout=15)
        try:
            # pages=-1: every page in one step under one read transaction, so
            # the copy is one moment of the source however busy its writers are.
            src.backup(dst, pages=-1)
        finally:
            dst.close()
    finally:
        src.close()


def pg_environment(url: URL) -> dict[str, str]:
    """The libpq environment for ``url``: where to connect, as whom, and the password."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    for key, value in url.query.items():
        if key not in _LIBPQ_QUERY_ENV:
            raise BackupError(_("The DATABASE_URL option %(option)s is not supported for backups.", option=repr(key)))
        env[_LIBPQ_QUERY_ENV[key]] = value if isinstance(value, str) else value[-1]
    for name, value in (
        ("PGHOST", url.host),
        ("PGPORT", url.port),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
    ):
        if value not in (None, ""):
            env[name] = str(value)
    return env


def _run_pg_tool(tool: str, args: list[str], url: URL) -> None:
    program = shutil.which(tool)
    if program is None:
        raise BackupError(_("%(tool)s is not installed (on Debian: apt-get install postgresql-client).", tool=tool))
    # The database and credentials reach the tool only through its environment.
    result = subprocess.run(  # noqa: S603 - a fixed program with our own arguments
        [program, *args], env=pg_environment(url), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        message = result.stderr.strip()
        if url.password:
            message = message.replace(url.password, "***")
        raise BackupError(_("%(tool)s failed for %(database)s: %(message)s", tool=tool, database=describe(url), message=message))


def _temporary_beside(path: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(fd)
    return Path(name)


def backup(url: str | URL, path: str | Path, overwrite: bool = False) -> Outcome:
    """Write a consistent copy of the database at ``url`` to ``path``.

    The copy is written beside ``path`` and renamed into place when complete,
    so ``path`` is never a half-written backup.
    """
    url, path = _url(url), Path(path)
    if path.exists() and not overwrite:
        raise BackupError(_("%(path)s already exists; choose another name (or pass --overwrite).", path=path))
    if not path.parent.is_dir():
        raise BackupError(_("The folder %(folder)s does not exist.", folder=path.parent))
    partial = _temporary_beside(path)
    try:
        if url.get_backend_name() == "sqlite":
            source = _sqlite_file(url)
            if not source.exists():
                raise BackupError(_("There is no database at %(path)s.", path=source))
            partial.unlink()
            _sqlite_copy(source, partial)
            conn = sqlite3.connect(partial)
            try:
                # A single self-contained file, whatever mode the live database is in.
                conn.execute("PRAGMA journal_mode=DELETE")
            finally:
                conn.close()
            _sqlite_integrity(partial)
        else:
            _run_pg_tool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"], url)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return Outcome(path=path, size=path.stat().st_size, database=describe(url))


def restore(url: str | URL, path: str | Path) -> Outcome:
    """Load the backup at ``path`` into the database at ``url``, which must be empty."""
    url, path = _url(url), Path(path)
    _check_kind(path, url)
    _check_empty(url)
    if url.get_backend_name() == "sqlite":
        _sqlite_integrity(path)
        target = _sqlite_file(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(path, target)
        conn = sqlite3.connect(target, timeout=15)
        try:
            conn.execute("PRAGMA journal_mode=WAL")  # as the app runs it
        finally:
            conn.close()
        _sqlite_integrity(target)
    else:
        # --clean --if-exists: an empty but migrated database already has the
        # tables; they hold nothing (checked above), so they are replaced.
        _run_pg_tool(
            "pg_restore",
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
             "--exit-on-error", f"--dbname={url.database}", str(path)],
            url,
        )
    return Outcome(path=path, size=path.stat().st_size, database=describe(url))
