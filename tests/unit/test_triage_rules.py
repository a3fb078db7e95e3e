"""Moving ideas between columns: forward any time, close only once heard."""

from datetime import UTC, date, datetime, timedelta

import pytest

from ideashub.hearing.rules import (
    can_triage,
    check_move,
    is_backwards,
    is_reopening,
    is_sentence,
)
from ideashub.ideas.hearing import HearingFacts, HearingSettings

POSTED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SETTINGS = HearingSettings(days=5, min_responses=3)
FRESH = HearingFacts(POSTED, responders=0, other_team_responders=0)
HEARD = HearingFacts(POSTED, responders=3, other_team_responders=1)
LATER = POSTED + timedelta(days=6)
TODAY = date(2026, 3, 8)
REASON = "It duplicates the digital front door work already funded this year."


def check(stage, to, facts=HEARD, now=LATER, reason="", revisit_on=None):
    return check_move(stage, to, facts, SETTINGS, now, TODAY, reason, revisit_on)


@pytest.mark.parametrize("to", ["shortlisted", "in_project", "delivered"])
def test_forward_moves_are_allowed_at_once(to):
    assert check("being_heard", to, facts=FRESH, now=POSTED).decision


@pytest.mark.parametrize("to", ["parked", "not_taken_forward"])
def test_a_fresh_idea_cannot_be_closed_even_with_a_reason(to):
    result = check("being_heard", to, facts=FRESH, now=POSTED, reason=REASON, revisit_on=TODAY + timedelta(days=30))
    assert not result.decision and result.fields == {}
    assert "has not been heard yet" in result.decision.reason


def test_a_shortlisted_idea_still_needs_its_hearing_to_be_declined():
    assert not check("shortlisted", "not_taken_forward", facts=FRESH, now=POSTED, reason=REASON).decision


def test_declining_a_heard_idea_needs_a_sentence():
    assert check("being_heard", "not_taken_forward", reason=REASON).decision
    for too_short in ("", "No.", "Not now sorry", "too expensive!!!!!!!!!!!"):
        result = check("being_heard", "not_taken_forward", reason=too_short)
        assert not result.decision and "reason" in result.fields


def test_parking_needs_a_reason_and_a_future_date():
    assert check("being_heard", "parked", reason=REASON, revisit_on=TODAY + timedelta(days=1)).decision
    assert "revisit_on" in check("being_heard", "parked", reason=REASON).fields
    assert "revisit_on" in check("being_heard", "parked", reason=REASON, revisit_on=TODAY).fields
    assert "reason" in check("being_heard", "parked", revisit_on=TODAY + timedelta(days=9)).fields


def test_zero_hearing_days_lets_responders_alone_decide():
    settings = HearingSettings(days=0, min_responses=3)
    assert check_move("being_heard", "not_taken_forward", HEARD, settings, POSTED, TODAY, REASON).decision
    not_enough = HearingFacts(POSTED, responders=2, other_team_responders=1)
    assert not check_move("being_heard", "not_taken_forward", not_enough, settings, POSTED, TODAY, REASON).decision


@pytest.mark.parametrize("stage", ["parked", "not_taken_forward"])
def test_reopening_moves_back_into_being_heard(stage):
    assert check(stage, "being_heard").decision
    assert is_reopening(stage, "being_heard")
    assert not is_reopening("shortlisted", "being_heard")


def test_no_move_to_the_same_column_or_out_of_a_merge_or_to_nowhere():
    assert not check("shortlisted", "shortlisted").decision
    assert not check("merged", "shortlisted").decision
    assert "stage" in check("being_heard", "merged").fields
    assert "stage" in check("being_heard", "bin").fields


def test_only_moderators_and_admins_triage():
    class P:
        def __init__(self, role):
            self.role = role

    assert can_triage(P("moderator")) and can_triage(P("admin"))
    for role in ("member", "executive"):
        decision = can_triage(P(role))
        assert not decision and decision.kind == "forbidden"


def test_is_sentence():
    assert is_sentence("We have no budget for this until April.")
    assert not is_sentence("No budget")


# --- Which moves go back a column (asked to be confirmed on the pages) ---------------


@pytest.mark.parametrize(
    ("stage", "to", "back"),
    [
        ("being_heard", "shortlisted", False),
        ("shortlisted", "delivered", False),
        ("delivered", "parked", False),
        ("parked", "not_taken_forward", False),
        ("delivered", "being_heard", True),
        ("in_project", "shortlisted", True),
        ("parked", "being_heard", True),
        ("not_taken_forward", "parked", True),
        ("merged", "being_heard", False),
        ("delivered", "delivered", False),
    ],
)
def test_a_move_is_backwards_only_to_an_earlier_column(stage, to, back):
    assert is_backwards(stage, to) is back
