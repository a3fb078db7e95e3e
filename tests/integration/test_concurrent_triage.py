"""Two moderators moving one idea at the same moment: one wins, the other gets 409."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import func, select

from ideashub.core.activity import Activity
from tests.integration.test_concurrent_support import _post_idea, _together

pytestmark = pytest.mark.live


@pytest.mark.parametrize("targets", [("shortlisted", "shortlisted"), ("shortlisted", "in_project")])
def test_one_move_wins(live, targets):
    (author,) = live.people(1)
    moderators = live.people(2, role="moderator")
    idea_id = _post_idea(live, author)
    tokens = [live.token(email) for email in moderators]
    version = requests.get(f"{live.url}/api/v1/ideas/{idea_id}", headers={"Authorization": f"Bearer {tokens[0]}"}, timeout=10).json()["version"]

    def move(token, stage):
        return lambda: requests.post(
            f"{live.url}/api/v1/ideas/{idea_id}/stage",
            json={"stage": stage, "version": version},
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        ).status_code

    statuses = sorted(_together([move(tokens[0], targets[0]), move(tokens[1], targets[1])]))
    assert statuses == [200, 409]
    moves = live.query(lambda s: s.scalar(select(func.count()).select_from(Activity).where(Activity.idea_id == idea_id, Activity.action == "idea.moved")))
    assert moves == 1
