"""The databases' own full-text indexes, as matching asks them: how common a word is, and the
best candidates for a set of words.

The indexes (see migration ``2026-12-09_matching_indexes``) hold the words as written, without a
stemmer (SQLite FTS5 ``unicode61`` with diacritics removed, PostgreSQL's ``'simple'``
configuration), so Welsh text matches as well as English. The engine asks for its light stems as
prefixes (``collect*`` finds collection, collected, collecting). Every term reaching the SQL here
is letters and digits only (``engine.Term``) and is quoted, so nothing typed is read as query
syntax: FTS operators, quotes, NEAR, ``*``, ``-`` and ``:`` never get this far.

Nothing here is slower than its bounds: each word's count stops at ``DF_CAP`` rows, and the
candidates are the top ``limit`` of the database's own ranking (FTS5 ``bm25()`` with column
weights, PostgreSQL ``ts_rank_cd`` with weights A-D).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, literal_column, select, text

from ideashub.extensions import db

# A word in more ideas than this counts as "in this many": common words all weigh the same,
# and counting one never reads more than this many index entries.
DF_CAP = 1000

# Column weights: ideas (title, problem, proposal and benefit, tags); people (skills, bio).
SQLITE_IDEA_WEIGHTS = "4.0, 2.0, 1.0, 4.0"
SQLITE_USER_WEIGHTS = "3.0, 1.0"
PG_WEIGHTS = "'{0.1, 0.4, 0.6, 1.0}'"  # D, C, B, A

PG_USER_DOCUMENT = ("(setweight(to_tsvector('simple', coalesce(users.skills, '')), 'A') || "
                    "setweight(to_tsvector('simple', coalesce(users.bio, '')), 'B'))")


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _sqlite_term(forms: Sequence[str], prefix: str | None) -> str:
    parts = [f'"{f}"' for f in forms]
    if prefix:
        parts.append(f'"{prefix}"*')
    return " OR ".join(parts)


def _pg_term(forms: Sequence[str], prefix: str | None) -> str:
    parts = [f"'{f}'" for f in forms]
    if prefix:
        parts.append(f"'{prefix}':*")
    return " | ".join(parts)


def query_text(groups: Iterable[tuple[Sequence[str], str | None]]) -> str:
    """The index's query for any of ``groups``: each (exact forms, prefix or None)."""
    build = _pg_term if _dialect() == "postgresql" else _sqlite_term
    parts = [build(forms, prefix) for forms, prefix in groups]
    joiner = " | " if _dialect() == "postgresql" else " OR "
    return joiner.join(f"({p})" for p in parts if p)


def all_of(queries: Sequence[str]) -> str:
    """The index's query for rows matching every one of ``queries``."""
    joiner = " & " if _dialect() == "postgresql" else " AND "
    return joiner.join(f"({q})" for q in queries)


def _matches(n: int, query: str, alias: str = ""):
    """The condition "this index row matches ``query``" (bound as ``:q<n>``)."""
    name = f"q{n}"
    if _dialect() == "postgresql":
        return text(f"{alias}document @@ to_tsquery('simple', :{name})").bindparams(**{name: query})
    return text(f"ideas_match_fts MATCH :{name}").bindparams(**{name: query})


def document_counts(queries: Sequence[str]) -> tuple[int, list[int]]:
    """About how many ideas there are (the highest id: exact enough for weighting words, and
    instant), and in how many ideas each query's words appear (each count stops at ``DF_CAP``),
    in one statement."""
    total = select(func.coalesce(func.max(literal_column("id")), 0)).select_from(text("ideas")).scalar_subquery()
    counts = []
    for n, query in enumerate(queries):
        rows = select(literal_column("1")).select_from(text("ideas_match_fts")).where(_matches(n, query)).limit(DF_CAP)
        counts.append(select(func.count()).select_from(rows.subquery(f"s{n}")).scalar_subquery())
    found = db.session.execute(select(total, *counts)).one()
    return int(found[0] or 0), [int(c) for c in found[1:]]


def _visible(exclude: Iterable[int]) -> list:
    skip = sorted({int(i) for i in exclude})
    conditions = [text("i.hidden_at IS NULL AND i.withdrawn_at IS NULL AND i.merged_into_id IS NULL"),
                  literal_column("i.stage") != "merged"]
    if skip:
        conditions.append(literal_column("i.id").not_in(skip))
    return conditions


def idea_candidates(query: str, limit: int, exclude: Iterable[int] = ()) -> list[int]:
    """Ids of up to ``limit`` ideas best matching ``query`` on the index's own ranking, never
    hidden, withdrawn or merged away."""
    if _dialect() == "postgresql":
        source = text("ideas_match_fts AS f JOIN ideas AS i ON i.id = f.idea_id, to_tsquery('simple', :q) AS query")
        statement = (select(literal_column("f.idea_id")).select_from(source.bindparams(q=query))
                     .where(text("f.document @@ query"), *_visible(exclude))
                     .order_by(text(f"ts_rank_cd({PG_WEIGHTS}, f.document, query) DESC"), text("f.idea_id DESC")))
    else:
        statement = (select(literal_column("f.rowid")).select_from(text("ideas_match_fts AS f JOIN ideas AS i ON i.id = f.rowid"))
                     .where(_matches(0, query), *_visible(exclude))
                     .order_by(text(f"bm25(ideas_match_fts, {SQLITE_IDEA_WEIGHTS})"), text("f.rowid DESC")))
    return [int(r) for r in db.session.scalars(statement.limit(limit))]


def people_candidates(query: str, limit: int) -> list[int]:
    """Ids of up to ``limit`` active people whose skills and bio best match ``query``."""
    if _dialect() == "postgresql":
        source = text("users, to_tsquery('simple', :q) AS query").bindparams(q=query)
        statement = (select(literal_column("users.id")).select_from(source)
                     .where(literal_column("users.active"), text(f"{PG_USER_DOCUMENT} @@ query"))
                     .order_by(text(f"ts_rank_cd({PG_WEIGHTS}, {PG_USER_DOCUMENT}, query) DESC"), text("users.id")))
    else:
        statement = (select(literal_column("f.rowid")).select_from(text("users_match_fts AS f JOIN users AS u ON u.id = f.rowid"))
                     .where(text("users_match_fts MATCH :q").bindparams(q=query), literal_column("u.active"))
                     .order_by(text(f"bm25(users_match_fts, {SQLITE_USER_WEIGHTS})"), text("f.rowid")))
    return [int(r) for r in db.session.scalars(statement.limit(limit))]
