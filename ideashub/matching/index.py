"""The databases' own full-text indexes, as matching asks them: how common a word is, and the
best candidates for a set of words.

The indexes (see migration ``2026-12-09_matching_indexes``): SQLite FTS5 with the porter
tokenizer over ``unicode61`` (diacritics removed), which stems the words asked and the words
indexed alike, so the engine asks for words; PostgreSQL's ``'simple'`` configuration (words as
written, no English stemmer), which the engine asks for its own light stems as prefixes
(``'collect':*`` finds collection, collected). Either way Welsh words match as written, and the
engine scores candidates with its own stems. Every word reaching the SQL here is letters and
digits only (``engine.terms_of``) and is quoted, so nothing typed is read as query syntax: FTS
operators, quotes, NEAR, ``*``, ``-`` and ``:`` never get this far.

Nothing here is slower than its bounds: each word's count stops at ``DF_CAP`` rows, and the
candidates are the top ``limit`` of the database's own ranking (FTS5 ``bm25()`` with column
weights, PostgreSQL ``ts_rank_cd`` with weights A-D).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable, Sequence

from flask import current_app
from sqlalchemy import func, literal_column, select, text

from ideashub.extensions import db

# A word in more ideas than this counts as "in this many": common words all weigh the same,
# and counting one never reads more than this many index entries.
DF_CAP = 1000

# Column weights: ideas (title, problem, proposal and benefit, tags); people (skills, bio).
SQLITE_IDEA_WEIGHTS = "4.0, 2.0, 1.0, 4.0"
SQLITE_USER_WEIGHTS = "3.0, 1.0"
PG_WEIGHTS = "'{0.1, 0.4, 0.6, 1.0}'"  # D, C, B, A


def dialect() -> str:
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
    build = _pg_term if dialect() == "postgresql" else _sqlite_term
    parts = [build(forms, prefix) for forms, prefix in groups]
    joiner = " | " if dialect() == "postgresql" else " OR "
    return joiner.join(f"({p})" for p in parts if p)


def all_of(queries: Sequence[str]) -> str:
    """The index's query for rows matching every one of ``queries``."""
    joiner = " & " if dialect() == "postgresql" else " AND "
    return joiner.join(f"({q})" for q in queries)


def _matches(n: int, query: str, alias: str = ""):
    """The condition "this index row matches ``query``" (bound as ``:q<n>``)."""
    name = f"q{n}"
    if dialect() == "postgresql":
        return text(f"{alias}document @@ to_tsquery('simple', :{name})").bindparams(**{name: query})
    return text(f"ideas_match_fts MATCH :{name}").bindparams(**{name: query})


# How common each word is changes slowly: counts are kept in the worker's memory for this long
# (not under tests, whose data comes and goes with each test's transaction).
COUNTS_SECONDS = 600
MAX_COUNTS = 20_000
_counts: dict[tuple[str, str], tuple[float, int]] = {}
_counts_lock = threading.Lock()


def _cached(key: tuple[str, str], now: float) -> int | None:
    found = _counts.get(key)
    return found[1] if found and found[0] > now else None


def document_counts(queries: Sequence[str]) -> tuple[int, list[int]]:
    """About how many ideas there are (the highest id: exact enough for weighting words, and
    instant), and in how many ideas each query's words appear (each count stops at ``DF_CAP``),
    in one statement for those not counted in the last ``COUNTS_SECONDS``."""
    keep = not current_app.testing
    where = str(db.session.get_bind().engine.url)
    now = time.monotonic()
    with _counts_lock:
        known = {q: _cached((where, q), now) for q in queries} if keep else {}
        total = _cached((where, ""), now) if keep else None
    missing = [q for q in dict.fromkeys(queries) if known.get(q) is None]
    if missing and dialect() == "postgresql":
        # Words PostgreSQL's statistics already know to be common are not counted (on PostgreSQL
        # a common word's count reads its whole posting list and a thousand rows); rare words are.
        common = _pg_common_words(where, now, keep)
        if common:
            known.update({q: DF_CAP for q in missing if _is_common(q, common)})
            missing = [q for q in missing if known.get(q) is None]
    columns = []
    if total is None:
        columns.append(select(func.coalesce(func.max(literal_column("id")), 0)).select_from(text("ideas"))
                       .scalar_subquery())
    for n, query in enumerate(missing):
        rows = select(literal_column("1")).select_from(text("ideas_match_fts")).where(_matches(n, query)).limit(DF_CAP)
        columns.append(select(func.count()).select_from(rows.subquery(f"s{n}")).scalar_subquery())
    if columns:
        found = [int(v or 0) for v in db.session.execute(select(*columns)).one()]
        if total is None:
            total, found = found[0], found[1:]
        fresh = dict(zip(missing, found, strict=True))
        known.update(fresh)
        if keep:
            with _counts_lock:
                if len(_counts) > MAX_COUNTS:
                    _counts.clear()
                _counts[(where, "")] = (now + 60, total)
                for q, n in fresh.items():
                    _counts[(where, q)] = (now + COUNTS_SECONDS, n)
    return int(total or 0), [int(known[q]) for q in queries]


_PG_WORD = re.compile(r"'([^']+)'(:\*)?")
_pg_common: dict[str, tuple[float, dict[str, int]]] = {}


def _pg_common_words(where: str, now: float, keep: bool) -> dict[str, int]:
    """Words in at least ``DF_CAP`` ideas by PostgreSQL's own statistics of the matching index
    (``pg_stats.most_common_elems``, kept by ANALYZE and autovacuum), with their estimated counts."""
    found = _pg_common.get(where) if keep else None
    if found and found[0] > now:
        return found[1]
    row = db.session.execute(text(
        "SELECT most_common_elems::text::text[] AS words, most_common_elem_freqs AS freqs, "
        "(SELECT reltuples FROM pg_class WHERE relname = 'ideas_match_fts') AS n "
        "FROM pg_stats WHERE tablename = 'ideas_match_fts' AND attname = 'document'")).first()
    common: dict[str, int] = {}
    if row is not None and row.words and row.n and row.n > 0:
        for word, freq in zip(row.words, row.freqs or [], strict=False):
            if freq * row.n >= DF_CAP:
                common[word] = int(freq * row.n)
    if keep:
        _pg_common[where] = (now + COUNTS_SECONDS, common)
    return common


def _is_common(query: str, common: dict[str, int]) -> bool:
    for word, prefix in _PG_WORD.findall(query):
        if word in common or (prefix and any(w.startswith(word) for w in common)):
            return True
    return False


def _visible(exclude: Iterable[int]) -> list:
    skip = sorted({int(i) for i in exclude})
    conditions = [text("i.hidden_at IS NULL AND i.withdrawn_at IS NULL AND i.merged_into_id IS NULL"),
                  literal_column("i.stage") != "merged"]
    if skip:
        conditions.append(literal_column("i.id").not_in(skip))
    return conditions


# When the words are common, the index ranks only the newest this many ideas having them: the
# cost of ranking is bounded whatever is typed.
POOL = 2000


def _sqlite_floor(table: str, query: str, pool: int) -> int | None:
    """The ``pool``-th newest row of the FTS5 ``table`` matching ``query`` (None when fewer match):
    FTS5 walks matches newest first without ranking them, so ranking only rows from here on is
    bounded whatever is typed."""
    return db.session.scalar(select(literal_column("rowid")).select_from(text(table))
                             .where(text(f"{table} MATCH :floor_q").bindparams(floor_q=query))
                             .order_by(text("rowid DESC")).limit(1).offset(pool - 1))


def idea_candidates(query: str, limit: int, exclude: Iterable[int] = (), ranked: bool = True) -> list[int]:
    """Ids of up to ``limit`` ideas best matching ``query`` on the index's own ranking (among the
    newest ``POOL`` ideas matching it), never hidden, withdrawn or merged away; with ``ranked``
    false, simply the newest matching (for queries of common words only, whose ranking says little)."""
    if not ranked:
        source = ("ideas_match_fts AS f JOIN ideas AS i ON i.id = f.idea_id" if dialect() == "postgresql"
                  else "ideas_match_fts AS f JOIN ideas AS i ON i.id = f.rowid")
        key = "f.idea_id" if dialect() == "postgresql" else "f.rowid"
        newest = (select(literal_column(key)).select_from(text(source)).where(_matches(0, query, "f."), *_visible(exclude))
                  .order_by(text(f"{key} DESC")).limit(limit))
        return [int(r) for r in db.session.scalars(newest)]
    if dialect() == "postgresql":
        pool = text("(SELECT idea_id, document FROM ideas_match_fts, to_tsquery('simple', :q) AS query "
                    "WHERE document @@ query ORDER BY idea_id DESC LIMIT :pool) AS f "
                    "JOIN ideas AS i ON i.id = f.idea_id, to_tsquery('simple', :q) AS query").bindparams(q=query, pool=POOL)
        statement = (select(literal_column("f.idea_id")).select_from(pool).where(*_visible(exclude))
                     .order_by(text(f"ts_rank_cd({PG_WEIGHTS}, f.document, query) DESC"), text("f.idea_id DESC")))
    else:
        floor = _sqlite_floor("ideas_match_fts", query, POOL)
        statement = (select(literal_column("f.rowid")).select_from(text("ideas_match_fts AS f JOIN ideas AS i ON i.id = f.rowid"))
                     .where(_matches(0, query), *_visible(exclude))
                     .order_by(text(f"bm25(ideas_match_fts, {SQLITE_IDEA_WEIGHTS})"), text("f.rowid DESC")))
        if floor is not None:
            statement = statement.where(literal_column("f.rowid") >= floor)
    return [int(r) for r in db.session.scalars(statement.limit(limit))]


# People ranked at most: the newest this many whose skills or bio have the words (common words
# match thousands; ranking is bounded whatever is typed).
PEOPLE_POOL = 300


def people_candidates(query: str, limit: int) -> list[int]:
    """Ids of up to ``limit`` active people whose skills and bio best match ``query``, among the
    newest ``PEOPLE_POOL`` matching (on PostgreSQL each ranked on the weighted document its table
    keeps, on SQLite by FTS5's ``bm25()``)."""
    if dialect() == "postgresql":
        pool = text("(SELECT m.user_id, m.document FROM users_match_fts AS m JOIN users AS u ON u.id = m.user_id, "
                    "to_tsquery('simple', :q) AS query WHERE u.active AND m.document @@ query "
                    "ORDER BY m.user_id DESC LIMIT :pool) AS f, to_tsquery('simple', :q) AS query"
                    ).bindparams(q=query, pool=PEOPLE_POOL)
        statement = (select(literal_column("f.user_id")).select_from(pool)
                     .order_by(text(f"ts_rank_cd({PG_WEIGHTS}, f.document, query) DESC"), text("f.user_id")))
    else:
        floor = _sqlite_floor("users_match_fts", query, PEOPLE_POOL)
        statement = (select(literal_column("f.rowid")).select_from(text("users_match_fts AS f JOIN users AS u ON u.id = f.rowid"))
                     .where(text("users_match_fts MATCH :q").bindparams(q=query), literal_column("u.active"))
                     .order_by(text(f"bm25(users_match_fts, {SQLITE_USER_WEIGHTS})"), text("f.rowid")))
        if floor is not None:
            statement = statement.where(literal_column("f.rowid") >= floor)
    return [int(r) for r in db.session.scalars(statement.limit(limit))]
