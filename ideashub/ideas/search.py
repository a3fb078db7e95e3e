"""Full-text search over ideas, with each database's own index.

SQLite: an FTS5 table (``ideas_fts``, porter stemming over unicode61, which folds
diacritics) kept in step with ``ideas`` by triggers. PostgreSQL: a GIN index on the
English tsvector of the same text with its Welsh and other diacritics folded
(``translate``: ŵ to w, â to a...), so "dwr" finds "dŵr" and "dŵr" finds "dwr" on both
databases; the words typed are folded the same way. Both match every word typed (the last one as a prefix, so results
narrow as a person types), and neither lets the text typed be read as query
syntax: words are extracted and quoted, never passed through.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import String, bindparam, func, literal_column, select, text

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8

# The letters with diacritics that PostgreSQL's document folds, and what each becomes: Welsh's
# to bach (â ê î ô û ŵ ŷ), acute, grave and diaeresis on the same vowels, and a few others
# people's names and borrowed words carry. Immutable (translate), so an index can hold it.
PG_ACCENTED = "âêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿÂÊÎÔÛŴŶÁÉÍÓÚẂÝÀÈÌÒÙẀỲÄËÏÖÜẄŸçñÇÑ"
PG_PLAIN = "aeiouwyaeiouwyaeiouwyaeiouwyAEIOUWYAEIOUWYAEIOUWYAEIOUWYcnCN"

# The same expression is in the PostgreSQL index (see the migration); the
# planner uses the index only when a query repeats it exactly.
PG_DOCUMENT = (
    "to_tsvector('english', translate(coalesce(ideas.title, '') || ' ' || coalesce(ideas.problem, '') "
    "|| ' ' || coalesce(ideas.proposal, '') || ' ' || coalesce(ideas.benefit, ''), "
    f"'{PG_ACCENTED}', '{PG_PLAIN}'))"
)


def fold(word: str) -> str:
    """A word without its diacritics ("dŵr" -> "dwr"), as both indexes hold it."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def search_words(q: str | None) -> list[str]:
    return [fold(w.lower()) for w in _WORD.findall(q or "")][:MAX_WORDS]


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
