"""Backups taken while a real server is busy restore to a consistent hub.

The drill of the reliability bar (§3.6): back up during load, restore into a
fresh database, check the restored data hangs together and holds every write
the server had acknowledged before the backup began; and, at rest, that the
restored database equals its source table by table.
"""

from __future__ import annotations

import random
import threading
import time

import pytest
import requests
from sqlalchemy import MetaData, create_engine, func, select
from sqlalchemy.pool import NullPool

from ideashub import create_app
from tests.conftest import app_config, fresh_database_url
from tests.support.tables import read_tables

pytestmark = pytest.mark.live

# Rows the load keeps changing after they are written (counters, roll-ups):
# a snapshot's copy may be older than the source's, so only their keys compare.
# Rows that writes after the backup change in place (counts, and the caches' generations, which
# every write that changes a shared page bumps).
CHANGING = {"ideas", "idea_team_supports", "team_flows", "giver_months", "cache_generations"}


def broken_counts(url: str) -> list[str]:
    """Where an idea's stored counts disagree with the rows they count."""
    engine = create_engine(url, poolclass=NullPool)
    meta = MetaData()
    meta.reflect(engine, only=["ideas", "supports", "idea_team_supports"])
    ideas, supports, teams = (meta.tables[n] for n in ("ideas", "supports", "idea_team_supports"))
    problems = []
    try:
        with engine.connect() as conn:
            per_idea = dict(conn.execute(select(supports.c.idea_id, func.count()).group_by(supports.c.idea_id)).all())
            per_team = {
                (i, t): n
                for i, t, n in conn.execute(
                    select(supports.c.idea_id, supports.c.team_id, func.count())
                    .where(supports.c.team_id.is_not(None))
                    .group_by(supports.c.idea_id, supports.c.team_id)
                )
            }
            stored_teams = {(r.idea_id, r.team_id): r.supporters for r in conn.execute(select(teams)) if r.supporters}
            if stored_teams != per_team:
                problems.append("idea_team_supports disagree with supports")
            for row in conn.execute(select(ideas).where(ideas.c.stage != "merged")):
                if row.supporters_count != per_idea.get(row.id, 0):
                    problems.append(f"idea {row.id}: supporters_count {row.supporters_count}, rows {per_idea.get(row.id, 0)}")
                teams_of_idea = sum(1 for (i, _t) in per_team if i == row.id)
                if row.supporting_teams_count != teams_of_idea:
                    problems.append(f"idea {row.id}: supporting_teams_count {row.supporting_teams_count}, teams {teams_of_idea}")
    finally:
        engine.dispose()
    return problems


class Load:
    """People posting ideas and supporting each other's through the API until stopped."""

    def __init__(self, live, people: int = 6):
        self.url = live.url
        emails = live.people(people)
        self.people = [(live.user_id(e), live.token(e)) for e in emails]
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.ideas: list[tuple[int, int]] = []  # (idea id, author id), acknowledged
        self.acked: list[tuple[float, str, tuple]] = []  # (when, table, key)
        self.errors: list[str] = []
        self.threads = [threading.Thread(target=self._work, args=(p,)) for p in self.people]

    def _work(self, person):
        user_id, token = person
        headers = {"Authorization": f"Bearer {token}"}
        rnd = random.Random(user_id)
        with requests.Session() as http:
            while not self.stop.is_set():
                try:
                    r = http.post(self.url + "/api/v1/ideas", headers=headers, timeout=30,
                                  json={"title": f"Backups under load {rnd.random():.6f}", "problem": "p", "proposal": "q"})
                    if r.status_code != 201:
                        self.errors.append(f"post {r.status_code} {r.text[:200]}")
                        continue
                    with self.lock:
                        self.ideas.append((r.json()["id"], user_id))
                        self.acked.append((time.monotonic(), "ideas", (r.json()["id"],)))
                        others = [i for i, author in self.ideas if author != user_id]
                    for idea_id in rnd.sample(others, min(2, len(others))):
                        r = http.put(f"{self.url}/api/v1/ideas/{idea_id}/support", headers=headers, timeout=30)
                        if r.status_code != 200:
                            self.errors.append(f"support {r.status_code} {r.text[:200]}")
                            continue
                        with self.lock:
                            self.acked.append((time.monotonic(), "supports", (idea_id, user_id)))
                except requests.RequestException as error:
                    self.errors.append(repr(error))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        deadline = time.monotonic() + 30
        while len(self.acked) < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def acked_before(self, moment: float) -> list[tuple[str, tuple]]:
        with self.lock:
            return [(table, key) for when, table, key in self.acked if when < moment]


def cli(url: str, *args: str):
    config = app_config(url)
    config.pop("CLOCK")
    app = create_app(config)
    result = app.test_cli_runner().invoke(args=list(args))
    from ideashub.extensions import db

    with app.app_context():
        db.engine.dispose()
    return result


def test_a_backup_taken_under_load_restores_consistent_with_every_acknowledged_write(live, tmp_path, tmp_path_factory):
    source = live.app.config["SQLALCHEMY_DATABASE_URI"]
    path = tmp_path / "during-load.backup"
    with Load(live) as load:
        started = time.monotonic()
        result = cli(source, "backup", str(path))
        finished = time.monotonic()
        # Keep writing after the backup, so the source moves on past the snapshot.
        deadline = time.monotonic() + 30
        while load.acked[-1][0] < finished + 0.3 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert result.exit_code == 0, result.output
    assert not load.errors, load.errors[:5]
    before = load.acked_before(started)
    assert len(before) >= 20 and len(load.acked) > len(before)

    target = fresh_database_url("restored", tmp_path_factory)
    result = cli(target, "restore", str(path))
    assert result.exit_code == 0, result.output

    restored, final = read_tables(target), read_tables(source)
    # Consistent: a single moment, never half of a support.
    assert broken_counts(target) == []
    # Complete: every write acknowledged before the backup began is in it.
    missing = [(t, k) for t, k in before if k not in restored[t]]
    assert missing == []
    # Nothing invented: every restored row is in the source; unchanged rows are equal.
    assert set(restored) == set(final)
    for name, rows in restored.items():
        assert set(rows) <= set(final[name]), name
        if name not in CHANGING:
            assert all(final[name][key] == row for key, row in rows.items()), name


def test_a_backup_at_rest_restores_equal_to_its_source_table_by_table(live, tmp_path, tmp_path_factory):
    source = live.app.config["SQLALCHEMY_DATABASE_URI"]
    with Load(live):
        pass  # some fresh ideas and supports in the source
    path = tmp_path / "at-rest.backup"
    assert cli(source, "backup", str(path)).exit_code == 0
    target = fresh_database_url("restored2", tmp_path_factory)
    result = cli(target, "restore", str(path))
    assert result.exit_code == 0, result.output
    assert "Restored" in result.output

    restored, original = read_tables(target), read_tables(source)
    assert set(restored) == set(original)
    for name in original:
        assert restored[name] == original[name], name
    # Whatever ran before in this worker, the load above wrote ideas and supports.
    assert len(restored["ideas"]) >= 5 and len(restored["supports"]) >= 1
    assert broken_counts(target) == []


def test_restore_refuses_a_database_that_has_data(live, tmp_path):
    source = live.app.config["SQLALCHEMY_DATABASE_URI"]
    path = tmp_path / "hub.backup"
    assert cli(source, "backup", str(path)).exit_code == 0
    before = read_tables(source)

    result = cli(source, "restore", str(path))

    assert result.exit_code != 0
    assert "already has data" in result.output
    assert "Restore only into an empty database" in result.output
    assert read_tables(source) == before


def test_backup_never_overwrites_a_file_unless_asked(live, tmp_path):
    source = live.app.config["SQLALCHEMY_DATABASE_URI"]
    path = tmp_path / "hub.backup"
    path.write_text("yesterday's backup")
    result = cli(source, "backup", str(path))
    assert result.exit_code != 0 and "already exists" in result.output
    assert path.read_text() == "yesterday's backup"
    assert cli(source, "backup", str(path), "--overwrite").exit_code == 0
    assert path.read_bytes()[:5] in {b"SQLit", b"PGDMP"}
    assert list(tmp_path.glob("*.partial")) == []
