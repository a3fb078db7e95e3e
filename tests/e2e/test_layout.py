"""The main pages as people see them on a phone, at 320 px, at 200% zoom, by
keyboard and with reduced motion: reflow without sideways scrolling, a skip
link first, a visible focus, no animation when it is asked away. Screenshots
at desktop and phone widths are saved for looking at."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.conftest import PASSWORD
from tests.e2e.test_journeys import post_idea, respond


@pytest.fixture(scope="module")
def pages(hub):
    """A small but complete hub: an idea with responses, a running challenge, a project."""
    author, colleague, other = hub.people(3, teams=3)
    [moderator] = hub.people(1, role="moderator")
    [executive] = hub.people(1, role="executive")
    [admin] = hub.people(1, role="admin")
    idea_id = post_idea(hub, author, "Share one waiting list for adaptations between housing and social care")
    for who in (colleague, other):
        respond(hub, who, idea_id, "Yes, and occupational therapists could see it too.")
    challenge = hub.api(moderator, "POST", "/api/v1/challenges", {
        "title": "Warm homes this winter", "question": "How might we reach people in cold homes before January?",
        "background": "Fuel debt referrals doubled last year.", "starts_on": hub.now().date().isoformat(),
        "sponsor_id": hub.user_id(executive), "facilitator_id": hub.user_id(moderator), "team_ids": []})
    second = post_idea(hub, author, "A home energy check with every boiler repair")
    project = hub.api(moderator, "POST", "/api/v1/projects", {
        "name": "Energy checks", "goal": "Offer an energy check with every boiler repair.", "idea_ids": [second],
        "lead_id": hub.user_id(author), "members": [{"user_id": hub.user_id(colleague), "hours_per_week": 2}]})
    return {
        "member": author,
        "executive": executive,
        "signed_out": ["/login", "/register", "/password/forgot", "/accessibility"],
        "member_pages": ["/ideas/", f"/ideas/{idea_id}", "/ideas/new", "/insights/top", "/challenges/",
                         f"/challenges/{challenge['id']}", "/projects/", f"/projects/{project['id']}",
                         "/people/", "/hearing/notifications", "/account"],
        "executive_pages": ["/insights/"],
        "moderator": moderator,
        "moderator_pages": ["/hearing/queue", "/hearing/reports", "/hearing/log", f"/hearing/ideas/{idea_id}/move"],
        "admin": admin,
        "admin_pages": ["/admin/people", "/admin/organisations", "/admin/settings", "/admin/audit"],
    }


def _overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when it reflows)."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


def _visit_all(web, pages, check, shots: str | None = None):
    def each(paths):
        for path in paths:
            page = web.go(path)
            check(page, path)
            if shots:
                web.screenshot(f"{shots}{path.strip('/').replace('/', '-') or 'home'}")

    each(pages["signed_out"])
    for role in ("member", "executive", "moderator", "admin"):
        web.sign_in(pages[role], PASSWORD)
        each(pages[f"{role}_pages"])
        web.sign_out()


@pytest.mark.parametrize("width", [320, 640])
def test_every_main_page_reflows_without_sideways_scrolling(browser, hub, request, pages, width):
    # 640 px is a 1280 px window at 200% zoom; 320 px is WCAG's reflow width.
    from tests.e2e.conftest import _watched

    for web in _watched(browser, hub, request, viewport={"width": width, "height": 800}):
        wide: list[tuple[str, int]] = []

        def measure(page, path, wide=wide):
            if (extra := _overflow(page)) > 1:
                wide.append((path, extra))

        _visit_all(web, pages, measure)
        assert not wide, f"pages wider than {width} px: {wide}"


def test_phone_screenshots_and_accessibility(phone, pages):
    _visit_all(phone, pages, lambda page, path: phone.accessible(f"phone {path}"), shots="phone-")


def test_desktop_screenshots(web, pages):
    _visit_all(web, pages, lambda page, path: None, shots="desktop-")


def test_the_skip_link_comes_first_and_focus_is_visible(web, pages):
    web.sign_in(pages["member"], PASSWORD)
    page = web.go("/ideas/")
    page.keyboard.press("Tab")
    focused = page.evaluate("({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})")
    assert focused["text"].lower().startswith("skip to") and focused["href"].startswith("#")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()")
    assert style[0] != "none" or style[2] != "none", style
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id || document.activeElement.closest('main')?.id") is not None
    # Every control on the page can be reached by Tab and shows where focus is.
    hidden_focus = page.evaluate("""(() => {
        const bad = [];
        for (const el of document.querySelectorAll('a[href], button, input, select, textarea')) {
            if (el.offsetParent === null) continue;
            el.focus();
            if (document.activeElement !== el) continue;
            const s = getComputedStyle(el);
            if (s.outlineStyle === 'none' && s.boxShadow === 'none') bad.push(el.outerHTML.slice(0, 80));
        }
        return bad;
    })()""")
    assert not hidden_focus, hidden_focus


def test_reduced_motion_turns_animation_off(browser, hub, request, pages):
    from tests.e2e.conftest import _watched

    for web in _watched(browser, hub, request, reduced_motion="reduce"):
        web.sign_in(pages["member"], PASSWORD)
        page = web.go("/ideas/")
        durations = page.evaluate("""[...document.querySelectorAll('*')].map(el => getComputedStyle(el))
            .flatMap(s => [s.transitionDuration, s.animationDuration])
            .filter(d => d.split(',').some(x => parseFloat(x) > 0))""")
        assert durations == []


def test_the_brief_prints_on_one_a4_page(browser, hub, request, pages):
    """The board-meeting brief stays one page with long titles and long decision reasons."""
    from tests.e2e.conftest import _watched

    voices = hub.people(3, teams=3)
    [moderator] = hub.people(1, role="moderator")
    long_title = "Let every team that answers residents' calls about repairs, bins and care share one booking system {}"
    reason = ("We looked at this carefully with the teams who would run it, and the costs of a second system, "
              "the contract that already covers most of it and the staff time it needs all point the same way. ") * 8
    posted_at = hub.now() - timedelta(days=10)
    for n in range(8):
        idea_id = post_idea(hub, pages["member"], long_title.format(n), when=posted_at)
        for who in voices:
            respond(hub, who, idea_id)
        if n >= 2:  # six decisions, each with a reason of over 1,500 characters
            hub.api(moderator, "POST", f"/api/v1/ideas/{idea_id}/stage", {"stage": "not_taken_forward", "reason": reason})

    for web in _watched(browser, hub, request):
        web.sign_in(pages["executive"], PASSWORD)
        page = web.go("/insights/brief")
        assert page.locator(".brief .plain-list li").count() == 6
        pdf = page.pdf(format="A4")
        pages_printed = [int(n) for n in re.findall(rb"/Count (\d+)", pdf)]
        assert pages_printed and max(pages_printed) == 1, f"the brief printed on {max(pages_printed)} pages"
