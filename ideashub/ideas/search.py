"""Full-text search over ideas, with each database's own index.

SQLite: an FTS5 table (``ideas_fts``, porter stemming) kept in step with
``ideas`` by triggers. PostgreSQL: a GIN index on the English tsvector of the
same text. Both match every word typed (the last one as a prefix, so results
narrow as a person types), and neither lets the text typed be read as query
syntax: words are extracted and quoted, never passed through.
"""

from __future__ import annotations

import re

from sqlalchemy import String, bindparam, func, literal_column, select, text

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8

# The same expression is in the PostgreSQL index (see the migration); the
# planner uses the index only when a query repeats it exactly.
PG_DOCUMENT = (
    "to_tsvector('english', coalesce(ideas.title, '') || ' ' || coalesce(ideas.problem, '') "
    "|| ' ' || coalesce(ideas.proposal, '') || ' ' || coalesce(ideas.benefit, ''))"
)


def search_words(q: str | None) -> list[str]:
    return [w.lower() for w in _WORD.findall(q or "")][:MAX_WORDS]


def search_query(q: str | None, dialect: str) -> str | None:
    """What the database's full-text index is asked for ``q`` (None when ``q`` has no words)."""
    words = search_words(q)
    if not words:
        return None
    if dialect == "postgresql":
        # The words are \w+ only, so quoting them cannot break out of the query syntax.
        return " & ".join([f"'{w}'" for w in words[:-1]] + [f"'{words[-1]}':*"])
    return " ".join([f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*'])


def search_clause(idea_id_column, dialect: str, query: str | None = None):
    """The WHERE condition of a search for ``query`` (see ``search_query``).

    Without ``query`` it is left as the required bound parameter ``search``, for
    a statement built once and run with each search's words.
    """
    param = bindparam("search", query, type_=String, required=query is None)
    if dialect == "postgresql":
        return literal_column(PG_DOCUMENT).op("@@")(func.to_tsquery("english", param))
    matches = select(text("rowid")).select_from(text("ideas_fts")).where(
        text("ideas_fts MATCH :search").bindparams(param)
    )
    return idea_id_column.in_(matches)
