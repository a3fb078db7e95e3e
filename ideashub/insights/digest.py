"""The weekly executive digest: the week's top new ideas, decisions and challenges.

``gather`` collects the figures with aggregate queries and small bounded
lists; ``render`` turns them into an HTML and a plain-text email from the
templates in ``templates/email/``; ``send_digest`` mails it to every active
executive (or writes it to the outbox when no mail server is configured).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from ideashub.core import mail
from ideashub.core.i18n import _, format_moment
from ideashub.extensions import db
from ideashub.ideas.models import CLOSING_STAGES, Idea, Response, Stage, Support
from ideashub.ideas.services import hearing_settings
from ideashub.insights import queries
from ideashub.insights.queries import Scope
from ideashub.insights.services import challenge_outcomes
from ideashub.people.models import Role, User
from ideashub.projects.models import Project

FORWARD = [Stage.SHORTLISTED, Stage.IN_PROJECT, Stage.DELIVERED]
DECLINED = sorted(CLOSING_STAGES)


@dataclass
class Digest:
    since: datetime
    until: datetime
    new_ideas: int
    new_responses: int
    new_supports: int
    top_new: list[Idea]
    moved_forward: list[Idea]
    declined: list[Idea]
    projects_started: list[Project]
    waiting_for_a_hearing: int
    running: list = field(default_factory=list)
    finished: list = field(default_factory=list)

    @property
    def is_quiet(self) -> bool:
        return not (self.new_ideas or self.new_responses or self.moved_forward or self.declined
                    or self.projects_started or self.running or self.finished)


def _visible():
    return [Idea.is_listed]


def gather(now: datetime, days: int = 7) -> Digest:
    since = now - timedelta(days=days)
    new_ideas = db.session.scalar(select(func.count()).where(*_visible(), Idea.created_at >= since))
    new_responses = db.session.scalar(
        select(func.count()).select_from(Response).where(Response.created_at >= since, Response.hidden_at.is_(None))
    )
    new_supports = db.session.scalar(select(func.count()).select_from(Support).where(Support.created_at >= since))
    top_new = list(db.session.scalars(
        select(Idea).where(*_visible(), Idea.created_at >= since)
        .order_by(Idea.supporters_count.desc(), Idea.responders_count.desc(), Idea.id.desc()).limit(5)
    ).unique())
    moved_forward = list(db.session.scalars(
        select(Idea).where(*_visible(), Idea.stage.in_(FORWARD), Idea.stage_changed_at >= since)
        .order_by(Idea.stage_changed_at.desc(), Idea.id.desc()).limit(10)
    ).unique())
    declined = list(db.session.scalars(
        select(Idea).where(*_visible(), Idea.stage.in_(DECLINED), Idea.decided_at >= since)
        .order_by(Idea.decided_at.desc(), Idea.id.desc()).limit(10)
    ).unique())
    projects_started = list(db.session.scalars(
        select(Project).where(Project.created_at >= since).order_by(Project.created_at.desc(), Project.id.desc()).limit(10)
    ).unique())
    hearing = queries.hearing(Scope(period="all"), hearing_settings(), now)
    challenges = challenge_outcomes(now)
    finished = [c for c in challenges["finished"] if c["item"].clock.ends_on >= since.date()]
    return Digest(
        since=since, until=now, new_ideas=new_ideas, new_responses=new_responses, new_supports=new_supports,
        top_new=top_new, moved_forward=moved_forward, declined=declined, projects_started=projects_started,
        waiting_for_a_hearing=hearing["waiting_for_a_hearing"], running=challenges["running"], finished=finished,
    )


def subject_of(digest: Digest) -> str:
    hub = current_app.config["HUB_NAME"]
    return _("%(hub)s: the week to %(date)s", hub=hub, date=format_moment(digest.until, "%-d %B %Y"))


def render(digest: Digest) -> tuple[str, str]:
    """The digest as (plain text, HTML), with links to the hub at ``HUB_URL``."""
    text, html = mail.render("email/digest.txt", "email/digest.html", digest=digest, subject=subject_of(digest))
    return text, html


def recipients() -> list[str]:
    return list(db.session.scalars(
        select(User.email).where(User.role == Role.EXECUTIVE, User.active.is_(True)).order_by(User.email)
    ))


def send_digest(now: datetime, days: int = 7, extra: tuple[str, ...] = ()) -> tuple[Digest, list[str]]:
    """Gather and render the digest and owe it to each recipient (one message each, through the
    outbox, in the caller's transaction); returns the digest and who it is owed to."""
    digest = gather(now, days)
    to = list(dict.fromkeys([*recipients(), *extra]))
    if not to:
        return digest, to
    text, html = render(digest)
    run = uuid.uuid4().hex[:12]
    for address in to:
        mail.queue(address, subject_of(digest), text, html, now, kind="executive_digest",
                   key=f"executive-digest:{run}:{address}", label="digest")
    return digest, to
