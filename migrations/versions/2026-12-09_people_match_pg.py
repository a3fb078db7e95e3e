"""People's weighted tsvector kept in a table on PostgreSQL (as ideas' is), so ranking people who
could help reads each person's document instead of building it again from skills and bio for
every match (helpers for an idea at 10,000 people: the expression index's ranking was most of
the cost). SQLite is unchanged: its FTS5 table already keeps the words.

Revision ID: d5e2b8c4a7f1
Revises: 8b4f2d6a1c37
Create Date: 2026-12-06 11:45:00

"""
from alembic import op


revision = 'd5e2b8c4a7f1'
down_revision = '8b4f2d6a1c37'
branch_labels = None
depends_on = None

PG_USERS = ("(setweight(to_tsvector('simple', coalesce({r}skills, '')), 'A') || "
            "setweight(to_tsvector('simple', coalesce({r}bio, '')), 'B'))")
PG_REFRESH = f"""
CREATE FUNCTION users_match_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO users_match_fts (user_id, document) VALUES (NEW.id, {PG_USERS.format(r='NEW.')})
  ON CONFLICT (user_id) DO UPDATE SET document = EXCLUDED.document;
  RETURN NULL;
END $$"""


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE TABLE users_match_fts (user_id integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE, "
               "document tsvector NOT NULL)")
    op.execute(PG_REFRESH)
    op.execute(f"INSERT INTO users_match_fts (user_id, document) SELECT id, {PG_USERS.format(r='')} FROM users")
    op.execute("CREATE INDEX ix_users_match_fts ON users_match_fts USING gin (document) WITH (fastupdate = off)")
    op.execute("CREATE TRIGGER users_match_refresh AFTER INSERT OR UPDATE OF skills, bio ON users "
               "FOR EACH ROW EXECUTE FUNCTION users_match_refresh()")
    op.execute("DROP INDEX IF EXISTS ix_users_match")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE INDEX ix_users_match ON users USING gin ({PG_USERS.format(r='')}) WITH (fastupdate = off)")
    op.execute("DROP TRIGGER IF EXISTS users_match_refresh ON users")
    op.execute("DROP TABLE IF EXISTS users_match_fts")
    op.execute("DROP FUNCTION IF EXISTS users_match_refresh()")
