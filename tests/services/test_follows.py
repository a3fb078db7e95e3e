"""Following ideas, tags, teams and challenges: the services, the automatic follows, and who hears."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from ideashub.core.errors import Forbidden, NotFound
from ideashub.extensions import db as _db
from ideashub.ideas.models import Tag
from ideashub.reach import follows
from ideashub.reach.follows import CHALLENGE, IDEA, TAG, TEAM


def _tag_id(name: str) -> int:
    return _db.session.query(Tag).filter_by(name=name).one().id


def _hide(idea, make_user, clock):
    from ideashub.hearing import services as hearing

    hearing.hide_idea(make_user(role="moderator"), idea.id, "Personal details in the text.", clock.now())
    _db.session.commit()


# --- Following and stopping ------------------------------------------------------------------


def test_following_is_idempotent_and_stopping_is_too(db, clock, make_user, make_idea):
    person, idea = make_user(), make_idea()
    assert not follows.is_following(person.id, IDEA, idea.id)
    assert follows.follow(person, IDEA, idea.id, clock.now()) is True
    assert follows.follow(person, IDEA, idea.id, clock.now()) is False
    assert follows.is_following(person.id, IDEA, idea.id)
    assert follows.unfollow(person, IDEA, idea.id) is True
    assert follows.unfollow(person, IDEA, idea.id) is False
    assert not follows.is_following(person.id, IDEA, idea.id)


def test_every_kind_of_target_can_be_followed(db, clock, make_user, make_idea, make_team, make_challenge):
    person, idea, team, challenge = make_user(), make_idea(tags=["falls"]), make_team(), make_challenge()
    tag = _tag_id("falls")
    for target, key in ((IDEA, idea.id), (TAG, tag), (TEAM, team.id), (CHALLENGE, challenge.id)):
        assert follows.follow(person, target, key, clock.now())
        assert follows.is_following(person.id, target, key)
    # A tag by its name, as the pages and the API name it, is the same follow.
    assert follows.follow(person, TAG, "Falls", clock.now()) is False
    assert follows.unfollow(person, TAG, "falls") is True
    assert not follows.is_following(person.id, TAG, tag)


@pytest.mark.parametrize("target", [IDEA, TAG, TEAM, CHALLENGE])
def test_following_something_that_does_not_exist_is_not_found(db, clock, make_user, target):
    person = make_user()
    key = "no-such-tag" if target == TAG else 2_000_000_000
    with pytest.raises(NotFound):
        follows.follow(person, target, key, clock.now())
    with pytest.raises(NotFound):
        follows.unfollow(person, target, key)
    assert follows.following_of(person.id) == []


def test_only_the_four_kinds_of_target_can_be_followed(db, clock, make_user, make_idea):
    person, idea = make_user(), make_idea()
    with pytest.raises(NotFound):
        follows.follow(person, "project", idea.id, clock.now())


def test_a_hidden_idea_cannot_be_followed_by_members_but_can_by_moderators(db, clock, make_user, make_idea):
    idea = make_idea()
    member, moderator = make_user(), make_user(role="moderator")
    _hide(idea, make_user, clock)
    with pytest.raises(NotFound):
        follows.follow(member, IDEA, idea.id, clock.now())
    assert not follows.is_following(member.id, IDEA, idea.id)
    assert follows.follow(moderator, IDEA, idea.id, clock.now())


def test_a_member_can_stop_following_an_idea_hidden_after_they_followed_it(db, clock, make_user, make_idea):
    idea, member = make_idea(), make_user()
    follows.follow(member, IDEA, idea.id, clock.now())
    _hide(idea, make_user, clock)
    assert follows.unfollow(member, IDEA, idea.id) is True


def test_a_withdrawn_idea_stays_readable_and_can_be_followed(db, clock, make_user, make_idea):
    from ideashub.ideas import services as ideas

    author = make_user()
    idea = make_idea(author=author)
    ideas.withdraw_idea(author, idea.id, clock.now())
    person = make_user()
    assert follows.follow(person, IDEA, idea.id, clock.now())


def test_a_deactivated_person_follows_nothing_new(db, clock, make_user, make_idea):
    person, idea = make_user(), make_idea()
    person.active = False
    with pytest.raises(Forbidden):
        follows.follow(person, IDEA, idea.id, clock.now())
    assert not follows.is_following(person.id, IDEA, idea.id)
    # The other side: an active person may.
    assert follows.follow(make_user(), IDEA, idea.id, clock.now())


# --- Following by taking part ----------------------------------------------------------------


def test_authors_and_responders_follow_the_idea_without_asking(db, clock, make_user, make_idea, make_response):
    author, responder, bystander = make_user(), make_user(), make_user()
    idea = make_idea(author=author)
    make_response(idea, author=responder)
    assert follows.is_following(author.id, IDEA, idea.id)
    assert follows.is_following(responder.id, IDEA, idea.id)
    assert not follows.is_following(bystander.id, IDEA, idea.id)


def test_responding_again_does_not_follow_again_after_stopping(db, clock, make_user, make_idea, make_response):
    responder, idea = make_user(), make_idea()
    make_response(idea, author=responder)
    follows.unfollow(responder, IDEA, idea.id)
    make_response(idea, author=responder, body="One more thought on it.")
    assert not follows.is_following(responder.id, IDEA, idea.id)
    # Pressing Follow brings it back, since now.
    clock.advance(days=2)
    assert follows.follow(responder, IDEA, idea.id, clock.now()) is True
    assert follows.following_of(responder.id)[0].since == clock.now()


def test_an_author_posting_into_a_challenge_follows_the_idea(db, clock, make_user, make_challenge, sprint_day):
    from ideashub.challenges import services as challenges
    from ideashub.ideas import services as ideas

    challenge = make_challenge()
    sprint_day(challenge, 1)
    author = make_user()
    idea = challenges.post_idea(author, challenge.id, ideas.IdeaText(
        title="Ask once, share with consent", problem="Residents repeat their story.", proposal="One shared record."), clock.now())
    assert follows.is_following(author.id, IDEA, idea.id)
    assert not follows.is_following(challenge.facilitator_id, IDEA, idea.id)


def test_a_deactivated_person_is_not_followed_in_by_taking_part(db, clock, make_user, make_idea):
    person, idea = make_user(), make_idea()
    person.active = False
    assert follows.follow_automatically(person, idea.id, clock.now()) is False
    assert not follows.is_following(person.id, IDEA, idea.id)


# --- Who hears about an idea -------------------------------------------------------------------


def test_followers_of_an_idea_are_those_of_it_its_tags_its_team_and_its_challenge(
    db, clock, make_user, make_idea, make_challenge, make_team
):
    from ideashub.challenges import services as challenges

    author = make_user()
    idea = make_idea(author=author, tags=["falls", "referrals"])
    other = make_idea(tags=["parking"])
    challenge = make_challenge()
    challenges.bring_in(_db.session.get(type(author), challenge.facilitator_id), challenge.id, idea.id, clock.now())
    of_idea, of_tag, of_team, of_challenge = make_user(), make_user(), make_user(), make_user()
    follows.follow(of_idea, IDEA, idea.id, clock.now())
    follows.follow(of_tag, TAG, "referrals", clock.now())
    follows.follow(of_team, TEAM, idea.team_id, clock.now())
    follows.follow(of_challenge, CHALLENGE, challenge.id, clock.now())
    # Following other things hears nothing of this idea.
    elsewhere = make_user()
    follows.follow(elsewhere, IDEA, other.id, clock.now())
    follows.follow(elsewhere, TAG, "parking", clock.now())
    follows.follow(elsewhere, TEAM, make_team().id, clock.now())
    follows.follow(elsewhere, CHALLENGE, make_challenge().id, clock.now())
    # Following in two ways counts once.
    follows.follow(of_tag, TEAM, idea.team_id, clock.now())

    assert follows.followers_of_idea(idea) == {author.id, of_idea.id, of_tag.id, of_team.id, of_challenge.id}


def test_followers_leave_out_who_stopped_and_who_is_deactivated(db, clock, make_user, make_idea):
    idea = make_idea()
    stopped, deactivated, staying = make_user(), make_user(), make_user()
    for person in (stopped, deactivated, staying):
        follows.follow(person, IDEA, idea.id, clock.now())
    follows.unfollow(stopped, IDEA, idea.id)
    deactivated.active = False
    _db.session.flush()
    assert follows.followers_of_idea(idea) == {idea.author_id, staying.id}
    assert follows.followers_of(IDEA, idea.id) == {idea.author_id, staying.id}


def test_followers_of_one_target(db, clock, make_user, make_idea):
    make_idea(tags=["falls"])
    tag = _tag_id("falls")
    one, two = make_user(), make_user()
    follows.follow(one, TAG, tag, clock.now())
    assert follows.followers_of(TAG, tag) == {one.id}
    follows.follow(two, TAG, tag, clock.now())
    assert follows.followers_of(TAG, tag) == {one.id, two.id}
    assert follows.followers_of(TEAM, one.team_id) == set()


def test_followers_of_an_idea_is_one_query_read_from_the_follows_index(db, clock, make_user, make_idea):
    idea = make_idea(tags=["falls"])
    for _ in range(3):
        follows.follow(make_user(), TAG, "falls", clock.now())
    _db.session.flush()
    _db.session.refresh(idea)  # loaded, as the caller's idea is
    statements = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    engine = _db.session.get_bind().engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        found = follows.followers_of_idea(idea)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert len(found) == 4
    assert len(statements) == 1
    connection = _db.session.connection()
    statement, parameters = statements[0]
    if connection.dialect.name == "sqlite":
        plan = " ".join(str(row[-1]) for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
    else:  # a handful of rows would be read whole: ask what the index gives
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = " ".join(row[0] for row in connection.exec_driver_sql("EXPLAIN " + statement, parameters))
    assert "ix_follows_target" in plan
    assert "SCAN follows" not in plan and "Seq Scan on follows" not in plan


# --- What a person follows ---------------------------------------------------------------------


def test_what_a_person_follows_newest_first_with_names_and_addresses(
    app, db, clock, make_user, make_idea, make_team, make_challenge
):
    person = make_user()
    idea = make_idea(title="Book repairs online", tags=["repairs"])
    team, challenge = make_team(name="Housing"), make_challenge(title="Tell us once")
    follows.follow(person, IDEA, idea.id, clock.now())
    clock.advance(hours=1)
    follows.follow(person, TAG, "repairs", clock.now())
    clock.advance(hours=1)
    follows.follow(person, TEAM, team.id, clock.now())
    clock.advance(hours=1)
    follows.follow(person, CHALLENGE, challenge.id, clock.now())
    with app.test_request_context():
        items = follows.following_of(person.id)
    assert [(i.target, i.name) for i in items] == [
        (CHALLENGE, "Tell us once"), (TEAM, team.label), (TAG, "repairs"), (IDEA, "Book repairs online"),
    ]
    assert [i.url for i in items] == [
        f"/challenges/{challenge.id}", f"/ideas/?team={team.id}", "/ideas/?tag=repairs", f"/ideas/{idea.id}",
    ]
    assert items[0].since == clock.now()
    assert [heading for heading, _ in follows.grouped(items)] == ["Ideas", "Tags", "Teams", "Challenges"]


def test_what_a_person_follows_leaves_out_what_they_stopped(app, db, clock, make_user, make_idea):
    person = make_user()
    kept, stopped = make_idea(title="Kept idea"), make_idea(title="Stopped idea")
    follows.follow(person, IDEA, kept.id, clock.now())
    follows.follow(person, IDEA, stopped.id, clock.now())
    follows.unfollow(person, IDEA, stopped.id)
    with app.test_request_context():
        assert [i.name for i in follows.following_of(person.id)] == ["Kept idea"]


def test_a_hidden_idea_is_named_only_to_those_who_may_read_it(app, db, clock, make_user, make_idea):
    idea = make_idea(title="Rude title")
    member, moderator = make_user(), make_user(role="moderator")
    follows.follow(member, IDEA, idea.id, clock.now())
    follows.follow(moderator, IDEA, idea.id, clock.now())
    _hide(idea, make_user, clock)
    with app.test_request_context():
        assert [i.name for i in follows.following_of(member.id)] == ["A hidden idea"]
        assert [i.name for i in follows.following_of(moderator.id)] == ["Rude title"]
