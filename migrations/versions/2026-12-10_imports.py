"""Moving in: imported people (users.imported_at) and the map from each imported record's
outside id (a Trello card, comment, vote, member; a CSV row) to the row it became.

Revision ID: 4c33152b86d6
Revises: 02939ecd85ab
Create Date: 2026-12-06 13:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '4c33152b86d6'
down_revision = '02939ecd85ab'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE on both databases (as board_view): a batch copy of users would trip its foreign keys.
    op.add_column('users', sa.Column('imported_at', sa.DateTime(), nullable=True))

    op.create_table('import_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('external_id', sa.String(length=100), nullable=False),
    sa.Column('local_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_records')),
    sa.UniqueConstraint('source', 'kind', 'external_id', name=op.f('uq_import_records_source_kind_external_id'))
    )


def downgrade():
    op.drop_table('import_records')
    op.drop_column('users', 'imported_at')
