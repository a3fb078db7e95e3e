"""Covering indexes for the insights figures (found by profiling /insights at 100,000 ideas).

Revision ID: 7d2e4a9c1b05
Revises: 3b6c1f0e2a77
Create Date: 2026-11-23 09:40:00

The pipeline, the hearing and participation are one scan of the ideas posted
in a period, grouped by column and team. Without this index SQLite read every
matching row of ``ideas`` (titles and bodies included) for it; with it the scan
reads only the index. The givers and the cross-team matrix sum the monthly
roll-ups per person and per pair of teams; their indexes now carry the sums, so
neither reads the roll-up tables' rows. Plain CREATE INDEX on purpose: a batch operation on
``ideas`` would rebuild the table on SQLite and drop its triggers.
"""
from alembic import op


revision = '7d2e4a9c1b05'
down_revision = '3b6c1f0e2a77'
branch_labels = None
depends_on = None

COLUMNS = ['stage', 'created_at', 'team_id', 'organisation_id', 'hidden_at', 'withdrawn_at',
           'stage_changed_at', 'heard_at', 'first_response_at']


def upgrade():
    op.create_index('ix_ideas_insights', 'ideas', COLUMNS)
    op.drop_index('ix_giver_months_user', table_name='giver_months')
    op.create_index('ix_giver_months_user', 'giver_months', ['user_id', 'month', 'supports', 'builds', 'offers'])
    op.create_index('ix_team_flows_pair', 'team_flows', ['from_team_id', 'to_team_id', 'month', 'supports', 'responses'])


def downgrade():
    op.drop_index('ix_team_flows_pair', table_name='team_flows')
    op.drop_index('ix_giver_months_user', table_name='giver_months')
    op.create_index('ix_giver_months_user', 'giver_months', ['user_id', 'month'])
    op.drop_index('ix_ideas_insights', table_name='ideas')
