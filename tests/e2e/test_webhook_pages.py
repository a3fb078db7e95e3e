"""The webhook pages in Chromium without JavaScript: set one up (after a refused address),
see its secret once, and read its delivery log; every page valid HTML and accessible."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def test_an_admin_sets_up_a_webhook_without_javascript(hub, web_nojs):
    web = web_nojs
    (admin,) = hub.people(1, role="admin")
    web.sign_in(admin, PASSWORD)
    page = web.go("/admin/webhooks")
    web.accessible("no webhooks yet")
    page.click("main a:has-text('Set up a webhook')")
    page.fill("#url", "http://127.0.0.1:8080/hook")
    page.check("#format-1")  # Microsoft Teams
    page.check("#scope-2")  # a tag
    page.fill("#tag", "repairs")
    page.click("main button:has-text('Set up the webhook')")
    expect(page.locator(".error-summary")).to_contain_text("private or special address")
    expect(page.locator(".error-summary")).to_contain_text("Choose at least one event.")
    web.accessible("a refused address and no events")
    page.fill("#url", "https://93.184.215.14/workflows/abc/invoke?sig=SECRET")
    page.check("main label:has-text('A person posts an idea')")
    page.click("main button:has-text('Set up the webhook')")
    expect(page.locator("h1")).to_contain_text("The webhook is set up")
    secret = page.locator("#secret").input_value()
    assert len(secret) >= 32
    web.accessible("the secret, shown once")
    web.screenshot("webhook-secret")
    page.click("main a:has-text('Back to the webhooks')")
    row = page.locator("table tbody tr").first
    expect(row).to_contain_text("https://93.184.215.14/workflows/…")
    expect(row).to_contain_text("Ideas tagged repairs")
    expect(page.locator("main")).not_to_contain_text("SECRET")
    expect(page.locator("main")).not_to_contain_text(secret)
    web.accessible("the list of webhooks")
    row.locator("a:has-text('Delivery log')").click()
    expect(page.locator("tbody")).to_contain_text("Nothing sent yet.")
    web.accessible("an empty delivery log")
    page.click("main a:has-text('Change the webhook')")
    expect(page.locator("#url")).to_have_value("")
    web.accessible("the change form")
