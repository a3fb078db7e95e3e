"""API: challenges, posting into them, votes, shortlist, decisions, each on its days."""

from datetime import date


def test_create_and_read_a_challenge(api, make_user):
    sponsor, facilitator = make_user(role="executive"), make_user(role="moderator")
    body = {"title": "Tell us once", "question": "How might we make residents tell their story once?",
            "starts_on": "2026-03-09", "sponsor_id": sponsor.id, "facilitator_id": facilitator.id, "team_ids": []}
    assert api(make_user()).post("/api/v1/challenges", json=body).status_code == 403
    created = api(facilitator).post("/api/v1/challenges", json=body)
    assert created.status_code == 201
    data = created.get_json()
    assert (data["day"], data["phase"], data["starts_on"], data["ends_on"]) == (2, "ideas", "2026-03-09", "2026-03-13")
    got = api(make_user()).get(f"/api/v1/challenges/{data['id']}").get_json()
    assert got["ideas"] == [] and got["votes_used"] == 0
    assert data["id"] in [c["id"] for c in api(make_user()).get("/api/v1/challenges").get_json()["items"]]
    bad = api(facilitator).post("/api/v1/challenges", json={**body, "starts_on": "2026-03-08"})
    assert bad.status_code == 422 and "starts_on" in bad.get_json()["error"]["fields"]
    worse = api(facilitator).post("/api/v1/challenges", json={**body, "starts_on": "next monday"})
    assert worse.status_code == 422


def test_post_into_vote_shortlist_and_decide(api, make_challenge, make_user, make_response, sprint_day):
    challenge = make_challenge()
    sprint_day(challenge, 1)
    author = make_user()
    posted = api(author).post("/api/v1/ideas", json={"title": "Named caseworker", "problem": "p", "proposal": "q", "challenge_id": challenge.id})
    assert posted.status_code == 201
    idea_id = posted.get_json()["id"]
    make_response(type("I", (), {"id": idea_id})(), author=make_user())
    voter = api(make_user())
    early = voter.put(f"/api/v1/challenges/{challenge.id}/votes/{idea_id}")
    assert early.status_code == 409 and "Voting opens on day 3" in early.get_json()["error"]["message"]
    sprint_day(challenge, 3)
    late_post = api(author).post("/api/v1/ideas", json={"title": "Too late", "problem": "p", "proposal": "q", "challenge_id": challenge.id})
    assert late_post.status_code == 409
    state = voter.put(f"/api/v1/challenges/{challenge.id}/votes/{idea_id}").get_json()
    assert state == {"idea_id": idea_id, "votes": 1, "voted": True, "votes_used": 1, "votes_left": 2}
    assert voter.put(f"/api/v1/challenges/{challenge.id}/votes/{idea_id}").get_json()["votes"] == 1
    assert voter.delete(f"/api/v1/challenges/{challenge.id}/votes/{idea_id}").get_json()["votes_left"] == 3
    assert api(make_user()).post(f"/api/v1/challenges/{challenge.id}/shortlist", json={"idea_ids": [idea_id]}).status_code == 403
    shortlisted = api(challenge.facilitator).post(f"/api/v1/challenges/{challenge.id}/shortlist", json={"idea_ids": [idea_id]})
    assert shortlisted.status_code == 200 and shortlisted.get_json()["ideas"][0]["shortlisted"] is True
    decision = {"idea_id": idea_id, "outcome": "park", "reason": "We will look again after the new system is live.", "revisit_on": "2026-09-01"}
    assert api(challenge.sponsor).post(f"/api/v1/challenges/{challenge.id}/decisions", json=decision).status_code == 409
    sprint_day(challenge, 5)
    assert api(make_user(role="moderator")).post(f"/api/v1/challenges/{challenge.id}/decisions", json=decision).status_code == 403
    missing = api(challenge.sponsor).post(f"/api/v1/challenges/{challenge.id}/decisions", json={**decision, "revisit_on": None})
    assert missing.status_code == 422
    done = api(challenge.sponsor).post(f"/api/v1/challenges/{challenge.id}/decisions", json=decision)
    assert done.status_code == 201 and done.get_json()["decision"]["outcome"] == "park"
    assert api(author).get(f"/api/v1/ideas/{idea_id}").get_json()["stage"] == "parked"


def test_bring_in_by_the_facilitator(api, make_challenge, make_idea, make_user):
    challenge = make_challenge(starts_on=date(2026, 3, 9))
    idea = make_idea()
    assert api(make_user(role="moderator")).post(f"/api/v1/challenges/{challenge.id}/ideas", json={"idea_id": idea.id}).status_code == 403
    added = api(challenge.facilitator).post(f"/api/v1/challenges/{challenge.id}/ideas", json={"idea_id": idea.id})
    assert added.status_code == 201 and added.get_json()["idea_id"] == idea.id
    assert api(challenge.facilitator).post(f"/api/v1/challenges/{challenge.id}/ideas", json={"idea_id": idea.id}).status_code == 409
    assert api(challenge.facilitator).post("/api/v1/challenges/999999/ideas", json={"idea_id": idea.id}).status_code == 404
