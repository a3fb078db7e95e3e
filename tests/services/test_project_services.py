"""Making projects from ideas, changing and delivering them."""

import pytest
from sqlalchemy import select

from ideashub.core.activity import Activity
from ideashub.core.errors import Conflict, Forbidden, Invalid
from ideashub.hearing.models import Notification
from ideashub.ideas.models import Idea
from ideashub.projects import services
from ideashub.projects.models import Project


@pytest.fixture
def moderator(make_user):
    return make_user(role="moderator")


def draft(ideas, lead, members=(), **extra):
    return services.ProjectDraft(
        name=extra.get("name", "One referral form"),
        goal=extra.get("goal", "One falls referral for GPs, paramedics and the council."),
        idea_ids=[i.id for i in ideas],
        lead_id=lead.id,
        members=[{"user_id": m.id, "hours_per_week": h} for m, h in members],
    )


def test_a_fresh_idea_goes_into_a_project_at_once_with_members_from_two_teams(db, make_idea, make_user, make_team, moderator, clock):
    idea, other = make_idea(), make_idea()
    lead, a, b = make_user(), make_user(team=make_team()), make_user(team=make_team())
    project = services.create_project(moderator, draft([idea, other], lead, [(a, 4), (b, 2.5)]), clock.now())
    db.session.commit()
    assert {i.stage for i in db.session.scalars(select(Idea).where(Idea.id.in_([idea.id, other.id])))} == {"in_project"}
    assert project.protected_hours == 6.5
    assert len({m.team_id for m in project.members}) == 2
    told = set(db.session.scalars(select(Notification.user_id).where(Notification.kind.in_(["idea.moved", "project.member", "project.lead"]))))
    assert {idea.author_id, other.author_id, a.id, b.id, lead.id} <= told
    assert db.session.scalar(select(Activity).where(Activity.idea_id == idea.id, Activity.action == "project.created")) is not None


def test_members_and_executives_cannot_make_projects(db, make_idea, make_user, clock):
    idea = make_idea()
    for role in ("member", "executive"):
        with pytest.raises(Forbidden):
            services.create_project(make_user(role=role), draft([idea], make_user()), clock.now())


def test_invalid_project_leaves_nothing_half_written(db, make_idea, make_user, moderator, clock):
    idea = make_idea()
    before = db.session.scalar(select(Project.id).order_by(Project.id.desc()))
    with pytest.raises(Invalid) as error:
        services.create_project(moderator, draft([idea], make_user(), [(make_user(), 99)], name="No"), clock.now())
    assert {"name", "members"} <= set(error.value.fields)
    db.session.rollback()
    assert db.session.get(Idea, idea.id).stage == "being_heard"
    assert db.session.scalar(select(Project.id).order_by(Project.id.desc())) == before


def test_an_idea_joins_one_project_only(db, make_idea, make_user, moderator, clock):
    idea = make_idea()
    services.create_project(moderator, draft([idea], make_user()), clock.now())
    with pytest.raises(Conflict):
        services.create_project(moderator, draft([idea], make_user(), name="Second try"), clock.now())


def test_delivering_a_project_delivers_its_ideas(db, make_idea, make_user, moderator, clock):
    ideas = [make_idea(), make_idea()]
    project = services.create_project(moderator, draft(ideas, make_user()), clock.now())
    services.change_project(moderator, project.id, services.ProjectChanges(status="active"), clock.now())
    services.change_project(moderator, project.id, services.ProjectChanges(status="delivered", reason="Live since March."), clock.now())
    assert [db.session.get(Idea, i.id).stage for i in ideas] == ["delivered", "delivered"]
    with pytest.raises(Invalid):
        services.change_project(moderator, project.id, services.ProjectChanges(status="active"), clock.now())


def test_members_change_and_updates_come_from_the_team(db, make_idea, make_user, moderator, clock):
    lead, member, outsider = make_user(), make_user(), make_user()
    project = services.create_project(moderator, draft([make_idea()], lead, [(member, 3)]), clock.now())
    services.post_update(lead, project.id, "Kick-off done.", clock.now())
    services.post_update(member, project.id, "Mapped the three forms.", clock.now())
    with pytest.raises(Forbidden):
        services.post_update(outsider, project.id, "Can I help?", clock.now())
    with pytest.raises(Invalid):
        services.post_update(lead, project.id, "  ", clock.now())
    services.change_project(moderator, project.id, services.ProjectChanges(members=[{"user_id": outsider.id, "hours_per_week": 2}]), clock.now())
    db.session.refresh(project)
    assert [m.user_id for m in project.members] == [outsider.id]
    with pytest.raises(Forbidden):
        services.change_project(lead, project.id, services.ProjectChanges(name="Renamed by the lead"), clock.now())
