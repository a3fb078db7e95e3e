"""Use cases for ideas: post, edit, withdraw, support, respond; and where an idea's hearing stands.

Each takes the acting person and ``now``, asks the rules, makes the change,
announces it as a domain event (see ``core.events``: the activity record,
notifications and the insights' roll-ups listen) and flushes. None commits:
the request (view, API endpoint or CLI command) commits once, so services
compose in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ideashub.core import clock, events
from ideashub.core.db import dialect_insert
from ideashub.core.errors import Invalid, NotFound, ensure, get_or_refuse
from ideashub.core.i18n import _
from ideashub.core.settings import all_settings
from ideashub.core.text import clean_line, clean_text, parse_tags
from ideashub.extensions import db
from ideashub.ideas import counters, mentions, rules
from ideashub.ideas.hearing import HearingFacts, HearingSettings, HearingStatus, hearing_status
from ideashub.ideas.models import (
    Idea,
    IdeaRevision,
    IdeaTag,
    Response,
    ResponseRevision,
    Support,
    Tag,
)


@dataclass
class IdeaText:
    """What a person writes when posting or editing an idea."""

    title: str
    problem: str
    proposal: str
    benefit: str = ""
    tags: list[str] | str | None = None
    # The language it is written in, "en" or "cy"; None keeps an edited idea's, and a new
    # idea takes its writer's (see ``written_in``).
    language: str | None = None

    def cleaned(self) -> IdeaText:
        return IdeaText(
            title=clean_line(self.title),
            problem=clean_text(self.problem),
            proposal=clean_text(self.proposal),
            benefit=clean_text(self.benefit),
            tags=parse_tags(self.tags, limit=0),
            language=self.language,
        )


WRITTEN_LANGUAGES = ("en", "cy")


def written_in(language: str | None, actor, keep: str | None = None) -> str:
    """The language a piece of writing is in: the one given, else what it was (``keep``),
    else the writer's own choice of language, else English. An unknown one is refused."""
    if language is None or language == "":
        return keep or (getattr(actor, "language", None) or "en")
    if language not in WRITTEN_LANGUAGES:
        message = _("Choose English (en) or Cymraeg (cy) for the language it is written in.")
        raise Invalid(message, {"language": message})
    return language


def hearing_settings() -> HearingSettings:
    """The hearing settings in force (the admin's, or the configured defaults)."""
    values = all_settings()
    return HearingSettings(days=values["hearing_days"], min_responses=values["hearing_min_responses"])


def facts_of(idea) -> HearingFacts:
    """What the hearing rule needs to know about an idea, from its stored counts."""
    return HearingFacts(
        posted_at=idea.created_at,
        responders=idea.responders_count,
        other_team_responders=idea.other_team_responders_count,
    )


def hearing_for(idea, now: datetime | None = None) -> HearingStatus:
    """The idea's hearing status under the settings in force, at ``now`` (the clock's by default)."""
    return hearing_status(facts_of(idea), hearing_settings(), now or clock.now(), clock.org_timezone())


def get_idea(idea_id: int) -> Idea:
    return get_or_refuse(Idea, idea_id, _("There is no idea with that number."))


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
        raise NotFound(_("There is no idea with that number."))
    return idea


def _validated(text: IdeaText) -> IdeaText:
    text = text.cleaned()
    errors = rules.idea_errors(text.title, text.problem, text.proposal, text.benefit, text.tags)
    if errors:
        raise Invalid(_("Check the idea: %(problems)s", problems=" ".join(errors.values())), errors)
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
    language = written_in(text.language, actor)
    idea = Idea(
        language=language,
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
    events.idea_posted.announce(actor, now, subject=idea, idea_id=idea.id)
    return idea


def edit_idea(actor, idea_id: int, text: IdeaText, now: datetime) -> Idea:
    """Change an idea's text while it is being heard, keeping the old text as history."""
    idea = lock_idea(idea_id)
    ensure(rules.can_edit(actor, idea))
    text = _validated(text)
    language = written_in(text.language, actor, keep=idea.language)
    unchanged = (
        language == idea.language
        and text.title == idea.title
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
    if language != idea.language:
        changed.append("language")
    idea.language = language
    idea.title, idea.problem, idea.proposal, idea.benefit = (
        text.title,
        text.problem,
        text.proposal,
        text.benefit,
    )
    idea.updated_at = now
    db.session.flush()
    _set_tags(idea, text.tags)
    events.idea_edited.announce(actor, now, subject=idea, idea_id=idea.id, data={"changed": changed})
    return idea


def withdraw_idea(actor, idea_id: int, now: datetime, reason: str = "") -> Idea:
    """The author takes their idea off the board; it stays readable at its address."""
    idea = lock_idea(idea_id)
    ensure(rules.can_withdraw(actor, idea))
    idea.withdrawn_at = now
    idea.updated_at = now
    db.session.flush()
    events.idea_withdrawn.announce(actor, now, subject=idea, idea_id=idea.id, reason=clean_text(reason)[:1000] or None)
    return idea


# --- Support -------------------------------------------------------------


def support_idea(actor, idea_id: int, now: datetime) -> bool:
    """Add the actor's support. Idempotent: True if it was added, False if already there."""
    idea = lock_idea(idea_id)
    ensure(rules.can_support(actor, idea))
    if not counters.add_support(idea, actor, now):
        return False
    events.support_added.announce(actor, now, subject=idea, idea_id=idea.id, context={"team_id": actor.team_id})
    return True


def withdraw_support(actor, idea_id: int, now: datetime) -> bool:
    """Take back the actor's support. Idempotent: True if there was one to take back."""
    idea = lock_idea(idea_id)
    ensure(rules.can_support(actor, idea))
    taken = counters.remove_support(idea, actor.id)
    if taken is None:
        return False
    team_id, supported_at = taken
    events.support_withdrawn.announce(
        actor, now, subject=idea, idea_id=idea.id, context={"team_id": team_id, "supported_at": supported_at}
    )
    return True


def is_supporter(user_id: int, idea_id: int) -> bool:
    return (
        db.session.execute(
            select(Support.user_id).where(Support.idea_id == idea_id, Support.user_id == user_id)
        ).first()
        is not None
    )


# --- Responses -----------------------------------------------------------


@dataclass
class ResponseText:
    kind: str
    body: str
    suggestion: str = ""
    hours: float | None = None
    parent_id: int | None = None
    language: str | None = None  # "en" or "cy"; None: the writer's (``written_in``)


def _reply_target(idea: Idea, parent_id: int | None) -> Response | None:
    """The visible response on this idea being replied to, if any."""
    if parent_id is None:
        return None
    parent = db.session.get(Response, parent_id)
    if parent is None or parent.idea_id != idea.id or parent.hidden_at is not None:
        raise Invalid(
            _("You can only reply to a visible response on this idea."),
            {"parent_id": _("That response is not on this idea.")},
        )
    return parent


def respond(actor, idea_id: int, text: ResponseText, now: datetime) -> Response:
    """Add a response (or a reply to one) and count the responder for the hearing.

    Only people other than the author count towards the hearing, each once.
    """
    idea = lock_idea(idea_id)
    ensure(rules.can_respond(actor, idea))
    kind = (text.kind or "").strip().lower()
    body, suggestion = clean_text(text.body), clean_text(text.suggestion)
    parent = _reply_target(idea, text.parent_id)
    errors = rules.response_errors(kind, body, suggestion, text.hours, parent)
    mentioned = _mentions_in(body, errors)
    if errors:
        raise Invalid(_("Check your response: %(problems)s", problems=" ".join(errors.values())), errors)
    language = written_in(text.language, actor)
    response = Response(
        language=language,
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
    counters.add_response(idea, response, hearing_settings)
    told = _told(actor, mentions.keep(response.id, mentioned))
    db.session.expire(response, ["mentions"])
    response.mention_outcome = mentioned
    events.response_added.announce(actor, now, subject=response, idea_id=idea.id, data={"mentions": told} if told else None,
                                   context={"idea": idea, "parent": parent})
    return response


def _mentions_in(body: str, errors: dict[str, str]) -> mentions.MentionOutcome:
    """Who ``body`` @mentions; a mention that cannot be made is an error of the body field."""
    outcome = mentions.resolve(body) if "body" not in errors else mentions.MentionOutcome()
    if outcome.error:
        errors["body"] = outcome.error
    return outcome


def _told(actor, mentioned: list[int]) -> list[int]:
    """The people to tell they were mentioned: nobody hears about mentioning themselves."""
    return [user_id for user_id in mentioned if user_id != actor.id]


def get_response(response_id: int) -> Response:
    return get_or_refuse(Response, response_id, _("There is no response with that number."))


def response_edit_decision(actor, response: Response, idea: Idea, now: datetime):
    """May ``actor`` edit ``response`` now (see ``rules.can_edit_response``)?"""
    return rules.can_edit_response(actor, response, idea, hearing_for(idea, now).heard)


def edit_response(actor, response_id: int, text: ResponseText, now: datetime) -> Response:
    """Change one's own response while the idea is being heard, keeping the earlier text.

    The kind and the thread stay as they were; only the words (and a concern's suggestion,
    an offer's hours) change. Nothing changes, and nothing is kept, when the text is the same.
    """
    response = get_response(response_id)
    idea = lock_idea(response.idea_id)
    ensure(response_edit_decision(actor, response, idea, now))
    body, suggestion = clean_text(text.body), clean_text(text.suggestion)
    hours = text.hours if response.kind == "offer" else None
    errors = rules.response_errors(response.kind, body, suggestion, hours, None)
    mentioned = _mentions_in(body, errors)
    if errors:
        raise Invalid(_("Check your response: %(problems)s", problems=" ".join(errors.values())), errors)
    response.mention_outcome = mentioned
    new = {"body": body, "suggestion": suggestion or None, "hours": hours}
    changed = [name for name, value in new.items() if getattr(response, name) != value]
    if not changed:
        return response
    db.session.add(ResponseRevision(response_id=response.id, editor_id=actor.id, created_at=now,
                                    body=response.body, suggestion=response.suggestion, hours=response.hours))
    for name in changed:
        setattr(response, name, new[name])
    response.edited_at = now
    db.session.flush()
    # Only the people the new text mentions for the first time are told (nobody hears twice).
    told = _told(actor, mentions.keep(response.id, mentioned))
    db.session.expire(response, ["mentions"])
    events.response_edited.announce(actor, now, subject=response, idea_id=idea.id,
                                    data={"changed": changed, **({"mentions": told} if told else {})}, context={"idea": idea})
    return response


def response_revisions(response_id: int) -> list[ResponseRevision]:
    """A response's earlier versions, newest first."""
    return list(db.session.scalars(
        select(ResponseRevision).where(ResponseRevision.response_id == response_id).order_by(ResponseRevision.id.desc())
    ))
