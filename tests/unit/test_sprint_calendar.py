"""The five working days of a sprint, across weekends, time zones, holidays and clock changes."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ideashub.challenges import rules
from ideashub.challenges.rules import day_number, holiday_test, phase_of, sprint_clock, sprint_dates

LONDON = ZoneInfo("Europe/London")
MON = date(2026, 3, 9)  # a Monday


@pytest.mark.parametrize(
    ("today", "day"),
    [
        (MON - timedelta(days=1), 0),
        (MON, 1),
        (MON + timedelta(days=1), 2),
        (MON + timedelta(days=2), 3),
        (MON + timedelta(days=3), 4),
        (MON + timedelta(days=4), 5),  # Friday
        (MON + timedelta(days=5), 6),  # Saturday: the sprint ended on Friday
        (MON + timedelta(days=6), 6),  # Sunday
        (MON + timedelta(days=7), 6),  # Monday after
        (MON + timedelta(days=40), 6),
    ],
)
def test_a_monday_start_runs_monday_to_friday(today, day):
    assert day_number(MON, today) == day


def test_a_wednesday_start_skips_the_weekend():
    wed = date(2026, 3, 11)
    assert sprint_dates(wed) == [wed, date(2026, 3, 12), date(2026, 3, 13), date(2026, 3, 16), date(2026, 3, 17)]
    assert day_number(wed, date(2026, 3, 13)) == 3  # Friday
    assert day_number(wed, date(2026, 3, 14)) == 3  # Saturday: the last working day's number
    assert day_number(wed, date(2026, 3, 15)) == 3  # Sunday
    assert day_number(wed, date(2026, 3, 16)) == 4  # Monday
    assert day_number(wed, date(2026, 3, 17)) == 5
    assert day_number(wed, date(2026, 3, 18)) == 6


def test_started_the_working_day_before_means_day_two_for_any_weekday_start():
    for offset in range(5):
        start = MON + timedelta(days=offset)
        after = rules.next_working_day(start)
        assert day_number(start, start) == 1
        assert day_number(start, after) == 2


def test_phases_follow_the_days():
    assert [phase_of(d) for d in range(7)] == ["upcoming", "understand", "ideas", "decide", "prototype", "test", "finished"]


def test_public_holidays_are_skipped_when_configured():
    # Good Friday and Easter Monday 2026 are bank holidays in Wales.
    wales = holiday_test("GB-WLS", [2026])
    thursday = date(2026, 4, 2)
    assert sprint_dates(thursday, wales) == [thursday, date(2026, 4, 7), date(2026, 4, 8), date(2026, 4, 9), date(2026, 4, 10)]
    assert day_number(thursday, date(2026, 4, 6), wales) == 1  # Easter Monday: still day 1
    assert day_number(thursday, date(2026, 4, 7), wales) == 2
    # Without holidays the same dates count as working days.
    assert day_number(thursday, date(2026, 4, 6)) == 3


def test_scotland_has_its_own_holidays():
    scotland = holiday_test("GB-SCT", [2026])
    assert scotland(date(2026, 1, 2))  # 2 January
    assert not holiday_test("GB-ENG", [2026])(date(2026, 1, 2))
    assert holiday_test("", [2026]) is rules.no_holidays


def test_the_day_changes_at_local_midnight_not_utc():
    # 23:30 UTC on Monday 30 March 2026 is already Tuesday 00:30 in London (BST).
    monday = date(2026, 3, 30)
    late = datetime(2026, 3, 30, 23, 30, tzinfo=UTC)
    assert sprint_clock(monday, late, LONDON).day == 2
    assert sprint_clock(monday, late, ZoneInfo("UTC")).day == 1
    assert sprint_clock(monday, late, ZoneInfo("America/New_York")).day == 1


def test_across_the_clocks_going_forward():
    # UK clocks go forward at 01:00 UTC on Sunday 29 March 2026.
    friday = date(2026, 3, 27)
    before = datetime(2026, 3, 27, 23, 59, tzinfo=UTC)  # Friday 23:59 GMT
    assert sprint_clock(friday, before, LONDON).day == 1
    sunday_night = datetime(2026, 3, 29, 22, 59, tzinfo=UTC)  # Sunday 23:59 BST
    assert sprint_clock(friday, sunday_night, LONDON).day == 1
    monday_early = datetime(2026, 3, 29, 23, 0, tzinfo=UTC)  # Monday 00:00 BST
    clock = sprint_clock(friday, monday_early, LONDON)
    assert clock.day == 2
    # The countdown from Friday evening spans the short night: 23 hours on Sunday.
    friday_evening = datetime(2026, 3, 27, 18, 0, tzinfo=UTC)
    assert sprint_clock(friday, friday_evening, LONDON).next_change == datetime(2026, 3, 30, 0, 0, tzinfo=LONDON)
    assert rules.countdown(datetime(2026, 3, 30, 0, 0, tzinfo=LONDON), friday_evening) == "2 days 5 hours"


def test_across_the_clocks_going_back():
    # UK clocks go back at 01:00 UTC on Sunday 25 October 2026.
    thursday = date(2026, 10, 22)
    assert sprint_clock(thursday, datetime(2026, 10, 26, 0, 30, tzinfo=UTC), LONDON).day == 3  # Monday 00:30 GMT
    assert sprint_clock(thursday, datetime(2026, 10, 25, 23, 30, tzinfo=UTC), LONDON).day == 2  # Sunday 23:30 GMT


def test_next_change_and_countdown():
    clock = sprint_clock(MON, datetime(2026, 3, 9, 14, 0, tzinfo=UTC), LONDON)
    assert clock.next_change == datetime(2026, 3, 10, 0, 0, tzinfo=LONDON)
    assert rules.countdown(clock.next_change, datetime(2026, 3, 9, 14, 0, tzinfo=UTC)) == "10 hours"
    assert rules.countdown(clock.next_change, datetime(2026, 3, 9, 23, 35, tzinfo=UTC)) == "25 minutes"
    before = sprint_clock(MON, datetime(2026, 3, 6, 12, 0, tzinfo=UTC), LONDON)
    assert before.phase == "upcoming" and before.next_change == datetime(2026, 3, 9, 0, 0, tzinfo=LONDON)
    finished = sprint_clock(MON, datetime(2026, 3, 20, 12, 0, tzinfo=UTC), LONDON)
    assert finished.phase == "finished" and finished.next_change is None
    assert finished.ends_on == date(2026, 3, 13)


@pytest.mark.parametrize("day", range(0, 7))
def test_each_action_is_allowed_on_its_days_only(day):
    start = MON
    today = start + timedelta(days=day - 1) if day >= 1 else start - timedelta(days=3)
    if day == 6:
        today = start + timedelta(days=7)
    clock = sprint_clock(start, datetime.combine(today, datetime.min.time(), tzinfo=LONDON) + timedelta(hours=12), LONDON)
    assert clock.day == day
    assert bool(rules.may_post_idea(clock)) is (day in (1, 2))
    assert bool(rules.may_vote(clock)) is (day == 3)
    assert bool(rules.may_shortlist(clock)) is (day == 3)
    assert bool(rules.may_write_up(clock)) is (day in (4, 5))
    assert bool(rules.may_decide(clock)) is (day == 5)
    assert bool(rules.may_bring_in(clock)) is (day <= 5)
    assert bool(rules.may_comment(clock)) is (1 <= day <= 5)


def test_refusals_say_when_things_open():
    clock = sprint_clock(MON, datetime(2026, 3, 9, 12, tzinfo=UTC), LONDON)
    assert rules.may_vote(clock).reason.rstrip(".") == "Voting opens on day 3 (Decide), Wednesday 11 March"
    assert "Friday 13 March" in rules.may_decide(clock).reason
    later = sprint_clock(MON, datetime(2026, 3, 12, 12, tzinfo=UTC), LONDON)
    assert "closed at the end of day 2" in rules.may_post_idea(later).reason


def test_who_takes_part_and_who_decides():
    class Team:
        def __init__(self, id, organisation_id):
            self.id, self.organisation_id = id, organisation_id

    class P:
        def __init__(self, id, role="member", team=None):
            self.id, self.role, self.team = id, role, team

    class C:
        sponsor_id, facilitator_id = 1, 2

    assert rules.can_decide(P(1), C()) and rules.can_decide(P(2), C())
    assert not rules.can_decide(P(3, "moderator"), C())
    assert rules.can_facilitate(P(2), C()) and not rules.can_facilitate(P(1, "executive"), C())
    assert rules.can_create(P(5, "moderator")) and not rules.can_create(P(5, "executive"))
    member = P(7, team=Team(10, 100))
    assert rules.can_take_part(member, set(), set())
    assert rules.can_take_part(member, {10}, set())
    assert rules.can_take_part(member, set(), {100})
    assert not rules.can_take_part(member, {11}, {101})


# --- Weekends, holidays, midnight and the clock changes, as a person reads them -------------


def at_local(day: date, hour: int = 12, minute: int = 0, tz: ZoneInfo = LONDON) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def today_steps(clock) -> list[str]:
    return [clock.step(n) for n in range(1, 6)]


def test_on_the_sunday_after_a_friday_finish_the_sprint_is_over_and_friday_is_not_today():
    # A Monday-to-Friday sprint, 30 November to 4 December 2026, seen on Sunday 6 December.
    monday = date(2026, 11, 30)
    for weekend_day in (date(2026, 12, 5), date(2026, 12, 6)):
        clock = sprint_clock(monday, at_local(weekend_day), LONDON)
        assert clock.phase == "finished" and not clock.running
        assert today_steps(clock) == ["done"] * 5
        assert clock.standing == "Finished on Friday 4 December 2026"
        assert clock.next_change is None
    # On the Friday itself, day 5 is today and the sprint ends at midnight, not on Monday.
    friday = sprint_clock(monday, at_local(date(2026, 12, 4), 15), LONDON)
    assert friday.day == 5 and friday.step(5) == "today" and friday.is_sprint_day
    assert friday.next_change == datetime(2026, 12, 5, 0, 0, tzinfo=LONDON)
    assert rules.countdown(friday.next_change, at_local(date(2026, 12, 4), 15)) == "9 hours"


def test_a_weekend_between_days_says_which_day_is_next():
    wed = date(2026, 3, 11)  # days: Wed 11, Thu 12, Fri 13, Mon 16, Tue 17 March
    for weekend_day in (date(2026, 3, 14), date(2026, 3, 15)):
        clock = sprint_clock(wed, at_local(weekend_day), LONDON)
        assert clock.running and clock.between_days and not clock.is_sprint_day
        assert clock.day == 3 and clock.phase == "decide"  # what day 3 allowed stays open
        assert today_steps(clock) == ["done", "done", "done", "next", ""]
        assert clock.next_day == 4 and clock.next_title == "Prototype"
        assert clock.next_day_on == date(2026, 3, 16)
        assert clock.next_change == datetime(2026, 3, 16, 0, 0, tzinfo=LONDON)
        assert clock.standing == "Day 3 of 5 (Decide) is done; day 4, Prototype, is on Monday 16 March"
    friday = sprint_clock(wed, at_local(date(2026, 3, 13)), LONDON)
    assert not friday.between_days and today_steps(friday) == ["done", "done", "today", "", ""]
    assert friday.standing == "Day 3 of 5: Decide"
    assert friday.next_change == datetime(2026, 3, 16, 0, 0, tzinfo=LONDON)  # over the weekend


def test_a_sprint_that_has_not_started_says_when_it_starts_even_at_the_weekend():
    clock = sprint_clock(MON, at_local(date(2026, 3, 7)), LONDON)  # Saturday before
    assert clock.phase == "upcoming" and clock.next_day == 1 and today_steps(clock) == [""] * 5
    assert clock.standing == "Starts on Monday 9 March"
    assert clock.next_change == datetime(2026, 3, 9, 0, 0, tzinfo=LONDON)
    assert rules.countdown(clock.next_change, at_local(date(2026, 3, 7))) == "1 day 12 hours"


def test_a_bank_holiday_between_days_is_not_a_sprint_day():
    wales = holiday_test("GB-WLS", [2026])
    thursday = date(2026, 4, 2)  # Good Friday 3 April and Easter Monday 6 April are holidays
    for day_off in (date(2026, 4, 3), date(2026, 4, 4), date(2026, 4, 5), date(2026, 4, 6)):
        clock = sprint_clock(thursday, at_local(day_off), LONDON, wales)
        assert clock.day == 1 and clock.between_days
        assert today_steps(clock) == ["done", "next", "", "", ""]
        assert clock.next_day_on == date(2026, 4, 7)
    tuesday = sprint_clock(thursday, at_local(date(2026, 4, 7)), LONDON, wales)
    assert tuesday.day == 2 and tuesday.step(2) == "today"


def test_a_sprint_ending_before_a_bank_holiday_is_finished_on_the_holiday():
    wales = holiday_test("GB-WLS", [2026])
    monday = date(2026, 5, 18)  # ends Friday 22 May; Monday 25 May is the spring bank holiday
    clock = sprint_clock(monday, at_local(date(2026, 5, 25)), LONDON, wales)
    assert clock.phase == "finished" and today_steps(clock) == ["done"] * 5


def test_without_a_holiday_region_only_weekends_are_skipped():
    clock = sprint_clock(date(2026, 4, 2), at_local(date(2026, 4, 3)), LONDON)  # Good Friday, no region
    assert clock.day == 2 and clock.step(2) == "today" and not clock.between_days


@pytest.mark.parametrize(
    ("moment", "day", "today"),
    [
        # Winter (GMT): local midnight is UTC midnight.
        (datetime(2026, 3, 9, 23, 59, tzinfo=UTC), 1, date(2026, 3, 9)),
        (datetime(2026, 3, 10, 0, 0, tzinfo=UTC), 2, date(2026, 3, 10)),
        # Summer (BST): 23:30 UTC on Monday is 00:30 on Tuesday in London.
        (datetime(2026, 6, 1, 22, 59, tzinfo=UTC), 1, date(2026, 6, 1)),  # 23:59 local
        (datetime(2026, 6, 1, 23, 0, tzinfo=UTC), 2, date(2026, 6, 2)),  # 00:00 local
        (datetime(2026, 6, 1, 23, 30, tzinfo=UTC), 2, date(2026, 6, 2)),  # 00:30 local
    ],
)
def test_the_day_and_today_marker_turn_at_local_midnight(moment, day, today):
    start = today if day == 1 else today - timedelta(days=1)
    clock = sprint_clock(start, moment, LONDON)
    assert clock.day == day and clock.today == today and clock.step(day) == "today"


def test_the_weekend_the_clocks_go_forward():
    # Days: Wed 25, Thu 26, Fri 27 March, Mon 30, Tue 31 March 2026; clocks go forward on Sunday 29th.
    wed = date(2026, 3, 25)
    saturday_noon = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)  # 12:00 GMT
    clock = sprint_clock(wed, saturday_noon, LONDON)
    assert clock.between_days and clock.next_day == 4
    # Monday 00:00 BST is Sunday 23:00 UTC: 35 hours, not 36.
    assert rules.countdown(clock.next_change, saturday_noon) == "1 day 11 hours"
    sunday_2359 = datetime(2026, 3, 29, 22, 59, tzinfo=UTC)
    assert sprint_clock(wed, sunday_2359, LONDON).between_days
    monday_0000 = datetime(2026, 3, 29, 23, 0, tzinfo=UTC)
    monday = sprint_clock(wed, monday_0000, LONDON)
    assert monday.day == 4 and monday.step(4) == "today"


def test_the_weekend_the_clocks_go_back():
    # Days: Wed 21, Thu 22, Fri 23 October, Mon 26, Tue 27 October 2026; clocks go back on Sunday 25th.
    wed = date(2026, 10, 21)
    saturday_noon = datetime(2026, 10, 24, 11, 0, tzinfo=UTC)  # 12:00 BST
    clock = sprint_clock(wed, saturday_noon, LONDON)
    assert clock.between_days and clock.next_day_on == date(2026, 10, 26)
    # Monday 00:00 GMT is Monday 00:00 UTC: 37 hours, the long night included.
    assert rules.countdown(clock.next_change, saturday_noon) == "1 day 13 hours"
    sunday_2359 = datetime(2026, 10, 25, 23, 59, tzinfo=UTC)  # 23:59 GMT
    assert sprint_clock(wed, sunday_2359, LONDON).between_days
    monday = sprint_clock(wed, datetime(2026, 10, 26, 0, 0, tzinfo=UTC), LONDON)
    assert monday.day == 4 and monday.step(4) == "today"
