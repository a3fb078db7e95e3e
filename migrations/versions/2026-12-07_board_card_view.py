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


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('board_view', sa.String(length=10), server_default='full', nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('board_view')
