"""A sprint seen at a weekend, the insights charts at laptop and phone widths, and the
brief's print button: in a real browser, with the shared clock set, screenshots saved."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.test_journeys import post_idea

LONDON = ZoneInfo("Europe/London")


def _weekend_sprint(hub) -> str:
    """A sprint from Wednesday 11 March 2026 (Wed, Thu, Fri, Mon 16, Tue 17); the clock on Saturday 14th."""
    (facilitator,) = hub.people(1, role="moderator")
    (sponsor,) = hub.people(1, role="executive")
    hub.set_clock(datetime(2026, 3, 10, 10, tzinfo=LONDON))
    challenge = hub.api(facilitator, "POST", "/api/v1/challenges", {
        "title": "Fewer missed bins", "question": "How might we halve missed bin collections by spring?",
        "background": "Missed bins are the top reason residents call.", "starts_on": "2026-03-11",
        "sponsor_id": hub.user_id(sponsor), "facilitator_id": hub.user_id(facilitator), "team_ids": []}, expect=201)
    hub.set_clock(datetime(2026, 3, 14, 11, 0, tzinfo=LONDON))  # Saturday, between day 3 and day 4
    return f"/challenges/{challenge['id']}"


def _check_weekend_sprint(web, url: str, name: str):
    page = web.go(url)
    now = page.locator(".sprint-now")
    expect(now).to_contain_text("No sprint day today.")
    expect(now).to_contain_text("next is day 4, Prototype, on Monday 16 March")
    expect(now).to_contain_text("Day 4 begins in 1 day 13 hours, on Monday 16 March.")
    expect(page.locator(".sprint-step--today")).to_have_count(0)
    expect(page.locator(".sprint-step--next")).to_contain_text("Mon 16 Mar")
    expect(page.locator(".sprint-step--done")).to_have_count(3)
    assert "(today)" not in page.content()
    web.accessible(name)
    web.screenshot(name)


def test_a_running_sprint_on_a_saturday_names_the_next_day(hub, web):
    url = _weekend_sprint(hub)
    web.sign_in(hub.people(1)[0], PASSWORD)
    _check_weekend_sprint(web, url, "sprint-on-a-saturday")


def test_a_running_sprint_on_a_saturday_on_a_phone(hub, phone):
    url = _weekend_sprint(hub)
    phone.sign_in(hub.people(1)[0], PASSWORD)
    _check_weekend_sprint(phone, url, "sprint-on-a-saturday")


def _ideas_over_months(hub):
    (author,) = hub.people(1)
    for when, title in [
        (datetime(2025, 11, 12, 10, tzinfo=UTC), "A November idea about street lighting"),
        (datetime(2026, 1, 14, 10, tzinfo=UTC), "A January idea about gritting routes"),
        (datetime(2026, 2, 4, 10, tzinfo=UTC), "A February idea about school meals"),
        (datetime(2026, 2, 18, 10, tzinfo=UTC), "Another February idea about libraries"),
    ]:
        post_idea(hub, author, title, when=when)
    hub.set_clock(datetime(2026, 3, 10, 10, tzinfo=UTC))


def _check_insights_chart(web, name: str):
    page = web.go("/insights/")
    trend = page.locator("#chart-trend")
    expect(trend).to_be_visible()
    ticks = trend.locator(".chart__tick").all_text_contents()
    assert "Jan" in ticks and "Feb" in ticks and "Mar" in ticks and "2026" in ticks
    assert not any(re.fullmatch(r"\d{4}-\d{2}", t) for t in ticks), ticks
    marks = [t for t in ticks if re.fullmatch(r"[\d,]+", t) and len(t) < 4]
    assert len(marks) >= 3, ticks  # several marks on the axis, not one
    web.accessible(name)
    page.locator("section[aria-labelledby=trend-h]").screenshot(
        path=str(web_screens() / f"{name}-chart-{page.viewport_size['width']}.png"))
    page.locator("section[aria-labelledby=pipeline-h]").screenshot(
        path=str(web_screens() / f"{name}-pipeline-{page.viewport_size['width']}.png"))
    web.screenshot(name)
    return page


def web_screens():
    from tests.e2e.conftest import ARTIFACTS

    folder = ARTIFACTS / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_twelve_month_chart_reads_and_its_bars_lead_to_their_ideas(hub, web):
    _ideas_over_months(hub)
    (executive,) = hub.people(1, role="executive")
    web.sign_in(executive, PASSWORD)
    page = _check_insights_chart(web, "insights")
    page.locator("#chart-trend a[aria-label^='February 2026']").click()
    page.wait_for_url(re.compile(r".*/ideas/\?.*from=2026-02-01.*"))
    board = page.locator("main")
    expect(board).to_contain_text("A February idea about school meals")
    expect(board).to_contain_text("Another February idea about libraries")
    expect(board).not_to_contain_text("A January idea about gritting routes")
    expect(page.locator("#from")).to_have_value("2026-02-01")
    expect(page.locator("#to")).to_have_value("2026-02-28")
    # The pipeline's bars lead to their column on the board.
    page = web.go("/insights/")
    page.locator("#chart-pipeline a[aria-label^='Being heard']").click()
    page.wait_for_url(re.compile(r".*/ideas/.*#col-being_heard$"))


def test_the_twelve_month_chart_on_a_phone(hub, phone):
    _ideas_over_months(hub)
    (executive,) = hub.people(1, role="executive")
    phone.sign_in(executive, PASSWORD)
    page = _check_insights_chart(phone, "insights")
    # The chart scrolls inside its box; the page itself does not scroll sideways.
    assert page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 0
    font = page.evaluate("""() => {
        const tick = document.querySelector('#chart-trend .chart__tick');
        return tick.getBoundingClientRect().height;
    }""")
    assert font >= 9, f"axis labels are {font}px tall on a phone"


def test_the_brief_prints_from_its_button_without_the_navigation(hub, web):
    (executive,) = hub.people(1, role="executive")
    web.sign_in(executive, PASSWORD)
    page = web.go("/insights/brief")
    button = page.get_by_role("button", name="Print this brief")
    expect(button).to_be_visible()
    web.accessible("brief")
    # (A function, so that Playwright does not call the stub it would otherwise get back.)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button.click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(button).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    web.screenshot("brief-print")


def test_without_javascript_the_brief_has_no_dead_button(hub, web_nojs):
    (executive,) = hub.people(1, role="executive")
    web_nojs.sign_in(executive, PASSWORD)
    page = web_nojs.go("/insights/brief")
    expect(page.get_by_role("button", name="Print this brief")).to_have_count(0)
    expect(page.locator(".print-bar")).to_contain_text("Ctrl+P")
