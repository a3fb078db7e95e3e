"""The essential actions with JavaScript turned off: plain forms all the way."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.test_journeys import _sprint_moment, heard_idea, post_idea, respond


def test_post_support_and_respond_without_javascript(hub, web_nojs):
    web = web_nojs
    author, colleague = hub.people(2, teams=2)
    web.sign_in(author, PASSWORD)
    page = web.go("/ideas/new")
    page.click("button:has-text('Post the idea')")  # empty: the errors come back
    expect(page.locator(".error-summary")).to_contain_text("Give your idea a title")
    web.accessible("post form with errors")
    page.fill("#title", "Community fridge at the health centre")
    page.fill("#problem", "Food goes to waste at the staff canteen.")
    page.fill("#proposal", "A community fridge in the foyer.")
    page.click("button:has-text('Post the idea')")
    page.wait_for_url(re.compile(r".*/ideas/\d+$"))
    idea_url = page.url.replace(hub.url, "")
    web.sign_out()
    web.sign_in(colleague, PASSWORD)
    page = web.go(idea_url)
    page.click("button:has-text('Support this idea')")
    expect(page.locator(".support-panel__count")).to_contain_text("1 supporter from 1 team")
    page.check("#kind-3")  # concern
    page.fill("#body", "Food safety rules apply to shared fridges.")
    page.click("button:has-text('Post response')")
    expect(page.locator(".error-summary")).to_contain_text("A concern needs a suggestion")
    web.accessible("response form with errors")
    page.fill("#suggestion", "Ask environmental health for their checklist.")
    page.click("button:has-text('Post response')")
    expect(page.locator("main")).to_contain_text("Ask environmental health for their checklist.")


def test_triage_without_javascript(hub, web_nojs):
    web = web_nojs
    (moderator,) = hub.people(1, role="moderator")
    fresh = post_idea(hub, hub.people(1)[0], "A quiet idea about parking permits")
    heard, _author = heard_idea(hub, "A heard idea about agency staff")
    web.sign_in(moderator, PASSWORD)
    page = web.go("/ideas/?q=parking+permits")
    card = page.locator(f'.card[data-idea-id="{fresh}"]')
    card.locator("select[name=stage]").select_option("shortlisted")
    card.locator("button:has-text('Move')").click()
    expect(page.locator(f'.column--shortlisted .card[data-idea-id="{fresh}"]')).to_be_visible()
    page = web.go("/ideas/?q=agency+staff")
    card = page.locator(f'.card[data-idea-id="{heard}"]')
    card.locator("select[name=stage]").select_option("not_taken_forward")
    card.locator("button:has-text('Move')").click()
    expect(page.locator(".error-summary")).to_contain_text("at least a full sentence")
    page.fill("#reason", "The framework contract already caps agency rates from April.")
    page.click("button:has-text('Move the idea')")
    expect(page.locator(f'.column--not_taken_forward .card[data-idea-id="{heard}"]')).to_be_visible()


def test_vote_and_decide_without_javascript(hub, web_nojs):
    web = web_nojs
    (facilitator,) = hub.people(1, role="moderator")
    (sponsor,) = hub.people(1, role="executive")
    poster, responder, voter = hub.people(3, teams=3)
    start = "2026-06-01"
    hub.set_clock(_sprint_moment(start, 1) - timedelta(days=3))
    response = __import__("requests").post(
        f"{hub.url}/api/v1/challenges",
        json={"title": "Warm spaces", "question": "How might we keep people warm this winter?", "starts_on": start,
              "sponsor_id": hub.user_id(sponsor), "facilitator_id": hub.user_id(facilitator)},
        headers={"Authorization": f"Bearer {hub.token(facilitator)}"},
        timeout=10,
    )
    challenge = response.json()["id"]
    hub.set_clock(_sprint_moment(start, 2))
    idea = __import__("requests").post(
        f"{hub.url}/api/v1/ideas",
        json={"title": "Warm banks in libraries", "problem": "p", "proposal": "q", "challenge_id": challenge},
        headers={"Authorization": f"Bearer {hub.token(poster)}"},
        timeout=10,
    ).json()["id"]
    respond(hub, responder, idea)
    hub.set_clock(_sprint_moment(start, 3))
    web.sign_in(voter, PASSWORD)
    page = web.go(f"/challenges/{challenge}")
    page.click("button:has-text('Vote for this idea')")
    expect(page.locator("main")).to_contain_text("You voted for this")
    web.sign_out()
    web.sign_in(facilitator, PASSWORD)
    page = web.go(f"/challenges/{challenge}")
    page.check(f"#sl-{idea}")
    page.click("button:has-text('Save the shortlist')")
    web.sign_out()
    hub.set_clock(_sprint_moment(start, 5))
    web.sign_in(sponsor, PASSWORD)
    page = web.go(f"/challenges/{challenge}/ideas/{idea}/decide")
    page.check("#outcome-1")  # park
    page.fill("#reason", "We will look again when the energy support scheme is confirmed.")
    page.click("button:has-text('Record the decision')")
    expect(page.locator(".error-summary")).to_contain_text("future date")
    web.accessible("decision with errors")
    page.fill("#revisit_on", "2026-09-01")
    page.click("button:has-text('Record the decision')")
    expect(page.locator(".decision--park")).to_contain_text("energy support scheme")
