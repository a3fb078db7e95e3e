"""The idea page in a browser: the idea first on a phone, closed ideas that look closed,
errors in the box they came from, and confirmations in view after posting."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.test_journeys import post_idea, respond


@pytest.fixture(scope="module")
def people(hub):
    author, reader, *others = hub.people(6, teams=3)
    [moderator] = hub.people(1, role="moderator")
    return {"author": author, "reader": reader, "others": others, "moderator": moderator}


@pytest.fixture(scope="module")
def busy_idea(hub, people):
    """An idea with enough responses that the page scrolls well past one screen."""
    idea_id = post_idea(hub, people["author"], "Let district nurses book handyperson visits for patients")
    for n in range(12):
        respond(hub, people["others"][n % 4], idea_id,
                f"Yes, and point {n + 1}: the repairs team already has slots on Tuesday and Thursday mornings "
                "that go unused, and nurses could fill them when they see a hazard at home.")
    return idea_id


def _top(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


def _before_in_reading_order(page, first: str, then: str) -> bool:
    return page.evaluate(
        "([a, b]) => !!(document.querySelector(a).compareDocumentPosition(document.querySelector(b)) & Node.DOCUMENT_POSITION_FOLLOWING)",
        [first, then],
    )


def _in_view(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    height = page.evaluate("window.innerHeight")
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_on_a_phone_the_idea_reads_first(phone, hub, people, busy_idea):
    phone.sign_in(people["reader"], PASSWORD)
    page = phone.go(f"/ideas/{busy_idea}")
    proposal = ".idea-text h2:has-text('The proposal')"
    for box in ("#support-h", "#hearing-h", "#activity-h"):
        assert _top(page, proposal) < _top(page, box), box  # seen first
        assert _before_in_reading_order(page, ".idea-text", box), box  # read first
    assert page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 0
    phone.accessible("idea page on a phone")
    phone.screenshot("idea-page")


def test_on_a_laptop_the_support_and_hearing_sit_beside_the_idea(web, hub, people, busy_idea):
    web.sign_in(people["reader"], PASSWORD)
    page = web.go(f"/ideas/{busy_idea}")
    text, aside = page.locator(".idea-text").bounding_box(), page.locator(".idea-aside").bounding_box()
    # The idea's column: its text, then "People who could help" (matching), then the discussion.
    idea = page.locator(".idea-main").bounding_box()
    responses = page.locator("#responses-h").bounding_box()
    assert aside["x"] >= text["x"] + text["width"]  # beside it
    assert abs(aside["y"] - text["y"]) < 5  # level with the idea's top
    assert responses["y"] >= idea["y"] + idea["height"]  # the discussion under the idea
    assert responses["y"] - (idea["y"] + idea["height"]) < 80  # with no gap opened by a tall aside
    web.accessible("idea page at 1280 px")
    web.screenshot("idea-page")


def test_withdrawn_and_merged_ideas_look_closed(web, hub, people):
    withdrawn = post_idea(hub, people["author"], "A withdrawn idea about shared minibuses")
    web.sign_in(people["author"], PASSWORD)
    page = web.go(f"/ideas/{withdrawn}/withdraw")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(rf".*/ideas/{withdrawn}$"))
    assert page.locator(".idea-head .badge").inner_text().lower() == "withdrawn"
    hearing = page.locator(".panel--hearing").inner_text()
    assert "No longer being heard" in hearing and "to go" not in hearing
    assert page.locator(".breadcrumbs a").all_inner_texts() == ["Board"]
    web.accessible("a withdrawn idea")
    web.screenshot("idea-withdrawn")

    duplicate = post_idea(hub, people["reader"], "Shared minibus for day centres (again)")
    target = post_idea(hub, people["others"][0], "Shared minibus for day centres")
    hub.api(people["moderator"], "POST", f"/api/v1/ideas/{duplicate}/merge", {"into": target})
    page = web.go(f"/ideas/{duplicate}")
    assert page.locator(".idea-head .badge").inner_text().lower() == "merged"
    assert "Heard together with" in page.locator(".panel--hearing").inner_text()
    page.click(".breadcrumbs a:has-text('Merged into')")
    page.wait_for_url(re.compile(rf".*/ideas/{target}$"))
    assert page.locator("h1").inner_text() == "Shared minibus for day centres"
    web.go(f"/ideas/{duplicate}")
    web.accessible("a merged idea")
    web.screenshot("idea-merged")


def test_a_response_lands_with_its_confirmation_in_view(web, hub, people, busy_idea):
    web.sign_in(people["reader"], PASSWORD)
    page = web.go(f"/ideas/{busy_idea}")
    page.fill("#body", "Yes, and the falls team could add a check of stairs and rails.")
    page.click("#response-form button[type=submit]")
    page.wait_for_url(re.compile(r".*#response-\d+$"))
    assert page.evaluate("window.scrollY") > 0  # it did land down the page, at the response
    assert _in_view(page, ".flashes--here .notice")
    assert "your response is posted" in page.locator(".flashes--here").inner_text()
    web.accessible("a response just posted")


def test_a_reply_lands_with_its_confirmation_in_view(web, hub, people, busy_idea):
    web.sign_in(people["author"], PASSWORD)
    page = web.go(f"/ideas/{busy_idea}")
    box = page.locator(".reply-box").nth(5)
    box.locator("summary").click()
    box.locator("textarea").fill("Thank you: that is the plan for the pilot.")
    box.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*#response-\d+$"))
    assert _in_view(page, ".flashes--here .notice")
    assert "your reply is posted" in page.locator(".flashes--here").inner_text()


def test_a_report_of_a_response_lands_with_its_thanks_in_view(web, hub, people, busy_idea):
    web.sign_in(people["reader"], PASSWORD)
    page = web.go(f"/ideas/{busy_idea}")
    page.locator(".response__actions a:has-text('Report')").nth(8).click()
    page.fill("#reason", "It names a resident.")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*#response-\d+$"))
    assert _in_view(page, ".flashes--here .notice")
    assert "A moderator will look at it." in page.locator(".flashes--here").inner_text()


@pytest.mark.parametrize("scripts", ["web", "web_nojs"])
def test_an_empty_reply_shows_its_error_in_its_box_and_survives_a_reload(scripts, request, hub, people, busy_idea):
    browser_page = request.getfixturevalue(scripts)
    browser_page.sign_in(people["reader"], PASSWORD)
    page = browser_page.go(f"/ideas/{busy_idea}")
    box = page.locator(".reply-box").nth(3)
    box_id = box.get_attribute("id")
    box.locator("summary").click()
    box.locator("textarea").fill("   ")  # past the browser's own check: only spaces
    box.locator("button[type=submit]").click()
    page.wait_for_load_state()
    box = page.locator(f"#{box_id}")
    assert box.get_attribute("open") is not None
    assert "Write your reply before posting it." in box.inner_text()
    assert _in_view(page, f"#{box_id} .error-message")
    assert page.locator("#response-form .error-summary").count() == 0
    browser_page.accessible("a refused reply")
    # The address shown answers a reload or a visit: back to the idea, not 405.
    again = page.goto(page.url.split("#")[0])
    assert again.status == 200 and page.url.split("#")[0].endswith(f"/ideas/{busy_idea}")


def test_a_notification_opens_the_response_and_is_then_read(web, hub, people):
    idea_id = post_idea(hub, people["author"], "A notice board for shared meeting rooms")
    respond(hub, people["others"][1], idea_id, "Yes, and the booking system already knows which rooms are free.")
    web.sign_in(people["author"], PASSWORD)
    page = web.go("/hearing/notifications")
    unread = page.locator(".notification--unread").count()
    page.locator(".notification--unread a", has_text="A notice board for shared meeting rooms").first.click()
    page.wait_for_url(re.compile(rf".*/ideas/{idea_id}#response-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    # The browser scrolls to the response once the page has loaded (waited for, not assumed).
    expect(page.locator(f"#{anchor}")).to_be_in_viewport(ratio=0.95)
    page = web.go("/hearing/notifications")
    assert page.locator(".notification--unread").count() == unread - 1


def test_the_author_edits_a_response_and_others_see_its_history(web, hub, people):
    idea_id = post_idea(hub, people["author"], "Lend laptops to people applying for jobs")
    respond(hub, people["reader"], idea_id, "Yes, and the library could lend them.")
    web.sign_in(people["reader"], PASSWORD)
    page = web.go(f"/ideas/{idea_id}")
    page.click(".response__actions a:has-text('Edit')")
    page.fill("#body", "Yes, and the libraries in all three towns could lend them.")
    web.accessible("editing a response")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*#response-\d+$"))
    assert _in_view(page, ".flashes--here .notice")
    assert "all three towns" in page.locator(".response").first.inner_text()
    page.click(".response__edited")
    assert "Yes, and the library could lend them." in page.locator("main").inner_text()
    web.accessible("a response's earlier versions")
    web.screenshot("response-history")
