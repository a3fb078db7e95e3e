"""A generation number for cached figures, and every idea's heard_at derived afresh.

Revision ID: 5e1d7c3a9b42
Revises: 7d2e4a9c1b05
Create Date: 2026-12-06 02:00:00

``cache_generations`` counts, per cache and per writing process, the changes
announced as domain events (bumped when their transaction commits); every
worker reads the sum, so cached figures follow the events that change them in
every worker, and no two workers ever wait for one counter's row lock.

``heard_at`` used to be set once and never reset, so hiding the response
that made an idea heard (or changing the hearing settings) left it saying
"heard". From this revision it is derived from the responders' rows
(see ``ideas.counters.heard_at_sql``); this migration derives it once for
the ideas already there. The statement below is this revision's frozen copy
of that definition, as migrations must not import the application's models.
"""
import json
import os

import sqlalchemy as sa
from alembic import op

revision = '5e1d7c3a9b42'
down_revision = '7d2e4a9c1b05'
branch_labels = None
depends_on = None


def _min_responses(bind) -> int:
    row = bind.execute(sa.text("SELECT value FROM settings WHERE key = 'hearing_min_responses'")).first()
    if row is not None:
        value = row[0]
        return int(json.loads(value) if isinstance(value, str) else value)
    return int(os.environ.get("HEARING_MIN_RESPONSES", "3"))


def _derive_heard_at(bind) -> None:
    ideas = sa.table("ideas", sa.column("id"), sa.column("team_id"), sa.column("created_at"), sa.column("heard_at"))
    nth = sa.table("idea_responders", sa.column("idea_id"), sa.column("user_id"), sa.column("team_id"), sa.column("first_at")).alias("nth")
    other = sa.table("idea_responders", sa.column("idea_id"), sa.column("team_id"), sa.column("first_at")).alias("other")
    k = _min_responses(bind)
    if k <= 0:
        value = ideas.c.created_at
    else:
        nth_at = (sa.select(nth.c.first_at).where(nth.c.idea_id == ideas.c.id).order_by(nth.c.first_at, nth.c.user_id)
                  .limit(1).offset(k - 1).scalar_subquery())
        other_at = (sa.select(sa.func.min(other.c.first_at))
                    .where(other.c.idea_id == ideas.c.id,
                           sa.or_(other.c.team_id != ideas.c.team_id, other.c.team_id.is_(None)))
                    .scalar_subquery())
        value = sa.case((sa.or_(nth_at.is_(None), other_at.is_(None)), sa.null()), (nth_at >= other_at, nth_at),
                        else_=other_at)
    bind.execute(ideas.update().values(heard_at=value))


def upgrade():
    op.create_table(
        'cache_generations',
        sa.Column('cache', sa.String(length=40), nullable=False),
        sa.Column('writer', sa.String(length=80), nullable=False),
        sa.Column('generation', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('cache', 'writer', name=op.f('pk_cache_generations')),
    )
    _derive_heard_at(op.get_bind())


def downgrade():
    op.drop_table('cache_generations')
