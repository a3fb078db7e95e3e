"""Notification preferences: defaults, choosing, the fan-out's bulk read, and signed unsubscribe links."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from itsdangerous import URLSafeSerializer
from sqlalchemy import event, func, select

from ideashub.core.errors import Invalid, NotFound
from ideashub.extensions import db as _db
from ideashub.reach import preferences
from ideashub.reach.preferences import DEFAULTS, KINDS, NotificationSetting


@contextmanager
def counted():
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = _db.session.get_bind().engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def rows(db) -> int:
    return db.session.scalar(select(func.count()).select_from(NotificationSetting))


def test_the_kinds_and_their_defaults_are_those_of_the_contract():
    assert list(KINDS) == ["own_idea", "mention", "following", "invitation", "challenge_day"]
    assert list(preferences.CHOICES) == ["immediately", "daily", "weekly", "off"]
    assert DEFAULTS == {"own_idea": "immediately", "mention": "immediately", "following": "daily",
                        "invitation": "immediately", "challenge_day": "immediately"}


def test_someone_who_never_chose_gets_the_defaults_and_costs_no_rows(db, make_user):
    person = make_user()
    assert preferences.settings_of(person.id) == DEFAULTS
    assert [preferences.email_choice(person.id, kind) for kind in KINDS] == list(DEFAULTS.values())
    assert rows(db) == 0


def test_choosing_changes_the_kinds_given_and_leaves_the_others(db, make_user, clock):
    person, other = make_user(), make_user()
    after = preferences.update_settings(person, {"following": "weekly", "mention": "off"}, clock.now())
    assert after == {**DEFAULTS, "following": "weekly", "mention": "off"}
    clock.advance(days=1)
    preferences.update_settings(person, {"following": "immediately"}, clock.now())
    db.session.commit()
    assert preferences.settings_of(person.id) == {**DEFAULTS, "following": "immediately", "mention": "off"}
    assert preferences.email_choice(person.id, "following") == "immediately"
    assert preferences.settings_of(other.id) == DEFAULTS
    stored = db.session.get(NotificationSetting, (person.id, "following"))
    assert stored.updated_at == clock.now()


def test_a_choice_equal_to_the_default_is_kept_as_chosen(db, make_user, clock):
    person = make_user()
    preferences.update_settings(person, {"following": "daily"}, clock.now())
    assert db.session.get(NotificationSetting, (person.id, "following")).email == "daily"


@pytest.mark.parametrize(("change", "field"), [
    ({"following": "weekly", "digest": "daily"}, "digest"),
    ({"following": "weekly", "mention": "hourly"}, "mention"),
    ({"following": "weekly", "mention": "Off"}, "mention"),
    ({"following": "weekly", "own_idea": None}, "own_idea"),
])
def test_an_unknown_kind_or_choice_refuses_the_whole_change(db, make_user, clock, change, field):
    person = make_user()
    with pytest.raises(Invalid) as refused:
        preferences.update_settings(person, change, clock.now())
    assert set(refused.value.fields) == {field}
    assert refused.value.fields[field]
    assert rows(db) == 0
    assert preferences.settings_of(person.id) == DEFAULTS


def test_reading_an_unknown_kind_is_a_mistake_in_the_caller(make_user):
    person = make_user()
    with pytest.raises(ValueError, match="digest"):
        preferences.email_choice(person.id, "digest")
    with pytest.raises(ValueError, match="digest"):
        preferences.email_choices([person.id], "digest")


def test_the_fan_out_reads_everyone_s_choice_for_a_kind_with_defaults_filled_in(db, make_user, clock):
    quiet, weekly, untouched = make_user(), make_user(), make_user()
    preferences.update_settings(quiet, {"following": "off"}, clock.now())
    preferences.update_settings(weekly, {"following": "weekly", "mention": "off"}, clock.now())
    db.session.commit()
    ids = [quiet.id, weekly.id, untouched.id, weekly.id]
    assert preferences.email_choices(ids, "following") == {quiet.id: "off", weekly.id: "weekly", untouched.id: "daily"}
    assert preferences.email_choices(ids, "mention") == {quiet.id: "immediately", weekly.id: "off",
                                                         untouched.id: "immediately"}
    assert preferences.email_choices([], "following") == {}


def test_the_fan_out_reads_thousands_of_people_in_a_few_queries(db, make_user, clock):
    chose = make_user()
    preferences.update_settings(chose, {"invitation": "weekly"}, clock.now())
    db.session.commit()
    many = [chose.id, *range(10_000_000, 10_005_000)]  # 5,001 people, the others with no rows
    with counted() as statements:
        found = preferences.email_choices(many, "invitation")
    assert len(statements) == 6  # 900 at a time
    assert len(found) == 5_001 and found[chose.id] == "weekly" and found[10_004_999] == "immediately"
    with counted() as statements:
        assert preferences.email_choices([chose.id], "invitation") == {chose.id: "weekly"}
    assert len(statements) == 1


# --- Unsubscribe links -------------------------------------------------------------


def test_an_unsubscribe_link_is_absolute_to_the_hub_and_carries_who_and_which_kind(app, db, make_user):
    person = make_user()
    url = preferences.unsubscribe_url(person.id, "following")
    assert url.startswith(app.config["HUB_URL"] + "/unsubscribe/")
    token = url.rsplit("/", 1)[1]
    assert preferences.read_unsubscribe_token(token) == (person.id, "following")
    assert preferences.unsubscribe_headers(person.id, "following") == {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def test_a_forged_or_altered_token_is_not_read(app, db, make_user):
    person = make_user()
    token = preferences.unsubscribe_token(person.id, "mention")
    key = app.config["SECRET_KEY"]
    other_salt = URLSafeSerializer(key, salt="ideashub.something-else").dumps([person.id, "mention"])
    other_key = URLSafeSerializer("another hub's secret key", salt="ideashub.reach.unsubscribe").dumps([person.id, "mention"])
    not_a_kind = URLSafeSerializer(key, salt="ideashub.reach.unsubscribe").dumps([person.id, "everything"])
    not_an_id = URLSafeSerializer(key, salt="ideashub.reach.unsubscribe").dumps(["1", "mention"])
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), other_salt, other_key, not_a_kind, not_an_id,
                "", "not-a-token"):
        assert preferences.read_unsubscribe_token(bad) is None, bad
    assert preferences.read_unsubscribe_token(token) == (person.id, "mention")


def test_unsubscribing_turns_off_that_kind_only(db, make_user, clock):
    person = make_user()
    preferences.update_settings(person, {"following": "weekly"}, clock.now())
    found, kind = preferences.unsubscribe(preferences.unsubscribe_token(person.id, "mention"), clock.now())
    assert (found.id, kind) == (person.id, "mention")
    assert preferences.settings_of(person.id) == {**DEFAULTS, "following": "weekly", "mention": "off"}
    preferences.unsubscribe(preferences.unsubscribe_token(person.id, "mention"), clock.now())  # twice: the same
    assert preferences.settings_of(person.id) == {**DEFAULTS, "following": "weekly", "mention": "off"}


def test_a_link_for_nobody_changes_nothing(db, clock):
    with pytest.raises(NotFound):
        preferences.unsubscribe(preferences.unsubscribe_token(987_654, "mention"), clock.now())
    with pytest.raises(NotFound):
        preferences.unsubscribe("forged", clock.now())
    assert rows(db) == 0
