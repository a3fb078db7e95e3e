"""The five-day sprint, as pure functions of the start date, the calendar and the clock.

A challenge runs five working days in the organisation's time zone: weekends
(and, if configured, public holidays) are skipped. On a day off between two
sprint days the sprint keeps the last working day's number and phase (what
that day allowed stays open until the next one begins), but no day is
"today": the page says which day comes next and when. The sprint finishes at
the end of its fifth day. The day and the phase are computed from the clock
every time; nothing is stored and nothing needs a scheduler.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ideashub.core.i18n import _, _l, format_moment
from ideashub.core.rules import ALLOW, Decision, deny, forbid
from ideashub.core.words import plural
from ideashub.people.permissions import can_moderate

SPRINT_DAYS = 5

UPCOMING, FINISHED = "upcoming", "finished"
PHASES = [UPCOMING, "understand", "ideas", "decide", "prototype", "test", FINISHED]
DAY_PHASES = {1: "understand", 2: "ideas", 3: "decide", 4: "prototype", 5: "test"}

# Lazy: each is read in the language of the page (or email) that shows it; str() where it is used.
PHASE_TITLES = {
    UPCOMING: _l("Not started"),
    "understand": _l("Understand"),
    "ideas": _l("Ideas"),
    "decide": _l("Decide"),
    "prototype": _l("Prototype"),
    "test": _l("Test and decide"),
    FINISHED: _l("Finished"),
}

PURPOSES = {
    UPCOMING: _l("The sprint has not started yet."),
    "understand": _l("Share what is known and ask the experts. Ideas may be posted."),
    "ideas": _l("Go wide: post ideas into the challenge."),
    "decide": _l("Choose: posting is closed; spread your dot votes over the ideas; the facilitator shortlists."),
    "prototype": _l("Make it real: shortlisted ideas get a prototype or plan write-up and updates."),
    "test": _l("Is it viable to take forward? The sponsor or facilitator decides each shortlisted idea."),
    FINISHED: _l("The sprint is over: here are its ideas, votes and decisions."),
}

HolidayTest = Callable[[date], bool]


def no_holidays(_day: date) -> bool:
    return False


def is_working_day(day: date, is_holiday: HolidayTest = no_holidays) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def next_working_day(day: date, is_holiday: HolidayTest = no_holidays) -> date:
    """The first working day after ``day``."""
    day += timedelta(days=1)
    while not is_working_day(day, is_holiday):
        day += timedelta(days=1)
    return day


def sprint_dates(starts_on: date, is_holiday: HolidayTest = no_holidays) -> list[date]:
    """The five working days of a sprint that starts on ``starts_on`` (itself a working day)."""
    days = [starts_on]
    while len(days) < SPRINT_DAYS:
        days.append(next_working_day(days[-1], is_holiday))
    return days


def day_number(starts_on: date, today: date, is_holiday: HolidayTest = no_holidays) -> int:
    """0 before the start, 1..5 during the sprint, 6 once its fifth day is over.

    On a day off between sprint days the sprint keeps the number of the last
    working day before it. A weekend after the fifth day is not part of the
    sprint: a sprint that ended on Friday is finished on Saturday.
    """
    if today < starts_on:
        return 0
    dates = sprint_dates(starts_on, is_holiday)
    if today > dates[-1]:
        return SPRINT_DAYS + 1
    return sum(1 for d in dates if d <= today)


def phase_of(day: int) -> str:
    if day <= 0:
        return UPCOMING
    if day > SPRINT_DAYS:
        return FINISHED
    return DAY_PHASES[day]


@dataclass(frozen=True)
class SprintClock:
    """Where a sprint stands at one moment."""

    day: int
    phase: str
    dates: list[date]
    today: date
    # When the next day (or the sprint) begins, as an aware moment; None when finished.
    next_change: datetime | None

    @property
    def starts_on(self) -> date:
        return self.dates[0]

    @property
    def ends_on(self) -> date:
        return self.dates[-1]

    @property
    def running(self) -> bool:
        return 1 <= self.day <= SPRINT_DAYS

    @property
    def is_sprint_day(self) -> bool:
        """Today is one of the sprint's five days (not a weekend or holiday between them)."""
        return self.today in self.dates

    @property
    def between_days(self) -> bool:
        """A day off (weekend or holiday) between two of the sprint's days."""
        return self.running and not self.is_sprint_day

    @property
    def next_day(self) -> int | None:
        """The number of the sprint day that begins next (1 before the start), or None on the last day."""
        if self.day == 0:
            return 1
        return self.day + 1 if self.day < SPRINT_DAYS else None

    @property
    def next_day_on(self) -> date | None:
        return self.dates[self.next_day - 1] if self.next_day else None

    @property
    def next_title(self) -> str:
        return str(PHASE_TITLES[DAY_PHASES[self.next_day]]) if self.next_day else ""

    def step(self, n: int) -> str:
        """How day ``n`` (1..5) stands today: "done", "today", "next" (the coming day, over a day off) or ""."""
        on = self.dates[n - 1]
        if on == self.today:
            return "today"
        if on < self.today:
            return "done"
        return "next" if self.between_days and n == self.next_day else ""

    @property
    def standing(self) -> str:
        """One line for lists: "Day 3 of 5: Decide", or over a weekend which day is next and when."""
        if self.between_days:
            return _("Day %(day)s of 5 (%(title)s) is done; day %(next)s, %(next_title)s, is on %(date)s",
                     day=self.day, title=self.title, next=self.next_day, next_title=self.next_title,
                     date=format_moment(self.next_day_on, "%A %-d %B"))
        if self.running:
            return _("Day %(day)s of 5: %(title)s", day=self.day, title=self.title)
        if self.phase == UPCOMING:
            return _("Starts on %(date)s", date=format_moment(self.starts_on, "%A %-d %B"))
        return _("Finished on %(date)s", date=format_moment(self.ends_on, "%A %-d %B %Y"))

    @property
    def title(self) -> str:
        return str(PHASE_TITLES[self.phase])

    @property
    def purpose(self) -> str:
        return str(PURPOSES[self.phase])


def sprint_clock(starts_on: date, now: datetime, tz: ZoneInfo, is_holiday: HolidayTest = no_holidays) -> SprintClock:
    """The sprint's day, phase and next change at ``now`` in the time zone ``tz``."""
    today = now.astimezone(tz).date()
    day = day_number(starts_on, today, is_holiday)
    dates = sprint_dates(starts_on, is_holiday)
    if day == 0:
        change_day = starts_on
    elif day > SPRINT_DAYS:
        change_day = None
    elif day == SPRINT_DAYS:
        # The sprint ends at midnight after its fifth day, whatever day follows.
        change_day = dates[-1] + timedelta(days=1)
    else:
        # The next sprint day begins at the local midnight it starts, after any days off.
        change_day = dates[day]
    next_change = datetime.combine(change_day, time(0), tzinfo=tz) if change_day else None
    return SprintClock(day=day, phase=phase_of(day), dates=dates, today=today, next_change=next_change)


def countdown(next_change: datetime | None, now: datetime) -> str:
    """ "3 hours 20 minutes", "2 days 4 hours" until ``next_change``."""
    if next_change is None:
        return ""
    seconds = max(0, int((next_change - now).total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(plural(days, "day", "days"))
    if hours:
        parts.append(plural(hours, "hour", "hours"))
    if not days and (minutes or not hours):
        parts.append(plural(minutes, "minute", "minutes"))
    return " ".join(parts)


def holiday_test(region: str, years: Iterable[int]) -> HolidayTest:
    """A holiday test for a region code such as ``GB-WLS`` (the holidays package)."""
    if not region:
        return no_holidays
    import holidays  # a large table of every country's holidays: loaded only when a sprint needs one

    country, _dash, subdivision = region.partition("-")
    calendar = holidays.country_holidays(country, subdiv=subdivision or None, years=list(years))
    return lambda day: day in calendar


# --- What each day allows --------------------------------------------------------

PHASE_ORDER = {phase: i for i, phase in enumerate(PHASES)}


def may_post_idea(clock: SprintClock) -> Decision:
    """People post ideas into the challenge on days 1 and 2."""
    if clock.phase in ("understand", "ideas"):
        return ALLOW
    if clock.phase == UPCOMING:
        return deny(_("Ideas can be posted into this challenge from %(date)s, its first day.",
                      date=format_moment(clock.starts_on, "%A %-d %B")))
    return deny(_("Posting ideas into this challenge closed at the end of day 2 (Ideas)."))


def may_comment(clock: SprintClock) -> Decision:
    if clock.running:
        return ALLOW
    if clock.phase == UPCOMING:
        return deny(_("Questions and comments open on %(date)s, the first day.",
                      date=format_moment(clock.starts_on, "%A %-d %B")))
    return deny(_("This challenge has finished; its discussion is kept as it was."))


def may_bring_in(clock: SprintClock) -> Decision:
    """The facilitator may bring an existing idea in at any time until the sprint finishes."""
    if clock.phase == FINISHED:
        return deny(_("This challenge has finished; no more ideas can join it."))
    return ALLOW


def _only_in(clock: SprintClock, phases: tuple[str, ...], opens, closed) -> Decision:
    """Allowed in these phases; before them, say when they open (``opens`` takes the day's date
    as a function of it, so each language places it); after, why not (``closed``)."""
    if clock.phase in phases:
        return ALLOW
    first = PHASE_ORDER[phases[0]]
    if PHASE_ORDER[clock.phase] < first:
        return deny(opens(format_moment(clock.dates[first - PHASE_ORDER['understand']], "%A %-d %B")))
    return deny(closed())


def may_vote(clock: SprintClock) -> Decision:
    """Dot votes are cast and changed on day 3 (Decide) only."""
    return _only_in(clock, ("decide",), lambda on: _("Voting opens on day 3 (Decide), %(date)s.", date=on),
                    lambda: _("Voting closed at the end of day 3 (Decide)."))


def may_shortlist(clock: SprintClock) -> Decision:
    """The facilitator shortlists on day 3 (Decide) only."""
    return _only_in(clock, ("decide",), lambda on: _("The shortlist is made on day 3 (Decide), %(date)s.", date=on),
                    lambda: _("The shortlist was settled at the end of day 3 (Decide)."))


def may_write_up(clock: SprintClock) -> Decision:
    """Prototype or plan write-ups and updates: days 4 and 5."""
    return _only_in(clock, ("prototype", "test"), lambda on: _("Write-ups open on day 4 (Prototype), %(date)s.", date=on),
                    lambda: _("This challenge has finished; its write-ups are kept as they were."))


def may_decide(clock: SprintClock) -> Decision:
    """Take forward, park or stop: day 5 (Test and decide)."""
    return _only_in(clock, ("test",), lambda on: _("Decisions are taken on day 5 (Test and decide), %(date)s.", date=on),
                    lambda: _("This challenge has finished; its decisions are final."))


# --- Who may do what ---------------------------------------------------------------


def can_create(actor) -> Decision:
    """Moderators (and admins) set up challenges."""
    if not can_moderate(actor):
        return forbid(_("Only moderators set up challenges."))
    return ALLOW


def is_facilitator(actor, challenge) -> bool:
    return actor.id == challenge.facilitator_id


def can_facilitate(actor, challenge) -> Decision:
    if is_facilitator(actor, challenge):
        return ALLOW
    return forbid(_("Only the challenge's facilitator can do that."))


def can_decide(actor, challenge) -> Decision:
    if actor.id in (challenge.sponsor_id, challenge.facilitator_id):
        return ALLOW
    return forbid(_("Only the challenge's sponsor or facilitator takes its decisions."))


def can_write_up(actor_id: int, author_id: int, facilitator_id: int, sponsor_id: int, moderates: bool) -> Decision:
    """A shortlisted idea's write-up and updates: its author, the facilitator, the sponsor or a moderator."""
    if moderates or actor_id in (author_id, facilitator_id, sponsor_id):
        return ALLOW
    return forbid(_("The idea's author, the facilitator or the sponsor writes it up."))


def can_take_part(actor, invited_team_ids: set[int], invited_organisation_ids: set[int]) -> Decision:
    """Invited teams and organisations take part; no invitations means everyone."""
    if not invited_team_ids and not invited_organisation_ids:
        return ALLOW
    team = getattr(actor, "team", None)
    if team is not None and (team.id in invited_team_ids or team.organisation_id in invited_organisation_ids):
        return ALLOW
    return forbid(_("This challenge is for the teams invited to it."))


OUTCOMES = ("take_forward", "park", "stop")
