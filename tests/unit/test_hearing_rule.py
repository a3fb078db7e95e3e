"""The hearing rule at every boundary: time served, people heard, another team."""

from datetime import UTC, datetime, timedelta

import pytest

from ideashub.hearing.rules import may_close
from ideashub.ideas.hearing import HearingFacts, HearingSettings, hearing_status

POSTED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DEFAULT = HearingSettings(days=5, min_responses=3)


def facts(responders=3, other_team=1):
    return HearingFacts(posted_at=POSTED, responders=responders, other_team_responders=other_team)


def at(days: float = 0, **delta):
    return POSTED + timedelta(days=days, **delta)


def test_fresh_idea_is_not_heard_and_cannot_be_closed():
    decision = may_close(facts(responders=0, other_team=0), DEFAULT, at(0))
    assert not decision
    assert "5 more days" in decision.reason
    assert "3 more people need to respond" in decision.reason


@pytest.mark.parametrize(
    ("moment", "heard"),
    [
        (at(5, seconds=-1), False),  # one second short of five days
        (at(5), True),  # exactly five days
        (at(9), True),
    ],
)
def test_time_on_the_board_boundary(moment, heard):
    assert hearing_status(facts(), DEFAULT, moment).heard is heard
    assert bool(may_close(facts(), DEFAULT, moment)) is heard


@pytest.mark.parametrize(("responders", "heard"), [(2, False), (3, True), (7, True)])
def test_number_of_responders_boundary(responders, heard):
    assert hearing_status(facts(responders=responders), DEFAULT, at(6)).heard is heard


def test_someone_from_another_team_must_respond():
    status = hearing_status(facts(responders=5, other_team=0), DEFAULT, at(6))
    assert not status.heard
    decision = may_close(facts(responders=5, other_team=0), DEFAULT, at(6))
    assert "someone from another team" in decision.reason
    assert hearing_status(facts(responders=5, other_team=1), DEFAULT, at(6)).heard


def test_zero_days_means_the_responder_count_alone_decides():
    settings = HearingSettings(days=0, min_responses=3)
    assert hearing_status(facts(responders=3), settings, at(0)).heard
    assert not hearing_status(facts(responders=2), settings, at(0)).heard
    assert hearing_status(facts(responders=3), settings, at(0)).days_left == 0


def test_zero_responses_required_means_time_alone_decides():
    settings = HearingSettings(days=5, min_responses=0)
    assert not hearing_status(facts(0, 0), settings, at(4)).heard
    assert hearing_status(facts(0, 0), settings, at(5)).heard


@pytest.mark.parametrize(
    ("moment", "days_left"),
    [(at(0), 5), (at(0, hours=1), 5), (at(2), 3), (at(4, hours=23), 1), (at(5), 0), (at(30), 0)],
)
def test_days_left_counts_whole_days_rounding_up(moment, days_left):
    assert hearing_status(facts(), DEFAULT, moment).days_left == days_left


def test_summary_reads_as_the_product_promises():
    status = hearing_status(facts(responders=2, other_team=1), DEFAULT, at(2))
    assert status.summary == "Heard by 2 of 3 people, 3 days to go"
    assert hearing_status(facts(), DEFAULT, at(6)).summary == "Heard"


def test_needs_hearing_once_the_days_pass_without_enough_people():
    assert hearing_status(facts(0, 0), DEFAULT, at(5)).needs_hearing
    assert not hearing_status(facts(0, 0), DEFAULT, at(4)).needs_hearing
    assert not hearing_status(facts(), DEFAULT, at(6)).needs_hearing


def test_api_shape():
    assert hearing_status(facts(2, 0), DEFAULT, at(1)).as_dict() == {
        "heard": False,
        "responders": 2,
        "required": 3,
        "other_team": False,
        "days_left": 4,
    }


@pytest.mark.parametrize(
    ("moment", "said"),
    [
        (at(0), "it needs 5 more days on the board"),
        (at(2, hours=21), "it needs 2 more days and 3 hours on the board"),
        (at(4, hours=5), "it needs 19 more hours on the board"),
        (at(5, minutes=-30), "it needs less than an hour more on the board"),
    ],
)
def test_a_refusal_says_how_long_is_left_as_a_person_would(moment, said):
    """Minutes before the end it is not "1 more day": the time left is said in days and hours."""
    decision = may_close(facts(), DEFAULT, moment)
    assert not decision and said in decision.reason
    assert "1 more day " not in decision.reason
