"""Every page, in every role, keeps its markup's promises to the person filling it in.

Each page the access table lets someone read (its GET routes, own and someone
else's object, every role) is rendered from the same world and checked by
``tests.support.markup.problems``: no id used twice (a label would point at the
wrong box), every label's ``for`` names a control, a required drop-down starts
empty ("Choose…"), a typed box that stops at 100 characters or more says so in
the hint it is described by, and date boxes are drawn wide enough for the year.
Forms sent back with their errors are checked too, since errors add ids.
"""

from __future__ import annotations

import pytest

from tests.support.markup import problems
from tests.web.test_access_matrix import _COLLECT_APP, ROLES, _rules, run_case, world  # noqa: F401  (world: the fixture)

SKIP = {"static", "health.healthz", "insights.ideas_csv", "insights.matrix_csv", "people.logout"}


def _pages():
    for rule, method in sorted(_rules(_COLLECT_APP), key=lambda rm: (rm[0].endpoint, rm[1])):
        if method != "GET" or rule.endpoint.startswith("api.") or rule.endpoint in SKIP:
            continue
        for ownership in ("own", "other") if rule.arguments else ("none",):
            yield pytest.param(rule.endpoint, ownership, id=f"{rule.endpoint} {ownership}")


@pytest.mark.parametrize(("endpoint", "ownership"), list(_pages()))
def test_every_page_keeps_its_markup_promises_in_every_role(app, world, endpoint, ownership):  # noqa: F811
    for role in ROLES:
        _, response = run_case(app, world, endpoint, "GET", ownership, role)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        found = problems(response.get_data(as_text=True))
        assert not found, f"{endpoint} ({ownership}) as {role}: " + "; ".join(found)


# Forms posted empty come back with their errors (and the error summary's links).
EMPTY_POSTS = ["ideas.new", "admin.settings", "people.account", "people.password", "projects.new", "challenges.new",
               "preferences.notifications", "webhooks.new"]


@pytest.mark.parametrize("endpoint", EMPTY_POSTS)
def test_forms_shown_again_with_their_errors_keep_their_promises(app, world, endpoint):  # noqa: F811
    role = "admin"
    _, response = run_case(app, world, endpoint, "POST", "none", role)
    assert response.status_code == 422, response.status_code
    found = problems(response.get_data(as_text=True))
    assert not found, f"{endpoint} with errors: " + "; ".join(found)


def test_the_checks_catch_what_they_promise_to():
    """The checker itself, both sides: broken markup is caught, sound markup passes."""
    broken = (
        '<label for="why">Why</label><textarea id="why" maxlength="1000"></textarea><p id="why">x</p>'
        '<label for="nowhere">Lost</label>'
        '<select id="role" required><option value="member">Member</option></select>'
        '<input type="date" id="on" class="input">'
    )
    found = problems(broken)
    assert any("'why' is used 2 times" in p for p in found)
    assert any("'nowhere'" in p for p in found)
    assert any("stops at 1000" in p for p in found)
    assert any("'role' does not start empty" in p for p in found)
    assert any("date box 'on'" in p for p in found)
    sound = (
        '<label for="why">Why</label><p id="why-hint">Up to 1,000 characters.</p>'
        '<textarea id="why" maxlength="1000" aria-describedby="why-hint"></textarea>'
        '<label for="role">Role</label><select id="role" required><option value="">Choose…</option><option value="member">Member</option></select>'
        '<label for="on">On</label><input type="date" id="on" class="input input--date">'
        '<label for="q">Search</label><input type="search" id="q" maxlength="200">'
    )
    assert problems(sound) == []
