"""Project rules without an app."""

import pytest

from ideashub.projects import rules


class P:
    def __init__(self, id, role="member"):
        self.id, self.role = id, role


class Member:
    def __init__(self, user_id):
        self.user_id = user_id


class Project:
    lead_id = 1
    members = [Member(2)]


@pytest.mark.parametrize(("role", "ok"), [("moderator", True), ("admin", True), ("member", False), ("executive", False)])
def test_who_manages_projects(role, ok):
    assert bool(rules.can_manage(P(9, role))) is ok


def test_who_posts_updates():
    assert rules.can_post_update(P(1), Project()) and rules.can_post_update(P(2), Project())
    assert rules.can_post_update(P(9, "moderator"), Project())
    assert not rules.can_post_update(P(9), Project())


@pytest.mark.parametrize(
    ("current", "new", "ok"),
    [("proposed", "active", True), ("active", "paused", True), ("paused", "active", True), ("active", "delivered", True),
     ("stopped", "active", True), ("delivered", "active", False), ("stopped", "delivered", False), ("active", "finished", False)],
)
def test_status_transitions(current, new, ok):
    assert bool(rules.can_change_status(current, new)) is ok


def test_project_shape():
    assert rules.project_errors("One referral form", "A goal.", [(1, 4.0), (2, 37.5)]) == {}
    assert set(rules.project_errors("No", "", [])) == {"name", "goal"}
    assert "members" in rules.project_errors("Project", "Goal", [(1, 4), (1, 2)])
    assert "members" in rules.project_errors("Project", "Goal", [(1, 0.25)])
    assert "members" in rules.project_errors("Project", "Goal", [(1, 40)])
