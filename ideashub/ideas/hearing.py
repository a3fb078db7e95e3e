"""The hearing status of an idea, as pure functions: what "heard" means and when.

An idea is heard once it has been on the board for at least ``days`` days
and at least ``min_responses`` different people other than its author have
responded, one or more of them from another team. The first half is the
clock's; the second (the people half) is stored on the idea as ``heard_at``,
kept by ``ideas.counters`` from the same definition (``people_heard``).

No Flask, no database, no wall clock: facts, settings and ``now`` come in,
a status comes out. The triage rules that use it live in ``hearing.rules``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from ideashub.core.i18n import _
from ideashub.core.words import number, plural


def people_heard(responders: int, other_team_responders: int, min_responses: int) -> bool:
    """Enough different people have responded, one or more of them from another team."""
    return responders >= min_responses and (min_responses == 0 or other_team_responders > 0)


@dataclass(frozen=True)
class HearingSettings:
    days: int = 5
    min_responses: int = 3


def heard_means(settings: HearingSettings) -> str:
    """What "heard" means, in the one wording every page, email, message and the README use:
    "it has been on the board for 5 days and at least 3 people other than its author have
    responded, one or more of them from another team"."""
    days = plural(settings.days, "day", "days")
    n = settings.min_responses
    if n <= 0:
        return _("it has been on the board for %(days)s", days=days)
    if n == 1:
        return _("it has been on the board for %(days)s and someone from another team has responded", days=days)
    return _("it has been on the board for %(days)s and at least %(people)s other than its author have "
             "responded, one or more of them from another team", days=days, people=plural(n, "person", "people"))


def hearing_rule(settings: HearingSettings) -> str:
    """The hearing rule as one sentence (the idea page, the admin settings, refusals)."""
    return _("An idea can be parked or declined only once %(heard_means)s.", heard_means=heard_means(settings))


@dataclass(frozen=True)
class HearingFacts:
    """What the rule needs to know about an idea."""

    posted_at: datetime
    responders: int  # different people other than the author
    other_team_responders: int  # of those, people from another team


@dataclass(frozen=True)
class HearingStatus:
    heard: bool
    responders: int
    required: int
    other_team: bool
    days_left: int  # whole 24-hour periods still to run, rounded up (the API's figure)
    ends_at: datetime
    # Past its hearing days without enough people answering: the product
    # must stop this idea being ignored.
    needs_hearing: bool
    # The day the hearing period ends and today, both in the organisation's time zone:
    # people count days on the calendar, so the card says "ends today", not "1 day to go".
    ends_on: date | None = None
    today: date | None = None

    @property
    def time_words(self) -> str:
        """ "5 days to go", "ends tomorrow", "ends today" while the hearing period runs; "" after."""
        if not self.days_left:
            return ""
        if self.ends_on is None or self.today is None:
            days = self.days_left
        else:
            days = (self.ends_on - self.today).days
        if days <= 0:
            return _("ends today")
        if days == 1:
            return _("ends tomorrow")
        return _("%(days)s to go", days=plural(days, "day", "days"))

    @property
    def summary(self) -> str:
        """One line a person reads on a card: "heard by 2 of 3 people, 3 days to go"."""
        if self.heard:
            return _("Heard")
        shown = min(self.responders, self.required)
        parts = []
        if self.required:
            parts.append(_("heard by %(shown)s of %(people)s", shown=number(shown), people=plural(self.required, "person", "people")))
        if self.time_words:
            parts.append(self.time_words)
        if self.responders >= self.required and self.required and not self.other_team:
            parts.append(_("needs someone from another team"))
        text = ", ".join(parts) or _("being heard")
        return text[:1].upper() + text[1:]

    def changes_at(self, now: datetime, tz: tzinfo = UTC) -> datetime | None:
        """The next moment this status reads differently with nothing but time passing; None: never.

        While the period runs that is the first of: the period's end (heard, or needs a hearing),
        the next whole day of ``days_left``, and the next midnight in ``tz`` (``time_words``).
        A page kept for everyone (core.shared) is rendered afresh from then on.
        """
        if now >= self.ends_at:
            return None
        day = timedelta(days=1)
        next_day_mark = self.ends_at - ((self.ends_at - now) // day) * day
        if next_day_mark <= now:
            next_day_mark += day
        midnight = datetime.combine(now.astimezone(tz).date() + day, time(0), tzinfo=tz).astimezone(UTC)
        return min(self.ends_at, next_day_mark, midnight)

    def as_dict(self) -> dict:
        return {
            "heard": self.heard,
            "responders": self.responders,
            "required": self.required,
            "other_team": self.other_team,
            "days_left": self.days_left,
        }


def hearing_status(facts: HearingFacts, settings: HearingSettings, now: datetime, tz: tzinfo = UTC) -> HearingStatus:
    """Where an idea stands in its hearing at ``now``; days are counted on the calendar of ``tz``.

    The period itself is ``days`` times 24 hours from posting, the same on every
    day of the year (the moderators' queue and the insights count it that way too).
    """
    # In UTC, so the period is 24-hour days even if a caller passes local times.
    ends_at = facts.posted_at.astimezone(UTC) + timedelta(days=settings.days)
    remaining = (ends_at - now).total_seconds()
    days_left = max(0, math.ceil(remaining / 86400)) if remaining > 0 else 0
    other_team = facts.other_team_responders > 0
    enough_people = people_heard(facts.responders, facts.other_team_responders, settings.min_responses)
    time_served = now >= ends_at
    return HearingStatus(
        heard=enough_people and time_served,
        responders=facts.responders,
        required=settings.min_responses,
        other_team=other_team,
        days_left=days_left,
        ends_at=ends_at,
        needs_hearing=time_served and not enough_people,
        ends_on=ends_at.astimezone(tz).date(),
        today=now.astimezone(tz).date(),
    )
