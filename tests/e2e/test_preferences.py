"""Your email settings and the unsubscribe link, in a real browser: at desktop and phone
widths, without JavaScript, checked by axe and the Nu HTML checker."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.support.live import server_env


def _overflow(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


def _settings(hub, email: str) -> dict:
    return hub.api(email, "GET", "/api/v1/me/notification-settings")["email"]


def _unsubscribe_path(hub, email: str, kind: str) -> str:
    """The path of the link the hub would mail: signed with the live server's key, not this process's."""
    from ideashub.reach import preferences

    user_id = hub.user_id(email)
    saved = hub.app.config["SECRET_KEY"]
    hub.app.config["SECRET_KEY"] = server_env("", hub.instance)["SECRET_KEY"]
    try:
        with hub.app.app_context():
            url = preferences.unsubscribe_url(user_id, kind)
    finally:
        hub.app.config["SECRET_KEY"] = saved
    return "/" + url.split("/", 3)[3]


def _choose_and_save(web, email: str):
    web.sign_in(email, PASSWORD)
    page = web.go("/account/notifications")
    expect(page.locator("h1")).to_have_text("Your notifications")
    expect(page.locator("legend")).to_have_count(5)
    assert page.is_checked("#following-1")  # "In a daily summary", the default
    assert _overflow(page) <= 1
    web.accessible("email settings")
    page.check("#following-2")  # "In a weekly summary"
    page.check("#mention-3")  # "No emails"
    page.click("main button:has-text('Save my email settings')")
    expect(page.locator(".flashes")).to_contain_text("Your email settings are saved.")
    assert page.is_checked("#following-2") and page.is_checked("#mention-3")
    web.accessible("email settings saved")
    return page


def test_choosing_email_settings_at_desktop_width(hub, web):
    [person] = hub.people(1)
    _choose_and_save(web, person)
    web.screenshot("desktop-account-notifications")
    assert _settings(hub, person)["following"] == "weekly"


def test_choosing_email_settings_on_a_phone(hub, phone):
    [person] = hub.people(1)
    _choose_and_save(phone, person)
    phone.screenshot("phone-account-notifications")
    assert _settings(hub, person)["mention"] == "off"


def test_choosing_email_settings_without_javascript(hub, web_nojs):
    [person] = hub.people(1)
    _choose_and_save(web_nojs, person)
    assert _settings(hub, person) == {"own_idea": "immediately", "mention": "off", "following": "weekly",
                                      "invitation": "immediately", "challenge_day": "immediately"}


def test_the_unsubscribe_link_asks_then_stops_that_kind_of_email(hub, phone):
    [person] = hub.people(1)
    page = phone.go(_unsubscribe_path(hub, person, "following"))  # nobody signed in
    expect(page.locator("main")).to_contain_text("Stop emails about “Activity on what you follow”?")
    assert _overflow(page) <= 1
    phone.accessible("unsubscribe question")
    assert _settings(hub, person)["following"] == "daily"  # opening the link changes nothing
    page.click("main button:has-text('Stop these emails')")
    expect(page.locator("main")).to_contain_text(
        "You will no longer get emails about “Activity on what you follow”. You still see them in the hub.")
    phone.accessible("unsubscribed")
    assert _settings(hub, person)["following"] == "off"
    assert _settings(hub, person)["mention"] == "immediately"
