"""Outgoing webhooks: an address, a format, the events it hears about and its scope
(an organisation, a team, a tag or a challenge). Deliveries live in the outbox.

Revision ID: 6c2d9e4f8a15
Revises: 5d7c3a9e2f18
Create Date: 2026-12-06 07:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '6c2d9e4f8a15'
down_revision = '5d7c3a9e2f18'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('webhooks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('format', sa.String(length=10), nullable=False),
    sa.Column('events', sa.JSON(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('tag', sa.String(length=40), nullable=True),
    sa.Column('challenge_id', sa.Integer(), nullable=True),
    sa.Column('secret', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_webhooks_challenge_id_challenges')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_webhooks_created_by_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_webhooks_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_webhooks_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhooks'))
    )


def downgrade():
    op.drop_table('webhooks')
