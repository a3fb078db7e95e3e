"""The hearing rule, the heart of the product, as pure functions.

An idea may move forward at any time, but may be parked or not taken
forward only once it has been heard: on the board for at least
``days`` days and answered by at least ``min_responses`` different people
other than its author, one or more of them from another team.

No Flask, no database, no wall clock: facts, settings and ``now`` come in,
a status or a decision comes out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from ideashub.core.rules import ALLOW, Decision, deny, forbid
from ideashub.people.permissions import can_moderate


@dataclass(frozen=True)
class HearingSettings:
    days: int = 5
    min_responses: int = 3


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
            people = "person" if self.required == 1 else "people"
            parts.append(f"heard by {shown} of {self.required} {people}")
        if self.days_left:
            parts.append(f"{self.days_left} day{'s' if self.days_left != 1 else ''} to go")
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
    enough_people = facts.responders >= settings.min_responses and (
        settings.min_responses == 0 or other_team
    )
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


def may_close(facts: HearingFacts, settings: HearingSettings, now: datetime) -> Decision:
    """May the idea be parked or declined now? If not, why not, in plain words."""
    status = hearing_status(facts, settings, now)
    if status.heard:
        return ALLOW
    missing = []
    if status.days_left:
        missing.append(
            f"it has {status.days_left} more day{'s' if status.days_left != 1 else ''} "
            f"on the board (ideas are heard for {settings.days} days)"
        )
    if status.responders < status.required:
        more = status.required - status.responders
        missing.append(
            f"{more} more {'person needs' if more == 1 else 'people need'} to respond "
            f"({status.responders} of {status.required} so far)"
        )
    elif status.required and not status.other_team:
        missing.append("someone from another team needs to respond")
    return deny("This idea has not been heard yet: " + " and ".join(missing) + ".")


# --- Triage: moving ideas between the board's columns --------------------------

BEING_HEARD = "being_heard"
PARKED = "parked"
NOT_TAKEN_FORWARD = "not_taken_forward"
MERGED = "merged"
CLOSING = {PARKED, NOT_TAKEN_FORWARD}
BOARD = ["being_heard", "shortlisted", "in_project", "delivered", PARKED, NOT_TAKEN_FORWARD]

REASON_MIN_CHARS = 20
REASON_MIN_WORDS = 4
REASON_MAX = 2000


def can_triage(actor) -> Decision:
    """Moderators (and admins) triage the board."""
    if not can_moderate(actor):
        return forbid("Only moderators can move, merge or hide ideas.")
    return ALLOW


def is_sentence(text: str) -> bool:
    """At least a sentence: enough words and characters to say why."""
    return len(text) >= REASON_MIN_CHARS and len(text.split()) >= REASON_MIN_WORDS


@dataclass(frozen=True)
class MoveCheck:
    decision: Decision
    fields: dict


def check_move(
    stage: str,
    to: str,
    facts: HearingFacts,
    settings: HearingSettings,
    now: datetime,
    today,
    reason: str = "",
    revisit_on=None,
) -> MoveCheck:
    """May an idea in ``stage`` move to ``to`` now, with this reason and date?

    Forward moves and reopening are always allowed; parking and declining
    wait for the hearing, and need a reason (and, to park, a date to look
    again). The hearing is checked first: if the idea cannot be closed at
    all, asking for a reason would waste the moderator's time.
    """
    if to not in BOARD:
        return MoveCheck(deny("Choose one of the board's columns."), {"stage": "Choose one of the board's columns."})
    if stage == MERGED:
        return MoveCheck(deny("A merged idea stays with the idea it was merged into."), {})
    if to == stage:
        return MoveCheck(deny("The idea is already in that column."), {})
    if to in CLOSING:
        hearing = may_close(facts, settings, now)
        if not hearing:
            return MoveCheck(hearing, {})
    fields = {}
    if to in CLOSING:
        if not is_sentence(reason):
            fields["reason"] = (
                "Write the reason in at least a full sentence, so the author and "
                "everyone else can see why."
            )
        elif len(reason) > REASON_MAX:
            fields["reason"] = f"Keep the reason under {REASON_MAX:,} characters."
    if to == PARKED:
        if revisit_on is None:
            fields["revisit_on"] = "Give a date to look at the idea again."
        elif revisit_on <= today:
            fields["revisit_on"] = "The date to look again must be in the future."
    if fields:
        return MoveCheck(deny("; ".join(fields.values())), fields)
    return MoveCheck(ALLOW, {})


def is_reopening(stage: str, to: str) -> bool:
    return stage in CLOSING and to == BEING_HEARD
