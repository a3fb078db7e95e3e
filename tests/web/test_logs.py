"""The moderators' log and the audit log: newest first by the time they show (the id
breaking ties), date filters in the organisation's time zone, and a CSV of what they select."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest

from ideashub.core import activity

# A day in summer: London is an hour ahead of UTC, so its midnight is 23:00 UTC the day before.
SUMMER_DAY = "2026-06-10"
LOCAL_MIDNIGHT = datetime(2026, 6, 9, 23, 0, tzinfo=UTC)


@pytest.fixture
def moderator(make_user):
    return make_user(role="moderator", name="Siobhan Murphy")


@pytest.fixture
def log_entry(db, make_idea, moderator):
    idea = make_idea(title="Book repairs online")

    def record(at: datetime, reason: str, action: str = "idea.moved", actor=None):
        entry = activity.record(actor or moderator, action, at, subject=idea, idea_id=idea.id, reason=reason,
                                data={"from": "being_heard", "to": "shortlisted", "revisit_on": None})
        db.session.commit()
        return entry

    return record


def reasons_in(page: str, marker: str = "Reason ") -> list[str]:
    return re.findall(marker + r"[\w-]+", page)


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv", response.status_code
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


@pytest.mark.parametrize("url", ["/hearing/log", "/admin/audit"])
def test_newest_first_by_the_time_shown_and_by_id_when_times_are_equal(client, auth, log_entry, make_user, url):
    base = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    # Written in an order that is not the order of their times; two share a time.
    log_entry(base, "Reason middle")
    log_entry(base + timedelta(hours=2), "Reason newest")
    log_entry(base - timedelta(days=1), "Reason oldest")
    log_entry(base + timedelta(hours=1), "Reason tie-first-written")
    log_entry(base + timedelta(hours=1), "Reason tie-last-written")
    auth.login(make_user(role="admin", team=None))
    page = client.get(url).get_data(as_text=True)
    assert reasons_in(page) == ["Reason newest", "Reason tie-last-written", "Reason tie-first-written", "Reason middle", "Reason oldest"]


@pytest.mark.parametrize("url", ["/hearing/log", "/admin/audit?action=idea.moved"])
def test_the_next_page_continues_where_the_first_stopped_even_through_equal_times(client, auth, log_entry, make_user, url):
    at = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    for n in range(53):
        log_entry(at if n < 52 else at - timedelta(days=1), f"Reason n{n:02d}")
    auth.login(make_user(role="admin", team=None))
    first = client.get(url).get_data(as_text=True)
    shown = reasons_in(first)
    assert shown == [f"Reason n{n:02d}" for n in range(51, 1, -1)]
    older = re.search(r'href="([^"]+before=\d+[^"]*)">Older entries', first).group(1).replace("&amp;", "&")
    rest = reasons_in(client.get(older).get_data(as_text=True))
    assert rest == ["Reason n01", "Reason n00", "Reason n52"]
    assert "Older entries" not in client.get(older).get_data(as_text=True)


def test_the_date_filter_takes_whole_days_in_the_organisations_time_zone(client, auth, log_entry, moderator):
    log_entry(LOCAL_MIDNIGHT - timedelta(seconds=1), "Reason day-before")
    log_entry(LOCAL_MIDNIGHT, "Reason first-moment")
    log_entry(LOCAL_MIDNIGHT + timedelta(days=1) - timedelta(seconds=1), "Reason last-moment")
    log_entry(LOCAL_MIDNIGHT + timedelta(days=1), "Reason day-after")
    auth.login(moderator)
    one_day = client.get(f"/hearing/log?from={SUMMER_DAY}&to={SUMMER_DAY}").get_data(as_text=True)
    assert reasons_in(one_day) == ["Reason last-moment", "Reason first-moment"]
    since = client.get(f"/hearing/log?from={SUMMER_DAY}").get_data(as_text=True)
    assert reasons_in(since) == ["Reason day-after", "Reason last-moment", "Reason first-moment"]
    until = client.get(f"/hearing/log?to={SUMMER_DAY}").get_data(as_text=True)
    assert reasons_in(until) == ["Reason last-moment", "Reason first-moment", "Reason day-before"]
    assert 'value="2026-06-10"' in one_day  # the boxes keep what was asked for


@pytest.mark.parametrize("query, message", [
    ("from=2026-02-30", "Enter the from date as a real date"),
    ("to=yesterday", "Enter the to date as a real date"),
    ("from=1066-10-14", "Enter a from date between 2000 and 2999"),
    ("from=2026-06-11&to=2026-06-10", "The to date must be the same as or after the from date"),
])
@pytest.mark.parametrize("url", ["/hearing/log", "/admin/audit", "/hearing/log.csv", "/admin/audit.csv"])
def test_a_date_that_cannot_be_used_gets_a_clear_error_at_its_box(client, auth, log_entry, make_user, url, query, message):
    log_entry(LOCAL_MIDNIGHT, "Reason shown")
    auth.login(make_user(role="admin", team=None))
    refused = client.get(f"{url}?{query}")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and refused.mimetype == "text/html"
    assert message in page and 'href="#log-' in page and 'aria-invalid="true"' in page


def test_the_moderators_log_csv_has_what_the_filters_select_in_the_pages_words(client, auth, log_entry, moderator, make_user):
    log_entry(LOCAL_MIDNIGHT - timedelta(hours=1), "Reason outside")
    log_entry(LOCAL_MIDNIGHT + timedelta(hours=10), "=HYPERLINK(\"http://evil.example\") is not a reason")
    log_entry(LOCAL_MIDNIGHT + timedelta(hours=9), "Reason inside")
    auth.login(moderator)
    page = client.get(f"/hearing/log?from={SUMMER_DAY}&to={SUMMER_DAY}").get_data(as_text=True)
    assert f'href="/hearing/log.csv?from={SUMMER_DAY}&amp;to={SUMMER_DAY}"' in page
    rows = rows_of(client.get(f"/hearing/log.csv?from={SUMMER_DAY}&to={SUMMER_DAY}"))
    assert rows[0] == ["When (Europe/London time)", "Who", "Their role", "What", "Why"]
    assert rows[1:] == [
        ["2026-06-10 10:00", "Siobhan Murphy", "Moderator", "Moved the idea “Book repairs online” from Being heard to Shortlisted",
         "'=HYPERLINK(\"http://evil.example\") is not a reason"],
        ["2026-06-10 09:00", "Siobhan Murphy", "Moderator", "Moved the idea “Book repairs online” from Being heard to Shortlisted", "Reason inside"],
    ]
    auth.logout()  # a member may not download it
    auth.login(make_user())
    assert client.get("/hearing/log.csv").status_code == 403


def test_the_audit_csv_follows_the_kind_person_and_dates_asked_for(client, auth, log_entry, make_user, moderator):
    other = make_user(role="moderator", name="Tunde Bakare")
    log_entry(LOCAL_MIDNIGHT + timedelta(hours=1), "Reason siobhan")
    log_entry(LOCAL_MIDNIGHT + timedelta(hours=2), "Reason tunde", actor=other)
    log_entry(LOCAL_MIDNIGHT + timedelta(hours=3), None, action="auth.signin", actor=other)
    admin = make_user(role="admin", team=None)
    auth.login(admin)
    page = client.get(f"/admin/audit?action=idea.&person=Tunde&from={SUMMER_DAY}").get_data(as_text=True)
    assert reasons_in(page) == ["Reason tunde"]
    assert '<option value="idea." selected>Ideas</option>' in page
    rows = rows_of(client.get(f"/admin/audit.csv?action=idea.&person=Tunde&from={SUMMER_DAY}"))
    assert rows[0] == ["When (UTC)", "When (Europe/London time)", "Who", "Their role", "What", "Why", "From (IP address)"]
    assert rows[1:] == [["2026-06-10 01:00:00", "2026-06-10 02:00:00", "Tunde Bakare", "Moderator",
                         "Moved the idea “Book repairs online” from Being heard to Shortlisted", "Reason tunde", ""]]
    signed_in = rows_of(client.get(f"/admin/audit.csv?action=auth.&from={SUMMER_DAY}&to={SUMMER_DAY}"))
    assert [r[2:5] for r in signed_in[1:]] == [["Tunde Bakare", "Moderator", "Signed in"]]
    auth.logout()
    auth.login(moderator)
    assert client.get("/admin/audit.csv").status_code == 403
