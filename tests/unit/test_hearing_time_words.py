"""The hearing's days as people count them: on the organisation's calendar, at midnight,
at weekends and across the clock changes."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from ideashub.ideas.hearing import HearingFacts, HearingSettings, hearing_status

LONDON = ZoneInfo("Europe/London")
FIVE = HearingSettings(days=5, min_responses=3)


def status(posted: datetime, now: datetime, responders: int = 1):
    facts = HearingFacts(posted_at=posted, responders=responders, other_team_responders=responders)
    return hearing_status(facts, FIVE, now, LONDON)


def local(*parts) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("now", "words"),
    [
        (local(2026, 3, 2, 10, 0), "5 days to go"),  # Monday, just posted: ends Saturday 10:00
        (local(2026, 3, 4, 9, 0), "3 days to go"),  # Wednesday
        (local(2026, 3, 5, 23, 59), "2 days to go"),  # Thursday 23:59
        (local(2026, 3, 6, 0, 0), "ends tomorrow"),  # Friday 00:00
        (local(2026, 3, 7, 0, 0), "ends today"),  # Saturday 00:00 (a weekend day counts like any other)
        (local(2026, 3, 7, 9, 59), "ends today"),  # a minute before the end
        (local(2026, 3, 7, 10, 0), ""),  # over
    ],
)
def test_days_to_go_are_calendar_days_in_the_organisations_time_zone(now, words):
    s = status(local(2026, 3, 2, 10, 0), now)
    assert s.time_words == words
    assert s.summary == ("Heard by 1 of 3 people, " + words if words else "Heard by 1 of 3 people").capitalize()


def test_late_evening_utc_is_already_tomorrow_in_london_in_summer():
    # Posted Monday 1 June 10:00 BST; the hearing ends Saturday 6 June 10:00 BST (09:00 UTC).
    posted = local(2026, 6, 1, 10, 0)
    # Thursday 23:30 UTC is Friday 00:30 in London: the hearing ends tomorrow, not in 2 days.
    assert status(posted, datetime(2026, 6, 4, 23, 30, tzinfo=UTC)).time_words == "ends tomorrow"
    assert status(posted, datetime(2026, 6, 4, 22, 59, tzinfo=UTC)).time_words == "2 days to go"
    # Friday 23:30 UTC is Saturday 00:30 in London: the last day.
    assert status(posted, datetime(2026, 6, 5, 23, 30, tzinfo=UTC)).time_words == "ends today"


def test_the_days_left_for_the_api_still_count_whole_24_hour_periods():
    posted = local(2026, 3, 2, 10, 0)
    assert status(posted, local(2026, 3, 7, 0, 0)).days_left == 1
    assert status(posted, local(2026, 3, 7, 10, 0)).days_left == 0


def test_across_the_clocks_going_forward():
    # Posted Thursday 26 March 2026 12:00 GMT; clocks go forward on Sunday 29 March.
    # Five times 24 hours end on Tuesday 31 March at 13:00 BST.
    posted = local(2026, 3, 26, 12, 0)
    s = status(posted, local(2026, 3, 29, 23, 59))  # Sunday 23:59 BST
    assert s.ends_on.isoformat() == "2026-03-31" and s.time_words == "2 days to go"
    assert status(posted, local(2026, 3, 30, 0, 0)).time_words == "ends tomorrow"  # Monday 00:00 BST
    assert status(posted, local(2026, 3, 31, 12, 59)).time_words == "ends today"
    assert not status(posted, local(2026, 3, 31, 13, 0)).days_left


def test_across_the_clocks_going_back():
    # Posted Thursday 22 October 2026 12:00 BST; clocks go back on Sunday 25 October.
    # Five times 24 hours end on Tuesday 27 October at 11:00 GMT.
    posted = local(2026, 10, 22, 12, 0)
    assert status(posted, local(2026, 10, 25, 23, 59)).time_words == "2 days to go"  # Sunday 23:59 GMT
    assert status(posted, local(2026, 10, 26, 0, 0)).time_words == "ends tomorrow"
    assert status(posted, local(2026, 10, 27, 10, 59)).time_words == "ends today"
    assert not status(posted, local(2026, 10, 27, 11, 0)).days_left


def test_without_a_time_zone_the_days_are_utc_days():
    facts = HearingFacts(posted_at=datetime(2026, 3, 2, 10, tzinfo=UTC), responders=0, other_team_responders=0)
    assert hearing_status(facts, FIVE, datetime(2026, 3, 7, 1, tzinfo=UTC)).time_words == "ends today"
