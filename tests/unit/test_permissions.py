"""One answer per permission question, for every role, nobody and an anonymous visitor."""

from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from ideashub.challenges.rules import can_create, can_write_up
from ideashub.hearing.rules import can_triage
from ideashub.insights.rules import can_see_insights
from ideashub.people.permissions import (
    can_administer,
    can_moderate,
    can_read_insights,
    can_see_hidden,
)
from ideashub.people.rules import can_manage_people
from ideashub.projects.rules import can_manage, can_post_update

ROLES = ("member", "moderator", "executive", "admin")

# Who gets a yes, role by role; every other role (and nobody) gets a no.
ANSWERS = {
    can_moderate: {"moderator", "admin"},
    can_see_hidden: {"moderator", "admin"},
    can_read_insights: {"executive", "moderator", "admin"},
    can_administer: {"admin"},
}


def person(role, id=1):
    return SimpleNamespace(id=id, role=role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("predicate", list(ANSWERS), ids=lambda p: p.__name__)
def test_each_predicate_answers_yes_only_for_its_roles(predicate, role):
    assert predicate(person(role)) is (role in ANSWERS[predicate])


@pytest.mark.parametrize("predicate", list(ANSWERS), ids=lambda p: p.__name__)
@pytest.mark.parametrize("nobody", [None, AnonymousUserMixin()], ids=["none", "anonymous"])
def test_nobody_and_anonymous_visitors_get_no(predicate, nobody):
    assert predicate(nobody) is False


@pytest.mark.parametrize("role", ROLES)
def test_the_rules_give_the_same_answer_with_their_reasons(role):
    actor = person(role)
    for decision, allowed in (
        (can_triage(actor), can_moderate(actor)),
        (can_manage(actor), can_moderate(actor)),
        (can_create(actor), can_moderate(actor)),
        (can_see_insights(actor), can_read_insights(actor)),
        (can_manage_people(actor), can_administer(actor)),
    ):
        assert bool(decision) is allowed
        if not allowed:
            assert decision.kind == "forbidden" and decision.reason


def test_triage_and_people_management_refuse_nobody():
    assert not can_triage(None) and not can_manage_people(None)


@pytest.mark.parametrize("role", ROLES)
def test_moderators_post_updates_to_any_project_others_only_to_their_own(role):
    project = SimpleNamespace(lead_id=99, members=[SimpleNamespace(user_id=98)])
    assert bool(can_post_update(person(role), project)) is (role in ("moderator", "admin"))
    assert can_post_update(person(role, id=99), project)
    assert can_post_update(person(role, id=98), project)


AUTHOR, FACILITATOR, SPONSOR, OTHER = 1, 2, 3, 4


@pytest.mark.parametrize("actor_id", [AUTHOR, FACILITATOR, SPONSOR])
def test_the_author_facilitator_and_sponsor_write_an_idea_up(actor_id):
    assert can_write_up(actor_id, AUTHOR, FACILITATOR, SPONSOR, moderates=False)


def test_a_moderator_writes_any_idea_up():
    assert can_write_up(OTHER, AUTHOR, FACILITATOR, SPONSOR, moderates=True)


def test_anyone_else_may_not_write_an_idea_up_and_is_told_who_may():
    decision = can_write_up(OTHER, AUTHOR, FACILITATOR, SPONSOR, moderates=False)
    assert not decision and decision.kind == "forbidden"
    assert "author" in decision.reason and "facilitator" in decision.reason


def test_deactivating_an_account_is_refused_with_its_true_reason():
    from types import SimpleNamespace

    from ideashub.people.rules import can_deactivate

    admin = SimpleNamespace(id=1, role="admin", active=True, is_authenticated=True)
    member = SimpleNamespace(id=2, role="member", active=True, is_authenticated=True)
    other_admin = SimpleNamespace(id=3, role="admin", active=True, is_authenticated=True)
    assert can_deactivate(admin, member, active_admins=1)
    assert can_deactivate(admin, other_admin, active_admins=2)
    own = can_deactivate(admin, admin, active_admins=2)
    assert not own and own.reason == "You can't deactivate your own account: another admin has to do it."
    last = can_deactivate(admin, other_admin, active_admins=1)
    assert not last and "last active admin" in last.reason
    refused = can_deactivate(member, admin, active_admins=2)
    assert not refused and refused.kind == "forbidden" and "Only an admin" in refused.reason
