"""Support stays exact when many people click at once, against a real server."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import func, select

from ideashub.ideas.models import Idea, Support
from tests.conftest import PASSWORD
from tests.support.live import server_log

pytestmark = pytest.mark.live


def _post_idea(live, email) -> int:
    response = requests.post(
        live.url + "/api/v1/ideas",
        json={"title": "Everyone supports this at nine", "problem": "p", "proposal": "q"},
        headers={"Authorization": f"Bearer {live.token(email)}"},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _together(calls):
    """Run the calls in parallel threads, released at the same moment."""
    gate = threading.Barrier(len(calls))

    def run(call):
        gate.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def _counts(live, idea_id):
    def read(session):
        rows = session.scalar(select(func.count()).select_from(Support).where(Support.idea_id == idea_id))
        idea = session.get(Idea, idea_id)
        session.refresh(idea)
        return rows, idea.supporters_count, idea.supporting_teams_count

    return live.query(read)


def test_fifty_people_each_supporting_twice_at_once_count_fifty_api(live):
    author, *people = live.people(51)
    idea_id = _post_idea(live, author)
    tokens = [live.token(email) for email in people]

    def support(token):
        return lambda: requests.put(
            f"{live.url}/api/v1/ideas/{idea_id}/support",
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        ).status_code

    statuses = _together([support(t) for t in tokens for _ in range(2)])
    assert statuses == [200] * 100
    assert _counts(live, idea_id) == (50, 50, 4)
    assert "database is locked" not in server_log(live.instance)


def _signed_in(live, email):
    session = requests.Session()
    page = session.get(live.url + "/login", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = session.post(live.url + "/login", data={"email": email, "password": PASSWORD, "csrf_token": token}, timeout=30, allow_redirects=False)
    assert response.status_code == 302
    return session


def test_fifty_people_clicking_the_support_button_twice_at_once_count_fifty(live):
    author, *people = live.people(51)
    idea_id = _post_idea(live, author)
    sessions = [_signed_in(live, email) for email in people]
    forms = []
    for session in sessions:
        page = session.get(f"{live.url}/ideas/{idea_id}", timeout=10).text
        forms.append((session, re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)))

    def click(session, token):
        return lambda: session.post(
            f"{live.url}/ideas/{idea_id}/support", data={"csrf_token": token},
            headers={"Accept": "application/json"}, timeout=60,
        ).status_code

    statuses = _together([click(s, t) for s, t in forms for _ in range(2)])
    assert statuses == [200] * 100
    assert _counts(live, idea_id) == (50, 50, 4)


def test_one_person_sending_twenty_supports_at_once_counts_once(live):
    author, person = live.people(2)
    idea_id = _post_idea(live, author)
    token = live.token(person)
    calls = [lambda: requests.put(f"{live.url}/api/v1/ideas/{idea_id}/support", headers={"Authorization": f"Bearer {token}"}, timeout=60).status_code] * 20
    assert _together(calls) == [200] * 20
    assert _counts(live, idea_id) == (1, 1, 1)


def test_support_and_withdraw_racing_leave_the_count_equal_to_the_rows(live):
    author, *people = live.people(11)
    idea_id = _post_idea(live, author)
    tokens = [live.token(email) for email in people]
    calls = []
    for token in tokens:
        for method in ("put", "delete", "put", "delete", "put"):
            calls.append(lambda t=token, m=method: getattr(requests, m)(f"{live.url}/api/v1/ideas/{idea_id}/support", headers={"Authorization": f"Bearer {t}"}, timeout=60).status_code)
    assert set(_together(calls)) == {200}
    rows, counted, _ = _counts(live, idea_id)
    assert rows == counted
