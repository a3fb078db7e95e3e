"""Full-text indexes for matching: ideas (title, problem, proposal and benefit, tags) and people
(skills, bio), each in the database's own index.

SQLite: FTS5 tables ``ideas_match_fts`` (tokenizer porter over unicode61 with diacritics
removed: Welsh words pass the English stemmer unchanged or changed alike on both sides, and the
engine scores its own stems) kept in step with ``ideas`` and ``idea_tags`` by triggers, and
``users_match_fts`` (external content on ``users``, porter too). PostgreSQL: a table
``ideas_match_fts`` holding each idea's weighted tsvector in the 'simple' configuration
(title A, problem B, proposal and benefit C, tags A), GIN-indexed and kept in step by
triggers, and a GIN expression index ``ix_users_match`` on people's skills (A) and bio (B).
The models do not describe these (see core.db.include_in_autogenerate).

Revision ID: 8b4f6d2a0e53
Revises: 7a3e5c1f9d42
Create Date: 2026-12-06 10:00:00

"""
from alembic import op


revision = '8b4f6d2a0e53'
down_revision = '7a3e5c1f9d42'
branch_labels = None
depends_on = None

SQLITE_TAGS = ("(SELECT coalesce(group_concat(t.name, ' '), '') FROM idea_tags it "
               "JOIN tags t ON t.id = it.tag_id WHERE it.idea_id = {id})")
SQLITE_BODY = "coalesce({r}.proposal, '') || ' ' || coalesce({r}.benefit, '')"
SQLITE_TRIGGERS = ("ideas_match_insert", "ideas_match_update", "ideas_match_delete", "idea_tags_match_insert",
                   "idea_tags_match_delete", "users_match_insert", "users_match_update", "users_match_delete")

PG_DOCUMENT = """
CREATE FUNCTION ideas_match_document(wanted integer) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('simple', coalesce(i.title, '')), 'A')
      || setweight(to_tsvector('simple', coalesce(i.problem, '')), 'B')
      || setweight(to_tsvector('simple', coalesce(i.proposal, '') || ' ' || coalesce(i.benefit, '')), 'C')
      || setweight(to_tsvector('simple', coalesce((SELECT string_agg(t.name, ' ') FROM idea_tags it
                                                   JOIN tags t ON t.id = it.tag_id
                                                   WHERE it.idea_id = wanted), '')), 'A')
  FROM ideas i WHERE i.id = wanted
$$"""
PG_REFRESH = """
CREATE FUNCTION ideas_match_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ideas' THEN
    INSERT INTO ideas_match_fts (idea_id, document) VALUES (NEW.id, ideas_match_document(NEW.id))
    ON CONFLICT (idea_id) DO UPDATE SET document = EXCLUDED.document;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE ideas_match_fts SET document = ideas_match_document(OLD.idea_id) WHERE idea_id = OLD.idea_id;
  ELSE
    UPDATE ideas_match_fts SET document = ideas_match_document(NEW.idea_id) WHERE idea_id = NEW.idea_id;
  END IF;
  RETURN NULL;
END $$"""
PG_USERS = ("(setweight(to_tsvector('simple', coalesce(skills, '')), 'A') || "
            "setweight(to_tsvector('simple', coalesce(bio, '')), 'B'))")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE TABLE ideas_match_fts (idea_id integer PRIMARY KEY REFERENCES ideas (id) ON DELETE CASCADE, "
                   "document tsvector NOT NULL)")
        op.execute(PG_DOCUMENT)
        op.execute(PG_REFRESH)
        op.execute("INSERT INTO ideas_match_fts (idea_id, document) SELECT id, ideas_match_document(id) FROM ideas")
        # fastupdate off: new ideas go straight into the index rather than a pending list that every
        # search reads through until vacuum (ideas are posted far less often than matched).
        op.execute("CREATE INDEX ix_ideas_match_fts ON ideas_match_fts USING gin (document) WITH (fastupdate = off)")
        op.execute("CREATE TRIGGER ideas_match_refresh AFTER INSERT OR UPDATE OF title, problem, proposal, benefit "
                   "ON ideas FOR EACH ROW EXECUTE FUNCTION ideas_match_refresh()")
        op.execute("CREATE TRIGGER idea_tags_match_refresh AFTER INSERT OR DELETE ON idea_tags "
                   "FOR EACH ROW EXECUTE FUNCTION ideas_match_refresh()")
        op.execute(f"CREATE INDEX ix_users_match ON users USING gin ({PG_USERS}) WITH (fastupdate = off)")
        return
    op.execute("CREATE VIRTUAL TABLE ideas_match_fts USING fts5(title, problem, body, tags, "
               "tokenize='porter unicode61 remove_diacritics 2')")
    op.execute("INSERT INTO ideas_match_fts (rowid, title, problem, body, tags) SELECT i.id, i.title, i.problem, "
               f"{SQLITE_BODY.format(r='i')}, {SQLITE_TAGS.format(id='i.id')} FROM ideas i")
    op.execute("CREATE TRIGGER ideas_match_insert AFTER INSERT ON ideas BEGIN "
               "INSERT INTO ideas_match_fts (rowid, title, problem, body, tags) VALUES "
               f"(new.id, new.title, new.problem, {SQLITE_BODY.format(r='new')}, ''); END")
    op.execute("CREATE TRIGGER ideas_match_update AFTER UPDATE OF title, problem, proposal, benefit ON ideas BEGIN "
               f"UPDATE ideas_match_fts SET title = new.title, problem = new.problem, body = {SQLITE_BODY.format(r='new')} "
               "WHERE rowid = new.id; END")
    op.execute("CREATE TRIGGER ideas_match_delete AFTER DELETE ON ideas BEGIN "
               "DELETE FROM ideas_match_fts WHERE rowid = old.id; END")
    for name, row in (("insert", "new"), ("delete", "old")):
        op.execute(f"CREATE TRIGGER idea_tags_match_{name} AFTER {name.upper()} ON idea_tags BEGIN "
                   f"UPDATE ideas_match_fts SET tags = {SQLITE_TAGS.format(id=row + '.idea_id')} "
                   f"WHERE rowid = {row}.idea_id; END")
    op.execute("CREATE VIRTUAL TABLE users_match_fts USING fts5(skills, bio, content='users', content_rowid='id', "
               "tokenize='porter unicode61 remove_diacritics 2')")
    op.execute("INSERT INTO users_match_fts (users_match_fts) VALUES ('rebuild')")
    op.execute("CREATE TRIGGER users_match_insert AFTER INSERT ON users BEGIN "
               "INSERT INTO users_match_fts (rowid, skills, bio) VALUES (new.id, new.skills, new.bio); END")
    op.execute("CREATE TRIGGER users_match_delete AFTER DELETE ON users BEGIN "
               "INSERT INTO users_match_fts (users_match_fts, rowid, skills, bio) VALUES ('delete', old.id, old.skills, old.bio); END")
    op.execute("CREATE TRIGGER users_match_update AFTER UPDATE OF skills, bio ON users BEGIN "
               "INSERT INTO users_match_fts (users_match_fts, rowid, skills, bio) VALUES ('delete', old.id, old.skills, old.bio); "
               "INSERT INTO users_match_fts (rowid, skills, bio) VALUES (new.id, new.skills, new.bio); END")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_users_match")
        op.execute("DROP TRIGGER IF EXISTS idea_tags_match_refresh ON idea_tags")
        op.execute("DROP TRIGGER IF EXISTS ideas_match_refresh ON ideas")
        op.execute("DROP TABLE IF EXISTS ideas_match_fts")
        op.execute("DROP FUNCTION IF EXISTS ideas_match_refresh()")
        op.execute("DROP FUNCTION IF EXISTS ideas_match_document(integer)")
        return
    for name in SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS users_match_fts")
    op.execute("DROP TABLE IF EXISTS ideas_match_fts")
