"""Administration: admins allowed, everyone else refused; changes end sessions; the audit log."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ideashub.core.activity import Activity
from ideashub.ideas.services import hearing_for
from ideashub.people.models import OrganisationDomain, Team, User
from tests.conftest import PASSWORD
from tests.support.html_safety import active_content

PAGES = ["/admin/people", "/admin/organisations", "/admin/settings", "/admin/audit"]


@pytest.fixture
def admin(make_user):
    return make_user(role="admin", team=None)


@pytest.mark.parametrize("role", ["member", "moderator", "executive"])
def test_everyone_but_admins_is_refused(client, auth, make_user, role, db):
    person = make_user(role=role)
    auth.login(person)
    for url in PAGES:
        assert client.get(url).status_code == 403, url
    assert client.post(f"/admin/people/{person.id}/role", data={"role": "admin"}).status_code == 403
    assert db.session.get(User, person.id).role == role
    denied = db.session.scalars(select(Activity).where(Activity.action == "authz.denied", Activity.actor_id == person.id)).all()
    assert len(denied) == len(PAGES) + 1 and denied[0].visibility == "security"


def test_signed_out_people_are_sent_to_sign_in(client):
    for url in PAGES:
        assert "/login" in client.get(url).headers["Location"]


def test_admin_pages_render(client, auth, admin, make_idea):
    make_idea()
    auth.login(admin)
    for url in PAGES:
        assert client.get(url).status_code == 200, url


def test_a_role_change_ends_the_persons_session_and_tokens(app, client, auth, admin, make_user, api, db):
    person = make_user()
    other = app.test_client()
    other.post("/login", data={"email": person.email, "password": PASSWORD})
    assert other.get("/ideas/").status_code == 200
    token_client = api(person)
    assert token_client.get("/api/v1/me").status_code == 200
    auth.login(admin)
    client.post(f"/admin/people/{person.id}/role", data={"role": "moderator", "reason": "Runs the hub for housing."})
    assert db.session.get(User, person.id).role == "moderator"
    assert other.get("/ideas/").status_code == 302
    assert token_client.get("/api/v1/me").status_code == 401
    entry = db.session.scalar(select(Activity).where(Activity.action == "user.role"))
    assert entry.data == {"before": "member", "after": "moderator"} and entry.reason == "Runs the hub for housing." and entry.moderation


def test_deactivation_blocks_sign_in_and_reactivation_restores_it(client, auth, admin, make_user, db):
    person = make_user()
    auth.login(admin)
    client.post(f"/admin/people/{person.id}/deactivate", data={"reason": "Left the council."})
    auth.logout()
    assert auth.login(person).status_code == 401
    auth.login(admin)
    client.post(f"/admin/people/{person.id}/reactivate", data={"reason": "Came back."})
    auth.logout()
    assert auth.login(person).status_code == 302


def test_the_last_admin_stays(client, auth, admin, db):
    auth.login(admin)
    client.post(f"/admin/people/{admin.id}/role", data={"role": "member"})
    client.post(f"/admin/people/{admin.id}/deactivate", data={})
    person = db.session.get(User, admin.id)
    assert person.role == "admin" and person.active


def test_change_team(client, auth, admin, make_user, make_team, db):
    person, team = make_user(), make_team(name="Community Safety")
    auth.login(admin)
    client.post(f"/admin/people/{person.id}/team", data={"team_id": team.id})
    assert db.session.get(User, person.id).team_id == team.id
    client.post(f"/admin/people/{person.id}/team", data={"team_id": 0})
    assert db.session.get(User, person.id).team_id == team.id  # only admins may have no team


def test_organisations_domains_and_teams(client, auth, admin, make_org, db):
    org = make_org(name="Riverside Borough Council", domain="riverside.example.org")
    auth.login(admin)
    client.post("/admin/organisations/new", data={"name": "Fernlea Housing"})
    client.post(f"/admin/organisations/{org.id}/domains", data={"domain": "HTTPS://Council.Example.ORG/"})
    assert db.session.scalar(select(OrganisationDomain).where(OrganisationDomain.domain == "council.example.org")) is not None
    bad = client.post(f"/admin/organisations/{org.id}/domains", data={"domain": "not a domain"}, follow_redirects=True)
    assert "That is not an email domain." in bad.get_data(as_text=True)
    client.post(f"/admin/organisations/{org.id}/domains", data={"domain": "riverside.example.org"})  # already taken
    client.post(f"/admin/organisations/{org.id}/teams", data={"name": "Housing Services"})
    again = client.post(f"/admin/organisations/{org.id}/teams", data={"name": "housing services"}, follow_redirects=True)
    assert "already has a team with that name" in again.get_data(as_text=True)
    team = db.session.scalar(select(Team).where(Team.name == "Housing Services"))
    client.post(f"/admin/teams/{team.id}/name", data={"name": "Housing Options", "organisation_id": org.id})
    assert db.session.get(Team, team.id).name == "Housing Options"
    client.post(f"/admin/organisations/{org.id}/domains/remove", data={"domain": "council.example.org"})
    assert db.session.scalar(select(OrganisationDomain).where(OrganisationDomain.domain == "council.example.org")) is None


def test_settings_change_every_ideas_hearing_at_once(client, auth, admin, make_idea, make_response, clock, db):
    idea = make_idea(now=clock.now() - timedelta(days=2))
    make_response(idea)  # one person, from another team
    assert not hearing_for(idea).heard  # 5 days and 3 people by default
    auth.login(admin)
    bad = client.post("/admin/settings", data={"hearing_days": "-1", "hearing_min_responses": "3", "reason": "Testing."})
    assert bad.status_code == 422
    client.post("/admin/settings", data={"hearing_days": "1", "hearing_min_responses": "1", "reason": "Testing the sprint."})
    from flask import g

    g.pop("settings", None)
    assert hearing_for(idea).heard
    entry = db.session.scalar(select(Activity).where(Activity.action == "settings.changed"))
    assert entry.data["after"] == {"hearing_days": 1, "hearing_min_responses": 1}
    assert entry.reason == "Testing the sprint."


@pytest.mark.parametrize("days, people", [("0", "3"), ("5", "0"), ("0", "0")])
def test_the_hearing_cannot_be_switched_off(client, auth, admin, days, people, db):
    auth.login(admin)
    refused = client.post("/admin/settings", data={"hearing_days": days, "hearing_min_responses": people, "reason": "Let ideas go at once."})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Use a whole number from 1 to" in page
    assert "In force now:</strong> An idea can be parked or declined only once it has been on the board for 5 days and at least 3 people" in page  # unchanged, and said so
    assert db.session.scalar(select(Activity).where(Activity.action == "settings.changed")) is None


def test_a_change_of_the_hearing_needs_a_reason_and_every_page_shows_the_value_in_force(client, auth, admin, db):
    auth.login(admin)
    refused = client.post("/admin/settings", data={"hearing_days": "7", "hearing_min_responses": "3", "reason": "  "})
    assert refused.status_code == 422 and "Say why you are changing the hearing" in refused.get_data(as_text=True)
    saved = client.post("/admin/settings", data={"hearing_days": "7", "hearing_min_responses": "3", "reason": "Two-week sprints."})
    assert saved.status_code == 302
    page = client.get("/admin/settings").get_data(as_text=True)
    assert "In force now:</strong> An idea can be parked or declined only once it has been on the board for 7 days and at least 3 people" in page
    assert f"Last changed by {admin.name}" in page and "Two-week sprints." in page
    assert 'value="7"' in page  # the form and the notice agree


def test_the_audit_log_shows_sign_ins_and_escapes_hostile_names(client, auth, admin, make_user):
    hostile = make_user(name="<script>alert('x')</script>")
    auth.login(hostile)
    auth.logout()
    client.post("/login", data={"email": hostile.email, "password": "wrong password here"})
    auth.login(admin)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Failed to sign in as" in page and "Signed in" in page and "auth.signin" not in page
    assert active_content(page, page=True) == []
    assert "Failed to sign in as" in client.get("/admin/audit?action=auth.signin_failed").get_data(as_text=True)
