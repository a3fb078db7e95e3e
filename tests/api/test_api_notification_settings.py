"""API: GET/PUT /api/v1/me/notification-settings, the contract scripts rely on."""

from __future__ import annotations

from sqlalchemy import func, select

from ideashub.reach import preferences
from ideashub.reach.preferences import DEFAULTS, NotificationSetting
from tests.web.test_preference_pages import checked

URL = "/api/v1/me/notification-settings"


def stored(db) -> int:
    return db.session.scalar(select(func.count()).select_from(NotificationSetting))


def test_reading_gives_every_kind_with_its_default(api, make_user):
    answer = api(make_user()).get(URL)
    assert answer.status_code == 200
    assert answer.get_json() == {"email": {"own_idea": "immediately", "mention": "immediately", "following": "daily",
                                           "invitation": "immediately", "challenge_day": "immediately"}}


def test_put_changes_the_kinds_given_keeps_the_others_and_answers_them_all(api, make_user, db):
    person, other = make_user(), make_user()
    caller = api(person)
    first = caller.put(URL, json={"email": {"following": "weekly", "own_idea": "daily"}})
    assert first.status_code == 200
    assert first.get_json() == {"email": {**DEFAULTS, "following": "weekly", "own_idea": "daily"}}
    second = caller.put(URL, json={"email": {"mention": "off"}})
    assert second.get_json() == {"email": {**DEFAULTS, "following": "weekly", "own_idea": "daily", "mention": "off"}}
    assert caller.get(URL).get_json() == second.get_json()
    assert preferences.settings_of(person.id) == second.get_json()["email"]
    assert api(other).get(URL).get_json() == {"email": DEFAULTS}
    assert caller.put(URL, json={"email": {}}).get_json() == second.get_json()  # nothing given: nothing changes


def test_the_page_and_the_api_show_the_same_settings(api, client, auth, make_user):
    person = make_user()
    api(person).put(URL, json={"email": {"invitation": "weekly"}})
    auth.login(person)
    page = client.get("/account/notifications").get_data(as_text=True)
    assert checked(page) == {**DEFAULTS, "invitation": "weekly"}


def test_an_unknown_kind_or_choice_is_422_with_fields_and_nothing_is_stored(api, make_user, db):
    caller = api(make_user())
    for body, field in (
        ({"email": {"following": "weekly", "digest": "daily"}}, "email.digest"),
        ({"email": {"following": "weekly", "mention": "hourly"}}, "email.mention"),
        ({"email": {"following": "weekly", "mention": None}}, "email.mention"),
        ({"email": "off"}, "email"),
        ({}, "email"),
        ({"email": {"following": "weekly"}, "sms": {}}, "sms"),
    ):
        answer = caller.put(URL, json=body)
        assert answer.status_code == 422, body
        error = answer.get_json()["error"]
        assert error["code"] == "invalid" and field in error["fields"], (body, error)
    assert stored(db) == 0


def test_settings_need_a_token(api):
    anyone = api(None)
    assert anyone.get(URL).status_code == 401
    assert anyone.put(URL, json={"email": {"following": "off"}}).status_code == 401


def test_put_needs_json(api, make_user):
    caller = api(make_user())
    answer = caller.put(URL, data="email=off", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 415
