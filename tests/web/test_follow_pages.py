"""Follow buttons on the idea, board, challenge and profile pages, and Your account, Following."""

from __future__ import annotations

import re

from ideashub.reach import follows
from ideashub.reach.follows import CHALLENGE, IDEA, TAG, TEAM


def _hide(idea, make_user, clock, db):
    from ideashub.hearing import services as hearing

    hearing.hide_idea(make_user(role="moderator"), idea.id, "Personal details in the text.", clock.now())
    db.session.commit()


def test_follow_an_idea_from_its_page_without_javascript(client, auth, make_user, make_idea):
    idea, person = make_idea(), make_user()
    auth.login(person)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'action="/ideas/{idea.id}/follow"' in page and "Follow this idea" in page
    answer = client.post(f"/ideas/{idea.id}/follow", data={"next": f"/ideas/{idea.id}"})
    assert answer.status_code == 302 and answer.headers["Location"] == f"/ideas/{idea.id}"
    assert follows.is_following(person.id, IDEA, idea.id)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Following ✓" in page and f'action="/ideas/{idea.id}/unfollow"' in page and "Stop following" in page
    assert "You are following this idea." in page

    client.post(f"/ideas/{idea.id}/unfollow", data={"next": f"/ideas/{idea.id}"})
    assert not follows.is_following(person.id, IDEA, idea.id)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "You no longer follow this idea." in page and "Follow this idea" in page


def test_a_button_goes_back_to_its_own_page_and_never_elsewhere(client, auth, make_user, make_idea):
    idea = make_idea()
    auth.login(make_user())
    back = client.post(f"/ideas/{idea.id}/follow", data={"next": "/ideas/?tag=falls"})
    assert back.headers["Location"] == "/ideas/?tag=falls"
    nowhere = client.post(f"/ideas/{idea.id}/unfollow", data={})
    assert nowhere.headers["Location"] == f"/ideas/{idea.id}"
    away = client.post(f"/ideas/{idea.id}/follow", data={"next": "https://elsewhere.example/"})
    assert away.headers["Location"] == f"/ideas/{idea.id}"


def test_the_author_sees_they_follow_their_own_idea(client, auth, make_idea):
    idea = make_idea()
    auth.login(idea.author)
    assert "Following ✓" in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_a_hidden_idea_offers_members_no_button_and_refuses_them(client, auth, make_user, make_idea, clock, db):
    idea, member = make_idea(), make_user()
    _hide(idea, make_user, clock, db)
    auth.login(member)
    assert f"/ideas/{idea.id}/follow" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert client.post(f"/ideas/{idea.id}/follow", data={}).status_code == 404
    assert not follows.is_following(member.id, IDEA, idea.id)
    auth.logout()
    moderator = make_user(role="moderator")
    auth.login(moderator)
    assert f"/ideas/{idea.id}/follow" in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_the_board_filtered_by_a_tag_or_a_team_offers_to_follow_it(client, auth, make_user, make_idea):
    idea = make_idea(tags=["falls"])
    person = make_user()
    auth.login(person)
    plain = client.get("/ideas/").get_data(as_text=True)
    assert "Follow this tag" not in plain and "Follow this team" not in plain

    by_tag = client.get("/ideas/?tag=falls").get_data(as_text=True)
    assert 'action="/tags/falls/follow"' in by_tag and "Follow this tag" in by_tag
    answer = client.post("/tags/falls/follow", data={"next": "/ideas/?tag=falls"})
    assert answer.headers["Location"] == "/ideas/?tag=falls"
    assert "Following ✓" in client.get("/ideas/?tag=falls").get_data(as_text=True)
    assert follows.is_following_tag(person.id, "falls")

    by_team = client.get(f"/ideas/?team={idea.team_id}").get_data(as_text=True)
    assert f'action="/teams/{idea.team_id}/follow"' in by_team and "Follow this team" in by_team
    client.post(f"/teams/{idea.team_id}/follow", data={})
    assert follows.is_following(person.id, TEAM, idea.team_id)
    client.post(f"/teams/{idea.team_id}/unfollow", data={})
    assert not follows.is_following(person.id, TEAM, idea.team_id)


def test_a_tag_no_idea_has_gets_no_button_and_is_not_found(client, auth, make_user):
    auth.login(make_user())
    assert "Follow this tag" not in client.get("/ideas/?tag=nothing-here").get_data(as_text=True)
    assert client.post("/tags/nothing-here/follow", data={}).status_code == 404
    assert client.post("/teams/2000000000/follow", data={}).status_code == 404
    assert client.post("/challenges/2000000000/follow", data={}).status_code == 404


def test_follow_a_challenge_from_its_page(client, auth, make_user, make_challenge):
    challenge, person = make_challenge(), make_user()
    auth.login(person)
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert f'action="/challenges/{challenge.id}/follow"' in page and "Follow this challenge" in page
    answer = client.post(f"/challenges/{challenge.id}/follow", data={})
    assert answer.headers["Location"] == f"/challenges/{challenge.id}"
    assert follows.is_following(person.id, CHALLENGE, challenge.id)
    assert "Following ✓" in client.get(f"/challenges/{challenge.id}").get_data(as_text=True)


def test_follow_a_persons_team_from_their_profile(client, auth, make_user):
    someone, person = make_user(), make_user()
    auth.login(person)
    page = client.get(f"/people/{someone.id}").get_data(as_text=True)
    assert f'action="/teams/{someone.team_id}/follow"' in page and "Follow their team" in page
    client.post(f"/teams/{someone.team_id}/follow", data={"next": f"/people/{someone.id}"})
    assert follows.is_following(person.id, TEAM, someone.team_id)


def test_a_person_without_a_team_has_no_team_button(client, auth, make_user):
    someone, person = make_user(team=None), make_user()
    auth.login(person)
    assert "Follow their team" not in client.get(f"/people/{someone.id}").get_data(as_text=True)


def test_the_following_page_lists_what_you_follow_grouped_and_ends_it(
    client, auth, make_user, make_idea, make_challenge, make_team, clock
):
    person = make_user()
    idea = make_idea(title="Book repairs online", tags=["repairs"])
    team, challenge = make_team(name="Street lighting"), make_challenge(title="Tell us once")
    for target, key in ((IDEA, idea.id), (TAG, "repairs"), (TEAM, team.id), (CHALLENGE, challenge.id)):
        follows.follow(person, target, key, clock.now())
    auth.login(person)
    page = client.get("/account/following").get_data(as_text=True)
    assert 'aria-current="page">Following</a>' in page
    headings = re.findall(r"<h2 id=\"following-\d\">([^<]+)</h2>", page)
    assert headings == ["Ideas", "Tags", "Teams", "Challenges"]
    for text in ("Book repairs online", "repairs", "Street lighting", "Tell us once", "You follow 4 things"):
        assert text in page
    assert 'action="/tags/repairs/unfollow"' in page

    answer = client.post("/tags/repairs/unfollow", data={"next": "/account/following"})
    assert answer.headers["Location"] == "/account/following"
    page = client.get("/account/following").get_data(as_text=True)
    assert "You no longer follow this tag." in page
    assert re.findall(r"<h2 id=\"following-\d\">([^<]+)</h2>", page) == ["Ideas", "Teams", "Challenges"]


def test_the_following_page_says_so_when_you_follow_nothing(client, auth, make_user):
    auth.login(make_user())
    page = client.get("/account/following").get_data(as_text=True)
    assert "You are not following anything yet." in page
    assert "Stop following" not in page


def test_every_account_page_has_the_following_tab(client, auth, make_user):
    auth.login(make_user())
    assert 'href="/account/following"' in client.get("/account").get_data(as_text=True)


def test_a_follow_without_its_csrf_token_is_refused_and_stores_nothing(client, auth, make_user, make_idea, csrf_on):
    idea, person = make_idea(), make_user()
    client.get("/login")
    with client.session_transaction() as session:  # signed in without the sign-in form (CSRF is on)
        session["_user_id"] = person.get_id()
        session["_fresh"] = True
    assert client.post(f"/ideas/{idea.id}/follow", data={}).status_code == 400
    assert not follows.is_following(person.id, IDEA, idea.id)


def test_signed_out_people_are_sent_to_sign_in(client, make_idea):
    idea = make_idea()
    answer = client.post(f"/ideas/{idea.id}/follow", data={})
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")
    assert client.get("/account/following").headers["Location"].startswith("/login")
