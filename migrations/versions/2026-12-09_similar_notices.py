"""Similar notices: a new idea was posted that is like a parked or declined one.

Revision ID: 9c1e7a3d5b64
Revises: 8b4f6d2a0e53
Create Date: 2026-12-06 10:30:00

"""
from alembic import op
import sqlalchemy as sa



revision = '9c1e7a3d5b64'
down_revision = '8b4f6d2a0e53'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('similar_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('old_idea_id', sa.Integer(), nullable=False),
    sa.Column('new_idea_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['new_idea_id'], ['ideas.id'], name=op.f('fk_similar_notices_new_idea_id_ideas')),
    sa.ForeignKeyConstraint(['old_idea_id'], ['ideas.id'], name=op.f('fk_similar_notices_old_idea_id_ideas')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_similar_notices')),
    sa.UniqueConstraint('old_idea_id', 'new_idea_id', name='uq_similar_notices_old_new')
    )
    op.create_index('ix_similar_notices_old', 'similar_notices', ['old_idea_id', 'created_at'])
    op.create_index('ix_similar_notices_new', 'similar_notices', ['new_idea_id'])


def downgrade():
    op.drop_index('ix_similar_notices_new', table_name='similar_notices')
    op.drop_index('ix_similar_notices_old', table_name='similar_notices')
    op.drop_table('similar_notices')
