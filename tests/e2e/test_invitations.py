"""Invitations to hear an idea, in a browser: a moderator opens Needs a hearing, invites a suggested
person with one click; that person sees it in the bell and on the idea, responds, and the hearing
box counts it; the same with JavaScript off, and "Not my area" takes them out of the suggestions.
Screenshots of the queue, the idea page's panel and Your account, Invitations at 1280 and 375 px."""

from __future__ import annotations

import itertools
from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from tests.conftest import PASSWORD

_run = itertools.count(1)
PHONE = {"width": 375, "height": 812}
WIDE = {"width": 1280, "height": 900}


# Each journey's idea and people share no words with the other's (the engine would otherwise
# rightly suggest the other journey's people, who answered a similar idea).
IDEAS = {
    "grit": ("Grit sensors for icy hills {n}", "The grit runs out on the steepest hills first.",
             "Put cheap sensors in each grit store so crews refill them in time.", "I look after the council's winter kit."),
    "drainage": ("Drainage alarms for flooded underpasses {n}", "Blocked gullies flood the underpasses after heavy rain.",
                 "Fit drainage alarms that warn the highways team before water rises.", "I plan the highways team's storm rota."),
}


def _set_up(hub, words: str):
    """An idea nobody has answered, past its hearing days, and two people whose skills match it."""
    from ideashub.people.models import User

    n = next(_run)
    [author] = hub.people(1, teams=4)
    [moderator] = hub.people(1, teams=4, role="moderator")
    helpers = hub.people(2, teams=4)

    def skills(session):
        for i, email in enumerate(helpers):
            person = session.scalar(select(User).where(User.email == email))
            person.name = f"{('Aled', 'Bethan')[i]} Helper {n}"
            person.skills = f"{words}, budgets" if i == 0 else words
            person.bio = IDEAS[words][3]
        session.commit()

    hub.query(skills)
    title_text, problem, proposal, _bio = IDEAS[words]
    title = title_text.format(n=n)
    # Posted long before the other tests' ideas, so it is among the first the queue gives suggestions for.
    hub.set_clock(hub.now() - timedelta(days=90))
    idea = hub.api(author, "POST", "/api/v1/ideas", {
        "title": title, "problem": problem, "proposal": proposal, "tags": [words]})
    hub.set_clock(None)
    hub.set_clock(hub.now() + timedelta(days=8))  # past its hearing days, unanswered: it needs a hearing
    names = [f"Aled Helper {n}", f"Bethan Helper {n}"]
    return idea, title, moderator, helpers, names


def _both_widths(web, name: str):
    web.screenshot(name)
    web.page.set_viewport_size(PHONE)
    web.screenshot(name)
    web.accessible(f"{name} on a phone")
    web.page.set_viewport_size(WIDE)


def _invite_from_the_queue(web, title: str, name: str):
    page = web.go("/hearing/queue")
    item = page.locator(".queue-item", has_text=title)
    expect(item.locator(".queue-item__people")).to_contain_text(name)
    expect(item.locator(".queue-item__people")).to_contain_text("skills:")
    web.accessible("needs a hearing, with people to invite")
    _both_widths(web, "invitations-queue")
    item.locator(".helper", has_text=name).locator("button:has-text('Invite')").click()
    expect(page.locator(".flashes")).to_contain_text(f"Invited {name} to hear this idea.")
    expect(page.locator(".queue-item", has_text=title).locator(".queue-item__people")).not_to_contain_text(name)


def _respond_as_invitee(web, helper: str, idea_id: int, moderator_name: str, counted: str):
    web.sign_in(helper, PASSWORD)
    page = web.page
    expect(page.locator(".site-account__bell .bell-count")).to_be_visible()
    page = web.go("/hearing/notifications")
    expect(page.locator("main")).to_contain_text(f"{moderator_name} invited you to hear")
    page = web.go(f"/ideas/{idea_id}")
    banner = page.locator(".invitation-banner")
    expect(banner).to_contain_text(f"{moderator_name} invited you to hear this idea")
    web.accessible("idea page with the invitation banner")
    page = web.go("/account/invitations")
    expect(page.locator("main")).to_contain_text("Not my area")
    web.accessible("your invitations")
    _both_widths(web, "invitations-account")
    page = web.go(f"/ideas/{idea_id}")
    page.locator(".invitation-banner a:has-text('Respond')").click()
    page.fill("#body", "Yes, and the depot already has spare sensors from the flood pilot.")
    page.click("#response-form button[type=submit]")
    expect(page.locator(".panel--hearing")).to_contain_text(counted)
    expect(page.locator(".invitation-banner")).to_have_count(0)
    web.accessible("idea page after responding")


def _name_of(hub, email: str) -> str:
    from ideashub.people.models import User

    return hub.query(lambda s: s.scalar(select(User.name).where(User.email == email)))


def test_a_moderator_invites_a_suggested_person_who_responds(hub, web):
    idea, title, moderator, helpers, names = _set_up(hub, "grit")
    web.sign_in(moderator, PASSWORD)
    _invite_from_the_queue(web, title, names[0])
    page = web.go(f"/ideas/{idea['id']}")
    panel = page.locator("#helpers")
    expect(panel).to_contain_text("People who could help")
    expect(panel.locator(".helper", has_text=names[0])).to_contain_text("Invited: waiting for an answer")
    expect(page.locator(".panel--hearing")).to_contain_text("1 invited · 0 responded")
    web.accessible("idea page with people who could help")
    panel.scroll_into_view_if_needed()
    _both_widths(web, "invitations-idea-panel")
    web.sign_out()
    _respond_as_invitee(web, helpers[0], idea["id"], _name_of(hub, moderator), "1 invited · 1 responded")


def test_without_javascript_and_not_my_area_takes_them_out_of_the_suggestions(hub, web_nojs):
    web = web_nojs
    idea, title, moderator, helpers, names = _set_up(hub, "drainage")
    web.sign_in(moderator, PASSWORD)
    _invite_from_the_queue(web, title, names[0])
    # The idea page's own form: tick the second person, add a note, send.
    page = web.go(f"/ideas/{idea['id']}")
    panel = page.locator("#helpers")
    panel.locator(".helper", has_text=names[1]).locator("input[type=checkbox]").check()
    panel.locator("textarea").fill("You mapped the gullies last winter.")
    panel.locator("button:has-text('Invite the people ticked')").click()
    expect(page.locator(".flashes")).to_contain_text(f"Invited {names[1]} to hear this idea.")
    expect(page.locator(".panel--hearing")).to_contain_text("2 invited · 0 responded")
    web.sign_out()

    _respond_as_invitee(web, helpers[0], idea["id"], _name_of(hub, moderator), "2 invited · 1 responded")
    web.sign_out()

    web.sign_in(helpers[1], PASSWORD)
    page = web.go(f"/ideas/{idea['id']}")
    expect(page.locator(".invitation-banner")).to_contain_text("“You mapped the gullies last winter.”")
    page.locator(".invitation-banner button:has-text('Not my area')").click()
    expect(page.locator(".flashes")).to_contain_text("You will not be suggested for this idea again.")
    expect(page.locator(".invitation-banner")).to_have_count(0)
    web.sign_out()

    web.sign_in(moderator, PASSWORD)
    page = web.go(f"/ideas/{idea['id']}")
    expect(page.locator(".panel--hearing")).to_contain_text("2 invited · 1 responded")
    expect(page.locator("#helpers")).not_to_contain_text(names[1])
    page = web.go(f"/ideas/{idea['id']}/invitations")
    expect(page.locator(".invited-list")).to_contain_text("not their area")
    web.accessible("who was invited")
