"""Each person's choice of card view on the board (full or compact).

Revision ID: 8b3f2c6d1a70
Revises: 5e1d7c3a9b42
Create Date: 2026-12-06 04:40:00

Everyone starts with the full cards they have today.
"""
import sqlalchemy as sa
from alembic import op

revision = '8b3f2c6d1a70'
down_revision = '5e1d7c3a9b42'
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both databases: a batch copy of ``users`` on SQLite would drop
# a table that every other table refers to.
def upgrade():
    op.add_column('users', sa.Column('board_view', sa.String(length=10), server_default='full', nullable=False))


def downgrade():
    op.drop_column('users', 'board_view')
