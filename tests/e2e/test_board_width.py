"""The board at laptop width (1280 and 1366 px), as a member and as a moderator, in both card views.

Every column's head, count and card controls must be inside the window (no
clipped column), the board must fit a screen's height so its column heads,
"More" links and any sideways scroll are in reach, compact cards must be about
a third of a full card's height, and a drag must show that it worked.
"""

from __future__ import annotations

import re
from statistics import median

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import ARTIFACTS

STAGES = ["being_heard", "shortlisted", "in_project", "delivered", "parked", "not_taken_forward"]
WIDTHS = [1280, 1366]
TITLES = [
    "Share one waiting list for adaptations between housing and social care",
    "Text residents before bin day changes",
    "A home energy check with every boiler repair",
    "Library cards for every new tenant",
    "Paper timesheets replaced by a shared form",
    "One phone number for every report of fly-tipping on council land",
    "Walk-in hours at the housing office on Saturdays",
    "Warm spaces map for the winter",
    "Repairs booked in slots residents choose online",
]


@pytest.fixture(scope="module")
def full_board(hub):
    """Nine ideas in every column (one more than a column's page), so every column is long and has "More"."""
    from sqlalchemy import select

    from ideashub.core import clock
    from ideashub.ideas import services
    from ideashub.ideas.models import Idea
    from ideashub.people.models import User

    authors = hub.people(6, teams=3)
    [moderator] = hub.people(1, role="moderator")
    [member] = hub.people(1)

    def seed(session):
        people = session.scalars(select(User).where(User.email.in_(authors))).all()
        for s, stage in enumerate(STAGES):
            for n, title in enumerate(TITLES):
                idea = services.post_idea(
                    people[(s + n) % len(people)],
                    services.IdeaText(title=f"{title} ({s}{n})", problem="Residents wait too long.",
                                      proposal="Try it in one ward first.", benefit="Fewer calls.",
                                      tags=["housing", "repairs"] if n % 3 == 0 else []),
                    clock.now(),
                )
                if stage != "being_heard":
                    session.get(Idea, idea.id).stage = stage
        session.commit()

    hub.query(seed)
    return {"moderator": moderator, "member": member}


def _box(locator) -> dict:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not shown"
    return box


def _inside_window(page, locator, what: str) -> None:
    box = _box(locator)
    width = page.evaluate("window.innerWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, f"{what} is cut off: {box} in a {width} px window"


def _choose_view(page, view: str) -> None:
    page.click(f".view-toggle button[value={view}]")
    page.wait_for_load_state()
    expect(page.locator(f".view-toggle button[value={view}]")).to_have_attribute("aria-pressed", "true")


def _check_columns(page, moderator: bool) -> None:
    """Every column, its count, its first cards and their controls inside the window; the board a screen high."""
    board = page.locator("#board")
    assert page.evaluate("(b) => b.scrollWidth <= b.clientWidth", board.element_handle()), "the board scrolls sideways"
    board.evaluate("(b) => b.scrollIntoView({block: 'start'})")
    height = page.evaluate("window.innerHeight")
    assert _box(board)["height"] <= height, "the board is taller than the window"
    below = page.evaluate("(b) => document.scrollingElement.scrollHeight - (b.getBoundingClientRect().bottom + window.scrollY)",
                          board.element_handle())
    assert below < 400, f"the page goes on {below:.0f} px below the board (the columns' length leaks out)"
    for stage in STAGES:
        column = page.locator(f"#board [data-stage={stage}]")
        column_box = _box(column)
        _inside_window(page, column, f"the {stage} column")
        _inside_window(page, column.locator(".column__title"), f"the {stage} column's heading")
        _inside_window(page, column.locator(".column__count"), f"the {stage} column's count")
        more = column.locator("a[data-more]")
        more_box = _box(more)
        assert more_box["y"] + more_box["height"] <= height, f"the {stage} column's More link is below the window"
        card = column.locator(".card").first
        card_box = _box(card)
        assert card_box["x"] >= column_box["x"] and card_box["x"] + card_box["width"] <= column_box["x"] + column_box["width"] + 0.5
        if moderator:
            summary = card.locator(".card__move > summary")
            if summary.count():
                summary.click()
            for control in ("select[name=stage]", "button[type=submit]"):
                box = _box(card.locator(control))
                assert box["x"] >= card_box["x"] - 0.5 and box["x"] + box["width"] <= card_box["x"] + card_box["width"] + 0.5, (
                    f"{control} of the first card in {stage} sticks out of its card"
                )
                _inside_window(page, card.locator(control), f"{control} in {stage}")
            if summary.count():
                summary.click()


def _card_heights(page) -> float:
    return median(box["height"] for box in (c.bounding_box() for c in page.locator("#board .card").all()[:24]) if box)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role", ["member", "moderator"])
def test_every_column_is_usable_at_laptop_width_in_both_views(hub, browser, full_board, request, width, role):
    from tests.e2e.conftest import _watched

    watched = _watched(browser, hub, request, viewport={"width": width, "height": 768})
    web = next(watched)
    try:
        web.sign_in(full_board[role], PASSWORD)
        page = web.go("/ideas/")
        _choose_view(page, "full")
        _check_columns(page, moderator=role == "moderator")
        full = _card_heights(page)
        web.accessible(f"board {width} px {role}, full cards")
        if role == "moderator":
            web.screenshot("board-moderator-full")
        _choose_view(page, "compact")
        _check_columns(page, moderator=role == "moderator")
        compact = _card_heights(page)
        assert compact <= 0.45 * full, f"compact cards are {compact:.0f} px high, full ones {full:.0f} px"
        web.accessible(f"board {width} px {role}, compact cards")
        if role == "moderator":
            web.screenshot("board-moderator-compact")
        _choose_view(page, "full")
    finally:
        next(watched, None)


def test_the_card_view_follows_the_person_to_another_browser(hub, browser, full_board, request):
    from tests.e2e.conftest import _watched

    first = _watched(browser, hub, request)
    web = next(first)
    web.sign_in(full_board["member"], PASSWORD)
    _choose_view(web.go("/ideas/"), "compact")
    next(first, None)
    second = _watched(browser, hub, request)
    web = next(second)
    try:
        web.sign_in(full_board["member"], PASSWORD)
        page = web.go("/ideas/")
        expect(page.locator(".view-toggle button[value=compact]")).to_have_attribute("aria-pressed", "true")
        expect(page.locator("#board .card--compact").first).to_be_visible()
        _choose_view(page, "full")
    finally:
        next(second, None)


def _drag(page, card, column) -> None:
    box = _box(card.locator(".card__title"))
    page.mouse.move(box["x"] + 5, box["y"] + box["height"] - 3)
    page.mouse.down()
    page.mouse.move(box["x"] + 25, box["y"] + 25, steps=4)
    drop = _box(column.locator(".column__head"))
    page.mouse.move(drop["x"] + 20, drop["y"] + 10, steps=8)
    page.mouse.up()


def test_a_drag_shows_that_it_worked_and_a_drag_back_asks_first(hub, web, full_board):
    web.sign_in(full_board["moderator"], PASSWORD)
    page = web.go("/ideas/?q=boiler+repair")
    _choose_view(page, "full")
    page.locator("#board").evaluate("(b) => b.scrollIntoView({block: 'start'})")
    card = page.locator("#board [data-stage=being_heard] .card").first
    idea_id = card.get_attribute("data-idea-id")
    _drag(page, card, page.locator("#board [data-stage=shortlisted]"))
    moved = page.locator(f'#board [data-stage=shortlisted] .card[data-idea-id="{idea_id}"]')
    expect(moved).to_be_visible()
    status = page.locator("#board-status")
    expect(status).to_be_visible()
    expect(status).to_contain_text("to Shortlisted")
    box = _box(status)
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.evaluate("window.innerHeight"), "the status is off-screen"
    web.accessible("board after a drag")
    web.screenshot("board-after-drag")

    # Back to Being heard: the page asks first; "No" leaves it where it is.
    _drag(page, moved, page.locator("#board [data-stage=being_heard]"))
    dialog = page.locator("dialog.board-confirm")
    expect(dialog).to_contain_text("back from Shortlisted to Being heard")
    web.accessible("asked to confirm a move back")
    page.screenshot(path=str(ARTIFACTS / "screens" / "board-drag-back-question-1280.png"))
    dialog.locator("button", has_text="No, keep it in Shortlisted").click()
    expect(status).to_contain_text("stays in Shortlisted")
    expect(moved).to_be_visible()
    _drag(page, moved, page.locator("#board [data-stage=being_heard]"))
    page.locator("dialog.board-confirm button", has_text="Yes, move it back to Being heard").click()
    expect(page.locator(f'#board [data-stage=being_heard] .card[data-idea-id="{idea_id}"]')).to_be_visible()
    expect(status).to_contain_text("to Being heard")


def test_the_card_form_starts_empty_and_asks_before_a_move_back_without_javascript(hub, web_nojs, full_board):
    web = web_nojs
    web.sign_in(full_board["moderator"], PASSWORD)
    page = web.go("/ideas/?q=fly+tipping")
    card = page.locator("#board [data-stage=delivered] .card").first
    title = card.locator(".card__title").inner_text()
    card.locator("button", has_text="Move").click()
    expect(page.locator(".error-summary")).to_contain_text("Choose the column to move the idea to")
    page = web.go("/ideas/?q=fly+tipping")
    card = page.locator(f'#board [data-stage=delivered] .card:has-text("{title}")')
    card.locator("select[name=stage]").select_option("shortlisted")
    card.locator("button", has_text="Move").click()
    expect(page.locator("h1")).to_contain_text("back to Shortlisted?")
    web.accessible("confirm a move back, no scripts")
    web.screenshot("move-back-confirm")
    page.click("button:has-text('Yes, move it back to Shortlisted')")
    expect(page.locator(f'#board [data-stage=shortlisted] .card:has-text("{title}")')).to_be_visible()


def test_more_loads_in_place_with_javascript_and_returns_to_the_column_without(hub, web, web_nojs, full_board):
    web.sign_in(full_board["member"], PASSWORD)
    page = web.go("/ideas/")
    page.evaluate("window.notReloaded = true")
    column = page.locator("#board [data-stage=parked]")
    before = column.locator(".card").count()
    column.locator("a[data-more]").click()
    expect(column.locator(".card")).to_have_count(before + 1)
    assert page.evaluate("window.notReloaded === true"), "the page was reloaded"
    assert page.url.endswith("/ideas/")
    expect(page.locator("#board-status")).to_contain_text("Showing 1 more idea in Parked")

    web_nojs.sign_in(full_board["member"], PASSWORD)
    page = web_nojs.go("/ideas/")
    page.locator("#board [data-stage=parked] a[data-more]").click()
    page.wait_for_url(re.compile(r".*parked_page=2#col-parked$"))
    _inside_window(page, page.locator("#col-parked"), "the Parked heading after More")
    assert page.evaluate("window.scrollY") > 0, "More brought the person back to the top of the page"


def test_the_board_on_a_phone(hub, phone, full_board):
    phone.sign_in(full_board["moderator"], PASSWORD)
    page = phone.go("/ideas/")
    assert page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 0
    phone.accessible("board on a phone")
    phone.screenshot("board-phone")
    page.screenshot(path=str(ARTIFACTS / "screens" / "board-phone-top-390.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": 390, "height": 1700})
