"""Feed addresses: the secret in a person's Atom feed addresses, kept as its SHA-256.

Revision ID: 5e1f7a9c3b20
Revises: 4f7a1c9e2b58
Create Date: 2026-12-08 07:00:00

One live address per person (making a new one stops the old: ``revoked_at``);
``last_used_at`` lets the person see a feed reader is using it.
"""
import sqlalchemy as sa
from alembic import op

revision = '5e1f7a9c3b20'
down_revision = '4f7a1c9e2b58'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('feed_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_feed_tokens_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_feed_tokens_token_hash'))
    )
    with op.batch_alter_table('feed_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feed_tokens_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('feed_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feed_tokens_user_id'))

    op.drop_table('feed_tokens')
