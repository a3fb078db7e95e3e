"""Admins see what could not be delivered, in words, and can send it again."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from ideashub.core import outbox
from tests.conftest import PASSWORD


def test_an_admin_sees_a_failed_email_and_sends_it_again(hub, web, phone):
    [admin] = hub.people(1, role="admin")
    now = hub.now()

    def owe_a_failed_one(session):
        session.add(outbox.Delivery(
            key="e2e-failed-delivery", channel="email", kind="mention", address="gone@elsewhere.example",
            payload={"subject": "Someone mentioned you", "text": "Hello", "html": None, "headers": {}},
            status=outbox.FAILED, attempts=41, due_at=now, created_at=now - timedelta(hours=24),
            last_error="SMTPRecipientsRefused: 550 No such mailbox"))
        session.commit()

    hub.query(owe_a_failed_one)
    web.sign_in(admin, PASSWORD)
    page = web.go("/admin/deliveries")
    expect(page.locator("main")).to_contain_text("550 No such mailbox")
    expect(page.locator("main")).to_contain_text("Email: A mention")
    web.accessible("deliveries with a failure")
    web.screenshot("admin-deliveries")
    page.click("main button:has-text('Try again now')")
    expect(page.locator("#flashes")).to_contain_text("It will be sent again in a moment.")
    web.accessible("deliveries after trying again")

    phone.sign_in(admin, PASSWORD)
    phone.go("/admin/deliveries")
    phone.accessible("deliveries on a phone")
    phone.screenshot("admin-deliveries")
