"""Safe admin actions and forms that tell their limits, in Chromium, with and without JavaScript."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def test_deactivating_needs_a_reason_and_a_confirmation_without_javascript(hub, web_nojs):
    web = web_nojs
    (admin,) = hub.people(1, role="admin")
    (member,) = hub.people(1)
    web.sign_in(admin, PASSWORD)
    page = web.go("/admin/people?q=" + member)
    page.locator("table tbody a").first.click()
    page.click("button:has-text('Deactivate the account')")
    expect(page.locator(".error-summary")).to_contain_text("Say why: the reason is kept in the log.")
    expect(page.locator("#active-reason-error")).to_be_visible()
    web.accessible("deactivation without a reason")
    page.fill("#active-reason", "Left the council at the end of March.")
    page.click("button:has-text('Deactivate the account')")
    expect(page.locator("h1")).to_contain_text("account?")
    expect(page.locator("main")).to_contain_text("Left the council at the end of March.")
    web.accessible("deactivation confirmation")
    web.screenshot("admin-confirm-deactivation")
    page.click("button:has-text('Yes, deactivate the account')")
    expect(page.locator("body")).to_contain_text("The account is deactivated")
    expect(page.locator(".summary-list")).to_contain_text("Deactivated")


def test_a_limited_box_says_its_limit_and_counts_down_with_javascript(hub, web):
    (member,) = hub.people(1)
    web.sign_in(member, PASSWORD)
    page = web.go("/ideas/new")
    hint = page.locator("#title-limit")
    expect(hint).to_contain_text("Up to 150 characters.")
    expect(page.locator("#title")).to_have_attribute("aria-describedby", re.compile(r"title-limit"))
    page.fill("#title", "Book repairs online")
    expect(hint).to_contain_text("131 characters left.")
    web.accessible("idea form with a live count")
    web.screenshot("idea-form-limits")


def test_date_boxes_show_the_whole_date(hub, web):
    (moderator,) = hub.people(1, role="moderator")
    web.sign_in(moderator, PASSWORD)
    page = web.go("/challenges/new")
    box = page.locator("#starts_on")
    box.fill("2026-12-14")
    # Wide enough for dd/mm/yyyy and the calendar button at the hub's type size.
    assert box.evaluate("el => el.getBoundingClientRect().width") >= box.evaluate("el => parseFloat(getComputedStyle(el).fontSize) * 11")
    expect(page.locator("#sponsor_id")).to_have_value("")
    web.screenshot("challenge-form-date")


def test_the_person_page_on_a_phone_labels_each_reason_box(hub, phone):
    (admin,) = hub.people(1, role="admin")
    (member,) = hub.people(1)
    phone.sign_in(admin, PASSWORD)
    page = phone.go(f"/admin/people/{hub.user_id(member)}")
    for box in ("role-reason", "team-reason", "active-reason"):
        expect(page.locator(f"label[for='{box}']")).to_have_count(1)
        expect(page.locator(f"#{box}")).to_have_count(1)
    page.click("button:has-text('Deactivate the account')")
    expect(page.locator("#active-reason-error")).to_be_visible()
    phone.accessible("person page with an error, on a phone")
    phone.screenshot("admin-person-error")
