"""Use cases for ideas: post, edit, withdraw, support, respond.

Each takes the acting person and ``now``, asks the rules, makes the change,
records the activity and flushes. None commits: the request (view, API
endpoint or CLI command) commits once, so services compose in one
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, literal, select, update

from ideashub.core import activity
from ideashub.core.db import UTCDateTime, dialect_insert
from ideashub.core.errors import Invalid, NotFound, ensure
from ideashub.core.settings import all_settings
from ideashub.core.text import clean_line, clean_text, parse_tags
from ideashub.extensions import db
from ideashub.hearing.notifications import notify
from ideashub.ideas import rules
from ideashub.ideas.models import (
    Idea,
    IdeaResponder,
    IdeaRevision,
    IdeaTag,
    IdeaTeamSupport,
    Response,
    Support,
    Tag,
)
from ideashub.insights import rollups


@dataclass
class IdeaText:
    """What a person writes when posting or editing an idea."""

    title: str
    problem: str
    proposal: str
    benefit: str = ""
    tags: list[str] | str | None = None

    def cleaned(self) -> IdeaText:
        return IdeaText(
            title=clean_line(self.title),
            problem=clean_text(self.problem),
            proposal=clean_text(self.proposal),
            benefit=clean_text(self.benefit),
            tags=parse_tags(self.tags, limit=0),
        )


def get_idea(idea_id: int) -> Idea:
    idea = db.session.get(Idea, idea_id)
    if idea is None:
        raise NotFound("There is no idea with that number.")
    return idea


def lock_idea(idea_id: int) -> Idea:
    """The idea, freshly read and locked for the rest of the transaction.

    Every write that touches an idea's counts or stage takes this lock first,
    so writers to one idea queue in one order (no deadlocks) and each sees
    the state the last one committed. PostgreSQL: SELECT ... FOR UPDATE;
    SQLite already holds the database's write lock (BEGIN IMMEDIATE).
    """
    idea = db.session.scalar(
        select(Idea)
        .where(Idea.id == idea_id)
        .with_for_update(of=Idea)
        .execution_options(populate_existing=True)
    )
    if idea is None:
        raise NotFound("There is no idea with that number.")
    return idea


def _validated(text: IdeaText) -> IdeaText:
    text = text.cleaned()
    errors = rules.idea_errors(text.title, text.problem, text.proposal, text.benefit, text.tags)
    if errors:
        raise Invalid("Check the idea: " + " ".join(errors.values()), errors)
    return text


def _set_tags(idea: Idea, names: list[str]) -> None:
    if names:
        # Two people may coin the same new tag at once: insert-or-ignore, then read.
        db.session.execute(
            dialect_insert(Tag).values([{"name": n} for n in names]).on_conflict_do_nothing()
        )
    wanted = db.session.scalars(select(Tag).where(Tag.name.in_(names))).all() if names else []
    db.session.execute(IdeaTag.__table__.delete().where(IdeaTag.idea_id == idea.id))
    if wanted:
        db.session.execute(
            IdeaTag.__table__.insert(), [{"idea_id": idea.id, "tag_id": t.id} for t in wanted]
        )
    db.session.expire(idea, ["tags"])


def post_idea(actor, text: IdeaText, now: datetime) -> Idea:
    """Post a new idea into *Being heard*, from the author's team."""
    ensure(rules.can_post(actor))
    text = _validated(text)
    idea = Idea(
        title=text.title,
        problem=text.problem,
        proposal=text.proposal,
        benefit=text.benefit,
        author_id=actor.id,
        team_id=actor.team_id,
        organisation_id=actor.team.organisation_id,
        created_at=now,
        updated_at=now,
        stage_changed_at=now,
        trend=rules.trend_term(now, "post"),
    )
    db.session.add(idea)
    db.session.flush()
    _set_tags(idea, text.tags)
    activity.record(actor, "idea.posted", now, subject=idea, idea_id=idea.id)
    return idea


def edit_idea(actor, idea_id: int, text: IdeaText, now: datetime) -> Idea:
    """Change an idea's text while it is being heard, keeping the old text as history."""
    idea = lock_idea(idea_id)
    ensure(rules.can_edit(actor, idea))
    text = _validated(text)
    unchanged = (
        text.title == idea.title
        and text.problem == idea.problem
        and text.proposal == idea.proposal
        and text.benefit == idea.benefit
        and text.tags == idea.tag_names
    )
    if unchanged:
        return idea
    db.session.add(
        IdeaRevision(
            idea_id=idea.id,
            editor_id=actor.id,
            created_at=now,
            title=idea.title,
            problem=idea.problem,
            proposal=idea.proposal,
            benefit=idea.benefit,
            tags=",".join(idea.tag_names),
        )
    )
    changed = [
        name
        for name in ("title", "problem", "proposal", "benefit")
        if getattr(text, name) != getattr(idea, name)
    ]
    if text.tags != idea.tag_names:
        changed.append("tags")
    idea.title, idea.problem, idea.proposal, idea.benefit = (
        text.title,
        text.problem,
        text.proposal,
        text.benefit,
    )
    idea.updated_at = now
    db.session.flush()
    _set_tags(idea, text.tags)
    activity.record(
        actor, "idea.edited", now, subject=idea, idea_id=idea.id, data={"changed": changed}
    )
    return idea


def withdraw_idea(actor, idea_id: int, now: datetime, reason: str = "") -> Idea:
    """The author takes their idea off the board; it stays readable at its address."""
    idea = lock_idea(idea_id)
    ensure(rules.can_withdraw(actor, idea))
    idea.withdrawn_at = now
    idea.updated_at = now
    db.session.flush()
    activity.record(
        actor,
        "idea.withdrawn",
        now,
        subject=idea,
        idea_id=idea.id,
        reason=clean_text(reason)[:1000] or None,
    )
    return idea


# --- Support -------------------------------------------------------------


def _trend_plus(term: float):
    """SQL for log(exp(trend) + exp(term)), computed in the UPDATE itself."""
    t = Idea.trend
    return case(
        (t >= term, t + func.ln(1 + func.exp(term - t))),
        else_=term + func.ln(1 + func.exp(t - term)),
    )


def _trend_minus(term: float):
    """SQL for log(exp(trend) - exp(term)): takes back an event added earlier."""
    t = Idea.trend
    rest = 1 - func.exp(term - t)
    return t + func.ln(case((rest > 1e-12, rest), else_=1e-12))


def support_idea(actor, idea_id: int, now: datetime) -> bool:
    """Add the actor's support. Idempotent: True if it was added, False if already there.

    The primary key (idea, person) makes a second support impossible; the
    insert that wins is the only one that moves the counts.
    """
    idea = lock_idea(idea_id)
    ensure(rules.can_support(actor, idea))
    inserted = db.session.execute(
        dialect_insert(Support)
        .values(idea_id=idea.id, user_id=actor.id, team_id=actor.team_id, created_at=now)
        .on_conflict_do_nothing(index_elements=["idea_id", "user_id"])
        .returning(Support.user_id)
    ).first()
    if inserted is None:
        return False
    new_team = 0
    if actor.team_id is not None:
        stmt = dialect_insert(IdeaTeamSupport).values(
            idea_id=idea.id, team_id=actor.team_id, supporters=1
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["idea_id", "team_id"],
            set_={"supporters": IdeaTeamSupport.supporters + 1},
        ).returning(IdeaTeamSupport.supporters)
        new_team = int(db.session.execute(stmt).scalar_one() == 1)
    cross = int(actor.team_id != idea.team_id)
    rollups.count_support(actor.id, actor.team_id, idea.team_id, now)
    db.session.execute(
        update(Idea)
        .where(Idea.id == idea.id)
        .values(
            supporters_count=Idea.supporters_count + 1,
            supporting_teams_count=Idea.supporting_teams_count + new_team,
            cross_team_supporters_count=Idea.cross_team_supporters_count + cross,
            trend=_trend_plus(rules.trend_term(now, "support")),
        )
        .execution_options(synchronize_session=False)
    )
    db.session.expire(idea)
    return True


def withdraw_support(actor, idea_id: int, now: datetime) -> bool:
    """Take back the actor's support. Idempotent: True if there was one to take back."""
    idea = lock_idea(idea_id)
    ensure(rules.can_support(actor, idea))
    deleted = db.session.execute(
        Support.__table__.delete()
        .where(Support.idea_id == idea.id, Support.user_id == actor.id)
        .returning(Support.team_id, Support.created_at)
    ).first()
    if deleted is None:
        return False
    team_id, supported_at = deleted
    gone_team = 0
    if team_id is not None:
        left = db.session.execute(
            update(IdeaTeamSupport)
            .where(IdeaTeamSupport.idea_id == idea.id, IdeaTeamSupport.team_id == team_id)
            .values(supporters=IdeaTeamSupport.supporters - 1)
            .returning(IdeaTeamSupport.supporters)
            .execution_options(synchronize_session=False)
        ).scalar_one()
        gone_team = int(left == 0)
    cross = int(team_id != idea.team_id)
    rollups.count_support(actor.id, team_id, idea.team_id, supported_at, delta=-1)
    db.session.execute(
        update(Idea)
        .where(Idea.id == idea.id)
        .values(
            supporters_count=Idea.supporters_count - 1,
            supporting_teams_count=Idea.supporting_teams_count - gone_team,
            cross_team_supporters_count=Idea.cross_team_supporters_count - cross,
            trend=_trend_minus(rules.trend_term(supported_at, "support")),
        )
        .execution_options(synchronize_session=False)
    )
    db.session.expire(idea)
    return True


def is_supporter(user_id: int, idea_id: int) -> bool:
    return (
        db.session.execute(
            select(Support.user_id).where(Support.idea_id == idea_id, Support.user_id == user_id)
        ).first()
        is not None
    )


# --- Responses -----------------------------------------------------------


def _heard_at_after(other_team: int, now: datetime):
    """SQL setting heard_at the first time enough people have responded.

    Evaluated inside the same UPDATE that adds the responder, so it sees the
    counts as they were and adds this responder to them.
    """
    required = all_settings()["hearing_min_responses"]
    enough = Idea.responders_count + 1 >= required
    if required:
        enough = and_(enough, Idea.other_team_responders_count + other_team > 0)
    return case((and_(Idea.heard_at.is_(None), enough), literal(now, UTCDateTime())), else_=Idea.heard_at)


@dataclass
class ResponseText:
    kind: str
    body: str
    suggestion: str = ""
    hours: float | None = None
    parent_id: int | None = None


def respond(actor, idea_id: int, text: ResponseText, now: datetime) -> Response:
    """Add a response (or a reply to one) and count the responder for the hearing.

    Only people other than the author count towards the hearing, each once.
    """
    idea = lock_idea(idea_id)
    ensure(rules.can_respond(actor, idea))
    kind = (text.kind or "").strip().lower()
    body = clean_text(text.body)
    suggestion = clean_text(text.suggestion)
    parent = None
    if text.parent_id is not None:
        parent = db.session.get(Response, text.parent_id)
        if parent is None or parent.idea_id != idea.id or parent.hidden_at is not None:
            raise Invalid(
                "You can only reply to a visible response on this idea.",
                {"parent_id": "That response is not on this idea."},
            )
    errors = rules.response_errors(kind, body, suggestion, text.hours, parent)
    if errors:
        raise Invalid("Check your response: " + " ".join(errors.values()), errors)
    response = Response(
        idea_id=idea.id,
        author_id=actor.id,
        team_id=actor.team_id,
        parent_id=parent.id if parent else None,
        kind=kind,
        body=body,
        suggestion=suggestion or None,
        hours=text.hours if kind == "offer" else None,
        created_at=now,
    )
    db.session.add(response)
    db.session.flush()

    values = {
        "responses_count": Idea.responses_count + 1,
        "trend": _trend_plus(rules.trend_term(now, "response")),
    }
    if actor.id != idea.author_id:
        rollups.count_response(actor.id, actor.team_id, idea.team_id, kind, now)
        values["first_response_at"] = func.coalesce(
            Idea.first_response_at, literal(now, UTCDateTime())
        )
        new_responder = db.session.execute(
            dialect_insert(IdeaResponder)
            .values(idea_id=idea.id, user_id=actor.id, team_id=actor.team_id, first_at=now)
            .on_conflict_do_nothing(index_elements=["idea_id", "user_id"])
            .returning(IdeaResponder.user_id)
        ).first()
        if new_responder is not None:
            other = int(actor.team_id != idea.team_id)
            values["responders_count"] = Idea.responders_count + 1
            values["other_team_responders_count"] = Idea.other_team_responders_count + other
            values["heard_at"] = _heard_at_after(other, now)
    db.session.execute(
        update(Idea)
        .where(Idea.id == idea.id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    what = response.kind_label.lower()
    notify(idea.author_id, "idea.response", f"{actor.name} responded to your idea “{idea.title}” ({what}).", now, idea.id, actor)
    if parent is not None and parent.author_id != idea.author_id:
        notify(parent.author_id, "response.reply", f"{actor.name} replied to your response on “{idea.title}”.", now, idea.id, actor)
    db.session.expire(idea)
    return response
