"""API: tokens, me, teams, users."""

from sqlalchemy import select

from ideashub.people.models import ApiToken, User
from tests.conftest import PASSWORD


def test_token_for_email_and_password(client, make_user, db):
    user = make_user()
    response = client.post("/api/v1/tokens", json={"email": user.email, "password": PASSWORD})
    assert response.status_code == 201
    body = response.get_json()
    assert body["token"].startswith("ih_")
    assert body["user"]["id"] == user.id and body["user"]["email"] == user.email
    stored = db.session.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
    assert stored.token_hash != body["token"] and len(stored.token_hash) == 64
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200 and me.get_json()["id"] == user.id


def test_wrong_password_and_unknown_email_get_the_same_401(client, make_user):
    user = make_user()
    a = client.post("/api/v1/tokens", json={"email": user.email, "password": "wrong wrong wrong"})
    b = client.post("/api/v1/tokens", json={"email": "nobody@x.example", "password": "wrong wrong wrong"})
    assert a.status_code == b.status_code == 401
    assert a.get_json() == b.get_json()
    assert a.get_json()["error"]["code"] == "unauthorised"


def test_calls_without_or_with_a_bad_token_get_401(client):
    assert client.get("/api/v1/me").status_code == 401
    bad = client.get("/api/v1/me", headers={"Authorization": "Bearer ih_nope"})
    assert bad.status_code == 401
    assert set(bad.get_json()["error"]) == {"code", "message", "fields"}


def test_the_session_cookie_gives_no_access_to_the_api(client, auth, make_user):
    auth.login(make_user())
    assert client.get("/ideas/").status_code == 200
    assert client.get("/api/v1/me").status_code == 401


def test_revoking_the_current_token(api, make_user):
    client = api(make_user())
    assert client.delete("/api/v1/tokens/current").status_code == 204
    assert client.get("/api/v1/me").status_code == 401


def test_teams_list_each_with_its_organisation(api, make_user, make_team):
    team = make_team(name="Waste and Recycling")
    items = api(make_user()).get("/api/v1/teams").get_json()["items"]
    mine = next(t for t in items if t["id"] == team.id)
    assert mine == {"id": team.id, "name": "Waste and Recycling", "organisation": {"id": team.organisation.id, "name": team.organisation.name}}


def test_admins_create_users_and_members_cannot(api, make_user, make_team, db):
    team = make_team()
    body = {"email": "new.person@riverside.example.org", "name": "New Person", "team_id": team.id, "role": "moderator", "password": PASSWORD}
    refused = api(make_user(role="member")).post("/api/v1/users", json=body)
    assert refused.status_code == 403
    assert db.session.scalar(select(User).where(User.email == "new.person@riverside.example.org")) is None
    created = api(make_user(role="admin", team=None)).post("/api/v1/users", json=body)
    assert created.status_code == 201
    assert created.get_json()["role"] == "moderator"
    again = api(make_user(role="admin", team=None)).post("/api/v1/users", json={**body, "email": " NEW.person@riverside.example.org "})
    assert again.status_code == 409


def test_create_user_checks_every_field(api, make_user):
    admin = api(make_user(role="admin", team=None))
    response = admin.post("/api/v1/users", json={"email": "x", "name": "", "role": "king", "password": "short", "is_admin": True})
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert {"name", "role", "password", "is_admin"} <= set(fields)
