"""The transform wall and project pages, both sides of every permission."""

from sqlalchemy import select

from ideashub.ideas.models import Idea
from ideashub.projects import services
from ideashub.projects.models import Project


def test_moderator_makes_a_project_from_an_idea_without_javascript(client, auth, make_idea, make_user, make_team, db):
    idea = make_idea(title="Shared referral inbox")
    lead, a, b = make_user(), make_user(team=make_team()), make_user(team=make_team())
    auth.login(make_user(role="moderator"))
    form = client.get(f"/projects/new?ideas={idea.id}").get_data(as_text=True)
    assert f'value="{idea.id}"' in form
    response = client.post("/projects/new", data={
        "name": "One referral form", "goal": "One form for everyone.", "idea_ids": f"#{idea.id}", "lead": lead.email, "status": "active",
        "members-0-email": a.email, "members-0-hours": "4", "members-1-email": b.email, "members-1-hours": "2",
    })
    assert response.status_code == 302
    project = db.session.scalar(select(Project).where(Project.name == "One referral form"))
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "Shared referral inbox" in page and "Protected in all" in page and ">6<" in page
    assert db.session.get(Idea, idea.id).stage == "in_project"
    wall = client.get("/projects/").get_data(as_text=True)
    assert "One referral form" in wall and "Shared referral inbox" in wall
    idea_page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "This idea is part of" in idea_page


def test_unknown_people_and_ideas_are_explained(client, auth, make_user, make_idea):
    auth.login(make_user(role="moderator"))
    response = client.post("/projects/new", data={"name": "Project", "goal": "Goal", "idea_ids": "twelve", "lead": "nobody@nowhere.example"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "numbers separated by commas" in page, page[page.find("error-summary"):page.find("error-summary")+600]


def test_members_cannot_make_or_change_projects_but_see_the_wall(client, auth, make_user, make_idea, clock, db):
    moderator = make_user(role="moderator")
    project = services.create_project(moderator, services.ProjectDraft("A project", "A goal.", [make_idea().id], make_user().id), clock.now())
    db.session.commit()
    auth.login(make_user())
    assert client.get("/projects/").status_code == 200
    assert client.get(f"/projects/{project.id}").status_code == 200
    assert client.get("/projects/new").status_code == 403
    assert client.get(f"/projects/{project.id}/edit").status_code == 403
    assert client.post(f"/projects/{project.id}/members", data={"email": "x@y.z", "hours": "2"}).status_code == 403
    client.post(f"/projects/{project.id}/updates", data={"body": "Not my project"})
    assert "Not my project" not in client.get(f"/projects/{project.id}").get_data(as_text=True)


def test_lead_posts_updates_and_moderator_delivers(client, auth, make_user, make_idea, clock, db):
    lead, moderator = make_user(), make_user(role="moderator")
    idea = make_idea()
    project = services.create_project(moderator, services.ProjectDraft("Delivered one", "Goal.", [idea.id], lead.id), clock.now())
    db.session.commit()
    auth.login(lead)
    client.post(f"/projects/{project.id}/updates", data={"body": "Live in the pilot ward."})
    assert "Live in the pilot ward." in client.get(f"/projects/{project.id}").get_data(as_text=True)
    auth.logout()
    auth.login(moderator)
    client.post(f"/projects/{project.id}/edit", data={"name": "Delivered one", "goal": "Goal.", "lead": lead.email, "status": "delivered", "add_ideas": ""})
    assert db.session.get(Idea, idea.id).stage == "delivered"


def test_removing_a_member_asks_first_then_removes(client, auth, make_user, make_idea, db, clock):
    from ideashub.projects import services
    from ideashub.projects.models import ProjectMember

    moderator, lead, helper = make_user(role="moderator"), make_user(), make_user(name="Tomasz Nowak")
    project = services.create_project(moderator, services.ProjectDraft(name="Online repairs", goal="Book repairs online.",
                                                                       idea_ids=[make_idea().id], lead_id=lead.id), clock.now())
    db.session.add(ProjectMember(project_id=project.id, user_id=helper.id, team_id=helper.team_id, hours_per_week=3, joined_at=clock.now()))
    db.session.commit()
    auth.login(moderator)
    asked = client.post(f"/projects/{project.id}/members/{helper.id}/remove")
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Remove Tomasz Nowak from Online repairs?" in page
    assert "Their 3 protected hours a week leave the project" in page
    assert db.session.query(ProjectMember).filter_by(project_id=project.id, user_id=helper.id).count() == 1
    client.post(f"/projects/{project.id}/members/{helper.id}/remove", data={"confirmed": "yes"})
    assert db.session.query(ProjectMember).filter_by(project_id=project.id, user_id=helper.id).count() == 0
