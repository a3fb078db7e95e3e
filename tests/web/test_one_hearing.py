"""One idea's hearing, read everywhere it is shown: the board card, the idea page, the
moderators' queue, the API's ``hearing`` object and the insights dashboard must agree on
whether it is heard and on how many ideas are waiting, through responses, hiding and
unhiding, a change of the hearing settings, a merge and a withdrawal.

Once, hiding the only cross-team response of a heard idea left the card and the queue
saying "not heard" while the insights still counted it heard with 0 waiting.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from ideashub.ideas.models import Response

REASON = "Testing that every page agrees on the hearing."


@pytest.fixture
def people(make_user, make_team):
    home, away = make_team(), make_team()
    return {
        "author": make_user(team=home),
        "colleague": make_user(team=home),
        "colleague_too": make_user(team=home),
        "outsider": make_user(team=away),
        "moderator": make_user(role="moderator", team=away),
        "admin": make_user(role="admin", team=None),
    }


@pytest.fixture
def browsers(app, db, people):
    """A signed-in browser (test client) for each person, signed in once."""
    from tests.conftest import AuthActions

    clients = {}
    for name, person in people.items():
        clients[name] = app.test_client()
        assert AuthActions(clients[name]).login(person).status_code == 302
    return clients


def _card(board: str, idea_id: int) -> str:
    found = re.search(rf'<article class="card[^"]*"[^>]*data-idea-id="{idea_id}".*?</article>', board, re.S)
    return found.group(0) if found else ""


def _waiting_on_dashboard(page: str) -> int:
    found = re.search(r"Waiting for a hearing now</dt><dd>(\d+)", page)
    assert found, "the dashboard shows how many ideas wait for a hearing"
    return int(found.group(1))


def what_everyone_sees(browsers, api, people, idea_id: int) -> dict:
    """Each place's answer to "is this idea heard?" and "how many ideas wait?"."""
    member, moderator = browsers["outsider"], browsers["moderator"]
    board = member.get("/ideas/").get_data(as_text=True)
    page = member.get(f"/ideas/{idea_id}").get_data(as_text=True)
    queue = moderator.get("/hearing/queue").get_data(as_text=True)
    dashboard = moderator.get("/insights/?period=all").get_data(as_text=True)
    hearing = api(people["outsider"]).get(f"/api/v1/ideas/{idea_id}").get_json()["hearing"]
    return {
        "card": "hearing--heard" in _card(board, idea_id),
        "page": "hearing--heard" in page,
        "api": hearing["heard"],
        "not_in_queue": f'href="/ideas/{idea_id}"' not in queue,
        "queue_count": len(re.findall(r'class="queue-item__title"><a href="/ideas/\d+"', queue)),
        "dashboard_waiting": _waiting_on_dashboard(dashboard),
    }


def assert_agree(seen: dict, heard: bool, waiting: int) -> None:
    answers = {name: seen[name] for name in ("card", "page", "api", "not_in_queue")}
    assert set(answers.values()) == {heard}, answers
    assert seen["queue_count"] == seen["dashboard_waiting"] == waiting, seen


def test_every_page_agrees_on_the_hearing_through_hiding_settings_merge_and_withdrawal(
    browsers, api, db, clock, people, make_idea, make_response
):
    posted = clock.now() - timedelta(days=6)
    idea = make_idea(author=people["author"], title="Share one waiting list for adaptations", now=posted)
    seen = what_everyone_sees(browsers, api, people, idea.id)
    assert_agree(seen, heard=False, waiting=1)  # past its days, nobody has answered

    make_response(idea, author=people["colleague"])
    make_response(idea, author=people["colleague_too"])
    assert_agree(what_everyone_sees(browsers, api, people, idea.id), heard=False, waiting=1)  # no outsider yet
    make_response(idea, author=people["outsider"], body="Yes, and housing could share its list.")
    assert_agree(what_everyone_sees(browsers, api, people, idea.id), heard=True, waiting=0)

    # Hide the only response from another team: no longer heard, and waiting again everywhere.
    cross_team = db.session.scalar(select(Response).where(Response.author_id == people["outsider"].id))
    moderator, admin = browsers["moderator"], browsers["admin"]
    assert moderator.post(f"/hearing/responses/{cross_team.id}/hide", data={"reason": REASON}).status_code == 302
    assert_agree(what_everyone_sees(browsers, api, people, idea.id), heard=False, waiting=1)

    assert moderator.post(f"/hearing/responses/{cross_team.id}/unhide", data={"reason": REASON}).status_code == 302
    assert_agree(what_everyone_sees(browsers, api, people, idea.id), heard=True, waiting=0)

    # The admin asks for four people: three are not enough any more, everywhere at once.
    assert admin.post("/admin/settings", data={"hearing_days": "5", "hearing_min_responses": "4", "reason": REASON}).status_code == 302
    assert_agree(what_everyone_sees(browsers, api, people, idea.id), heard=False, waiting=1)
    assert admin.post("/admin/settings", data={"hearing_days": "5", "hearing_min_responses": "3", "reason": REASON}).status_code == 302
    assert_agree(what_everyone_sees(browsers, api, people, idea.id), heard=True, waiting=0)

    # An unheard duplicate waits too, until it is merged into the heard idea.
    duplicate = make_idea(author=people["colleague"], title="One list for home adaptations", now=posted)
    assert_agree(what_everyone_sees(browsers, api, people, idea.id), heard=True, waiting=1)
    assert moderator.post(f"/hearing/ideas/{duplicate.id}/merge", data={"into": idea.id, "confirmed": "yes"}).status_code == 302
    assert_agree(what_everyone_sees(browsers, api, people, idea.id), heard=True, waiting=0)

    # Another unheard idea waits until its author withdraws it.
    withdrawn = make_idea(author=people["colleague_too"], title="Ask residents once for adaptations", now=posted)
    assert_agree(what_everyone_sees(browsers, api, people, idea.id), heard=True, waiting=1)
    assert browsers["colleague_too"].post(f"/ideas/{withdrawn.id}/withdraw", data={"reason": "Covered by the shared list."}).status_code == 302
    assert_agree(what_everyone_sees(browsers, api, people, idea.id), heard=True, waiting=0)
