"""People edit their own responses while an idea is heard, keeping each earlier version;
a notification remembers the response it is about, so opening it goes there.

Revision ID: 3b8e6f1d2c47
Revises: 8b3f2c6d1a70
Create Date: 2026-12-06 04:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b8e6f1d2c47'
down_revision = "8b3f2c6d1a70"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('response_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('editor_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('suggestion', sa.Text(), nullable=True),
    sa.Column('hours', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['editor_id'], ['users.id'], name=op.f('fk_response_revisions_editor_id_users')),
    sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_response_revisions_response_id_responses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_response_revisions'))
    )
    with op.batch_alter_table('response_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_response_revisions_response_id'), ['response_id'], unique=False)

    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edited_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('response_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_notifications_response_id_responses'), 'responses', ['response_id'], ['id'])


def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_notifications_response_id_responses'), type_='foreignkey')
        batch_op.drop_column('response_id')

    # A plain column: dropped in place (SQLite 3.35+ too). Batch mode would copy the table,
    # which SQLite refuses while other tables' foreign keys point at it.
    op.drop_column('responses', 'edited_at')

    with op.batch_alter_table('response_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_response_revisions_response_id'))

    op.drop_table('response_revisions')
