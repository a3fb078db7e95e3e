"""@mentions in responses: who each response mentions, once per person.

Revision ID: 5d7c3a9e2f18
Revises: 5e1f7a9c3b20
Create Date: 2026-12-06 07:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d7c3a9e2f18'
down_revision = '5e1f7a9c3b20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('response_mentions',
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('by_name', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_response_mentions_response_id_responses')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_response_mentions_user_id_users')),
    sa.PrimaryKeyConstraint('response_id', 'user_id', name=op.f('pk_response_mentions'))
    )
    with op.batch_alter_table('response_mentions', schema=None) as batch_op:
        batch_op.create_index('ix_response_mentions_user', ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('response_mentions', schema=None) as batch_op:
        batch_op.drop_index('ix_response_mentions_user')

    op.drop_table('response_mentions')
