"""A real server (gunicorn, 2 workers) on its own database, for concurrency tests."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from ideashub import create_app
from ideashub.core import clock
from ideashub.core.clock import FileClock
from ideashub.extensions import db
from tests.conftest import PASSWORD, START, app_config, fresh_database_url, migrate
from tests.support.live import live_server


def clocked_app(database_url: str, clock_file: Path):
    """The test process's app on the server's database, reading the server's clock file."""
    config = app_config(database_url, CLOCK=FileClock(str(clock_file)))
    config.pop("SERVER_NAME")
    app = create_app(config)
    migrate(app)
    return app


class LiveHub:
    """The server's address, its clock, and a way to set up and read its data directly.

    The server and this process read the time from one file. Left alone it is
    a running clock that started at ``START`` (a Tuesday morning in term time)
    when the hub did, so no test depends on the real date or the time of day.
    """

    def __init__(self, url: str, app, instance, clock_file: Path):
        self.url = url
        self.app = app
        self.instance = instance
        self.clock_file = clock_file
        self._running = FileClock.running_from(START, time.time())
        self.set_clock(None)

    def set_clock(self, moment: datetime | None) -> None:
        """Stop the shared clock at ``moment``, or (None) let the running clock go on."""
        self.clock_file.write_text(moment.isoformat() if moment else self._running)

    def now(self) -> datetime:
        """The time as the server sees it."""
        return FileClock(str(self.clock_file)).now()

    def people(self, n: int, teams: int = 4, role: str = "member"):
        """``n`` people spread over ``teams`` teams of one organisation; returns their emails."""
        from ideashub.people.models import Organisation, OrganisationDomain, Team, User
        from ideashub.people.services import hash_password

        with self.app.app_context():
            org = db.session.scalar(select(Organisation).where(Organisation.name == "Live Council"))
            if org is None:
                org = Organisation(name="Live Council", created_at=clock.now())
                db.session.add(org)
                db.session.flush()
                db.session.add(OrganisationDomain(organisation_id=org.id, domain="live.gov.uk"))
            made = []
            existing = len(db.session.scalars(select(User.id)).all())
            hashed = hash_password(PASSWORD)
            team_rows = []
            for t in range(teams):
                team = db.session.scalar(select(Team).where(Team.organisation_id == org.id, Team.name == f"Team {t}"))
                if team is None:
                    team = Team(organisation_id=org.id, name=f"Team {t}", created_at=clock.now())
                    db.session.add(team)
                    db.session.flush()
                team_rows.append(team)
            for i in range(n):
                email = f"person{existing + i}@live.gov.uk"
                db.session.add(User(email=email, name=f"Person {existing + i}", team_id=team_rows[i % teams].id,
                                    role=role, password_hash=hashed, created_at=clock.now()))
                made.append(email)
            db.session.commit()
            return made

    def token(self, email: str) -> str:
        from ideashub.people.services import find_user_by_email, issue_token

        with self.app.app_context():
            token = issue_token(find_user_by_email(email), clock.now())
            db.session.commit()
            return token

    def api(self, email: str, method: str, path: str, body=None, expect: int | None = None):
        """Call the live API as ``email``; fail on an error answer (or on any status but ``expect``); the JSON."""
        import requests

        reply = requests.request(method, self.url + path, json=body, timeout=10,
                                 headers={"Authorization": f"Bearer {self.token(email)}"})
        assert (reply.status_code == expect) if expect else (reply.status_code < 300), reply.text
        return reply.json()

    def user_id(self, email: str) -> int:
        from ideashub.people.models import User

        return self.query(lambda s: s.scalar(select(User.id).where(User.email == email)))

    def query(self, fn):
        with self.app.app_context():
            return fn(db.session)


@pytest.fixture(scope="session")
def live(tmp_path_factory):
    url = fresh_database_url("live", tmp_path_factory)
    instance = tmp_path_factory.mktemp("live-instance")
    clock_file = instance / "clock"
    app = clocked_app(url, clock_file)
    hub = LiveHub(None, app, instance, clock_file)
    with live_server(url, instance, CLOCK_FILE=str(clock_file)) as base:
        hub.url = base
        yield hub
    with app.app_context():
        db.engine.dispose()
