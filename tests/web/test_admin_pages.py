"""Administration: admins allowed, everyone else refused; changes end sessions; the audit log."""

import re
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
    client.post(f"/admin/people/{person.id}/deactivate", data={"reason": "Left the council.", "confirmed": "yes"})
    auth.logout()
    assert auth.login(person).status_code == 401
    auth.login(admin)
    client.post(f"/admin/people/{person.id}/reactivate", data={"reason": "Came back."})
    auth.logout()
    assert auth.login(person).status_code == 302


def test_the_last_admin_stays(client, auth, admin, db):
    auth.login(admin)
    demoted = client.post(f"/admin/people/{admin.id}/role", data={"role": "member"}, follow_redirects=True)
    assert "Only an admin can be without a team." in demoted.get_data(as_text=True)
    client.post(f"/admin/people/{admin.id}/deactivate", data={"reason": "Leaving.", "confirmed": "yes"})
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


# --- Safe admin actions: a confirmation step, a reason for the log, the true refusal ------------


def test_deactivating_asks_first_and_going_back_changes_nothing(client, auth, admin, make_user, db):
    person = make_user(name="Priya Shah")
    auth.login(admin)
    asked = client.post(f"/admin/people/{person.id}/deactivate", data={"reason": "Left the council."})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "Deactivate Priya Shah&#39;s account?" in page or "Deactivate Priya Shah's account?" in page
    assert "Yes, deactivate the account" in page and "No, go back" in page
    assert 'name="confirmed" value="yes"' in page and "Left the council." in page
    assert db.session.get(User, person.id).active  # asking changed nothing
    client.post(f"/admin/people/{person.id}/deactivate", data={"reason": "Left the council.", "confirmed": "yes"})
    assert not db.session.get(User, person.id).active
    entry = db.session.scalar(select(Activity).where(Activity.action == "user.deactivated").order_by(Activity.id.desc()))
    assert entry.reason == "Left the council."


def test_an_account_change_without_a_reason_is_refused_under_its_box(client, auth, admin, make_user, db):
    person = make_user()
    auth.login(admin)
    page = client.get(f"/admin/people/{person.id}").get_data(as_text=True)
    box = re.search(r'<textarea[^>]*id="active-reason"[^>]*>', page).group(0)
    assert " required" in box and "active-reason-limit" in box
    for action in ("deactivate", "reactivate"):
        refused = client.post(f"/admin/people/{person.id}/{action}", data={"reason": "   ", "confirmed": "yes"})
        assert refused.status_code == 422
        text = refused.get_data(as_text=True)
        assert 'href="#active-reason">Say why: the reason is kept in the log.' in text
        assert 'id="active-reason-error"' in text
    assert db.session.get(User, person.id).active


def test_a_refusal_says_why_before_asking_to_confirm(client, auth, admin, make_user, db):
    auth.login(admin)
    own = client.post(f"/admin/people/{admin.id}/deactivate", data={"reason": "Testing."}, follow_redirects=True)
    assert "You can&#39;t deactivate your own account: another admin has to do it." in own.get_data(as_text=True)
    assert "Yes, deactivate" not in own.get_data(as_text=True)
    other_admin = make_user(role="admin", team=None)
    allowed = client.post(f"/admin/people/{other_admin.id}/deactivate", data={"reason": "Left."})
    assert "Yes, deactivate the account" in allowed.get_data(as_text=True)  # another admin remains: allowed
    assert db.session.get(User, admin.id).active


def test_the_service_refuses_deactivating_oneself_with_the_reason(make_user, db, clock):
    from ideashub.admin import services
    from ideashub.core.errors import Conflict

    only = make_user(role="admin", team=None)
    helper = make_user(role="admin", team=None)
    services.set_active(helper, only.id, False, "Leaving.", clock.now())  # another admin remains: fine
    with pytest.raises(Conflict, match="You can't deactivate your own account"):
        services.set_active(helper, helper.id, False, "Leaving.", clock.now())


def test_removing_the_last_domain_asks_first_and_others_go_at_once(client, auth, admin, make_org, db):
    org = make_org(name="Fernlea Housing", domain="fernlea.example.org")
    db.session.add(OrganisationDomain(organisation_id=org.id, domain="fernlea-homes.example.org"))
    db.session.commit()
    auth.login(admin)
    # Not the last: removed at once.
    client.post(f"/admin/organisations/{org.id}/domains/remove", data={"domain": "fernlea-homes.example.org"})
    assert db.session.scalar(select(OrganisationDomain).where(OrganisationDomain.domain == "fernlea-homes.example.org")) is None
    # The last: asked first, nothing removed until confirmed.
    asked = client.post(f"/admin/organisations/{org.id}/domains/remove", data={"domain": "fernlea.example.org"})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "Remove fernlea.example.org, the last email domain of Fernlea Housing?" in page
    assert "Nobody new can join Fernlea Housing by signing up" in page and "Yes, remove the last domain" in page
    assert db.session.scalar(select(OrganisationDomain).where(OrganisationDomain.domain == "fernlea.example.org")) is not None
    client.post(f"/admin/organisations/{org.id}/domains/remove", data={"domain": "fernlea.example.org", "confirmed": "yes"})
    assert db.session.scalar(select(OrganisationDomain).where(OrganisationDomain.domain == "fernlea.example.org")) is None


def test_each_why_label_points_at_its_own_box(client, auth, admin, make_user):
    from tests.support.markup import problems

    person = make_user()
    auth.login(admin)
    page = client.get(f"/admin/people/{person.id}").get_data(as_text=True)
    for box in ("role-reason", "team-reason", "active-reason"):
        assert page.count(f'id="{box}"') == 1 and f'<label class="label " for="{box}">' in page
    assert problems(page) == []
    refused = client.post(f"/admin/people/{person.id}/deactivate", data={}).get_data(as_text=True)
    assert problems(refused) == []


def test_a_refused_change_says_what_is_actually_wrong(client, auth, admin, make_user, make_org, db):
    person = make_user()
    org = make_org(name="Fernlea Housing", domain="fernlea.example.org")
    auth.login(admin)
    long_reason = client.post(f"/admin/people/{person.id}/role", data={"role": "moderator", "reason": "x" * 1001}, follow_redirects=True)
    assert "Use at most 1,000 characters." in long_reason.get_data(as_text=True)
    assert "Choose a role." not in long_reason.get_data(as_text=True)  # the role was chosen: not the reason
    assert db.session.get(User, person.id).role == "member"
    chosen = client.post(f"/admin/people/{person.id}/role", data={"role": "moderator", "reason": "Runs the board."}, follow_redirects=True)
    assert "The role is changed" in chosen.get_data(as_text=True)
    long_name = client.post(f"/admin/organisations/{org.id}/name", data={"name": "n" * 121}, follow_redirects=True)
    assert "Use at most 120 characters." in long_name.get_data(as_text=True)
    empty = client.post(f"/admin/organisations/{org.id}/teams", data={"name": ""}, follow_redirects=True)
    assert "Give a name." in empty.get_data(as_text=True)
