"""The migrations upgrade, downgrade and upgrade again without losing data or drifting from the models.

Run on whichever database the suite runs on (SQLite by default, PostgreSQL
with ``TEST_DATABASE_URL``), each test on a database of its own.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from ideashub import ROOT, create_app
from ideashub.core.db import include_in_autogenerate
from ideashub.extensions import db
from tests.conftest import START, app_config, fresh_database_url
from tests.support.tables import read_tables

# What the migrations make by hand for each database, which the models do not describe.
# Data a downgrade drops on purpose, because what it points at goes with the downgrade.
CLEARED_BY_DOWNGRADE = {("challenge_entries", "project_id")}

SQLITE_TRIGGERS = {"ideas_fts_insert", "ideas_fts_delete", "ideas_fts_update",
                   "activity_no_update", "activity_no_delete",
                   "ideas_match_insert", "ideas_match_update", "ideas_match_delete", "idea_tags_match_insert",
                   "idea_tags_match_delete", "users_match_insert", "users_match_update", "users_match_delete"}


def revisions() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory(str(ROOT / "migrations"))
    return [r.revision for r in reversed(list(script.walk_revisions("base", "heads")))]


@pytest.fixture
def hub(tmp_path_factory, request):
    url = fresh_database_url(f"mig{request.node.name[-12:].replace('-', '_')}", tmp_path_factory)
    app = create_app(app_config(url))
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def url_of(app) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def schema_differences() -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_in_autogenerate, "compare_type": True})
        return compare_metadata(context, db.metadata)


def hand_made_objects_work(idea_title_word: str | None = None) -> None:
    """Search and the append-only activity log still work: their triggers and index survived."""
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "sqlite":
            triggers = set(conn.scalars(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
            assert triggers == SQLITE_TRIGGERS
            if idea_title_word:
                found = conn.scalar(sa.text("SELECT count(*) FROM ideas_fts WHERE ideas_fts MATCH :w"), {"w": idea_title_word})
                assert found > 0
        else:
            assert conn.scalar(sa.text("SELECT count(*) FROM pg_trigger WHERE tgname = 'activity_append_only'")) == 1
            assert conn.scalar(sa.text("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_ideas_search'")) == 1
    with db.engine.connect() as conn:
        conn.execute(sa.text("INSERT INTO activity (at, action, visibility) VALUES (:at, 'check', 'public')"),
                     {"at": START.replace(tzinfo=None)})
        with pytest.raises(sa.exc.DatabaseError, match="append-only"):
            conn.execute(sa.text("UPDATE activity SET reason = 'rewritten'"))
        conn.rollback()


def load_demo() -> None:
    from ideashub import demo

    demo.load(START)
    db.session.commit()
    db.session.remove()


def same_surviving_data(before: dict, during: dict, after: dict) -> None:
    """Rows in the tables (and columns) the downgrade kept are exactly as they were, before and after."""
    kept = set(during) - {"alembic_version"}
    assert kept, "the downgrade left no tables to compare"
    for name in kept:
        columns = {c for c in next(iter(during[name].values()), {}) if (name, c) not in CLEARED_BY_DOWNGRADE}

        def cut(rows, columns=columns):
            return {k: {c: v for c, v in row.items() if not columns or c in columns} for k, row in rows.items()}
        assert cut(during[name]) == cut(before[name]), f"{name} changed on the way down"
        assert cut(after[name]) == cut(before[name]), f"{name} changed on the way back up"


def test_a_new_database_upgrades_to_exactly_the_models(hub):
    upgrade()
    assert schema_differences() == []
    hand_made_objects_work()


@pytest.mark.parametrize("steps", [1, len(revisions()) - 1], ids=["one-step", "to-the-first"])
def test_downgrade_and_upgrade_again_keep_the_data(hub, steps):
    upgrade()
    load_demo()
    before = read_tables(url_of(hub))
    assert sum(len(before[t]) for t in ("ideas", "supports", "responses", "activity")) > 100

    downgrade(revision=revisions()[-1 - steps])
    during = read_tables(url_of(hub))
    upgrade()
    after = read_tables(url_of(hub))

    same_surviving_data(before, during, after)
    assert schema_differences() == []
    hand_made_objects_work("repair")


def test_every_migration_downgrades_to_base_and_back_on_an_empty_database(hub):
    upgrade()
    for revision in reversed(["base", *revisions()[:-1]]):
        downgrade(revision=revision)
    tables = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
    assert tables == set()
    for revision in revisions():
        upgrade(revision=revision)
    assert schema_differences() == []
    hand_made_objects_work()
