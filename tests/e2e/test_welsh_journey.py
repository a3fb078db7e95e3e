"""A journey through the hub in Cymraeg: switch, post an idea, respond, support, a moderator
triages, an executive opens the insights. On every page: axe passes, the HTML checker passes
(the fixture), and no English is left outside people's own words.

How "no English left" is checked: the page's text, without people's own words (every idea's
title and decision's reason, every person's, team's, organisation's, project's and
challenge's name, tags, the hub's name, and anything
marked with a lang other than Welsh; code samples and addresses too), must hold no message of the English catalogue whose Welsh differs,
and none of the commonest English words ("the", "and", "your"...).
"""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from ideashub.core import catalogues
from ideashub.extensions import db
from tests.conftest import PASSWORD

ENGLISH_WORDS = {"the", "and", "your", "you", "this", "with", "from", "idea", "ideas", "of", "to", "is", "are",
                 "has", "have", "what", "who", "will", "be", "for", "support", "response", "sign", "people"}
TITLE = "Llyfrgell offer i denantiaid newydd"


def _english_messages() -> list[str]:
    cy = catalogues.read(catalogues.po_path("cy"), "cy")
    found = []
    for message in cy:
        if not message.id or message.pluralizable or "%(" in message.id:
            continue
        if message.string and message.string != message.id and (" " in message.id and len(message.id) >= 12):
            found.append(message.id)
    return found


ENGLISH = _english_messages()


def _own_words(hub) -> list[str]:
    from ideashub.challenges.models import Challenge, ChallengeEntry
    from ideashub.ideas.models import Idea, Tag
    from ideashub.people.models import Organisation, Team, User
    from ideashub.projects.models import Project

    columns = (Idea.title, Idea.decision_reason, User.name, Team.name, Organisation.name, Tag.name, Project.name,
               Challenge.title, Challenge.question, ChallengeEntry.decision_reason)
    with hub.app.app_context():
        words = [text for column in columns for text in db.session.scalars(select(column))]
        words.append(hub.app.config["HUB_NAME"])  # the hub's own name, as its organisation set it
    return sorted({w for w in words if w}, key=len, reverse=True)


def assert_welsh(web, state: str) -> None:
    page = web.page
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    text = page.evaluate(
        """() => { const c = document.body.cloneNode(true);
        c.querySelectorAll('[lang]:not([lang^="cy"]), script, style, template, code').forEach(e => e.remove());
        c.querySelectorAll('input[type=hidden]').forEach(e => e.remove());
        return c.textContent; }"""
    )
    for own in _own_words(web.hub):
        text = re.sub(re.escape(own), " ", text, flags=re.IGNORECASE)
    text = re.sub(r"\S*/\S*", " ", text)  # addresses and paths (/ideas/12.atom) are not words
    text = re.sub(r"\s+", " ", text)
    left = [m for m in ENGLISH if m in text]
    assert not left, f"{state}: English messages on a Welsh page: {left[:5]}"
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    english = words & ENGLISH_WORDS
    where = [text[max(0, m.start() - 80):m.end() + 40] for m in re.finditer(rf"\b({'|'.join(english)})\b", text, re.I)][:5]
    assert not english, f"{state}: English words on a Welsh page: {sorted(english)}, e.g. {where}"
    web.accessible(state)
    web.screenshot(f"cy-{state.replace(' ', '-')}")


def sign_out(web) -> None:
    web.page.click("header form[action$='/logout'] button")  # "Allgofnodi"


def test_a_journey_in_cymraeg(hub, web):
    author, colleague = hub.people(2, teams=2)
    (moderator,) = hub.people(1, role="moderator")
    (executive,) = hub.people(1, role="executive")

    # Switch: the link at the top of the sign-in page.
    page = web.go("/login")
    page.click(".site-language")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    assert_welsh(web, "sign in")

    # Post an idea, written in Welsh.
    web.sign_in(author, PASSWORD)
    page = web.go("/ideas/new")
    assert_welsh(web, "post an idea")
    expect(page.locator("#language")).to_have_value("cy")  # the page's language by default
    page.fill("#title", TITLE)
    page.fill("#problem", "Mae tenantiaid newydd yn prynu offer na fyddan nhw'n ei ddefnyddio ond unwaith.")
    page.fill("#proposal", "Benthyg driliau, ysgolion a pheiriannau gwnïo o lyfrgell offer yn y swyddfa dai.")
    page.click("main form:has(#title) button[type=submit]")
    if page.locator("#similar-check-h").count():
        assert_welsh(web, "similar ideas")
        page.click("main form:has(#title) button[type=submit]")
    page.wait_for_url(re.compile(r".*/ideas/\d+$"))
    idea_id = int(page.url.rsplit("/", 1)[1])
    expect(page.locator("h1")).to_have_attribute("lang", "cy")
    assert_welsh(web, "the new idea")
    sign_out(web)

    # A colleague from another team supports it and responds, in Welsh.
    web.sign_in(colleague, PASSWORD)
    page = web.go(f"/ideas/{idea_id}")
    assert_welsh(web, "an idea to support")
    page.click(f"form[action$='/ideas/{idea_id}/support'] button")
    page.wait_for_selector(f"form[action$='/ideas/{idea_id}/unsupport']")
    page.check("#kind-0")
    page.fill("#body", "Ie, a gallen ni ddechrau gyda'r peiriannau torri gwair.")
    page.click("#response-form button[type=submit]")
    page.wait_for_url(re.compile(rf".*/ideas/{idea_id}#response-\d+"))
    expect(page.locator(".response .prose").last).to_have_attribute("lang", "cy")
    assert_welsh(web, "after responding")
    sign_out(web)

    # A moderator triages it from the board.
    web.sign_in(moderator, PASSWORD)
    page = web.go("/ideas/?q=llyfrgell+offer")
    assert_welsh(web, "the board as a moderator")
    page = web.go(f"/hearing/ideas/{idea_id}/move?to=shortlisted")
    assert_welsh(web, "moving an idea")
    page.fill("#reason", "Mae'n syniad da: gadewch i ni ei dreialu yn y swyddfa dai.")
    page.click("main form:has(#reason) button[type=submit]")
    page.wait_for_load_state()
    assert_welsh(web, "after the move")
    page = web.go("/ideas/?q=llyfrgell+offer")
    expect(page.locator(f'.column--shortlisted .card[data-idea-id="{idea_id}"]')).to_be_visible()
    assert_welsh(web, "the board after triage")
    sign_out(web)

    # An executive opens the insights.
    web.sign_in(executive, PASSWORD)
    page = web.go("/insights/")
    assert_welsh(web, "the insights")
    page = web.go("/insights/top")
    assert_welsh(web, "top ideas")

    # The same pages at a phone's width: the longer Welsh words still fit.
    page.set_viewport_size({"width": 390, "height": 844})
    web.go(f"/ideas/{idea_id}")
    assert_welsh(web, "the idea on a phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    web.go("/ideas/?q=llyfrgell+offer")
    assert_welsh(web, "the board on a phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
