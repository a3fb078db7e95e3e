"""Indexes that read the activity log in the order of the times it shows.

Revision ID: 9a4c2e7b1d63
Revises: 3b8e6f1d2c47
Create Date: 2026-12-07 04:30:00

The moderators' log and the audit log list entries newest first by the time
they show (``at``), with the id breaking ties, and filter them by date. An
entry's id follows the order it was written in, not always its time, so the
existing (moderation, id) index cannot serve that order; these two can.
"""
from alembic import op

revision = '9a4c2e7b1d63'
down_revision = '3b8e6f1d2c47'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_activity_at', 'activity', ['at', 'id'])
    op.create_index('ix_activity_moderation_at', 'activity', ['moderation', 'at', 'id'])


def downgrade():
    op.drop_index('ix_activity_moderation_at', table_name='activity')
    op.drop_index('ix_activity_at', table_name='activity')
