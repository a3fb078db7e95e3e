"""Read a whole database back, table by table, to compare two of them."""

from __future__ import annotations

from sqlalchemy import MetaData, create_engine, select
from sqlalchemy.pool import NullPool


def read_tables(url: str) -> dict[str, dict[tuple, dict]]:
    """Every table's rows as dicts, keyed by primary key.

    SQLite's FTS5 index tables are left out: SQLite derives them from ``ideas``.
    """
    engine = create_engine(url, poolclass=NullPool)
    try:
        meta = MetaData()
        meta.reflect(engine)
        tables = {}
        with engine.connect() as conn:
            for table in meta.sorted_tables:
                if table.name.startswith(("ideas_fts", "ideas_match_fts", "users_match_fts")):
                    continue
                key = list(table.primary_key.columns) or list(table.columns)
                tables[table.name] = {
                    tuple(row._mapping[c.name] for c in key): dict(row._mapping)
                    for row in conn.execute(select(table))
                }
        return tables
    finally:
        engine.dispose()
