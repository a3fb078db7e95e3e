"""Use cases of the hearing: triage, merging, hiding and reports.

Each announces what it did as a domain event (``core.events``); the
activity record, the people's notifications and the insights' roll-ups
listen from their own modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import literal, select, update
from sqlalchemy.orm.exc import StaleDataError

from ideashub.core import clock, events
from ideashub.core.db import dialect_insert
from ideashub.core.errors import Conflict, Invalid, ensure, get_or_refuse
from ideashub.core.i18n import _
from ideashub.core.text import clean_text
from ideashub.core.words import number
from ideashub.extensions import db
from ideashub.hearing import rules
from ideashub.hearing.models import Report
from ideashub.ideas import counters
from ideashub.ideas.models import CLOSING_STAGES, STAGE_LABELS, Idea, Response, Stage, Support
from ideashub.ideas.rules import trend_add
from ideashub.ideas.services import facts_of, get_idea, hearing_settings, lock_idea

# --- Triage ---------------------------------------------------------------------


@dataclass
class Move:
    stage: str
    reason: str = ""
    revisit_on: date | None = None
    version: int | None = None  # the idea's version as the moderator saw it
    # Pages ask before a move back (``rules.is_backwards``) and say when the person
    # confirmed it; the API and the features' own moves (projects, sprints) decide for themselves.
    confirmed: bool = True


class NeedsConfirmation(Conflict, status=409, code="needs_confirmation"):
    """A move back that the person has not confirmed yet."""


def _check_version(idea: Idea, version: int | None) -> None:
    if version is not None and version != idea.version:
        raise Conflict(_(
            "Someone else changed this idea while you were looking at it: it is now in "
            "%(stage)s. Check it and try again.", stage=STAGE_LABELS[Stage(idea.stage)],
        ))


def _flush_idea() -> None:
    try:
        db.session.flush()
    except StaleDataError:
        raise Conflict(_("Someone else changed this idea at the same moment. Check it and try again.")) from None


def move_idea(actor, idea_id: int, move: Move, now: datetime) -> Idea:
    """A moderator moves an idea to another column of the board.

    Forward at any time; parked or not taken forward only once heard, with a
    reason (and a date to look again); reopened from parked or declined back
    into Being heard. The author is told, with the reason.
    """
    ensure(rules.can_triage(actor))
    idea = lock_idea(idea_id)
    if not idea.is_visible:
        raise Conflict(_("A withdrawn or hidden idea is not on the board and cannot be moved."))
    _check_version(idea, move.version)
    reason = clean_text(move.reason)
    check = rules.check_move(
        idea.stage, move.stage, facts_of(idea), hearing_settings(), now,
        clock.local(now).date(), reason, move.revisit_on,
    )
    if not check.decision:
        if check.fields:
            raise Invalid(check.decision.reason, check.fields)
        raise Conflict(check.decision.reason)
    if not move.confirmed and rules.is_backwards(idea.stage, move.stage):
        raise NeedsConfirmation(_(
            "Moving “%(title)s” back from %(stage)s to %(to)s needs confirming.", title=idea.title,
            stage=STAGE_LABELS[Stage(idea.stage)], to=STAGE_LABELS[Stage(move.stage)],
        ))
    return _apply_move(actor, idea, move, reason, now)


def _apply_move(actor, idea: Idea, move: Move, reason: str, now: datetime, event=None, data: dict | None = None) -> Idea:
    """Make a move the caller has already allowed: the stage, the decision, and the event announced."""
    before = idea.stage
    idea.stage = move.stage
    idea.stage_changed_at = now
    idea.updated_at = now
    if move.stage in CLOSING_STAGES:
        idea.decision_reason = reason
        idea.decided_at = now
        idea.decided_by_id = actor.id
        idea.revisit_on = move.revisit_on if move.stage == Stage.PARKED else None
    else:
        idea.revisit_on = None
        if reason:
            idea.decision_reason = None
    _flush_idea()
    if event is None:
        event = events.idea_reopened if rules.is_reopening(before, move.stage) else events.idea_moved
    event.announce(
        actor,
        now,
        subject=idea,
        idea_id=idea.id,
        reason=reason or None,
        data={
            "from": before,
            "to": move.stage,
            "revisit_on": move.revisit_on.isoformat() if move.revisit_on else None,
            **(data or {}),
        },
    )
    return idea


def move_for_sprint_decision(actor, idea_id: int, move: Move, now: datetime, challenge_id: int, outcome: str) -> Idea:
    """Move an idea as a sprint's day-5 decision.

    The challenge's rules (the sponsor or facilitator, on day 5, with the
    idea heard in the sprint) were checked by the caller and stand in for
    the board's hearing: a sprint is a hearing of its own.
    """
    idea = lock_idea(idea_id)
    if not idea.is_listed:
        raise Conflict(_("A withdrawn, hidden or merged idea cannot be decided."))
    if idea.stage == move.stage:
        return idea
    return _apply_move(
        actor, idea, move, clean_text(move.reason), now,
        event=events.challenge_decision, data={"challenge_id": challenge_id, "outcome": outcome},
    )


# --- Merging duplicates ---------------------------------------------------------


def merge_ideas(actor, source_id: int, target_id: int, now: datetime, version: int | None = None) -> Idea:
    """Merge a duplicate (source) into another idea (target).

    The source's supporters join the target's (nobody counted twice, the
    target's author not at all); the source keeps its responses, shows
    "merged into", leaves the board; both authors are told.
    """
    ensure(rules.can_triage(actor))
    if source_id == target_id:
        raise Invalid(_("An idea cannot be merged into itself."), {"into": _("Choose another idea.")})
    # Lock both in id order, so two merges of the same pair cannot deadlock.
    locked = {i: lock_idea(i) for i in sorted((source_id, target_id))}
    source, target = locked[source_id], locked[target_id]
    _check_version(source, version)
    for idea, role in ((source, "source"), (target, "target")):
        if idea.stage == Stage.MERGED:
            raise Conflict(_("The duplicate has already been merged into another idea.") if role == "source"
                           else _("The idea to merge into has already been merged into another idea."))
        if not idea.is_visible:
            raise Conflict(_("The duplicate is withdrawn or hidden.") if role == "source"
                           else _("The idea to merge into is withdrawn or hidden."))

    # The source's supporters support the target too; ON CONFLICT keeps one each.
    joined = db.session.execute(
        dialect_insert(Support)
        .from_select(
            ["idea_id", "user_id", "team_id", "created_at"],
            select(literal(target.id), Support.user_id, Support.team_id, Support.created_at).where(
                Support.idea_id == source.id, Support.user_id != target.author_id
            ),
        )
        .on_conflict_do_nothing(index_elements=["idea_id", "user_id"])
        .returning(Support.user_id, Support.team_id, Support.created_at)
    ).all()
    moved = db.session.execute(
        select(Support.user_id, Support.team_id, Support.created_at).where(Support.idea_id == source.id)
    ).all()
    counters.recount_supports(target)
    # The target gains the duplicate's recent activity (see ideas.rules, trending).
    target.trend = trend_add(target.trend, source.trend)
    source.stage = Stage.MERGED
    source.merged_into_id = target.id
    source.stage_changed_at = now
    source.updated_at = now
    _flush_idea()
    events.idea_merged.announce(
        actor, now, subject=source, idea_id=source.id, data={"into": target.id},
        context={"target": target, "supports_moved": moved, "supports_joined": joined},
    )
    events.idea_merged_in.announce(actor, now, subject=target, idea_id=target.id, data={"from": source.id}, context={"source": source})
    return target


# --- Reports and hiding ---------------------------------------------------------

REPORT_REASON_MAX = 2000


def _reason(text: str, what: str) -> str:
    reason = clean_text(text)
    if not reason:
        why = _("Say why you are reporting it.") if what == "reporting it" else _("Say why you are hiding it.")
        raise Invalid(why, {"reason": why})
    if len(reason) > REPORT_REASON_MAX:
        raise Invalid(_("That reason is too long."),
                      {"reason": _("Keep it under %(count)s characters.", count=number(REPORT_REASON_MAX))})
    return reason


def get_response(response_id: int) -> Response:
    return get_or_refuse(Response, response_id, _("There is no response with that number."))


def report(actor, idea_id: int, reason: str, now: datetime, response_id: int | None = None) -> Report:
    """Anyone asks the moderators to look at an idea or a response, saying why."""
    reason = _reason(reason, "reporting it")
    if response_id is not None:
        response = get_response(response_id)
        idea_id = response.idea_id
    get_idea(idea_id)  # a 404 when there is no such idea
    already = db.session.scalar(
        select(Report.id).where(
            Report.reporter_id == actor.id,
            Report.idea_id == idea_id,
            Report.response_id.is_(None) if response_id is None else Report.response_id == response_id,
            Report.resolved_at.is_(None),
        )
    )
    if already is not None:
        raise Conflict(_("You have already reported this; a moderator will look at it."))
    entry = Report(idea_id=idea_id, response_id=response_id, reporter_id=actor.id, reason=reason, created_at=now)
    db.session.add(entry)
    db.session.flush()
    events.report_made.announce(actor, now, subject=entry, idea_id=idea_id, reason=reason, data={"response_id": response_id})
    return entry


def _resolve_reports(actor, now, outcome: str, idea_id: int, response_id: int | None, note: str) -> None:
    db.session.execute(
        update(Report)
        .where(
            Report.idea_id == idea_id,
            Report.response_id.is_(None) if response_id is None else Report.response_id == response_id,
            Report.resolved_at.is_(None),
        )
        .values(resolved_at=now, resolved_by_id=actor.id, outcome=outcome, outcome_note=note)
        .execution_options(synchronize_session=False)
    )


def hide_idea(actor, idea_id: int, reason: str, now: datetime) -> Idea:
    """A moderator hides an idea: members see only "hidden by a moderator: reason"."""
    ensure(rules.can_triage(actor))
    reason = _reason(reason, "hiding it")
    idea = lock_idea(idea_id)
    if idea.hidden_at is not None:
        raise Conflict(_("This idea is already hidden."))
    idea.hidden_at, idea.hidden_by_id, idea.hidden_reason = now, actor.id, reason
    _flush_idea()
    _resolve_reports(actor, now, "hidden", idea.id, None, reason)
    events.idea_hidden.announce(actor, now, subject=idea, idea_id=idea.id, reason=reason)
    return idea


def unhide_idea(actor, idea_id: int, now: datetime, reason: str = "") -> Idea:
    """A moderator puts a hidden idea back where it was."""
    ensure(rules.can_triage(actor))
    idea = lock_idea(idea_id)
    if idea.hidden_at is None:
        raise Conflict(_("This idea is not hidden."))
    idea.hidden_at = idea.hidden_by_id = idea.hidden_reason = None
    _flush_idea()
    events.idea_unhidden.announce(actor, now, subject=idea, idea_id=idea.id, reason=clean_text(reason) or None)
    return idea


def _set_response_hidden(actor, response_id: int, hide: bool, reason: str | None, now: datetime) -> Response:
    """Hide or unhide a response (the caller checked the actor), and recount the idea's hearing."""
    response = get_response(response_id)
    idea = lock_idea(response.idea_id)
    if (response.hidden_at is not None) == hide:
        raise Conflict(_("This response is already hidden.") if hide else _("This response is not hidden."))
    response.hidden_at, response.hidden_by_id, response.hidden_reason = (now, actor.id, reason) if hide else (None, None, None)
    db.session.flush()
    counters.recount_responses(idea, hearing_settings())
    _flush_idea()
    if hide:
        _resolve_reports(actor, now, "hidden", idea.id, response.id, reason)
    event = events.response_hidden if hide else events.response_unhidden
    event.announce(actor, now, subject=response, idea_id=idea.id, reason=reason, context={"idea": idea})
    return response


def hide_response(actor, response_id: int, reason: str, now: datetime) -> Response:
    """A moderator hides a response; it stops counting towards the hearing."""
    ensure(rules.can_triage(actor))
    return _set_response_hidden(actor, response_id, True, _reason(reason, "hiding it"), now)


def unhide_response(actor, response_id: int, now: datetime, reason: str = "") -> Response:
    """A moderator shows a hidden response again; it counts towards the hearing again."""
    ensure(rules.can_triage(actor))
    return _set_response_hidden(actor, response_id, False, clean_text(reason) or None, now)


def dismiss_report(actor, report_id: int, note: str, now: datetime) -> Report:
    """A moderator looked and decided the content stays."""
    ensure(rules.can_triage(actor))
    entry = get_or_refuse(Report, report_id, _("There is no such report."))
    if entry.resolved_at is not None:
        raise Conflict(_("This report has already been dealt with."))
    entry.resolved_at, entry.resolved_by_id, entry.outcome = now, actor.id, "dismissed"
    entry.outcome_note = clean_text(note) or None
    db.session.flush()
    events.report_dismissed.announce(actor, now, subject=entry, idea_id=entry.idea_id, reason=entry.outcome_note)
    return entry
