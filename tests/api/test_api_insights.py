"""API: insights, the CSV export and top ideas."""

from ideashub.ideas import services as ideas


def test_insights_for_executives_only(api, make_user, make_idea, clock):
    idea = make_idea()
    ideas.support_idea(make_user(), idea.id, clock.now())
    assert api(make_user()).get("/api/v1/insights").status_code == 403
    body = api(make_user(role="executive")).get("/api/v1/insights").get_json()
    assert body["pipeline"]["being_heard"] >= 1
    assert set(body) >= {"pipeline", "waiting", "hearing", "top", "cross_team", "givers", "challenges"}
    assert len(body["cross_team"]["supports"]) == len(body["cross_team"]["teams"])
    supporters = [i["supporters"] for i in body["top"]]
    assert supporters == sorted(supporters, reverse=True)
    assert api(make_user(role="executive")).get("/api/v1/insights?period=forever").status_code == 400


def test_csv_and_top(api, make_user, make_idea, clock):
    a, b = make_idea(title="Less supported"), make_idea(title="More supported")
    for _ in range(2):
        ideas.support_idea(make_user(), b.id, clock.now())
    ideas.support_idea(make_user(), a.id, clock.now())
    member = api(make_user())
    assert member.get("/api/v1/insights/ideas.csv").status_code == 403
    csv_text = api(make_user(role="moderator")).get("/api/v1/insights/ideas.csv").get_data(as_text=True)
    assert "More supported" in csv_text
    top = member.get("/api/v1/ideas/top?by=support").get_json()["items"]
    assert [i["title"] for i in top][:2] == ["More supported", "Less supported"]
    assert member.get("/api/v1/ideas/top?by=loudest").status_code == 400
