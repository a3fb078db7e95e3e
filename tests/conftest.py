"""Fixtures: a session-wide app on a migrated database, each test rolled back.

The suite runs on SQLite by default and on PostgreSQL when
``TEST_DATABASE_URL`` is set (each pytest-xdist worker gets its own database,
created fresh). The schema comes from the migrations, as in production.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import scoped_session, sessionmaker

from ideashub import create_app
from ideashub.core.clock import FixedClock
from ideashub.extensions import db as _db

# A Tuesday morning in term time, in UTC.
START = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery staple"


def read_in(client, language: str) -> None:
    """Pages in ``language`` ("cy" or "en") for this client: the cookie the Cymraeg / English switch
    sets, on the suite's server name (a cookie for any other domain is never sent)."""
    client.set_cookie("hub_language", language, domain=client.application.config["SERVER_NAME"])


# Several checkouts of the project may run their suites against one
# PostgreSQL server at once: their databases must not collide.
CHECKOUT = hashlib.sha1(str(Path(__file__).resolve().parent).encode()).hexdigest()[:6]


def fresh_database_url(suffix: str, tmp_path_factory) -> str:
    """A new, empty database for this worker: a file on SQLite, a database on PostgreSQL."""
    base = os.environ.get("TEST_DATABASE_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if not base:
        return f"sqlite:///{tmp_path_factory.mktemp(f'db-{suffix}') / 'hub.db'}"
    url = make_url(base.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{url.database}_{CHECKOUT}_{worker}_{suffix}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def app_config(database_url: str, **extra) -> dict:
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "WTF_CSRF_ENABLED": False,
        # Limits are on, as in production, with fresh counters for every test.
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        "INSIGHTS_CACHE_SECONDS": 0,  # figures always fresh, except in the cache's own tests
        "MATCHING_CACHE_SECONDS": 0,  # suggestions always found afresh, except in their cache's own tests
        "SERVER_NAME": "hub.test",
        "CLOCK": FixedClock(START),
        # What the hub owes is sent in the process after each answer (no worker in tests).
        "DELIVERY_MODE": "inline",
    }
    config.update(extra)
    return config


def migrate(app) -> None:
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: a fresh ``g``
    (so no signed-in user or cached setting leaks from one request to the next)
    and the session's uncommitted work rolled back when the request ends."""

    def open(self, *args, **kwargs):
        # Read each answer whole and close it, as a server does: what runs
        # after the answer has gone out (mail, see core/mail.py) runs then.
        kwargs.setdefault("buffered", True)
        with self.application.app_context():
            return super().open(*args, **kwargs)


class _TestSession(scoped_session):
    # Flask-SQLAlchemy removes the session when an app context ends; here that
    # means: throw away what the request did not commit, keep the connection.
    def remove(self):
        if self.registry.has():
            self.registry().rollback()


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    os.environ.setdefault("INSTANCE_PATH", str(tmp_path_factory.mktemp("instance")))
    application = create_app(app_config(fresh_database_url("suite", tmp_path_factory)))
    application.test_client_class = IsolatedClient
    migrate(application)
    return application


@pytest.fixture(autouse=True)
def _fresh_rate_limits(request):
    if "app" in request.fixturenames:
        from ideashub.extensions import limiter

        limiter.reset()


class Outbox:
    """The mail the app wrote to MAIL_OUTBOX (no mail server in tests)."""

    def __init__(self, path):
        self.path = path

    def messages(self, to: str | None = None):
        import email
        from email import policy

        found = [email.message_from_bytes(f.read_bytes(), policy=policy.default)
                 for f in sorted(self.path.glob("*.eml"), key=lambda f: f.stat().st_mtime_ns)] if self.path.exists() else []
        return [m for m in found if to is None or to in m["To"]]

    def link(self, to: str, path_start: str) -> str:
        """The path of the last link starting with ``path_start`` mailed to ``to``."""
        import re

        body = self.messages(to)[-1].get_body(("plain",)).get_content()
        found = re.findall(r"https?://[^/\s]+(" + re.escape(path_start) + r"\S*)", body)
        assert found, body
        return found[-1]


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_OUTBOX", str(tmp_path / "outbox"))
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    return Outbox(tmp_path / "outbox")


@pytest.fixture
def smtp(app, monkeypatch):
    """A real SMTP server in the test process, and the hub's mail settings pointing at it."""
    from tests.support.smtp import SmtpSink

    sink = SmtpSink().start()
    for key, value in {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": sink.port, "MAIL_USE_TLS": False,
                       "MAIL_USERNAME": "", "MAIL_TIMEOUT_SECONDS": 5}.items():
        monkeypatch.setitem(app.config, key, value)
    yield sink
    sink.stop()


@pytest.fixture
def clock(app):
    """The app's clock, reset to START; tests move it with ``clock.set`` / ``clock.advance``."""
    the_clock = app.extensions["clock"]
    the_clock.set(START)
    return the_clock


@pytest.fixture
def db(app, clock):
    """The database, inside a transaction rolled back after the test.

    The app's own commits become savepoints, so views and services behave
    as in production while nothing outlives the test.
    """
    from ideashub.core import shared

    # Every test starts from generation 0 again: nothing one test's pages kept may serve another.
    shared.clear_local()
    with app.app_context():
        connection = _db.engine.connect()
        outer = connection.begin()
        original = _db.session
        _db.session = _TestSession(
            sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        )
        try:
            yield _db
        finally:
            _db.session.registry().close()
            _db.session = original
            outer.rollback()
            connection.close()


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def runner(app, db):
    return app.test_cli_runner()


@pytest.fixture
def csrf_on(app):
    """Switch CSRF protection back on for one test."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


# --- Factories -------------------------------------------------------------

_seq = itertools.count(1)


@pytest.fixture
def make_org(db, clock):
    from ideashub.people.models import Organisation, OrganisationDomain

    def make(name: str | None = None, domain: str | None = None):
        n = next(_seq)
        org = Organisation(name=name or f"Organisation {n}", created_at=clock.now())
        _db.session.add(org)
        _db.session.flush()
        _db.session.add(
            OrganisationDomain(organisation_id=org.id, domain=domain or f"org{n}.gov.uk")
        )
        _db.session.commit()
        return org

    return make


@pytest.fixture
def make_team(db, clock, make_org):
    from ideashub.people.models import Team

    def make(name: str | None = None, organisation=None):
        organisation = organisation or make_org()
        team = Team(
            organisation_id=organisation.id, name=name or f"Team {next(_seq)}", created_at=clock.now()
        )
        _db.session.add(team)
        _db.session.commit()
        return team

    return make


@pytest.fixture
def make_user(db, clock, make_team):
    from ideashub.people.models import User
    from ideashub.people.services import hash_password

    hashed = {}

    def make(role: str = "member", team="new", name: str | None = None, email: str | None = None, password: str = PASSWORD):
        if team == "new":
            team = make_team()
        if password not in hashed:
            hashed[password] = hash_password(password)
        n = next(_seq)
        domain = team.organisation.domains[0].domain if team is not None else "hub.example.org"
        user = User(
            email=email or f"person{n}@{domain}",
            name=name or f"Person {n}",
            team_id=team.id if team is not None else None,
            role=role,
            password_hash=hashed[password],
            created_at=clock.now(),
        )
        _db.session.add(user)
        _db.session.commit()
        return user

    return make


@pytest.fixture
def make_idea(db, clock, make_user):
    from ideashub.ideas import services

    def make(author=None, title: str | None = None, tags=(), **text):
        author = author or make_user()
        idea = services.post_idea(
            author,
            services.IdeaText(
                title=title or f"Idea number {next(_seq)}",
                problem=text.get("problem", "Residents wait weeks for a repair."),
                proposal=text.get("proposal", "Let the repairs team book slots online."),
                benefit=text.get("benefit", "About 200 calls a month fewer."),
                tags=list(tags),
            ),
            text.get("now") or clock.now(),
        )
        _db.session.commit()
        return idea

    return make


@pytest.fixture
def make_response(db, clock, make_user):
    from ideashub.ideas import services

    def make(idea, author=None, kind: str = "build", body: str = "Yes, and we could pilot it.", **extra):
        author = author or make_user()
        response = services.respond(
            author,
            idea.id,
            services.ResponseText(
                kind=kind,
                body=body,
                suggestion=extra.get("suggestion", "Try it in one area first." if kind == "concern" else ""),
                hours=extra.get("hours", 2 if kind == "offer" else None),
                parent_id=extra.get("parent_id"),
            ),
            extra.get("now") or clock.now(),
        )
        _db.session.commit()
        return response

    return make


# --- Signing in ------------------------------------------------------------


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, user, password: str = PASSWORD):
        return self.client.post("/login", data={"email": user.email, "password": password})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


class ApiClient:
    """The test client with a bearer token for one person."""

    def __init__(self, client, token: str | None):
        self.client = client
        self.token = token

    def _headers(self, headers):
        merged = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        merged.update(headers or {})
        return merged

    def get(self, url, headers=None, **kw):
        return self.client.get(url, headers=self._headers(headers), **kw)

    def post(self, url, json=None, headers=None, **kw):
        return self.client.post(url, json=json, headers=self._headers(headers), **kw)

    def patch(self, url, json=None, headers=None, **kw):
        return self.client.patch(url, json=json, headers=self._headers(headers), **kw)

    def put(self, url, json=None, headers=None, **kw):
        return self.client.put(url, json=json, headers=self._headers(headers), **kw)

    def delete(self, url, headers=None, **kw):
        return self.client.delete(url, headers=self._headers(headers), **kw)


@pytest.fixture
def api(client, clock):
    """``api(user)``: an API client signed in as ``user`` (``api(None)``: no token)."""
    from ideashub.people.services import issue_token

    def for_user(user):
        if user is None:
            return ApiClient(client, None)
        token = issue_token(user, clock.now())
        _db.session.commit()
        return ApiClient(client, token)

    return for_user


@pytest.fixture
def make_challenge(db, clock, make_user):
    """``make_challenge(starts_on=...)``: a sprint with a sponsor (executive) and facilitator (moderator)."""
    from datetime import date

    from ideashub.challenges import services

    def make(starts_on: date = date(2026, 3, 9), sponsor=None, facilitator=None, **extra):
        sponsor = sponsor or make_user(role="executive")
        facilitator = facilitator or make_user(role="moderator")
        challenge = services.create_challenge(
            facilitator,
            services.ChallengeDraft(
                title=extra.get("title", "Tell us once"),
                question=extra.get("question", "How might we make sure residents tell their story only once?"),
                background=extra.get("background", "Residents repeat themselves to every service."),
                starts_on=starts_on,
                sponsor_id=sponsor.id,
                facilitator_id=facilitator.id,
                team_ids=extra.get("team_ids", []),
            ),
            clock.now(),
        )
        _db.session.commit()
        return challenge

    return make


@pytest.fixture
def sprint_day(clock):
    """``sprint_day(challenge, n)``: move the clock to noon (London) on day ``n`` of the sprint."""
    from datetime import time
    from zoneinfo import ZoneInfo

    from ideashub.challenges.rules import sprint_dates

    def move(challenge, n: int):
        dates = sprint_dates(challenge.starts_on)
        if n == 0:
            day = dates[0] - timedelta(days=3)
        elif n == 6:
            day = dates[-1] + timedelta(days=3)
        else:
            day = dates[n - 1]
        clock.set(datetime.combine(day, time(12), tzinfo=ZoneInfo("Europe/London")))

    return move
