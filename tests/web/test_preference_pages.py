"""Your email settings page, and the one-click unsubscribe link every email carries."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from ideashub.reach import preferences
from ideashub.reach.preferences import DEFAULTS, NotificationSetting
from tests.support.markup import problems
from tests.web.test_peoples_words import sign_in, visible


def checked(page: str) -> dict[str, str]:
    """Which choice each group of radio buttons has ticked."""
    ticked = {}
    for tag in re.findall(r"<input\b[^>]*>", page):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag))
        if attrs.get("type") == "radio" and re.search(r"\schecked[\s>]", tag):
            ticked[attrs["name"]] = attrs["value"]
    return ticked


def stored(db) -> int:
    return db.session.scalar(select(func.count()).select_from(NotificationSetting))


# --- Your email settings ------------------------------------------------------------


def test_the_page_shows_each_kind_with_its_default_ticked_and_says_the_bell_keeps_everything(client, auth, make_user):
    auth.login(make_user())
    answer = client.get("/account/notifications")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert checked(page) == DEFAULTS
    text = visible(page)
    assert "You always see these in the hub’s notifications (the bell)." in text
    for label in ("Your ideas: answered, moved or decided", "When someone mentions you", "Activity on what you follow",
                  "Invitations to hear an idea", "A challenge day starting"):
        assert re.search(r"<legend[^>]*>" + re.escape(label) + "</legend>", page), label
    for words in ("Straight away", "In a daily summary", "In a weekly summary", "No emails"):
        assert text.count(words) == 5, words
    assert "own_idea" not in text and "immediately" not in text  # people's words, not codes
    assert 'aria-current="page">Notifications</a>' in page
    assert problems(page) == []


def test_the_notifications_tab_is_on_every_account_page(client, auth, make_user):
    auth.login(make_user())
    page = client.get("/account").get_data(as_text=True)
    assert '<a href="/account/notifications">Notifications</a>' in page


def test_saving_keeps_the_choices_and_says_so(client, auth, make_user, db):
    person = make_user()
    auth.login(person)
    answer = client.post("/account/notifications", data={**DEFAULTS, "following": "weekly", "mention": "off"})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/account/notifications")
    assert preferences.settings_of(person.id) == {**DEFAULTS, "following": "weekly", "mention": "off"}
    page = client.get("/account/notifications").get_data(as_text=True)
    assert "Your email settings are saved." in page
    assert checked(page) == {**DEFAULTS, "following": "weekly", "mention": "off"}


def test_a_choice_the_page_does_not_offer_saves_nothing(client, auth, make_user, db):
    person = make_user()
    auth.login(person)
    answer = client.post("/account/notifications", data={**DEFAULTS, "following": "hourly"})
    assert answer.status_code == 422
    assert "Not a valid choice" in answer.get_data(as_text=True)
    missing = client.post("/account/notifications", data={k: v for k, v in DEFAULTS.items() if k != "mention"})
    assert missing.status_code == 422
    assert "Choose how you want these emails." in missing.get_data(as_text=True)
    assert problems(missing.get_data(as_text=True)) == []
    assert stored(db) == 0


def test_the_page_is_only_for_someone_signed_in(client):
    answer = client.get("/account/notifications")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    assert client.post("/account/notifications", data=DEFAULTS).status_code == 302


def test_saving_needs_the_forms_csrf_token(client, make_user, db, csrf_on):
    person = make_user()
    sign_in(client, person)
    answer = client.post("/account/notifications", data={**DEFAULTS, "following": "off"})
    assert answer.status_code == 400
    assert preferences.email_choice(person.id, "following") == "daily"


# --- One-click unsubscribe -------------------------------------------------------


def link_path(person_id: int, kind: str) -> str:
    return "/" + preferences.unsubscribe_url(person_id, kind).split("/", 3)[3]


def test_opening_the_link_says_what_would_stop_and_changes_nothing(client, make_user, db):
    person = make_user()
    answer = client.get(link_path(person.id, "following"))  # nobody signed in
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "Stop emails about “Activity on what you follow”?" in visible(page)
    assert re.search(r'<form method="post" action="/unsubscribe/[^"]+">', page)
    assert '<a href="/account/notifications">Change your email settings</a>' in page
    assert problems(page) == []
    assert stored(db) == 0
    assert preferences.email_choice(person.id, "following") == "daily"


def test_a_mail_programs_one_click_post_turns_off_that_kind_only(app, make_user, db, csrf_on):
    person = make_user()
    fresh = app.test_client()  # no cookie, no CSRF token: as a mail program posts
    answer = fresh.post(link_path(person.id, "mention"), data="List-Unsubscribe=One-Click",
                        content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200
    text = visible(answer.get_data(as_text=True))
    assert "You will no longer get emails about “When someone mentions you”. You still see them in the hub." in text
    assert "Change your email settings" in text
    assert preferences.settings_of(person.id) == {**DEFAULTS, "mention": "off"}


def test_the_pages_own_button_unsubscribes_and_the_page_then_says_it_is_done(client, make_user, db):
    person = make_user()
    path = link_path(person.id, "challenge_day")
    page = client.get(path).get_data(as_text=True)
    action = re.search(r'<form method="post" action="([^"]+)">', page).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))
    assert fields.get("List-Unsubscribe") == "One-Click"
    assert client.post(action, data=fields).status_code == 200
    assert preferences.settings_of(person.id) == {**DEFAULTS, "challenge_day": "off"}
    again = client.get(path).get_data(as_text=True)
    assert "You already get no emails about “A challenge day starting”." in visible(again)
    assert 'action="/unsubscribe/' not in again


def test_a_forged_link_is_not_found_and_changes_nothing(client, make_user, db):
    person = make_user()
    genuine = link_path(person.id, "own_idea")
    forged = genuine[:-3] + ("abc" if not genuine.endswith("abc") else "xyz")
    for path in (forged, "/unsubscribe/not-a-real-emailed-token"):
        opened = client.get(path)
        assert opened.status_code == 404
        assert "This unsubscribe link is not one the hub sent" in visible(opened.get_data(as_text=True))
        assert client.post(path, data="List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded").status_code == 404
    assert stored(db) == 0
