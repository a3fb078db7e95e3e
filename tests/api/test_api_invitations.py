"""API: GET /ideas/{id}/helpers, POST and GET /ideas/{id}/invitations, POST /invitations/{id}/decline.
Both sides of each rule, errors in the API's shape, nothing stored on a refusal."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from ideashub.extensions import db as _db
from ideashub.matching.models import Invitation


def _count() -> int:
    return _db.session.scalar(select(func.count()).select_from(Invitation))


@pytest.fixture
def world(db, make_user, make_idea, make_team):
    author = make_user(name="Siobhan Murphy")
    idea = make_idea(author=author, title="Book repairs online")
    away = make_team(name="Digital services")
    experts = []
    for n in range(7):
        person = make_user(name=f"Expert {n}", team=away)
        person.skills, person.bio = "repairs, data", "I run the repairs desk."
        experts.append(person)
    _db.session.commit()
    return SimpleNamespace(author=author, idea=idea, experts=experts, moderator=make_user(role="moderator"))


def test_helpers_are_people_in_the_apis_user_shape_with_score_and_reasons(api, world, make_user):
    answer = api(make_user()).get(f"/api/v1/ideas/{world.idea.id}/helpers")
    assert answer.status_code == 200
    items = answer.get_json()["items"]
    assert 1 <= len(items) <= 5
    first = items[0]
    assert set(first) == {"user", "score", "reasons"}
    assert {"id", "name", "role", "team", "organisation", "bio", "skills"} <= set(first["user"])
    assert "email" not in first["user"]
    assert first["user"]["team"]["name"] == "Digital services" and "skills: repairs" in first["reasons"]
    assert isinstance(first["score"], float)
    assert world.author.id not in [i["user"]["id"] for i in items]


def test_helpers_of_an_unknown_or_hidden_idea_are_not_found(api, world, make_user, clock):
    from ideashub.hearing import services as hearing

    member = api(make_user())
    assert member.get("/api/v1/ideas/2000000000/helpers").status_code == 404
    hearing.hide_idea(world.moderator, world.idea.id, "Personal details in the text.", clock.now())
    _db.session.commit()
    assert member.get(f"/api/v1/ideas/{world.idea.id}/helpers").status_code == 404
    assert api(world.moderator).get(f"/api/v1/ideas/{world.idea.id}/helpers").status_code == 200


def test_the_author_invites_201_with_the_items_and_the_list_shows_them(api, world):
    ids = [world.experts[0].id, world.experts[1].id]
    answer = api(world.author).post(f"/api/v1/ideas/{world.idea.id}/invitations",
                                    json={"user_ids": ids, "note": "You ran the pilot."})
    assert answer.status_code == 201, answer.get_json()
    items = answer.get_json()["items"]
    assert [i["user"]["id"] for i in items] == ids
    assert all(i["status"] == "invited" and i["note"] == "You ran the pilot." for i in items)
    assert items[0]["invited_by"] == {"id": world.author.id, "name": "Siobhan Murphy"}
    listed = api(world.moderator).get(f"/api/v1/ideas/{world.idea.id}/invitations").get_json()["items"]
    assert [(i["id"], i["user"]["id"], i["status"], i["note"]) for i in listed] == [
        (i["id"], i["user"]["id"], "invited", "You ran the pilot.") for i in items]


def test_the_note_is_for_the_people_it_concerns_only(api, world, make_user):
    api(world.author).post(f"/api/v1/ideas/{world.idea.id}/invitations",
                           json={"user_ids": [world.experts[0].id], "note": "A word for you."})
    url = f"/api/v1/ideas/{world.idea.id}/invitations"
    assert api(world.experts[0]).get(url).get_json()["items"][0]["note"] == "A word for you."
    assert api(world.moderator).get(url).get_json()["items"][0]["note"] == "A word for you."
    [seen] = api(make_user()).get(url).get_json()["items"]
    assert seen["note"] is None and seen["status"] == "invited"


def test_a_member_who_is_not_the_author_is_refused_403_before_the_body_is_read(api, world, make_user):
    member = api(make_user())
    for body in ({"user_ids": [world.experts[0].id]}, {"user_ids": "nonsense", "extra": 1}):
        answer = member.post(f"/api/v1/ideas/{world.idea.id}/invitations", json=body)
        assert answer.status_code == 403 and answer.get_json()["error"]["code"] == "forbidden"
    assert _count() == 0


@pytest.mark.parametrize(("body", "field"), [
    ({}, "user_ids"), ({"user_ids": []}, "user_ids"), ({"user_ids": ["x"]}, "user_ids.0"),
    ({"user_ids": [1], "note": "x" * 501}, "note"), ({"user_ids": [1], "colour": "red"}, "colour"),
])
def test_a_bad_body_is_422_with_the_field_and_nothing_stored(api, world, body, field):
    answer = api(world.author).post(f"/api/v1/ideas/{world.idea.id}/invitations", json=body)
    assert answer.status_code == 422 and field in answer.get_json()["error"]["fields"], answer.get_json()
    assert _count() == 0


def test_unknown_people_are_422_and_refused_people_409_all_or_nothing(api, world, make_user):
    caller = api(world.moderator)
    url = f"/api/v1/ideas/{world.idea.id}/invitations"
    unknown = caller.post(url, json={"user_ids": [world.experts[0].id, 2_000_000_000]})
    assert unknown.status_code == 422 and "2000000000" in unknown.get_json()["error"]["fields"]["user_ids"]
    author = caller.post(url, json={"user_ids": [world.experts[0].id, world.author.id]})
    assert author.status_code == 409 and "wrote this idea" in author.get_json()["error"]["message"]
    assert _count() == 0
    assert caller.post(url, json={"user_ids": [world.experts[0].id]}).status_code == 201
    again = caller.post(url, json={"user_ids": [world.experts[0].id]})
    assert again.status_code == 409 and "already invited" in again.get_json()["error"]["fields"]["user_ids"]
    assert api(make_user()).post("/api/v1/ideas/2000000000/invitations", json={"user_ids": [1]}).status_code == 404


def test_over_the_idea_limit_is_409_and_over_the_persons_limit_429(api, app, world, make_idea):
    url = f"/api/v1/ideas/{world.idea.id}/invitations"
    six = [p.id for p in world.experts[:6]]
    over = api(world.author).post(url, json={"user_ids": six})
    assert over.status_code == 409 and "Up to 5 people" in over.get_json()["error"]["message"]
    assert _count() == 0
    app.config["INVITATIONS_PER_PERSON_PER_DAY"] = 2
    try:
        other = make_idea(author=world.author)
        moderator = api(world.moderator)
        assert moderator.post(url, json={"user_ids": six[:2]}).status_code == 201
        limited = moderator.post(f"/api/v1/ideas/{other.id}/invitations", json={"user_ids": six[2:3]})
        assert limited.status_code == 429 and limited.get_json()["error"]["code"] == "rate_limited"
    finally:
        app.config["INVITATIONS_PER_PERSON_PER_DAY"] = 20
    assert _count() == 2


def test_decline_is_for_the_invitee_and_once(api, world, make_user):
    [made] = api(world.author).post(f"/api/v1/ideas/{world.idea.id}/invitations",
                                    json={"user_ids": [world.experts[0].id]}).get_json()["items"]
    url = f"/api/v1/invitations/{made['id']}/decline"
    assert api(world.author).post(url).status_code == 403
    answer = api(world.experts[0]).post(url)
    assert answer.status_code == 200
    assert answer.get_json()["status"] == "declined" and answer.get_json()["answered_at"]
    assert api(world.experts[0]).post(url).status_code == 409
    assert api(world.experts[0]).post("/api/v1/invitations/2000000000/decline").status_code == 404
    helpers = api(world.author).get(f"/api/v1/ideas/{world.idea.id}/helpers").get_json()["items"]
    assert world.experts[0].id not in [h["user"]["id"] for h in helpers]
