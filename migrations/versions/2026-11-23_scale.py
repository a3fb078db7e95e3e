"""Indexes for the orders and lookups that span every stage (found by the benchmark at 100,000 ideas).

Revision ID: 3b6c1f0e2a77
Revises: fc7a957d41f7
Create Date: 2026-11-23 02:45:00

Plain CREATE INDEX on purpose: a batch operation on ``ideas`` would rebuild
the table on SQLite and drop its full-text and append-only triggers.
"""
from alembic import op
import sqlalchemy as sa


revision = '3b6c1f0e2a77'
down_revision = 'fc7a957d41f7'
branch_labels = None
depends_on = None

LISTED = "withdrawn_at IS NULL AND hidden_at IS NULL"


def upgrade():
    where = {"sqlite_where": sa.text(LISTED), "postgresql_where": sa.text(LISTED)}
    op.create_index('ix_ideas_all_top', 'ideas', ['supporters_count', 'id'], **where)
    op.create_index('ix_ideas_all_cross_team', 'ideas', ['cross_team_supporters_count', 'supporters_count', 'id'], **where)
    op.create_index('ix_ideas_all_trend', 'ideas', ['trend', 'id'], **where)
    op.create_index('ix_ideas_created', 'ideas', ['created_at', 'id'])
    op.create_index('ix_ideas_merged_into', 'ideas', ['merged_into_id'])


def downgrade():
    for name in ('ix_ideas_merged_into', 'ix_ideas_created', 'ix_ideas_all_trend', 'ix_ideas_all_cross_team',
                 'ix_ideas_all_top'):
        op.drop_index(name, table_name='ideas')
