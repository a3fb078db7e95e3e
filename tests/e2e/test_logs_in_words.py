"""The moderators' log, the audit log and an idea's activity in a real browser: in words,
with their date filters and errors accessible, and screenshots to look at."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from tests.e2e.test_journeys import post_idea


@pytest.fixture(scope="module")
def moved(hub):
    [author] = hub.people(1)
    [moderator] = hub.people(1, role="moderator")
    [admin] = hub.people(1, role="admin")
    idea_id = post_idea(hub, author, "Text tenants the day before a repair visit")
    hub.api(moderator, "POST", f"/api/v1/ideas/{idea_id}/stage", {"stage": "shortlisted"}, expect=200)
    return {"idea": idea_id, "moderator": moderator, "admin": admin}


def test_the_logs_read_in_words_with_accessible_date_filters(web, moved):
    web.sign_in(moved["moderator"], PASSWORD)
    page = web.go("/hearing/log")
    row = page.locator("tbody tr").first
    assert "from Being heard to Shortlisted" in row.inner_text() and "idea.moved" not in page.content()
    assert "Text tenants the day before a repair visit" in row.inner_text()
    web.accessible("moderators' log")
    web.screenshot("moderators-log")
    page = web.go("/hearing/log?from=2026-02-30")
    assert "Enter the from date as a real date" in page.locator(".error-summary").inner_text()
    web.accessible("moderators' log, a date that does not exist")
    web.screenshot("moderators-log-error")
    web.sign_out()
    web.sign_in(moved["admin"], PASSWORD)
    page = web.go("/admin/audit")
    assert "Signed in" in page.locator("tbody").inner_text() and "auth.signin" not in page.content()
    web.accessible("audit log")
    web.screenshot("audit-log")


def test_an_ideas_activity_reads_in_words_on_a_phone(phone, moved):
    phone.sign_in(moved["moderator"], PASSWORD)
    page = phone.go(f"/ideas/{moved['idea']}")
    activity = page.locator(".timeline").inner_text()
    assert "moved this idea from Being heard to Shortlisted" in activity and "posted this idea" in activity
    phone.screenshot("idea-activity")
