"""``import-all`` refuses what it cannot load, with a message, and stores nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from ideashub.people.models import Organisation, User
from ideashub.portability import schema


def _document(**tables) -> dict:
    return {"exported_at": "2026-03-10T09:00:00.000000Z", "format": schema.FORMAT, "left_out": {},
            "schema_version": schema.SCHEMA_VERSION, "tables": tables}


ORG = {"id": 7, "name": "Imported Council", "created_at": "2026-01-05T08:00:00.000000Z"}
TEAM = {"id": 3, "organisation_id": 7, "name": "Libraries", "created_at": "2026-01-05T08:00:00.000000Z"}


def _write(tmp_path, document) -> str:
    path = tmp_path / "hub.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("document", "message"), [
    ("{not json", "is not a JSON document"),
    ("[]", "not an ideas hub export"),
    (json.dumps({"format": "trello", "tables": {}}), "not an ideas hub export"),
    (json.dumps({**_document(), "schema_version": 99}), "schema version 99; this hub reads version 1"),
    (json.dumps(_document(secrets=[])), "does not know the table(s) secrets"),
    (json.dumps(_document(organisations={"id": 1})), 'The table "organisations" should be a list of objects'),
    (json.dumps(_document(organisations=[{**ORG, "motto": "x"}])), "column(s) this hub does not know: motto"),
    (json.dumps(_document(organisations=[{"id": 1}])), "lacks created_at, name"),
    (json.dumps(_document(organisations=[{**ORG, "created_at": "yesterday"}])), "not a valid date or time"),
    (json.dumps(_document(organisations=[ORG], teams=[{**TEAM, "organisation_id": 999}])), 'rows of "teams" could not be stored'),
])
def test_a_bad_document_is_refused_and_nothing_is_stored(runner, db, tmp_path, document, message):
    result = runner.invoke(args=["import-all", _write(tmp_path, document)])
    assert result.exit_code != 0
    assert "Nothing was imported." in result.output and message in result.output
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 0


def test_a_missing_file_is_named(runner, tmp_path):
    result = runner.invoke(args=["import-all", str(tmp_path / "nowhere.json")])
    assert result.exit_code != 0 and "There is no file at" in result.output


def test_a_hub_with_data_is_refused(runner, db, tmp_path, make_idea):
    make_idea(title="Already here")
    result = runner.invoke(args=["import-all", _write(tmp_path, _document(organisations=[ORG]))])
    assert result.exit_code != 0 and "already holds data" in result.output
    assert db.session.scalar(select(Organisation).where(Organisation.name == "Imported Council")) is None


def test_an_empty_hub_takes_a_document_and_people_come_without_a_password(runner, db, tmp_path):
    person = {"id": 5, "email": "ada@example.org", "name": "Ada", "team_id": 3, "role": "member", "bio": "",
              "skills": "", "active": True, "session_version": 1, "created_at": "2026-01-05T08:00:00.000000Z",
              "board_view": "full"}
    result = runner.invoke(args=["import-all", _write(tmp_path, _document(organisations=[ORG], teams=[TEAM], users=[person]))])
    assert result.exit_code == 0, result.output
    assert "1 organisations" in result.output and "came in without a password" in result.output
    ada = db.session.get(User, 5)
    assert ada.team.organisation.name == "Imported Council"
    assert not ada.password_hash.startswith(("pbkdf2", "scrypt"))  # no password works
