"""The Well-being of Future Generations (Wales) Act 2015: each idea's links to the seven
well-being goals and the five ways of working (idea_wellbeing), shown when WELLBEING_GOALS is on.

Revision ID: 0953258b7f21
Revises: 3e8d0b6a9c41
Create Date: 2026-12-06 16:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0953258b7f21'
down_revision = '3e8d0b6a9c41'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('idea_wellbeing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_idea_wellbeing_idea_id_ideas')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_wellbeing')),
    sa.UniqueConstraint('idea_id', 'kind', 'code', name=op.f('uq_idea_wellbeing_idea_id_kind_code'))
    )
    op.create_index('ix_idea_wellbeing_code', 'idea_wellbeing', ['kind', 'code', 'idea_id'])


def downgrade():
    op.drop_table('idea_wellbeing')
