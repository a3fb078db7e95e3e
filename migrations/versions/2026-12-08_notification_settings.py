"""Each person's email choice for each kind of notification.

Revision ID: 4d7a1c9e2f58
Revises: c1a5e0b7d214
Create Date: 2026-12-08 07:00:00

Only the kinds a person has saved have a row; the others follow the defaults in
``ideashub/reach/preferences.py``. The primary key (user_id, kind) serves both reads:
one person's settings, and the fan-out's "these people, this kind".
"""
import sqlalchemy as sa
from alembic import op

revision = '4d7a1c9e2f58'
down_revision = 'c1a5e0b7d214'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notification_settings',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('email', sa.String(length=12), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_settings_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_notification_settings'))
    )


def downgrade():
    op.drop_table('notification_settings')
