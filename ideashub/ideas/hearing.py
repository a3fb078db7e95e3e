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
from datetime import datetime, timedelta

from ideashub.core.words import plural


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
    days = f"it has been on the board for {plural(settings.days, 'day')}"
    n = settings.min_responses
    if n <= 0:
        return days
    if n == 1:
        return f"{days} and someone from another team has responded"
    return f"{days} and at least {plural(n, 'person', 'people')} other than its author have responded, one or more of them from another team"


def hearing_rule(settings: HearingSettings) -> str:
    """The hearing rule as one sentence (the idea page, the admin settings, refusals)."""
    return f"An idea can be parked or declined only once {heard_means(settings)}."


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
    days_left: int
    ends_at: datetime
    # Past its hearing days without enough people answering: the product
    # must stop this idea being ignored.
    needs_hearing: bool

    @property
    def summary(self) -> str:
        """One line a person reads on a card: "heard by 2 of 3 people, 3 days to go"."""
        if self.heard:
            return "Heard"
        shown = min(self.responders, self.required)
        parts = []
        if self.required:
            parts.append(f"heard by {shown:,} of {plural(self.required, 'person', 'people')}")
        if self.days_left:
            parts.append(f"{plural(self.days_left, 'day')} to go")
        if self.responders >= self.required and self.required and not self.other_team:
            parts.append("needs someone from another team")
        return (", ".join(parts) or "being heard").capitalize()

    def as_dict(self) -> dict:
        return {
            "heard": self.heard,
            "responders": self.responders,
            "required": self.required,
            "other_team": self.other_team,
            "days_left": self.days_left,
        }


def hearing_status(facts: HearingFacts, settings: HearingSettings, now: datetime) -> HearingStatus:
    """Where an idea stands in its hearing at ``now``."""
    ends_at = facts.posted_at + timedelta(days=settings.days)
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
    )
