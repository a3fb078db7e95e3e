"""Following with JavaScript off: the buttons are plain forms, and the account page ends follows."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def test_follow_an_idea_and_its_tag_and_stop_from_the_account_page(hub, web_nojs):
    web = web_nojs
    author, reader = hub.people(2, teams=2)
    idea = hub.api(author, "POST", "/api/v1/ideas", {
        "title": "Shared minibus for day centres", "problem": "Three minibuses stand idle most afternoons.",
        "proposal": "Book them from one calendar.", "tags": ["minibus-sharing"]})
    web.sign_in(reader, PASSWORD)

    page = web.go(f"/ideas/{idea['id']}")
    page.click("button:has-text('Follow this idea')")
    expect(page.locator(".follow-panel")).to_contain_text("Following ✓")
    web.accessible("idea followed")

    page = web.go("/ideas/?tag=minibus-sharing")
    page.click("button:has-text('Follow this tag')")
    expect(page.locator(".board-follow")).to_contain_text("Following ✓")
    web.accessible("board by tag, followed")

    page = web.go("/account/following")
    expect(page.locator("main")).to_contain_text("Shared minibus for day centres")
    web.accessible("following page")
    page.locator(".following-group", has_text="Tags").locator("button:has-text('Stop following')").click()
    expect(page.locator("#flashes")).to_contain_text("You no longer follow this tag.")
    expect(page.locator("main")).not_to_contain_text("minibus-sharing")
    page.click("button:has-text('Stop following')")
    expect(page.locator("main")).to_contain_text("You are not following anything yet.")
    web.accessible("following nothing")
