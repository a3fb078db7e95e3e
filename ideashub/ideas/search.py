"""Full-text search over ideas, with each database's own index.

SQLite: an FTS5 table (``ideas_fts``, porter stemming) kept in step with
``ideas`` by triggers. PostgreSQL: a GIN index on the English tsvector of the
same text. Both match every word typed (the last one as a prefix, so results
narrow as a person types), and neither lets the text typed be read as query
syntax: words are extracted and quoted, never passed through.
"""

from __future__ import annotations

import re

from sqlalchemy import func, literal_column, select, text

from ideashub.extensions import db

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


def search_condition(idea_id_column, q: str | None):
    """A WHERE condition matching ideas that contain every word of ``q`` (None if no words)."""
    words = search_words(q)
    if not words:
        return None
    if db.session.get_bind().dialect.name == "postgresql":
        parts = [f"'{w}'" for w in words[:-1]] + [f"'{words[-1]}':*"]
        # The words are \w+ only, so quoting them cannot break out of the literal.
        return literal_column(PG_DOCUMENT).op("@@")(func.to_tsquery("english", " & ".join(parts)))
    parts = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    matches = select(text("rowid")).select_from(text("ideas_fts")).where(
        text("ideas_fts MATCH :fts_query").bindparams(fts_query=" ".join(parts))
    )
    return idea_id_column.in_(matches)
