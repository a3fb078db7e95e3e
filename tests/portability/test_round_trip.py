"""Export from SQLite, import into PostgreSQL, export again: the two documents are equal but for
``exported_at``; and the same the other way. The world is the demo organisation plus what the
demo lacks: sign-in with an organisation's provider, SCIM, settings, an idea merged into a later
one, and every kind of secret, none of which may reach the document.

The test makes its own SQLite files and its own PostgreSQL database (on the server of
``TEST_DATABASE_URL``, else the local one), and drops the database afterwards.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from ideashub import create_app, demo
from ideashub.core.clock import FixedClock
from ideashub.core.settings import Setting
from ideashub.extensions import db
from ideashub.ideas.models import Idea, IdeaRevision
from ideashub.people.models import ApiToken, EmailLink, Organisation, User
from ideashub.people.sso_models import ExternalIdentity, IdentityProvider, ScimToken, ScimUser
from ideashub.portability import export, importing
from ideashub.reach.feeds import FeedToken
from ideashub.reach.webhooks import Webhook
from tests.conftest import START, app_config, migrate

SECRETS = {
    "api token": "a" * 64, "feed token": "f" * 64, "scim token": "5" * 64, "email link": "e" * 64,
    "pending password": "pbkdf2:sha256:1000$pending$0123456789abcdef", "webhook secret": "whsec-do-not-export-1234",
    "webhook address": "https://hooks.example.org/services/T000/B000/do-not-export", "provider session": "sid-do-not-export",
}


@pytest.fixture
def postgres_url():
    base = make_url((os.environ.get("TEST_DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/test")
                    .replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"portability_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _hub(url: str, at=START):
    app = create_app(app_config(url, CLOCK=FixedClock(at)))
    migrate(app)
    return app


def _enrich(now) -> None:
    """What the demo does not have: sign-in, SCIM, settings, a merge forward, and secrets."""
    org = db.session.scalar(select(Organisation).order_by(Organisation.id))
    person = db.session.scalar(select(User).order_by(User.id.desc()))
    provider = IdentityProvider(organisation_id=org.id, issuer="https://id.example.org", client_id="hub",
                                client_secret_env="HUB_OIDC_SECRET", role_map={"mods": "moderator"}, team_map={},
                                created_at=now, updated_at=now)
    db.session.add(provider)
    db.session.flush()
    db.session.add_all([
        ExternalIdentity(provider_id=provider.id, user_id=person.id, subject="sub-1",
                         last_sid=SECRETS["provider session"], created_at=now, last_sign_in_at=now),
        ScimUser(organisation_id=org.id, user_id=person.id, user_name=person.email, external_id="x-1",
                 created_at=now, updated_at=now),
        Setting(key="hearing_days", value=7, updated_at=now, updated_by_id=person.id),
        ApiToken(user_id=person.id, token_hash=SECRETS["api token"], created_at=now, expires_at=now + timedelta(days=9)),
        FeedToken(user_id=person.id, token_hash=SECRETS["feed token"], created_at=now),
        ScimToken(organisation_id=org.id, token_hash=SECRETS["scim token"], created_at=now),
        EmailLink(purpose="register", token_hash=SECRETS["email link"], email="new@example.org",
                  data={"password_hash": SECRETS["pending password"]}, created_at=now, expires_at=now + timedelta(days=1)),
        Webhook(url=SECRETS["webhook address"], format="json", events=["idea.posted"], secret=SECRETS["webhook secret"],
                created_at=now, updated_at=now),
    ])
    first, last = (db.session.scalar(select(Idea).order_by(order)) for order in (Idea.id, Idea.id.desc()))
    first.merged_into_id = last.id  # a reference forward, in the same table
    db.session.add(IdeaRevision(idea_id=last.id, editor_id=last.author_id, created_at=now, title="Before the edit",
                                problem="The first problem.", proposal="The first proposal.", benefit="", tags=""))


def _export(app, path) -> dict:
    with app.app_context():
        export.write(path, app.extensions["clock"].now())
        db.session.remove()
    return json.loads(path.read_text(encoding="utf-8"))


def _import(app, path) -> None:
    with app.app_context():
        importing.load(importing.read(path))
        db.session.commit()
        db.session.remove()


def _same_but_when(one: dict, other: dict) -> None:
    assert one["exported_at"] != other["exported_at"]
    assert {k: v for k, v in one.items() if k != "exported_at"} == {k: v for k, v in other.items() if k != "exported_at"}


def test_a_hub_moves_from_sqlite_to_postgresql_and_back_unchanged(tmp_path, postgres_url):
    source = _hub(f"sqlite:///{tmp_path / 'source.db'}")
    with source.app_context():
        demo.load(START)
        _enrich(START)
        db.session.commit()
        hashes = set(db.session.scalars(select(User.password_hash)))
        db.session.remove()
    first = _export(source, tmp_path / "first.json")
    raw = (tmp_path / "first.json").read_text(encoding="utf-8")

    # Nothing secret in the document; and the world is rich.
    for what, secret in SECRETS.items():
        assert secret not in raw, what
    assert not any(h in raw for h in hashes) and "pbkdf2" not in raw
    assert all("password_hash" not in row for row in first["tables"]["users"])
    assert first["left_out"] == {"external_identities": ["last_sid"], "users": ["password_hash"]}
    for table in ("organisations", "teams", "users", "ideas", "idea_revisions", "supports", "responses", "projects",
                  "challenges", "challenge_votes", "challenge_entries", "activity", "settings", "scim_users"):
        assert first["tables"][table], f"the world has no {table}"
    ids = [row["id"] for row in first["tables"]["ideas"]]
    assert ids == sorted(ids)

    # SQLite to PostgreSQL, exported again an hour later.
    target = _hub(postgres_url, START + timedelta(hours=1))
    _import(target, tmp_path / "first.json")
    second = _export(target, tmp_path / "second.json")
    _same_but_when(first, second)
    with target.app_context():
        # The derived index was rebuilt by its trigger, and the next id follows the imported ones.
        assert db.session.scalar(text("SELECT count(*) FROM users_match_fts")) == len(first["tables"]["users"])
        db.session.add(Organisation(name="Made after the move", created_at=START))
        db.session.flush()
        assert db.session.scalar(select(func.max(Organisation.id))) > max(r["id"] for r in first["tables"]["organisations"])
        assert db.session.scalar(select(User.password_hash).limit(1)) == importing.UNUSABLE_PASSWORD
        db.session.rollback()
        db.session.remove()

    # And back: PostgreSQL to a new SQLite hub.
    back = _hub(f"sqlite:///{tmp_path / 'back.db'}", START + timedelta(hours=2))
    _import(back, tmp_path / "second.json")
    third = _export(back, tmp_path / "third.json")
    _same_but_when(second, third)
    with back.app_context():
        word = first["tables"]["ideas"][0]["title"].split()[0]
        assert db.session.scalar(text("SELECT count(*) FROM ideas_fts WHERE ideas_fts MATCH :w"), {"w": f'"{word}"'}) >= 1
        db.session.remove()
