"""A real server's two workers keep shared boards (core.shared) in their own memory: while others
read the board, every board served after a write's answer shows that write, whichever worker
serves it."""

from __future__ import annotations

import re
import threading

import requests
from sqlalchemy import update

from ideashub.ideas.models import Idea, Stage
from tests.integration.test_concurrent_support import _signed_in

# The board of these ideas alone (a search, which is shared like the whole board): the live
# server's other tests leave ideas of their own.
BOARD = "{}/ideas/?q=kestrel"


def _post(live, email, n: int) -> int:
    idea = live.api(email, "POST", "/api/v1/ideas", {"title": f"Kestrel boxes on the depot roof {n}",
                                                       "problem": "No nesting sites left.", "proposal": "Put up boxes."})
    return idea["id"]


def _landed(live, email):
    """A person signed in, on the page the sign-in leads to (its welcome message shown, as in a browser)."""
    session = _signed_in(live, email)
    session.get(live.url + "/ideas/", timeout=10)
    return session


def _cards(html: str) -> dict[int, tuple[str, int]]:
    """Each card on a board: its column and the supporters it shows."""
    cards = {}
    for stage, column in re.findall(r'<section class="column column--(\w+)".*?>(.*?)</section>', html, re.S):
        for idea_id, card in re.findall(r'<article class="card[^"]*"[^>]*data-idea-id="(\d+)"(.*?)</article>', column, re.S):
            cards[int(idea_id)] = (stage, int(re.search(r'class="stat__n">(\d+)<', card).group(1)))
    return cards


def test_every_board_served_after_a_write_shows_it_in_both_workers(live):
    author, writer, reader, other = live.people(4)
    (moderator,) = live.people(1, role="moderator")
    heard = [_post(live, author, n) for n in range(2)]
    moving = _post(live, author, 2)
    live.query(lambda s: (s.execute(update(Idea).where(Idea.id == moving).values(stage=Stage.SHORTLISTED)), s.commit()))
    looker, busy = (dict(_landed(live, email).cookies) for email in (reader, other))

    # Someone else reads the board all along, so both workers keep (and serve) it.
    stop, errors = threading.Event(), []

    def read() -> None:
        while not stop.is_set():
            if requests.get(BOARD.format(live.url), cookies=busy, timeout=10).status_code != 200:
                errors.append("a board was not served")

    load = [threading.Thread(target=read) for _ in range(3)]
    for thread in load:
        thread.start()
    try:
        seen = []
        for n in range(6):
            idea_id = heard[n % 2]
            method = "PUT" if n < 2 or n >= 4 else "DELETE"
            expected = live.api(writer, method, f"/api/v1/ideas/{idea_id}/support")["supporters"]
            # Each board on a new connection: the server's two workers take turns.
            boards = [_cards(requests.get(BOARD.format(live.url), cookies=looker, timeout=10).text) for _ in range(6)]
            seen += [board[idea_id][1] == expected for board in boards]
        moved = live.api(moderator, "POST", f"/api/v1/ideas/{moving}/stage", {"stage": "in_project", "reason": "Staffed."})
        assert moved["stage"] == "in_project"
        after_move = [_cards(requests.get(BOARD.format(live.url), cookies=looker, timeout=10).text) for _ in range(6)]
    finally:
        stop.set()
        for thread in load:
            thread.join()
    assert errors == []
    assert seen == [True] * 36
    assert all(board[moving][0] == "in_project" for board in after_move)
