"""People follow ideas, tags, teams and challenges.

Revision ID: 4f7a1c9e2b58
Revises: 4d7a1c9e2f58
Create Date: 2026-12-08 07:00:00

One row per person and target. ``muted`` keeps an explicit "Stop following", so
responding to an idea again does not follow it again. The index on (target,
target_id, muted, user_id) answers "who follows this?" without reading the table.
"""
import sqlalchemy as sa
from alembic import op

revision = '4f7a1c9e2b58'
down_revision = '4d7a1c9e2f58'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('follows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=10), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('muted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follows_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follows')),
    sa.UniqueConstraint('user_id', 'target', 'target_id', name=op.f('uq_follows_user_id_target_target_id'))
    )
    op.create_index('ix_follows_target', 'follows', ['target', 'target_id', 'muted', 'user_id'], unique=False)


def downgrade():
    op.drop_index('ix_follows_target', table_name='follows')
    op.drop_table('follows')
