"""Dot votes racing the limit of three, against a real server on today's date."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import requests
from sqlalchemy import func, select

from ideashub.challenges import rules
from ideashub.challenges.models import ChallengeEntry, ChallengeParticipant, ChallengeVote
from ideashub.people.models import User
from tests.integration.test_concurrent_support import _together

pytestmark = pytest.mark.live


def start_for_day_three(live) -> str:
    """A start date that makes the server's today (in London) day 3 of the sprint."""
    today = live.now().astimezone(ZoneInfo("Europe/London")).date()
    for back in range(0, 12):
        start = today - timedelta(days=back)
        if rules.is_working_day(start) and rules.day_number(start, today) == 3:
            return start.isoformat()
    raise AssertionError("no start date gives day 3 today")


def test_six_votes_at_once_by_one_person_count_three(live):
    moderator, sponsor = live.people(1, role="moderator")[0], live.people(1, role="executive")[0]
    authors = live.people(6)
    (voter,) = live.people(1)
    by_email = dict(live.query(lambda s: s.execute(select(User.email, User.id)).all()))
    mod_token = live.token(moderator)
    created = requests.post(
        f"{live.url}/api/v1/challenges",
        json={"title": "Race to three", "question": "How might we count votes exactly?", "starts_on": start_for_day_three(live),
              "sponsor_id": by_email[sponsor], "facilitator_id": by_email[moderator]},
        headers={"Authorization": f"Bearer {mod_token}"}, timeout=10,
    )
    assert created.status_code == 201, created.text
    challenge_id = created.json()["id"]
    assert created.json()["phase"] == "decide"
    idea_ids = []
    for email in authors:
        posted = requests.post(f"{live.url}/api/v1/ideas", json={"title": f"Idea by {email}", "problem": "p", "proposal": "q"},
                               headers={"Authorization": f"Bearer {live.token(email)}"}, timeout=10)
        idea_ids.append(posted.json()["id"])
        assert requests.post(f"{live.url}/api/v1/challenges/{challenge_id}/ideas", json={"idea_id": idea_ids[-1]},
                             headers={"Authorization": f"Bearer {mod_token}"}, timeout=10).status_code == 201
    token = live.token(voter)
    calls = [
        (lambda i=i: requests.put(f"{live.url}/api/v1/challenges/{challenge_id}/votes/{i}", headers={"Authorization": f"Bearer {token}"}, timeout=60).status_code)
        for i in idea_ids
    ]
    statuses = sorted(_together(calls))
    assert statuses == [200, 200, 200, 409, 409, 409]

    def counts(session):
        votes = session.scalar(select(func.count()).select_from(ChallengeVote).where(ChallengeVote.challenge_id == challenge_id))
        used = session.scalar(select(ChallengeParticipant.votes_used).where(ChallengeParticipant.challenge_id == challenge_id))
        tallied = session.scalar(select(func.sum(ChallengeEntry.votes_count)).where(ChallengeEntry.challenge_id == challenge_id))
        return votes, used, tallied

    assert live.query(counts) == (3, 3, 3)
