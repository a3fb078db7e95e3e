"""Use cases of the hearing: where an idea stands, triage, merging, hiding, reports, notifications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, delete, func, literal, select, update
from sqlalchemy.orm.exc import StaleDataError

from ideashub.core import activity, clock
from ideashub.core.activity import MODERATORS
from ideashub.core.db import dialect_insert
from ideashub.core.errors import Conflict, Invalid, NotFound, ensure
from ideashub.core.settings import all_settings
from ideashub.core.text import clean_text
from ideashub.extensions import db
from ideashub.hearing import rules
from ideashub.hearing.models import Report
from ideashub.hearing.notifications import notify
from ideashub.hearing.rules import HearingFacts, HearingSettings, HearingStatus, hearing_status
from ideashub.ideas.models import (
    STAGE_LABELS,
    Idea,
    IdeaResponder,
    IdeaTeamSupport,
    Response,
    Stage,
    Support,
)
from ideashub.ideas.rules import trend_add
from ideashub.ideas.services import lock_idea
from ideashub.insights import rollups


def current_settings() -> HearingSettings:
    values = all_settings()
    return HearingSettings(days=values["hearing_days"], min_responses=values["hearing_min_responses"])


def facts_of(idea) -> HearingFacts:
    return HearingFacts(
        posted_at=idea.created_at,
        responders=idea.responders_count,
        other_team_responders=idea.other_team_responders_count,
    )


def hearing_for(idea, now: datetime | None = None) -> HearingStatus:
    """The idea's hearing status under the current settings."""
    return hearing_status(facts_of(idea), current_settings(), now or clock.now())


# --- Triage ---------------------------------------------------------------------


@dataclass
class Move:
    stage: str
    reason: str = ""
    revisit_on: date | None = None
    version: int | None = None  # the idea's version as the moderator saw it


def _check_version(idea: Idea, version: int | None) -> None:
    if version is not None and version != idea.version:
        raise Conflict(
            "Someone else changed this idea while you were looking at it: it is now in "
            f"{STAGE_LABELS[Stage(idea.stage)]}. Check it and try again."
        )


def _flush_idea() -> None:
    try:
        db.session.flush()
    except StaleDataError:
        raise Conflict("Someone else changed this idea at the same moment. Check it and try again.") from None


def move_idea(actor, idea_id: int, move: Move, now: datetime) -> Idea:
    """A moderator moves an idea to another column of the board.

    Forward at any time; parked or not taken forward only once heard, with a
    reason (and a date to look again); reopened from parked or declined back
    into Being heard. The author is told, with the reason.
    """
    ensure(rules.can_triage(actor))
    idea = lock_idea(idea_id)
    if idea.withdrawn_at is not None or idea.hidden_at is not None:
        raise Conflict("A withdrawn or hidden idea is not on the board and cannot be moved.")
    _check_version(idea, move.version)
    reason = clean_text(move.reason)
    check = rules.check_move(
        idea.stage, move.stage, facts_of(idea), current_settings(), now,
        clock.local(now).date(), reason, move.revisit_on,
    )
    if not check.decision:
        if check.fields:
            raise Invalid(check.decision.reason, check.fields)
        raise Conflict(check.decision.reason)
    return _apply_move(actor, idea, move, reason, now)


def _apply_move(actor, idea: Idea, move: Move, reason: str, now: datetime, action: str | None = None, data: dict | None = None) -> Idea:
    """Make a move the caller has already allowed: the stage, the decision, the record, the author told."""
    before = idea.stage
    idea.stage = move.stage
    idea.stage_changed_at = now
    idea.updated_at = now
    if move.stage in rules.CLOSING:
        idea.decision_reason = reason
        idea.decided_at = now
        idea.decided_by_id = actor.id
        idea.revisit_on = move.revisit_on if move.stage == rules.PARKED else None
    else:
        idea.revisit_on = None
        if reason:
            idea.decision_reason = None
    _flush_idea()
    reopening = rules.is_reopening(before, move.stage)
    activity.record(
        actor,
        action or ("idea.reopened" if reopening else "idea.moved"),
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
    notify(idea.author_id, "idea.moved", _move_text(actor, idea, move, reopening), now, idea.id, actor)
    return idea


def move_for_sprint_decision(actor, idea_id: int, move: Move, now: datetime, challenge_id: int, outcome: str) -> Idea:
    """Move an idea as a sprint's day-5 decision.

    The challenge's rules (the sponsor or facilitator, on day 5, with the
    idea heard in the sprint) were checked by the caller and stand in for
    the board's hearing: a sprint is a hearing of its own.
    """
    idea = lock_idea(idea_id)
    if idea.withdrawn_at is not None or idea.hidden_at is not None or idea.stage == Stage.MERGED:
        raise Conflict("A withdrawn, hidden or merged idea cannot be decided.")
    if idea.stage == move.stage:
        return idea
    return _apply_move(
        actor, idea, move, clean_text(move.reason), now,
        action="challenge.decision", data={"challenge_id": challenge_id, "outcome": outcome},
    )


def _move_text(actor, idea: Idea, move: Move, reopening: bool) -> str:
    title = f"“{idea.title}”"
    if move.stage == rules.NOT_TAKEN_FORWARD:
        return f"{actor.name} decided not to take your idea {title} forward. Their reason: {move.reason}"
    if move.stage == rules.PARKED:
        return (
            f"{actor.name} parked your idea {title} until {move.revisit_on:%-d %B %Y}. "
            f"Their reason: {move.reason}"
        )
    if reopening:
        return f"{actor.name} reopened your idea {title}: it is being heard again."
    return f"{actor.name} moved your idea {title} to {STAGE_LABELS[Stage(move.stage)]}."


# --- Merging duplicates ---------------------------------------------------------


def merge_ideas(actor, source_id: int, target_id: int, now: datetime, version: int | None = None) -> Idea:
    """Merge a duplicate (source) into another idea (target).

    The source's supporters join the target's (nobody counted twice, the
    target's author not at all); the source keeps its responses, shows
    "merged into", leaves the board; both authors are told.
    """
    ensure(rules.can_triage(actor))
    if source_id == target_id:
        raise Invalid("An idea cannot be merged into itself.", {"into": "Choose another idea."})
    # Lock both in id order, so two merges of the same pair cannot deadlock.
    locked = {i: lock_idea(i) for i in sorted((source_id, target_id))}
    source, target = locked[source_id], locked[target_id]
    _check_version(source, version)
    for idea, role in ((source, "The duplicate"), (target, "The idea to merge into")):
        if idea.stage == Stage.MERGED:
            raise Conflict(f"{role} has already been merged into another idea.")
        if idea.withdrawn_at is not None or idea.hidden_at is not None:
            raise Conflict(f"{role} is withdrawn or hidden.")

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
    # The cross-team picture follows: the duplicate's support now flows to the target's team.
    for user_id, team_id, at in db.session.execute(
        select(Support.user_id, Support.team_id, Support.created_at).where(Support.idea_id == source.id)
    ).all():
        rollups.count_support(user_id, team_id, source.team_id, at, delta=-1)
    for user_id, team_id, at in joined:
        rollups.count_support(user_id, team_id, target.team_id, at)
    recount_supports(target)
    # The target gains the duplicate's recent activity (see ideas.rules, trending).
    target.trend = trend_add(target.trend, source.trend)
    source.stage = Stage.MERGED
    source.merged_into_id = target.id
    source.stage_changed_at = now
    source.updated_at = now
    _flush_idea()
    activity.record(actor, "idea.merged", now, subject=source, idea_id=source.id, data={"into": target.id})
    activity.record(actor, "idea.merged_in", now, subject=target, idea_id=target.id, data={"from": source.id})
    notify(source.author_id, "idea.merged", f"{actor.name} merged your idea “{source.title}” into “{target.title}”. Its supporters now support that idea, and its responses stay readable.", now, source.id, actor)
    notify(target.author_id, "idea.merged_in", f"{actor.name} merged a similar idea, “{source.title}”, into your idea “{target.title}”. Its supporters now support yours.", now, target.id, actor)
    return target


def recount_supports(idea: Idea) -> None:
    """Recompute an idea's support counts from its rows (the idea is locked)."""
    db.session.execute(delete(IdeaTeamSupport).where(IdeaTeamSupport.idea_id == idea.id))
    db.session.execute(
        IdeaTeamSupport.__table__.insert().from_select(
            ["idea_id", "team_id", "supporters"],
            select(Support.idea_id, Support.team_id, func.count())
            .where(Support.idea_id == idea.id, Support.team_id.is_not(None))
            .group_by(Support.idea_id, Support.team_id),
        )
    )
    supports = select(Support).where(Support.idea_id == idea.id).subquery()
    idea.supporters_count = db.session.scalar(select(func.count()).select_from(supports))
    idea.supporting_teams_count = db.session.scalar(
        select(func.count(func.distinct(supports.c.team_id))).where(supports.c.team_id.is_not(None))
    )
    idea.cross_team_supporters_count = db.session.scalar(
        select(func.count()).select_from(supports).where(
            (supports.c.team_id != idea.team_id) | supports.c.team_id.is_(None)
        )
    )


def recount_responses(idea: Idea) -> None:
    """Recompute response counts and the hearing's responders from visible responses.

    Hidden responses do not count: a moderator hiding abuse must not leave
    an idea looking heard.
    """
    visible = and_(Response.idea_id == idea.id, Response.hidden_at.is_(None))
    db.session.execute(delete(IdeaResponder).where(IdeaResponder.idea_id == idea.id))
    db.session.execute(
        IdeaResponder.__table__.insert().from_select(
            ["idea_id", "user_id", "team_id", "first_at"],
            select(Response.idea_id, Response.author_id, func.min(Response.team_id), func.min(Response.created_at))
            .where(visible, Response.author_id != idea.author_id)
            .group_by(Response.idea_id, Response.author_id),
        )
    )
    responders = select(IdeaResponder).where(IdeaResponder.idea_id == idea.id).subquery()
    idea.responses_count = db.session.scalar(select(func.count()).select_from(Response).where(visible))
    idea.responders_count = db.session.scalar(select(func.count()).select_from(responders))
    idea.other_team_responders_count = db.session.scalar(
        select(func.count()).select_from(responders).where(
            (responders.c.team_id != idea.team_id) | responders.c.team_id.is_(None)
        )
    )


# --- Reports and hiding ---------------------------------------------------------

REPORT_REASON_MAX = 2000


def _reason(text: str, what: str) -> str:
    reason = clean_text(text)
    if not reason:
        raise Invalid(f"Say why you are {what}.", {"reason": f"Say why you are {what}."})
    if len(reason) > REPORT_REASON_MAX:
        raise Invalid("That reason is too long.", {"reason": f"Keep it under {REPORT_REASON_MAX:,} characters."})
    return reason


def get_response(response_id: int) -> Response:
    response = db.session.get(Response, response_id)
    if response is None:
        raise NotFound("There is no response with that number.")
    return response


def report(actor, idea_id: int, reason: str, now: datetime, response_id: int | None = None) -> Report:
    """Anyone asks the moderators to look at an idea or a response, saying why."""
    reason = _reason(reason, "reporting it")
    if response_id is not None:
        response = get_response(response_id)
        idea_id = response.idea_id
    idea = db.session.get(Idea, idea_id)
    if idea is None:
        raise NotFound("There is no idea with that number.")
    already = db.session.scalar(
        select(Report.id).where(
            Report.reporter_id == actor.id,
            Report.idea_id == idea_id,
            Report.response_id.is_(None) if response_id is None else Report.response_id == response_id,
            Report.resolved_at.is_(None),
        )
    )
    if already is not None:
        raise Conflict("You have already reported this; a moderator will look at it.")
    entry = Report(idea_id=idea_id, response_id=response_id, reporter_id=actor.id, reason=reason, created_at=now)
    db.session.add(entry)
    db.session.flush()
    activity.record(
        actor, "report.made", now, subject=entry, idea_id=idea_id, reason=reason,
        data={"response_id": response_id}, visibility=MODERATORS,
    )
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
        raise Conflict("This idea is already hidden.")
    idea.hidden_at, idea.hidden_by_id, idea.hidden_reason = now, actor.id, reason
    _flush_idea()
    _resolve_reports(actor, now, "hidden", idea.id, None, reason)
    activity.record(actor, "idea.hidden", now, subject=idea, idea_id=idea.id, reason=reason)
    notify(idea.author_id, "idea.hidden", f"{actor.name} hid your idea “{idea.title}”. Their reason: {reason}", now, idea.id, actor)
    return idea


def unhide_idea(actor, idea_id: int, now: datetime, reason: str = "") -> Idea:
    ensure(rules.can_triage(actor))
    idea = lock_idea(idea_id)
    if idea.hidden_at is None:
        raise Conflict("This idea is not hidden.")
    idea.hidden_at = idea.hidden_by_id = idea.hidden_reason = None
    _flush_idea()
    activity.record(actor, "idea.unhidden", now, subject=idea, idea_id=idea.id, reason=clean_text(reason) or None)
    notify(idea.author_id, "idea.unhidden", f"{actor.name} made your idea “{idea.title}” visible again.", now, idea.id, actor)
    return idea


def hide_response(actor, response_id: int, reason: str, now: datetime) -> Response:
    """A moderator hides a response; it stops counting towards the hearing."""
    ensure(rules.can_triage(actor))
    reason = _reason(reason, "hiding it")
    response = get_response(response_id)
    idea = lock_idea(response.idea_id)
    if response.hidden_at is not None:
        raise Conflict("This response is already hidden.")
    response.hidden_at, response.hidden_by_id, response.hidden_reason = now, actor.id, reason
    db.session.flush()
    if response.author_id != idea.author_id:
        rollups.count_response(response.author_id, response.team_id, idea.team_id, response.kind, response.created_at, delta=-1)
    recount_responses(idea)
    _flush_idea()
    _resolve_reports(actor, now, "hidden", idea.id, response.id, reason)
    activity.record(actor, "response.hidden", now, subject=response, idea_id=idea.id, reason=reason)
    notify(response.author_id, "response.hidden", f"{actor.name} hid your response to “{idea.title}”. Their reason: {reason}", now, idea.id, actor)
    return response


def unhide_response(actor, response_id: int, now: datetime, reason: str = "") -> Response:
    ensure(rules.can_triage(actor))
    response = get_response(response_id)
    idea = lock_idea(response.idea_id)
    if response.hidden_at is None:
        raise Conflict("This response is not hidden.")
    response.hidden_at = response.hidden_by_id = response.hidden_reason = None
    db.session.flush()
    if response.author_id != idea.author_id:
        rollups.count_response(response.author_id, response.team_id, idea.team_id, response.kind, response.created_at)
    recount_responses(idea)
    _flush_idea()
    activity.record(actor, "response.unhidden", now, subject=response, idea_id=idea.id, reason=clean_text(reason) or None)
    return response


def dismiss_report(actor, report_id: int, note: str, now: datetime) -> Report:
    """A moderator looked and decided the content stays."""
    ensure(rules.can_triage(actor))
    entry = db.session.get(Report, report_id)
    if entry is None:
        raise NotFound("There is no such report.")
    if entry.resolved_at is not None:
        raise Conflict("This report has already been dealt with.")
    entry.resolved_at, entry.resolved_by_id, entry.outcome = now, actor.id, "dismissed"
    entry.outcome_note = clean_text(note) or None
    db.session.flush()
    activity.record(
        actor, "report.dismissed", now, subject=entry, idea_id=entry.idea_id,
        reason=entry.outcome_note, visibility=MODERATORS,
    )
    return entry
