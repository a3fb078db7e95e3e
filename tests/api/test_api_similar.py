"""API: similar ideas for a typed title and problem, and for an idea (issue 16)."""

from __future__ import annotations

from ideashub.ideas.models import Stage

VANS = {"title": "Shared electric van pool for community nurses",
        "problem": "Community nurses drive their own cars between home visits and claim mileage."}
LIKE = {"title": "Electric van pool shared by community nurses",
        "problem": "Nurses use their own cars for home visits and claim mileage."}


def test_similar_ideas_for_typed_text_come_with_the_idea_score_and_reason(api, make_user, make_idea):
    vans = make_idea(**VANS)
    other = make_idea(title="Quarterly choir rehearsal timetable", problem="Singers miss rehearsals.")
    client = api(make_user())
    answer = client.get("/api/v1/ideas/similar", query_string=LIKE)
    assert answer.status_code == 200
    [item] = answer.get_json()["items"]
    assert set(item) == {"idea", "score", "reason"}
    assert item["idea"]["id"] == vans.id and item["idea"]["title"] == VANS["title"]
    # The same shape as the idea list's items.
    listed = next(i for i in client.get("/api/v1/ideas").get_json()["items"] if i["id"] == vans.id)
    assert set(item["idea"]) == set(listed)
    assert isinstance(item["score"], float) and item["score"] > 0 and item["reason"]
    assert other.id not in [i["idea"]["id"] for i in answer.get_json()["items"]]


def test_text_like_no_idea_gets_an_empty_list(api, make_user, make_idea):
    make_idea(**VANS)
    answer = api(make_user()).get("/api/v1/ideas/similar", query_string={"title": "Quarterly choir rehearsal timetable"})
    assert answer.status_code == 200 and answer.get_json() == {"items": []}


def test_the_limit_is_kept_and_checked(api, make_user, make_idea):
    for n in range(7):
        make_idea(title=f"{VANS['title']} {n}", problem=VANS["problem"])
    client = api(make_user())
    assert len(client.get("/api/v1/ideas/similar", query_string=LIKE).get_json()["items"]) == 5  # the default
    assert len(client.get("/api/v1/ideas/similar", query_string={**LIKE, "limit": 2}).get_json()["items"]) == 2
    assert len(client.get("/api/v1/ideas/similar", query_string={**LIKE, "limit": 10}).get_json()["items"]) == 7
    for bad in ("0", "11", "-1", "two", "1.5", "²"):
        refused = client.get("/api/v1/ideas/similar", query_string={**LIKE, "limit": bad})
        assert refused.status_code == 422, bad
        assert "limit" in refused.get_json()["error"]["fields"]


def test_empty_or_oversized_text_is_refused(api, make_user):
    client = api(make_user())
    for query, field in (({}, "title"), ({"title": ""}, "title"), ({"title": "  "}, "title"),
                         ({"title": "x" * 151}, "title"), ({"title": "Vans", "problem": "p" * 10_001}, "problem")):
        refused = client.get("/api/v1/ideas/similar", query_string=query)
        assert refused.status_code == 422, query
        body = refused.get_json()["error"]
        assert body["code"] == "invalid" and field in body["fields"]


def test_similar_to_an_idea_leaves_the_idea_out_and_unknown_ideas_are_404(api, db, make_user, make_idea):
    vans = make_idea(**VANS)
    twin = make_idea(**LIKE)
    twin.stage = Stage.PARKED
    db.session.commit()
    client = api(make_user())
    [item] = client.get(f"/api/v1/ideas/{vans.id}/similar").get_json()["items"]
    assert item["idea"]["id"] == twin.id and item["idea"]["stage"] == "parked"
    assert client.get(f"/api/v1/ideas/{vans.id}/similar?limit=0").status_code == 422
    assert client.get("/api/v1/ideas/999999/similar").status_code == 404


def test_a_hidden_idea_has_no_similar_ideas_for_members(api, db, clock, make_user, make_idea):
    vans = make_idea(**VANS)
    make_idea(**LIKE)
    vans.hidden_at, vans.hidden_reason = clock.now(), "Names a patient."
    db.session.commit()
    assert api(make_user()).get(f"/api/v1/ideas/{vans.id}/similar").get_json() == {"items": []}
    assert len(api(make_user(role="moderator")).get(f"/api/v1/ideas/{vans.id}/similar").get_json()["items"]) == 1


def test_similar_ideas_need_a_token(api):
    assert api(None).get("/api/v1/ideas/similar?title=vans").status_code == 401
    assert api(None).get("/api/v1/ideas/1/similar").status_code == 401
