"""Rules about ideas, supports and responses, without an app."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from ideashub.ideas import rules
from ideashub.ideas.models import Stage


@dataclass
class Person:
    id: int
    team_id: int | None = 1


@dataclass
class FakeIdea:
    author_id: int = 1
    stage: str = Stage.BEING_HEARD
    withdrawn_at: datetime | None = None
    hidden_at: datetime | None = None


@dataclass
class FakeResponse:
    parent_id: int | None = None


AUTHOR, OTHER = Person(1), Person(2)
MOMENT = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def test_only_the_author_edits_and_only_while_being_heard():
    assert rules.can_edit(AUTHOR, FakeIdea())
    refused = rules.can_edit(OTHER, FakeIdea())
    assert not refused and refused.kind == "forbidden"
    later = rules.can_edit(AUTHOR, FakeIdea(stage=Stage.SHORTLISTED))
    assert not later and later.kind == "conflict"


def test_withdraw_own_idea_until_it_is_in_a_project():
    assert rules.can_withdraw(AUTHOR, FakeIdea())
    assert rules.can_withdraw(AUTHOR, FakeIdea(stage=Stage.PARKED))
    assert not rules.can_withdraw(AUTHOR, FakeIdea(stage=Stage.IN_PROJECT))
    assert not rules.can_withdraw(OTHER, FakeIdea())
    assert not rules.can_withdraw(AUTHOR, FakeIdea(withdrawn_at=MOMENT))


@pytest.mark.parametrize("stage", [Stage.BEING_HEARD, Stage.SHORTLISTED, Stage.IN_PROJECT, Stage.PARKED])
def test_support_while_open(stage):
    assert rules.can_support(OTHER, FakeIdea(stage=stage))


@pytest.mark.parametrize("stage", [Stage.DELIVERED, Stage.NOT_TAKEN_FORWARD, Stage.MERGED])
def test_no_support_once_closed(stage):
    assert not rules.can_support(OTHER, FakeIdea(stage=stage))


def test_authors_do_not_support_their_own_idea():
    decision = rules.can_support(AUTHOR, FakeIdea())
    assert not decision and decision.kind == "forbidden"


def test_no_support_or_response_on_withdrawn_or_hidden_ideas():
    for idea in (FakeIdea(withdrawn_at=MOMENT), FakeIdea(hidden_at=MOMENT)):
        assert not rules.can_support(OTHER, idea)
        assert not rules.can_respond(OTHER, idea)
    assert rules.can_respond(OTHER, FakeIdea(stage=Stage.NOT_TAKEN_FORWARD))


def test_a_concern_needs_a_suggestion():
    assert "suggestion" in rules.response_errors("concern", "It may cost more.", "", None, None)
    assert rules.response_errors("concern", "It may cost more.", "Pilot it in one ward.", None, None) == {}


@pytest.mark.parametrize(("hours", "ok"), [(None, False), (0, False), (0.5, True), (40, True), (40.5, False)])
def test_an_offer_needs_hours_a_week(hours, ok):
    errors = rules.response_errors("offer", "I can map the process.", "", hours, None)
    assert ("hours" not in errors) is ok


def test_unknown_kind_and_empty_body_are_refused():
    errors = rules.response_errors("rant", "", "", None, None)
    assert set(errors) == {"kind", "body"}


def test_replies_go_one_level_deep():
    assert rules.response_errors("build", "Yes", "", None, FakeResponse(parent_id=None)) == {}
    assert "parent_id" in rules.response_errors("build", "Yes", "", None, FakeResponse(parent_id=4))


@pytest.mark.parametrize(
    ("title", "ok"),
    [("Four", False), ("Fives", True), ("x" * 150, True), ("x" * 151, False)],
)
def test_title_length(title, ok):
    assert ("title" not in rules.idea_errors(title, "p", "q", "", [])) is ok


def test_at_most_eight_tags():
    assert "tags" not in rules.idea_errors("A title", "p", "q", "", ["t"] * 8)
    assert "tags" in rules.idea_errors("A title", "p", "q", "", ["t"] * 9)


def test_posting_needs_a_team():
    assert rules.can_post(Person(1, team_id=3))
    assert not rules.can_post(Person(1, team_id=None))


def test_trend_orders_recent_activity_above_old():
    now = datetime(2026, 3, 10, tzinfo=UTC)
    old = rules.trend_add(rules.trend_term(now - timedelta(days=30), "post"), rules.trend_term(now - timedelta(days=30), "support"))
    fresh = rules.trend_term(now - timedelta(hours=1), "post")
    assert fresh > old
    # Two supports today outweigh one; a response counts double.
    one = rules.trend_term(now, "support")
    two = rules.trend_add(one, rules.trend_term(now, "support"))
    assert rules.trend_term(now, "response") == pytest.approx(two)
    assert rules.trending_now(two, now) == pytest.approx(2.0)


def test_trend_halves_every_three_days():
    now = datetime(2026, 3, 10, tzinfo=UTC)
    score = rules.trend_term(now - timedelta(days=3), "support")
    assert rules.trending_now(score, now) == pytest.approx(0.5)


@dataclass
class WrittenResponse:
    author_id: int = 2
    hidden_at: datetime | None = None


@pytest.mark.parametrize(
    ("actor", "response", "idea", "heard", "kind", "reason"),
    [
        (OTHER, WrittenResponse(), FakeIdea(), False, None, None),
        (AUTHOR, WrittenResponse(), FakeIdea(), False, "forbidden", "Only the person who wrote a response can edit it."),
        (OTHER, WrittenResponse(), FakeIdea(), True, "conflict", "hearing is over"),
        (OTHER, WrittenResponse(), FakeIdea(stage=Stage.SHORTLISTED), False, "conflict", "only while the idea is being heard"),
        (OTHER, WrittenResponse(), FakeIdea(stage=Stage.PARKED), False, "conflict", "only while the idea is being heard"),
        (OTHER, WrittenResponse(), FakeIdea(withdrawn_at=MOMENT), False, "conflict", "withdrawn"),
        (OTHER, WrittenResponse(), FakeIdea(hidden_at=MOMENT), False, "conflict", "hidden by a moderator"),
        (OTHER, WrittenResponse(), FakeIdea(stage=Stage.MERGED), False, "conflict", "merged"),
        (OTHER, WrittenResponse(hidden_at=MOMENT), FakeIdea(), False, "conflict", "has hidden this response"),
    ],
)
def test_a_response_is_edited_by_its_author_while_the_idea_is_heard(actor, response, idea, heard, kind, reason):
    decision = rules.can_edit_response(actor, response, idea, heard)
    if kind is None:
        assert decision
    else:
        assert not decision and decision.kind == kind and reason in decision.reason
