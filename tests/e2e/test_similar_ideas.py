"""Similar ideas in a browser (issue 16): a member starts typing an idea that already exists, sees
it in the live list and builds on it instead; without JavaScript the check step shows the same
before anything is posted; a parked idea comes back to the moderators' Look again list."""

from __future__ import annotations

import re
from datetime import timedelta

import requests
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.test_journeys import heard_idea, post_idea

PHONE = {"width": 375, "height": 812}
WIDE = {"width": 1280, "height": 900}


def both_widths(web, name: str) -> None:
    """Screenshots at 1280 and 375 px wide (tests/e2e/artifacts/screens), and axe at both."""
    web.screenshot(name)
    web.page.set_viewport_size(PHONE)
    web.accessible(f"{name} at 375 px")
    web.screenshot(name)
    web.page.set_viewport_size(WIDE)


def test_a_member_typing_an_idea_that_exists_sees_it_and_builds_on_it_instead(hub, web):
    author, member = hub.people(2, teams=2)
    idea_id = post_idea(hub, author, "Lend electric cargo bikes to the parks wardens")
    web.sign_in(member, PASSWORD)
    page = web.go("/ideas/new")
    live = page.locator("#similar-live")
    assert live.get_attribute("aria-live") == "polite"
    page.locator("#title").press_sequentially("Electric cargo bikes for parks wardens", delay=15)
    found = live.locator(f'h3 a[href="/ideas/{idea_id}"]')
    expect(found).to_have_text("Lend electric cargo bikes to the parks wardens")
    item = live.locator(".similar__item", has=page.locator(f'h3 a[href="/ideas/{idea_id}"]'))
    expect(item.locator(".badge")).to_have_text("Being heard")
    expect(item.locator("button:has-text('Support it')")).to_be_visible()
    expect(item.locator("a:has-text('View')")).to_have_attribute("href", f"/ideas/{idea_id}")
    expect(live.locator("h2")).to_have_text("These look similar: build on one, or post yours anyway")
    expect(page.locator('input[name="looked"]')).to_have_value("1")  # seen: posting would go straight through
    web.accessible("similar ideas while typing")
    both_widths(web, "similar-typing")

    # Text like no idea empties the list.
    page.fill("#title", "")
    page.locator("#title").press_sequentially("Zqxv wibble", delay=15)
    expect(live.locator(".similar__item")).to_have_count(0)
    expect(page.locator('input[name="looked"]')).to_have_value("")

    page.fill("#title", "")
    page.locator("#title").press_sequentially("Cargo bikes for the parks wardens", delay=15)
    item = live.locator(".similar__item", has=page.locator(f'h3 a[href="/ideas/{idea_id}"]'))
    item.locator("a:has-text('Build on it')").click()
    page.wait_for_url(re.compile(rf".*/ideas/{idea_id}\?respond=build#response-form$"))
    assert page.locator('#response-form input[name="kind"][value="build"]').is_checked()
    page.fill("#body", "Yes, and the wardens' depot already has chargers for them.")
    page.click("#response-form button[type=submit]")
    page.wait_for_url(re.compile(rf".*/ideas/{idea_id}#response-\d+$"))
    expect(page.locator(".responses")).to_contain_text("Yes, and the wardens' depot already has chargers for them.")


def test_without_javascript_the_check_step_shows_similar_ideas_before_anything_is_posted(hub, web_nojs):
    web = web_nojs
    author, member = hub.people(2, teams=2)
    idea_id = post_idea(hub, author, "Minibus rota shared by the Brynmawr day centres")
    web.sign_in(member, PASSWORD)

    def fill_and_post(page):
        page.fill("#title", "A shared minibus rota for Brynmawr day centres")
        page.fill("#problem", "Residents wait too long for the one minibus each centre has.")
        page.fill("#proposal", "Put both minibuses on one rota the centres book together.")
        page.click("button:has-text('Post the idea')")

    page = web.go("/ideas/new")
    fill_and_post(page)
    expect(page.locator("#similar-check-h")).to_have_text("These look similar: build on one, or post yours anyway")
    check = page.locator(".similar--check")
    expect(check.locator(f'h3 a[href="/ideas/{idea_id}"]')).to_have_text("Minibus rota shared by the Brynmawr day centres")
    expect(page.locator("#title")).to_have_value("A shared minibus rota for Brynmawr day centres")  # nothing lost
    web.accessible("the check step")
    both_widths(web, "similar-check-step")

    # Build on it instead: the idea's response form, "Builds on it" chosen.
    item = check.locator(".similar__item", has=page.locator(f'h3 a[href="/ideas/{idea_id}"]'))
    item.locator("a:has-text('Build on it')").click()
    assert page.locator('#response-form input[name="kind"][value="build"]').is_checked()
    page.fill("#body", "Yes, and the health centre's patient transport could join the rota.")
    page.click("#response-form button[type=submit]")
    page.wait_for_url(re.compile(rf".*/ideas/{idea_id}#response-\d+$"))
    expect(page.locator(".responses")).to_contain_text("patient transport could join the rota")

    # Or post it anyway: the same fields go again with the confirmation.
    page = web.go("/ideas/new")
    fill_and_post(page)
    page.click("button:has-text('Post my idea anyway')")
    page.wait_for_url(re.compile(r".*/ideas/\d+$"))
    new_id = int(page.url.rsplit("/", 1)[1])
    assert new_id != idea_id
    panel = page.locator(".panel--similar")
    expect(panel.locator(f'a[href="/ideas/{idea_id}"]')).to_be_visible()
    web.accessible("the idea page's similar ideas")
    panel.scroll_into_view_if_needed()
    both_widths(web, "similar-idea-panel")


def test_a_parked_idea_comes_back_to_the_moderators_look_again_list(hub, web):
    (moderator,) = hub.people(1, role="moderator")
    parked_id, author = heard_idea(hub, "Refill water stations in every library")
    moved = requests.post(
        f"{hub.url}/api/v1/ideas/{parked_id}/stage",
        json={"stage": "parked", "reason": "The plumbing survey comes first.",
              "revisit_on": (hub.now() + timedelta(days=90)).date().isoformat()},
        headers={"Authorization": f"Bearer {hub.token(moderator)}"}, timeout=10,
    )
    assert moved.status_code == 200, moved.text
    new_id = post_idea(hub, hub.people(1)[0], "Water refill stations in the libraries")
    web.sign_in(moderator, PASSWORD)
    page = web.go("/hearing/queue")
    page.click(".subnav a:has-text('Look again')")
    expect(page.locator("h1")).to_have_text("Look again")
    first = page.locator(".look-again__item").first
    expect(first.locator("h2 a")).to_have_text("Refill water stations in every library")
    expect(first).to_contain_text("Why: The plumbing survey comes first.")
    expect(first.locator(f'a[href="/ideas/{new_id}"]')).to_have_text("Water refill stations in the libraries")
    web.accessible("the look again list")
    both_widths(web, "similar-look-again")
    page = web.go(f"/ideas/{parked_id}")
    expect(page.locator(".similar__notice")).to_contain_text("A similar idea was posted: Water refill stations in the libraries")
    web.sign_out()
    web.sign_in(author, PASSWORD)
    page = web.go("/hearing/notifications")
    expect(page.locator("main")).to_contain_text("an idea like yours, “Refill water stations in every library”")
