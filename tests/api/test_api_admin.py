"""API: administration, both sides."""


def test_users_and_roles(api, make_user, make_team):
    admin = api(make_user(role="admin", team=None))
    person = make_user()
    assert api(make_user()).get("/api/v1/users").status_code == 403
    assert person.id in [u["id"] for u in admin.get(f"/api/v1/users?q={person.name}").get_json()["items"]]
    assert api(make_user(role="moderator")).patch(f"/api/v1/users/{person.id}", json={"role": "admin"}).status_code == 403
    changed = admin.patch(f"/api/v1/users/{person.id}", json={"role": "executive", "reason": "New director."})
    assert changed.status_code == 200 and changed.get_json()["role"] == "executive"
    team = make_team()
    assert admin.patch(f"/api/v1/users/{person.id}", json={"team_id": team.id}).get_json()["team"]["id"] == team.id
    assert admin.patch(f"/api/v1/users/{person.id}", json={"active": False}).get_json()["active"] is False
    assert admin.patch(f"/api/v1/users/{person.id}", json={"role": "king"}).status_code == 422
    assert admin.patch(f"/api/v1/users/{person.id}", json={"password_hash": "x"}).status_code == 422


def test_organisations_and_settings(api, make_user, make_org):
    org = make_org()
    admin, member = api(make_user(role="admin", team=None)), api(make_user())
    assert org.id in [o["id"] for o in member.get("/api/v1/organisations").get_json()["items"]]
    assert member.post("/api/v1/organisations", json={"name": "Sneaky Ltd"}).status_code == 403
    created = admin.post("/api/v1/organisations", json={"name": "Fernlea Housing"})
    assert created.status_code == 201
    oid = created.get_json()["id"]
    assert admin.post(f"/api/v1/organisations/{oid}/domains", json={"domain": "fernlea.example.org"}).get_json()["domains"] == ["fernlea.example.org"]
    assert admin.post(f"/api/v1/organisations/{oid}/domains", json={"domain": "fernlea.example.org"}).status_code == 409
    assert admin.post(f"/api/v1/organisations/{oid}/teams", json={"name": "Repairs"}).status_code == 201
    assert member.get("/api/v1/settings").get_json() == {"hearing_days": 5, "hearing_min_responses": 3}
    assert member.put("/api/v1/settings", json={"hearing_days": 1}).status_code == 403
    assert admin.put("/api/v1/settings", json={"hearing_days": 7, "reason": "Longer sprints."}).get_json()["hearing_days"] == 7
    assert admin.put("/api/v1/settings", json={"hearing_days": 999}).status_code == 422
    assert admin.put("/api/v1/settings", json={"hearing_days": 0, "reason": "Let ideas go at once."}).status_code == 422
    assert admin.put("/api/v1/settings", json={"hearing_min_responses": 0, "reason": "Nobody needed."}).status_code == 422
    assert admin.put("/api/v1/settings", json={"hearing_days": 6}).status_code == 422  # no reason
    assert admin.put("/api/v1/settings", json={"hearing_days": 6, "reason": "   "}).status_code == 422
    assert member.put("/api/v1/settings", json={"hearing_days": 0}).status_code == 403  # who, before what
