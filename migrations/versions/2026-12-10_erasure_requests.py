"""People's rights: erasure requests, when a person was erased, and the one exception to the
activity log being append-only (the transaction that erases a person may take their name and
email out of the log's details).

The log's triggers still refuse every DELETE, and every UPDATE unless an erasure request is
``erasing``: that status exists only inside the erasing transaction (it is set, the log is
cleaned, and it becomes ``approved`` before the commit), so no other transaction ever sees it.

Revision ID: 02939ecd85ab
Revises: d5e2b8c4a7f1
Create Date: 2026-12-06 13:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '02939ecd85ab'
down_revision = 'd5e2b8c4a7f1'
branch_labels = None
depends_on = None

ERASING = "EXISTS (SELECT 1 FROM erasure_requests WHERE status = 'erasing')"


def upgrade():
    op.create_table('erasure_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_erasure_requests_decided_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_erasure_requests_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure_requests'))
    )
    op.create_index('ix_erasure_requests_user', 'erasure_requests', ['user_id', 'id'])
    op.create_index('ix_erasure_requests_status', 'erasure_requests', ['status', 'id'])
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(), nullable=True))

    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION activity_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN IF TG_OP = 'UPDATE' AND {ERASING} THEN RETURN NEW; END IF; "
            "RAISE EXCEPTION 'the activity log is append-only'; END $$"
        )
    else:
        op.execute("DROP TRIGGER IF EXISTS activity_no_update")
        op.execute(
            f"CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity WHEN NOT {ERASING} BEGIN "
            "SELECT RAISE(ABORT, 'the activity log is append-only'); END"
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION activity_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'the activity log is append-only'; END $$"
        )
    else:
        op.execute("DROP TRIGGER IF EXISTS activity_no_update")
        op.execute(
            "CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity BEGIN "
            "SELECT RAISE(ABORT, 'the activity log is append-only'); END"
        )
    # Not in batch mode: SQLite drops a column in place (3.35+), where a batch would copy the
    # users table, which every other table's foreign keys refuse to let go.
    op.drop_column('users', 'erased_at')
    op.drop_index('ix_erasure_requests_status', table_name='erasure_requests')
    op.drop_index('ix_erasure_requests_user', table_name='erasure_requests')
    op.drop_table('erasure_requests')
