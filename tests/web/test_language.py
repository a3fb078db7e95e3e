"""Choosing the language: the Cymraeg / English switch, and what decides a page's language
when nobody has chosen (the person's choice, the cookie, Accept-Language, DEFAULT_LANGUAGE)."""

import re

import pytest

from ideashub.extensions import db as _db
from tests.conftest import PASSWORD, read_in


def _lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def _switch(response) -> str:
    return re.search(r'class="site-language" href="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_pages_are_in_english_by_default_and_offer_cymraeg(client):
    page = client.get("/login")
    assert _lang(page) == "en-GB"
    assert _switch(page) == "/language/cy?next=/login"
    assert ">Cymraeg</a>" in page.get_data(as_text=True)


def test_the_switch_sets_the_language_and_returns_to_the_page(client):
    answer = client.get("/language/cy?next=/login%3Fnext%3D/ideas/")
    assert answer.status_code == 302 and answer.headers["Location"] == "/login?next=/ideas/"
    page = client.get("/login")
    assert _lang(page) == "cy" and _switch(page) == "/language/en?next=/login"
    assert ">English</a>" in page.get_data(as_text=True)
    client.get("/language/en?next=/login")
    assert _lang(client.get("/login")) == "en-GB"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""])
def test_the_switch_returns_only_to_our_own_pages(client, target):
    answer = client.get("/language/cy", query_string={"next": target})
    assert answer.status_code == 302 and answer.headers["Location"] == "/"


def test_a_language_the_hub_does_not_speak_is_not_found(client):
    assert client.get("/language/fr?next=/login").status_code == 404
    assert _lang(client.get("/login")) == "en-GB"


def test_signed_in_the_choice_is_kept_on_the_person_and_follows_them(app, client, auth, make_user):
    me = make_user()
    auth.login(me)
    client.get("/language/cy?next=/ideas/")
    _db.session.refresh(me)
    assert me.language == "cy"
    elsewhere = app.test_client()  # another browser: no cookie, English preferred
    elsewhere.post("/login", data={"email": me.email, "password": PASSWORD})
    assert _lang(elsewhere.get("/ideas/", headers={"Accept-Language": "en-GB,en"})) == "cy"


def test_the_browser_decides_until_someone_chooses(client):
    assert _lang(client.get("/login", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"})) == "cy"
    assert _lang(client.get("/login", headers={"Accept-Language": "fr-FR,en;q=0.5"})) == "en-GB"
    client.get("/language/en?next=/login")  # the cookie now beats the browser
    assert _lang(client.get("/login", headers={"Accept-Language": "cy"})) == "en-GB"


def test_the_person_choice_beats_the_cookie_and_the_browser(client, auth, make_user):
    me = make_user()
    me.language = "cy"
    _db.session.commit()
    read_in(client, "en")
    auth.login(me)
    assert _lang(client.get("/ideas/", headers={"Accept-Language": "en"})) == "cy"


def test_default_language_decides_when_nothing_else_does(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "DEFAULT_LANGUAGE", "cy")
    assert _lang(client.get("/login")) == "cy"
    assert _lang(client.get("/login", headers={"Accept-Language": "en"})) == "en-GB"
