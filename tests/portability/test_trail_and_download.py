"""The decision trail of an idea (whoever may see the idea may read it) and the admin's
download of everything."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from markupsafe import escape
from sqlalchemy import select

from ideashub import demo
from ideashub.challenges.models import ChallengeEntry
from ideashub.core.activity import Activity
from ideashub.hearing import services as hearing
from ideashub.hearing.services import Move
from ideashub.ideas import services as ideas
from ideashub.projects.models import Project, ProjectIdea

REASON = "The library budget is committed until April; we will look again then."


@pytest.fixture
def moderator(make_user):
    return make_user(role="moderator", name="Morgan Moderator")


@pytest.fixture
def decided_idea(db, make_idea, make_user, make_response, moderator, clock):
    """An idea edited once, answered from two teams, supported, then declined with a reason."""
    idea = make_idea(title="Open the library on Sundays", problem="Closed when people are free.",
                     now=clock.now() - timedelta(days=6))
    ideas.edit_idea(idea.author, idea.id, ideas.IdeaText(title="Open the library on Sunday afternoons",
                                                         problem="Closed when people are free.",
                                                         proposal="Open 12-4 with volunteers.", benefit="", tags=""),
                    clock.now() - timedelta(days=6))
    colleague, other = make_user(team=idea.team, name="Cora Colleague"), make_user(name="Otto Other")
    make_response(idea, author=colleague, body="We could pilot it in one branch.")
    make_response(idea, author=other, kind="concern", body="Who holds the keys?")
    make_response(idea, author=make_user())
    ideas.support_idea(other, idea.id, clock.now())
    hearing.move_idea(moderator, idea.id, Move("not_taken_forward", REASON), clock.now())
    db.session.commit()
    return idea


def test_the_trail_shows_versions_responses_support_and_who_decided_when_and_why(client, auth, make_user, decided_idea,
                                                                              moderator):
    auth.login(make_user())
    page = client.get(f"/ideas/{decided_idea.id}/trail")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    # Versions: as posted, and as it stands.
    assert "Version 1, as posted" in html and "Open the library on Sundays" in html
    assert "Version 2, as it stands" in html and "Open 12-4 with volunteers." in html
    # Responses with their authors and teams.
    assert "We could pilot it in one branch." in html and "Cora Colleague" in html
    assert "Who holds the keys?" in html and "Otto Other" in html
    # Support by team, and the decision with who took it, and why.
    assert otto_team(decided_idea, html)
    assert "Not taken forward" in html and REASON in html and "Morgan Moderator" in html
    assert f'href="/ideas/{decided_idea.id}"' in html  # back to the idea


def otto_team(idea, html: str) -> bool:
    section = html.split('id="trail-support"', 1)[1].split("</section>", 1)[0]
    return "<td>1</td>" in section and "No one has supported" not in section


def test_the_idea_page_links_to_its_trail(client, auth, make_user, decided_idea):
    auth.login(make_user())
    assert f'/ideas/{decided_idea.id}/trail"' in client.get(f"/ideas/{decided_idea.id}").get_data(as_text=True)


def test_a_fresh_idea_has_a_short_trail(client, auth, make_user, make_idea):
    idea = make_idea(title="A fresh idea")
    auth.login(make_user())
    html = client.get(f"/ideas/{idea.id}/trail").get_data(as_text=True)
    assert "Version 1, as it stands (never edited)" in html
    assert "No one has supported this idea yet." in html and "No responses yet." in html


def test_a_hidden_idea_s_trail_is_for_moderators_only(client, auth, db, make_user, make_idea, moderator, clock):
    idea = make_idea(title="Something to hide")
    hearing.hide_idea(moderator, idea.id, "Names a member of the public.", clock.now())
    db.session.commit()
    auth.login(make_user())
    assert client.get(f"/ideas/{idea.id}/trail").status_code == 403
    auth.logout()
    auth.login(moderator)
    html = client.get(f"/ideas/{idea.id}/trail").get_data(as_text=True)
    assert "Something to hide" in html and "Names a member of the public." in html


def test_signed_out_people_are_sent_to_sign_in_and_an_unknown_idea_is_not_found(client, auth, make_user, make_idea):
    idea = make_idea()
    assert client.get(f"/ideas/{idea.id}/trail").status_code == 302
    auth.login(make_user())
    assert client.get("/ideas/999999/trail").status_code == 404


def test_the_trail_prints_without_the_hub_s_menus():
    with open("static/css/print.css", encoding="utf-8") as css:
        rules = css.read()
    assert ".site-header" in rules and ".breadcrumbs" in rules and ".subnav" in rules


def test_an_admin_downloads_everything_without_secrets(client, auth, make_user, make_idea, clock):
    idea = make_idea(title="In the download")
    admin = make_user(role="admin")
    auth.login(admin)
    page = client.get("/admin/export")
    assert page.status_code == 200 and "Export everything" in page.get_data(as_text=True)
    answer = client.get("/admin/export/download")
    assert answer.status_code == 200 and "attachment" in answer.headers["Content-Disposition"]
    document = json.loads(answer.get_data(as_text=True))
    assert document["format"] == "ideashub-export" and document["schema_version"] == 1
    assert document["exported_at"] == clock.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert [i["title"] for i in document["tables"]["ideas"]] == [idea.title]
    assert "pbkdf2" not in answer.get_data(as_text=True)
    assert all("password_hash" not in person for person in document["tables"]["users"])
    # Who took a copy of everything is in the audit log, in words.
    audit = client.get("/admin/audit").get_data(as_text=True)
    assert "Downloaded an export of everything in the hub" in audit


def test_members_cannot_download_everything(client, auth, db, make_user):
    auth.login(make_user(role="moderator"))
    assert client.get("/admin/export/download").status_code == 403
    assert client.get("/admin/export").status_code == 403
    assert db.session.scalar(select(Activity).where(Activity.action == "hub.exported")) is None


def test_the_trail_shows_the_sprint_decision_and_the_projects_that_took_the_idea_in(client, auth, db, make_user, clock):
    demo.load(clock.now())
    db.session.commit()
    entry = db.session.scalar(select(ChallengeEntry).where(ChallengeEntry.decision_reason.is_not(None))
                              .order_by(ChallengeEntry.id))
    project, idea_id = db.session.execute(select(Project, ProjectIdea.idea_id)
                                          .join(ProjectIdea, ProjectIdea.project_id == Project.id)
                                          .order_by(Project.id)).first()
    auth.login(make_user())
    sprint = client.get(f"/ideas/{entry.idea_id}/trail").get_data(as_text=True)
    section = sprint.split('id="trail-sprint"', 1)[1].split("</section>", 1)[0]
    outcome = {"take_forward": "Taken forward", "park": "Parked", "stop": "Stopped"}[entry.outcome]
    assert outcome in section and html_text(entry.decision_reason) in section
    assert entry.decided_by is None or entry.decided_by.name in section
    projects = client.get(f"/ideas/{idea_id}/trail").get_data(as_text=True)
    assert html_text(project.name) in projects.split('id="trail-projects"', 1)[1]


def html_text(words: str) -> str:
    return str(escape(words))
