"""Cymraeg: the language each person reads the hub in (users.language, none until chosen),
and the language each idea and response is written in (ideas.language, responses.language).

Revision ID: 7a1c9e3f5b20
Revises: 4c33152b86d6
Create Date: 2026-12-06 16:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '7a1c9e3f5b20'
down_revision = '4c33152b86d6'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE on both databases (as board_view and imported_at).
    op.add_column('users', sa.Column('language', sa.String(length=5), nullable=True))
    op.add_column('ideas', sa.Column('language', sa.String(length=5), nullable=False, server_default='en'))
    op.add_column('responses', sa.Column('language', sa.String(length=5), nullable=False, server_default='en'))


def downgrade():
    # Plain DROP COLUMN (SQLite 3.35+ has it): a batch copy would trip the foreign keys.
    op.drop_column('responses', 'language')
    op.drop_column('ideas', 'language')
    op.drop_column('users', 'language')
