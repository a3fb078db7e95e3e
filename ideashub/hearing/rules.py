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

from ideashub.core.i18n import _, ngettext
from ideashub.core.rules import ALLOW, Decision, deny, forbid
from ideashub.core.words import number, plural
from ideashub.ideas.hearing import HearingFacts, HearingSettings, hearing_rule, hearing_status
from ideashub.ideas.models import BOARD_STAGES, CLOSING_STAGES, Stage
from ideashub.people.permissions import can_moderate


def may_close(facts: HearingFacts, settings: HearingSettings, now: datetime) -> Decision:
    """May the idea be parked or declined now? If not, why not, in plain words."""
    status = hearing_status(facts, settings, now)
    if status.heard:
        return ALLOW
    missing = []
    if status.days_left:
        missing.append(_("it needs %(time)s on the board", time=_time_to_serve(status.ends_at - now)))
    if status.responders < status.required:
        more = status.required - status.responders
        missing.append(ngettext(
            "%(count)s more person needs to respond (%(done)s of %(required)s so far)",
            "%(count)s more people need to respond (%(done)s of %(required)s so far)",
            more, count=number(more), done=number(status.responders), required=number(status.required),
        ))
    elif status.required and not status.other_team:
        missing.append(_("someone from another team needs to respond"))
    what = missing[0] if len(missing) == 1 else _("%(first)s and %(second)s", first=missing[0], second=missing[1])
    return deny(_("This idea has not been heard yet: %(what)s.", what=what) + " " + hearing_rule(settings))


def _time_to_serve(remaining: timedelta) -> str:
    """What is left of the hearing days, as a person would say it: "2 more days and 3 hours",
    "5 more hours", "less than an hour more" (never "1 more day" with minutes to go)."""
    hours = math.ceil(remaining.total_seconds() / 3600)
    if hours <= 1:
        return _("less than an hour more")
    if hours < 24:
        return plural(hours, "more hour", "more hours")
    days, rest = divmod(hours, 24)
    more_days = plural(days, "more day", "more days")
    return _("%(days)s and %(hours)s", days=more_days, hours=plural(rest, "hour", "hours")) if rest else more_days


# --- Triage: moving ideas between the board's columns --------------------------

REASON_MIN_CHARS = 20
REASON_MIN_WORDS = 4
REASON_MAX = 2000


def can_triage(actor) -> Decision:
    """Moderators (and admins) triage the board."""
    if not can_moderate(actor):
        return forbid(_("Only moderators can move, merge or hide ideas."))
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
    if to not in BOARD_STAGES:
        return MoveCheck(deny(_("Choose one of the board's columns.")), {"stage": _("Choose one of the board's columns.")})
    if stage == Stage.MERGED:
        return MoveCheck(deny(_("A merged idea stays with the idea it was merged into.")), {})
    if to == stage:
        return MoveCheck(deny(_("The idea is already in that column.")), {})
    if to in CLOSING_STAGES:
        hearing = may_close(facts, settings, now)
        if not hearing:
            return MoveCheck(hearing, {})
    fields = {}
    if to in CLOSING_STAGES:
        if not is_sentence(reason):
            fields["reason"] = _(
                "Write the reason in at least a full sentence, so the author and "
                "everyone else can see why."
            )
        elif len(reason) > REASON_MAX:
            fields["reason"] = _("Keep the reason under %(count)s characters.", count=number(REASON_MAX))
    if to == Stage.PARKED:
        if revisit_on is None:
            fields["revisit_on"] = _("Give a date to look at the idea again.")
        elif revisit_on <= today:
            fields["revisit_on"] = _("The date to look again must be in the future.")
    if fields:
        return MoveCheck(deny("; ".join(fields.values())), fields)
    return MoveCheck(ALLOW, {})


def is_backwards(stage: str, to: str) -> bool:
    """Is ``to`` a column to the left of ``stage`` on the board (a move back, asked to be confirmed)?

    Reopening a parked or declined idea is a move back too: the board's
    columns are read left to right, and so is every "Move to" a person makes.
    """
    if stage not in BOARD_STAGES or to not in BOARD_STAGES:
        return False
    return BOARD_STAGES.index(to) < BOARD_STAGES.index(stage)


def is_reopening(stage: str, to: str) -> bool:
    return stage in CLOSING_STAGES and to == Stage.BEING_HEARD
