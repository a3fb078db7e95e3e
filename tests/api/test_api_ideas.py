"""API: ideas, support, responses, activity, and its errors."""

from sqlalchemy import func, select

from ideashub.ideas.models import Idea, Response

NEW = {
    "title": "One shared referral form for falls prevention",
    "problem": "Three forms for one referral.",
    "proposal": "Agree one short form.",
    "benefit": "About 300 staff hours a year.",
    "tags": ["Falls", "referrals"],
}


def test_post_an_idea_and_read_it_back(api, make_user):
    author = make_user()
    client = api(author)
    response = client.post("/api/v1/ideas", json=NEW)
    assert response.status_code == 201
    idea = response.get_json()
    assert idea["stage"] == "being_heard"
    assert idea["tags"] == ["falls", "referrals"]
    assert idea["author"] == {"id": author.id, "name": author.name}
    assert idea["team"]["id"] == author.team_id
    assert idea["hearing"] == {"heard": False, "responders": 0, "required": 3, "other_team": False, "days_left": 5}
    assert idea["url"].endswith(f"/ideas/{idea['id']}")
    expected = {"id", "title", "problem", "proposal", "benefit", "tags", "stage", "author", "team", "organisation",
                "supporters", "supporting_teams", "responses", "hearing", "created_at", "url"}
    assert expected <= set(idea)
    assert client.get(f"/api/v1/ideas/{idea['id']}").get_json()["title"] == NEW["title"]


def test_bad_input_gets_a_clear_4xx_and_stores_nothing(api, make_user, client, db):
    author = api(make_user())
    before = db.session.scalar(select(func.count()).select_from(Idea))
    not_json = author.post("/api/v1/ideas", data="{title", headers={"Content-Type": "application/json"})
    assert not_json.status_code == 400
    wrong_type = author.post("/api/v1/ideas", data="title=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert wrong_type.status_code == 415
    not_object = author.post("/api/v1/ideas", json=["a"])
    assert not_object.status_code == 400
    too_long = author.post("/api/v1/ideas", json={**NEW, "title": "x" * 151})
    assert too_long.status_code == 422 and "title" in too_long.get_json()["error"]["fields"]
    mass = author.post("/api/v1/ideas", json={**NEW, "stage": "delivered", "supporters": 999, "author_id": 1})
    assert mass.status_code == 422
    assert set(mass.get_json()["error"]["fields"]) == {"stage", "supporters", "author_id"}
    huge = author.post("/api/v1/ideas", json={**NEW, "problem": "x" * 2_000_000})
    assert huge.status_code == 413 and huge.get_json()["error"]["code"] == "too_large"
    assert db.session.scalar(select(func.count()).select_from(Idea)) == before


def test_list_filters_sorts_and_pages(api, make_user, make_idea, make_team, db):
    team = make_team()
    mine = [make_idea(author=make_user(team=team), title=f"Bins idea {i}", tags=["waste"]) for i in range(3)]
    make_idea(title="Something about parking")
    client = api(make_user())
    page = client.get(f"/api/v1/ideas?team={team.id}&per_page=2&sort=new").get_json()
    assert page["total"] == 3
    assert [i["id"] for i in page["items"]] == [mine[2].id, mine[1].id]
    assert page["next"] and "page=2" in page["next"]
    second = client.get(page["next"]).get_json()
    assert [i["id"] for i in second["items"]] == [mine[0].id] and second["next"] is None
    assert client.get("/api/v1/ideas?tag=waste").get_json()["total"] == 3
    assert client.get("/api/v1/ideas?q=bins").get_json()["total"] == 3
    assert client.get("/api/v1/ideas?q=bin").get_json()["total"] == 3  # prefix
    assert client.get("/api/v1/ideas?q=parking").get_json()["total"] == 1
    assert client.get("/api/v1/ideas?stage=shortlisted").get_json()["total"] == 0


def test_list_refuses_unknown_sort_and_stage(api, make_user):
    client = api(make_user())
    for query in ("sort=votes;DROP TABLE ideas", "stage=secret", "page=abc", "per_page=1000", "page=99999"):
        response = client.get(f"/api/v1/ideas?{query}")
        assert response.status_code == 400, query
        assert response.get_json()["error"]["code"] == "bad_request"


def test_searches_and_tags_longer_than_the_document_allows_are_refused_not_cut(api, make_user, make_idea):
    # Cutting a 201-character search to 200 would answer a different question than was asked.
    make_idea(title="Shared minibus", tags=["transport"])
    admin = api(make_user(role="admin"))
    for path, name, limit in (("/api/v1/ideas", "q", 200), ("/api/v1/ideas", "tag", 40),
                              ("/api/v1/ideas/top", "tag", 40), ("/api/v1/users", "q", 100)):
        longest = admin.get(f"{path}?{name}={'a' * limit}")
        assert longest.status_code == 200, (path, name)
        refused = admin.get(f"{path}?{name}={'a' * (limit + 1)}")
        assert refused.status_code == 400, (path, name)
        assert refused.get_json()["error"]["fields"] == {name: f"At most {limit} characters."}


def test_search_text_is_never_query_syntax(api, make_user, make_idea):
    make_idea(title="Fix the bins")
    client = api(make_user())
    for q in ('"', "bins OR 1=1", "NEAR(", "*", "' OR 1=1--", "bins:*", "!&|"):
        assert client.get("/api/v1/ideas", query_string={"q": q}).status_code == 200, q


def test_edit_own_idea_while_being_heard_only(api, make_user, make_idea, db):
    idea = make_idea()
    author, other = api(idea.author), api(make_user())
    assert other.patch(f"/api/v1/ideas/{idea.id}", json={"title": "Taken over by someone"}).status_code == 403
    ok = author.patch(f"/api/v1/ideas/{idea.id}", json={"title": "A clearer title"})
    assert ok.status_code == 200 and ok.get_json()["title"] == "A clearer title"
    assert ok.get_json()["problem"] == idea.problem
    idea.stage = "shortlisted"
    db.session.commit()
    late = author.patch(f"/api/v1/ideas/{idea.id}", json={"title": "Too late now"})
    assert late.status_code == 409


def test_support_is_idempotent_and_counted_once(api, make_user, make_idea):
    idea = make_idea()
    client = api(make_user())
    for _ in range(2):
        body = client.put(f"/api/v1/ideas/{idea.id}/support").get_json()
        assert body["supporters"] == 1 and body["supported"] is True
    for _ in range(2):
        body = client.delete(f"/api/v1/ideas/{idea.id}/support").get_json()
        assert body["supporters"] == 0 and body["supported"] is False
    assert api(idea.author).put(f"/api/v1/ideas/{idea.id}/support").status_code == 403
    assert client.put("/api/v1/ideas/999999/support").status_code == 404


def test_responses_and_replies(api, make_user, make_idea, db):
    idea = make_idea()
    client = api(make_user())
    build = client.post(f"/api/v1/ideas/{idea.id}/responses", json={"kind": "build", "body": "Yes, and add the GP surgeries."})
    assert build.status_code == 201
    reply = client.post(f"/api/v1/ideas/{idea.id}/responses", json={"kind": "build", "body": "Agreed", "parent_id": build.get_json()["id"]})
    assert reply.status_code == 201 and reply.get_json()["parent_id"] == build.get_json()["id"]
    concern = client.post(f"/api/v1/ideas/{idea.id}/responses", json={"kind": "concern", "body": "Data sharing?"})
    assert concern.status_code == 422 and "suggestion" in concern.get_json()["error"]["fields"]
    offer = client.post(f"/api/v1/ideas/{idea.id}/responses", json={"kind": "offer", "body": "Process mapping", "hours": 2.5})
    assert offer.status_code == 201 and offer.get_json()["hours"] == 2.5
    listed = client.get(f"/api/v1/ideas/{idea.id}/responses").get_json()["items"]
    assert [r["kind"] for r in listed] == ["build", "build", "offer"]
    assert db.session.scalar(select(func.count()).select_from(Response).where(Response.idea_id == idea.id)) == 3


def test_activity_shows_the_ideas_timeline(api, make_user, make_idea):
    idea = make_idea()
    author = api(idea.author)
    author.patch(f"/api/v1/ideas/{idea.id}", json={"title": "A clearer title"})
    items = api(make_user()).get(f"/api/v1/ideas/{idea.id}/activity").get_json()["items"]
    assert [i["action"] for i in items] == ["idea.edited", "idea.posted"]
    assert items[0]["actor"] == {"id": idea.author.id, "name": idea.author.name}


def test_unknown_api_address_is_a_json_404(api, make_user):
    response = api(make_user()).get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
