"""API: projects both ways."""


def test_projects_api(api, make_user, make_idea, make_team):
    idea = make_idea()
    lead, member = make_user(), make_user(team=make_team())
    body = {"name": "One referral form", "goal": "One form.", "idea_ids": [idea.id], "lead_id": lead.id,
            "members": [{"user_id": member.id, "hours_per_week": 4}]}
    assert api(make_user()).post("/api/v1/projects", json=body).status_code == 403
    moderator = api(make_user(role="moderator"))
    created = moderator.post("/api/v1/projects", json=body)
    assert created.status_code == 201
    project = created.get_json()
    assert project["ideas"][0]["stage"] == "in_project" and project["protected_hours"] == 4
    assert moderator.post("/api/v1/projects", json={**body, "members": [{"user_id": member.id, "hours_per_week": 99}]}).status_code == 422
    assert moderator.post("/api/v1/projects", json=body).status_code == 409  # the idea is in a project already
    pid = project["id"]
    assert api(make_user()).get(f"/api/v1/projects/{pid}").get_json()["name"] == "One referral form"
    assert pid in [p["id"] for p in api(make_user()).get("/api/v1/projects").get_json()["items"]]
    assert api(lead).post(f"/api/v1/projects/{pid}/updates", json={"body": "Kick-off done."}).status_code == 201
    assert api(make_user()).post(f"/api/v1/projects/{pid}/updates", json={"body": "Me too"}).status_code == 403
    assert api(lead).patch(f"/api/v1/projects/{pid}", json={"status": "delivered"}).status_code == 403
    delivered = moderator.patch(f"/api/v1/projects/{pid}", json={"status": "delivered", "reason": "Live."})
    assert delivered.status_code == 200 and delivered.get_json()["ideas"][0]["stage"] == "delivered"
    assert moderator.patch(f"/api/v1/projects/{pid}", json={"owner": 1}).status_code == 422
    assert moderator.get("/api/v1/projects/999999").status_code == 404
