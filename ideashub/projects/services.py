"""Use cases for projects: make one from ideas, change it, deliver it, post updates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from ideashub.core import events
from ideashub.core.errors import Conflict, Invalid, ensure, get_or_refuse
from ideashub.core.i18n import _
from ideashub.core.text import clean_line, clean_text
from ideashub.core.words import number
from ideashub.extensions import db
from ideashub.hearing import services as hearing
from ideashub.ideas.models import Idea, Stage
from ideashub.people.models import User
from ideashub.projects import rules
from ideashub.projects.models import Project, ProjectIdea, ProjectMember, ProjectUpdate, Status


def get_project(project_id: int) -> Project:
    return get_or_refuse(Project, project_id, _("There is no project with that number."))


def _member_pairs(members: list[dict]) -> list[tuple[int, float]]:
    pairs = []
    for m in members or []:
        try:
            pairs.append((int(m["user_id"]), float(m["hours_per_week"])))
        except (KeyError, TypeError, ValueError):
            raise Invalid(_("Each member needs a person and hours a week."),
                          {"members": _("Give a person and hours a week for each member.")}) from None
    return pairs


def _people(ids: set[int], field_name: str) -> dict[int, User]:
    found = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids), User.active.is_(True))).unique()}
    if set(found) != ids:
        raise Invalid(_("Choose people from the list."), {field_name: _("Choose active people from the list.")})
    return found


@dataclass
class ProjectDraft:
    name: str
    goal: str
    idea_ids: list[int]
    lead_id: int | None
    members: list[dict] = field(default_factory=list)  # [{user_id, hours_per_week}]
    status: str = Status.PROPOSED


def create_project(actor, draft: ProjectDraft, now: datetime) -> Project:
    """A moderator makes a project from one or more ideas; the ideas move to *In a project*."""
    ensure(rules.can_manage(actor))
    return _create(actor, draft, now, lambda idea_id: hearing.move_idea(actor, idea_id, hearing.Move(Stage.IN_PROJECT), now))


def create_project_for_decision(actor, draft: ProjectDraft, now: datetime, reason: str, challenge_id: int) -> Project:
    """A sprint's day-5 "take forward" makes a project (the challenge checked who and when)."""

    def move(idea_id: int):
        hearing.move_for_sprint_decision(actor, idea_id, hearing.Move(Stage.IN_PROJECT, reason), now, challenge_id, "take_forward")

    return _create(actor, draft, now, move, challenge_id=challenge_id)


def _create(actor, draft: ProjectDraft, now: datetime, move_idea, challenge_id: int | None = None) -> Project:
    name, goal = clean_line(draft.name), clean_text(draft.goal)
    pairs = _member_pairs(draft.members)
    errors = rules.project_errors(name, goal, pairs)
    idea_ids = sorted(set(draft.idea_ids or []))
    if not idea_ids:
        errors["idea_ids"] = _("Choose at least one idea for the project.")
    if draft.lead_id is None:
        errors["lead_id"] = _("Choose who leads the project.")
    if draft.status not in (Status.PROPOSED, Status.ACTIVE):
        errors["status"] = _("A new project is proposed or active.")
    if errors:
        raise Invalid(_("Check the project: %(problems)s", problems=" ".join(errors.values())), errors)
    people = _people({draft.lead_id, *[u for u, _hours in pairs]}, "members")
    ideas = db.session.scalars(select(Idea).where(Idea.id.in_(idea_ids))).unique().all()
    if len(ideas) != len(idea_ids):
        raise Invalid(_("Choose ideas from the board."), {"idea_ids": _("One of those ideas does not exist.")})
    for idea in ideas:
        if not idea.is_listed or idea.stage == Stage.DELIVERED:
            raise Conflict(_("“%(title)s” is not on the board, or is already delivered.", title=idea.title))
        if db.session.scalar(select(ProjectIdea.project_id).where(ProjectIdea.idea_id == idea.id)) is not None:
            raise Conflict(_("“%(title)s” is already part of a project.", title=idea.title))
    project = Project(
        name=name, goal=goal, status=draft.status, lead_id=draft.lead_id, created_by_id=actor.id,
        created_at=now, updated_at=now, challenge_id=challenge_id,
    )
    db.session.add(project)
    db.session.flush()
    for user_id, hours in pairs:
        _add_member(actor, project, people[user_id], hours, now)
    for idea in ideas:
        db.session.add(ProjectIdea(project_id=project.id, idea_id=idea.id))
        if idea.stage != Stage.IN_PROJECT:
            move_idea(idea.id)
        events.project_created.announce(actor, now, subject=project, idea_id=idea.id, data={"name": name, "project_id": project.id})
    db.session.flush()
    events.project_lead_named.announce(actor, now, subject=project)
    return project


def _add_member(actor, project: Project, person: User, hours: float, now: datetime) -> None:
    db.session.add(
        ProjectMember(project_id=project.id, user_id=person.id, team_id=person.team_id, hours_per_week=hours, joined_at=now)
    )
    events.project_member_added.announce(actor, now, subject=project, context={"user_id": person.id, "hours": hours})


@dataclass
class ProjectChanges:
    name: str | None = None
    goal: str | None = None
    lead_id: int | None = None
    status: str | None = None
    members: list[dict] | None = None  # the whole new list, when given
    add_idea_ids: list[int] = field(default_factory=list)
    reason: str = ""


def change_project(actor, project_id: int, changes: ProjectChanges, now: datetime) -> Project:
    """A moderator changes a project; delivering it moves its ideas to *Delivered*."""
    ensure(rules.can_manage(actor))
    project = get_project(project_id)
    before = {"name": project.name, "status": project.status, "lead_id": project.lead_id}
    name = clean_line(changes.name) if changes.name is not None else project.name
    goal = clean_text(changes.goal) if changes.goal is not None else project.goal
    pairs = _member_pairs(changes.members) if changes.members is not None else [(m.user_id, m.hours_per_week) for m in project.members]
    errors = rules.project_errors(name, goal, pairs)
    if changes.status is not None:
        decision = rules.can_change_status(project.status, changes.status)
        if not decision:
            errors["status"] = decision.reason
    if errors:
        raise Invalid(_("Check the project: %(problems)s", problems=" ".join(errors.values())), errors)
    if changes.lead_id is not None:
        _people({changes.lead_id}, "lead_id")
        project.lead_id = changes.lead_id
    project.name, project.goal = name, goal
    if changes.members is not None:
        _replace_members(actor, project, pairs, now)
    if changes.add_idea_ids:
        for idea_id in sorted(set(changes.add_idea_ids) - {i.id for i in project.ideas}):
            idea = db.session.get(Idea, idea_id)
            if idea is None:
                raise Invalid(_("Choose ideas from the board."), {"add_idea_ids": _("One of those ideas does not exist.")})
            if db.session.scalar(select(ProjectIdea.project_id).where(ProjectIdea.idea_id == idea_id)) is not None:
                raise Conflict(_("“%(title)s” is already part of a project.", title=idea.title))
            db.session.add(ProjectIdea(project_id=project.id, idea_id=idea_id))
            if idea.stage != Stage.IN_PROJECT:
                hearing.move_idea(actor, idea_id, hearing.Move(Stage.IN_PROJECT), now)
            events.project_changed.announce(actor, now, subject=project, idea_id=idea_id, data={"idea_added": idea_id})
    if changes.status is not None and changes.status != project.status:
        project.status = changes.status
        if changes.status == Status.DELIVERED:
            for idea in project.ideas:
                if idea.stage != Stage.DELIVERED and idea.stage != Stage.MERGED:
                    hearing.move_idea(actor, idea.id, hearing.Move(Stage.DELIVERED), now)
    project.updated_at = now
    db.session.flush()
    after = {"name": project.name, "status": project.status, "lead_id": project.lead_id}
    events.project_changed.announce(actor, now, subject=project, reason=clean_text(changes.reason) or None, data={"before": before, "after": after})
    return project


def _replace_members(actor, project: Project, pairs: list[tuple[int, float]], now: datetime) -> None:
    people = _people({u for u, _hours in pairs}, "members") if pairs else {}
    wanted = dict(pairs)
    for member in list(project.members):
        if member.user_id not in wanted:
            db.session.delete(member)
        else:
            member.hours_per_week = wanted.pop(member.user_id)
    for user_id, hours in wanted.items():
        _add_member(actor, project, people[user_id], hours, now)
    db.session.flush()
    db.session.expire(project, ["members"])


def post_update(actor, project_id: int, body: str, now: datetime) -> ProjectUpdate:
    """The lead, a member or a moderator adds to the project's timeline."""
    project = get_project(project_id)
    ensure(rules.can_post_update(actor, project))
    body = clean_text(body)
    if not body or len(body) > rules.UPDATE_MAX:
        raise Invalid(_("Write the update."), {"body": _("Write 1 to %(max)s characters.", max=number(rules.UPDATE_MAX))})
    update = ProjectUpdate(project_id=project.id, author_id=actor.id, body=body, created_at=now)
    db.session.add(update)
    project.updated_at = now
    db.session.flush()
    events.project_update.announce(actor, now, subject=project)
    return update
