"""Cymraeg: PostgreSQL's search index folds diacritics (ŵ to w, â to a...), so a Welsh idea is
found with or without them, as SQLite's FTS5 (unicode61) already finds it.

Revision ID: 3e8d0b6a9c41
Revises: 7a1c9e3f5b20
Create Date: 2026-12-06 16:30:00

"""
from alembic import op


revision = '3e8d0b6a9c41'
down_revision = '7a1c9e3f5b20'
branch_labels = None
depends_on = None

# As ideashub.ideas.search.PG_ACCENTED / PG_PLAIN when this was written (a migration keeps its own copy).
ACCENTED = "âêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿÂÊÎÔÛŴŶÁÉÍÓÚẂÝÀÈÌÒÙẀỲÄËÏÖÜẄŸçñÇÑ"
PLAIN = "aeiouwyaeiouwyaeiouwyaeiouwyAEIOUWYAEIOUWYAEIOUWYAEIOUWYcnCN"
TEXT = "coalesce(title, '') || ' ' || coalesce(problem, '') || ' ' || coalesce(proposal, '') || ' ' || coalesce(benefit, '')"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_ideas_search")
    op.execute(f"CREATE INDEX ix_ideas_search ON ideas USING gin (to_tsvector('english', translate({TEXT}, '{ACCENTED}', '{PLAIN}')))")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_ideas_search")
    op.execute(f"CREATE INDEX ix_ideas_search ON ideas USING gin (to_tsvector('english', {TEXT}))")
