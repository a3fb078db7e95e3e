"""Invitations to hear an idea: who invited whom, the note, and the answer.

Revision ID: 7a3e5c1f9d42
Revises: 6c2d9e4f8a15
Create Date: 2026-12-06 10:00:00

"""
from alembic import op
import sqlalchemy as sa



revision = '7a3e5c1f9d42'
down_revision = '6c2d9e4f8a15'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_invitations_idea_id_ideas')),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_invitations_invited_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_invitations_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
    sa.UniqueConstraint('idea_id', 'user_id', name='uq_invitations_idea_user')
    )
    op.create_index('ix_invitations_idea_id', 'invitations', ['idea_id'])
    op.create_index('ix_invitations_user_status', 'invitations', ['user_id', 'status'])
    op.create_index('ix_invitations_by_created', 'invitations', ['invited_by_id', 'created_at'])


def downgrade():
    op.drop_index('ix_invitations_by_created', table_name='invitations')
    op.drop_index('ix_invitations_user_status', table_name='invitations')
    op.drop_index('ix_invitations_idea_id', table_name='invitations')
    op.drop_table('invitations')
