"""API: PUT and DELETE .../follow for ideas, tags, teams and challenges, and GET /me/following."""

from __future__ import annotations

import pytest

from ideashub.reach import follows
from ideashub.reach.follows import IDEA


def _hide(idea, make_user, clock, db):
    from ideashub.hearing import services as hearing

    hearing.hide_idea(make_user(role="moderator"), idea.id, "Personal details in the text.", clock.now())
    db.session.commit()


def test_follow_and_stop_following_an_idea_both_idempotent(api, make_user, make_idea):
    idea, person = make_idea(), make_user()
    caller = api(person)
    for _ in range(2):
        answer = caller.put(f"/api/v1/ideas/{idea.id}/follow")
        assert answer.status_code == 200
        assert answer.get_json() == {"following": True, "target": "idea", "id": idea.id}
    assert follows.is_following(person.id, IDEA, idea.id)
    for _ in range(2):
        answer = caller.delete(f"/api/v1/ideas/{idea.id}/follow")
        assert answer.status_code == 200
        assert answer.get_json() == {"following": False, "target": "idea", "id": idea.id}
    assert not follows.is_following(person.id, IDEA, idea.id)


def test_follow_a_tag_by_its_name(api, make_user, make_idea):
    make_idea(tags=["falls-prevention"])
    caller = api(make_user())
    answer = caller.put("/api/v1/tags/falls-prevention/follow").get_json()
    assert answer["following"] is True and answer["target"] == "tag" and answer["name"] == "falls-prevention"
    assert isinstance(answer["id"], int)
    assert caller.delete("/api/v1/tags/falls-prevention/follow").get_json()["following"] is False


def test_follow_a_team_and_a_challenge(api, make_user, make_team, make_challenge):
    team, challenge = make_team(), make_challenge()
    caller = api(make_user())
    assert caller.put(f"/api/v1/teams/{team.id}/follow").get_json() == {"following": True, "target": "team", "id": team.id}
    assert caller.put(f"/api/v1/challenges/{challenge.id}/follow").get_json() == {
        "following": True, "target": "challenge", "id": challenge.id}
    assert caller.delete(f"/api/v1/teams/{team.id}/follow").get_json()["following"] is False
    assert caller.delete(f"/api/v1/challenges/{challenge.id}/follow").get_json()["following"] is False


@pytest.mark.parametrize("path", ["/api/v1/ideas/2000000000/follow", "/api/v1/tags/no-such-tag/follow",
                                  "/api/v1/teams/2000000000/follow", "/api/v1/challenges/2000000000/follow"])
def test_following_what_does_not_exist_is_a_404_in_the_error_shape(api, make_user, path):
    caller = api(make_user())
    for answer in (caller.put(path), caller.delete(path)):
        assert answer.status_code == 404
        assert answer.get_json()["error"]["code"] == "not_found"
    assert caller.get("/api/v1/me/following").get_json() == {"items": []}


def test_a_hidden_idea_is_not_found_for_members_but_found_for_moderators(api, make_user, make_idea, clock, db):
    idea = make_idea()
    _hide(idea, make_user, clock, db)
    assert api(make_user()).put(f"/api/v1/ideas/{idea.id}/follow").status_code == 404
    assert api(make_user(role="moderator")).put(f"/api/v1/ideas/{idea.id}/follow").get_json()["following"] is True


def test_a_member_stops_following_an_idea_hidden_after_they_followed_it(api, make_user, make_idea, clock, db):
    idea, member = make_idea(), make_user()
    caller = api(member)
    caller.put(f"/api/v1/ideas/{idea.id}/follow")
    _hide(idea, make_user, clock, db)
    answer = caller.delete(f"/api/v1/ideas/{idea.id}/follow")
    assert answer.status_code == 200 and answer.get_json()["following"] is False


def test_what_i_follow_newest_first_with_names_addresses_and_since(api, make_user, make_idea, make_team, clock):
    person = make_user()
    idea = make_idea(title="Book repairs online", tags=["repairs"])
    team = make_team(name="Street lighting")
    caller = api(person)
    caller.put(f"/api/v1/ideas/{idea.id}/follow")
    clock.advance(hours=1)
    caller.put("/api/v1/tags/repairs/follow")
    clock.advance(hours=1)
    caller.put(f"/api/v1/teams/{team.id}/follow")
    items = caller.get("/api/v1/me/following").get_json()["items"]
    assert [(i["target"], i["name"]) for i in items] == [
        ("team", team.label), ("tag", "repairs"), ("idea", "Book repairs online")]
    assert items[2]["url"].startswith("http") and items[2]["url"].endswith(f"/ideas/{idea.id}")
    assert items[1]["url"].endswith("/ideas/?tag=repairs")
    assert items[0]["since"] == clock.now().isoformat().replace("+00:00", "Z")


def test_following_needs_a_token(api, make_idea):
    idea = make_idea()
    assert api(None).put(f"/api/v1/ideas/{idea.id}/follow").status_code == 401
    assert api(None).get("/api/v1/me/following").status_code == 401
