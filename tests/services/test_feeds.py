"""Feed addresses (made, replaced, stopped, refused) and what each feed holds for whom."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ideashub.admin import services as admin
from ideashub.challenges import services as challenges
from ideashub.core.activity import Activity
from ideashub.core.errors import NotFound
from ideashub.hearing import services as hearing
from ideashub.ideas import services as ideas
from ideashub.reach import feeds
from ideashub.reach.feeds import FeedToken

REASON = "It names a resident, so a moderator has hidden it for now."


def _made(db, user, now):
    raw = feeds.make_feed_token(user, now)
    db.session.commit()
    return raw


def test_a_feed_address_stands_for_its_owner_and_only_its_hash_is_kept(db, clock, make_user):
    person = make_user()
    raw = _made(db, person, clock.now())
    assert raw.startswith(feeds.FEED_TOKEN_PREFIX) and len(raw) > 40
    stored = db.session.scalars(select(FeedToken).where(FeedToken.user_id == person.id)).all()
    assert len(stored) == 1 and raw not in stored[0].token_hash and stored[0].last_used_at is None
    clock.advance(hours=2)
    assert feeds.owner_of(raw, clock.now()) == person
    assert stored[0].last_used_at == clock.now()  # the owner sees their feeds are read
    actions = db.session.scalars(select(Activity.action).where(Activity.actor_id == person.id)).all()
    assert "auth.feed_address_made" in actions


def test_a_use_is_noted_at_most_every_ten_minutes(db, clock, make_user):
    person = make_user()
    raw = _made(db, person, clock.now())
    first = clock.now()
    feeds.owner_of(raw, first)
    clock.advance(minutes=9)
    feeds.owner_of(raw, clock.now())
    assert feeds.live_token(person).last_used_at == first  # a reader polling often writes nothing
    clock.advance(minutes=1)
    feeds.owner_of(raw, clock.now())
    assert feeds.live_token(person).last_used_at == clock.now()


def test_a_new_address_stops_the_old_one_so_each_person_has_one_live_address(db, clock, make_user):
    person = make_user()
    old = _made(db, person, clock.now())
    clock.advance(days=1)
    new = _made(db, person, clock.now())
    assert feeds.owner_of(old, clock.now()) is None
    assert feeds.owner_of(new, clock.now()) == person
    live = db.session.scalars(select(FeedToken).where(FeedToken.user_id == person.id, FeedToken.revoked_at.is_(None))).all()
    assert len(live) == 1 and feeds.live_token(person) == live[0]


def test_stopping_feeds_stops_the_address_and_says_whether_there_was_one(db, clock, make_user):
    person, other = make_user(), make_user()
    raw = _made(db, person, clock.now())
    theirs = _made(db, other, clock.now())
    assert feeds.stop_feeds(person, clock.now()) is True
    db.session.commit()
    assert feeds.owner_of(raw, clock.now()) is None and feeds.live_token(person) is None
    assert feeds.owner_of(theirs, clock.now()) == other  # someone else's feeds go on
    assert feeds.stop_feeds(person, clock.now()) is False


@pytest.mark.parametrize("raw", ["", "ihf_made-up", "not-even-the-prefix", "ihf_" + "x" * 300])
def test_unknown_addresses_stand_for_nobody(db, clock, make_user, raw):
    _made(db, make_user(), clock.now())
    assert feeds.owner_of(raw, clock.now()) is None


def test_a_deactivated_owners_address_stands_for_nobody_until_they_are_back(db, clock, make_user):
    person, boss = make_user(), make_user(role="admin", team=None)
    raw = _made(db, person, clock.now())
    admin.set_active(boss, person.id, False, "Left the council in March.", clock.now())
    db.session.commit()
    assert feeds.owner_of(raw, clock.now()) is None
    admin.set_active(boss, person.id, True, "Came back in April.", clock.now())
    db.session.commit()
    assert feeds.owner_of(raw, clock.now()) == person


# --- The board -------------------------------------------------------------------


def _titles(feed) -> list[str]:
    return [entry.title for entry in feed.entries]


def test_the_board_feed_lists_the_newest_matching_ideas_first(db, clock, make_user, make_idea):
    reader = make_user()
    first = make_idea(title="Book repairs online", tags=["repairs"])
    clock.advance(hours=1)
    make_idea(title="Plant more trees", tags=["parks"])
    clock.advance(hours=1)
    last = make_idea(title="Text tenants before a repair visit", tags=["repairs"])
    everything = feeds.board_feed(reader, {}, fallback=reader.created_at)
    assert _titles(everything)[:3] == ["Text tenants before a repair visit", "Plant more trees", "Book repairs online"]
    tagged = feeds.board_feed(reader, {"tag": "repairs"}, fallback=reader.created_at)
    assert _titles(tagged) == [last.title, first.title]
    assert tagged.updated == last.updated_at and "tag=repairs" in tagged.key
    searched = feeds.board_feed(reader, {"q": "trees"}, fallback=reader.created_at)
    assert _titles(searched) == ["Plant more trees"]


def test_the_board_feeds_own_filters_are_the_owners(db, clock, make_user, make_idea):
    reader, other = make_user(), make_user()
    mine = make_idea(author=reader, title="My idea about bins")
    theirs = make_idea(author=other, title="Their idea about bins")
    ideas.support_idea(reader, theirs.id, clock.now())
    db.session.commit()
    assert _titles(feeds.board_feed(reader, {"mine": "1"}, reader.created_at)) == [mine.title]
    assert _titles(feeds.board_feed(reader, {"supported": "1"}, reader.created_at)) == [theirs.title]
    assert _titles(feeds.board_feed(other, {"mine": "1"}, other.created_at)) == [theirs.title]


def test_the_board_feed_never_lists_hidden_or_withdrawn_ideas_even_for_moderators(db, clock, make_user, make_idea):
    moderator = make_user(role="moderator")
    shown = make_idea(title="Shown idea", tags=["feeds"])
    hidden = make_idea(title="Hidden idea", tags=["feeds"])
    withdrawn = make_idea(title="Withdrawn idea", tags=["feeds"])
    hearing.hide_idea(moderator, hidden.id, REASON, clock.now())
    ideas.withdraw_idea(withdrawn.author, withdrawn.id, clock.now(), "")
    db.session.commit()
    for reader in (moderator, make_user()):
        assert _titles(feeds.board_feed(reader, {"tag": "feeds"}, reader.created_at)) == [shown.title]


def test_the_board_feed_keeps_to_its_size_and_an_empty_one_has_a_stored_time(db, clock, make_user, make_idea, monkeypatch):
    reader = make_user()
    for n in range(3):
        make_idea(title=f"Idea {n} for sizing", tags=["sizing"])
        clock.advance(minutes=5)
    monkeypatch.setattr(feeds, "FEED_SIZE", 2)
    assert _titles(feeds.board_feed(reader, {"tag": "sizing"}, reader.created_at)) == ["Idea 2 for sizing", "Idea 1 for sizing"]
    empty = feeds.board_feed(reader, {"tag": "nothing-has-this"}, reader.created_at)
    assert empty.entries == [] and empty.updated == reader.created_at


def test_the_board_feed_narrows_to_a_stage_and_refuses_an_unknown_one(db, clock, make_user, make_idea):
    reader = make_user()
    make_idea(title="Being heard idea", tags=["staged"])
    assert _titles(feeds.board_feed(reader, {"tag": "staged", "stage": "being_heard"}, reader.created_at)) == ["Being heard idea"]
    assert feeds.board_feed(reader, {"tag": "staged", "stage": "shortlisted"}, reader.created_at).entries == []
    with pytest.raises(Exception, match="stage must be one of"):
        feeds.board_feed(reader, {"stage": "sideways"}, reader.created_at)


# --- An idea ---------------------------------------------------------------------


def test_the_idea_feed_holds_its_responses_and_activity_newest_first_without_hidden_ones(db, clock, make_user, make_idea, make_response):
    moderator, reader = make_user(role="moderator"), make_user()
    idea = make_idea(title="Book repairs online", problem="Residents **wait** weeks.")
    clock.advance(hours=1)
    kept = make_response(idea, body="Yes, and we could pilot it in one ward.")
    clock.advance(hours=1)
    gone = make_response(idea, body="Something naming a resident.")
    clock.advance(minutes=10)
    reply = make_response(idea, body="A reply to the hidden one.", parent_id=gone.id)
    hearing.hide_response(moderator, gone.id, REASON, clock.now())
    db.session.commit()
    feed = feeds.idea_feed(reader, idea.id)
    text = " ".join(f"{e.title} {e.summary} {e.content}" for e in feed.entries)
    assert "pilot it in one ward" in text
    assert "naming a resident" not in text and "A reply to the hidden one" not in text
    assert [e.updated for e in feed.entries] == sorted((e.updated for e in feed.entries), reverse=True)
    keys = [e.key for e in feed.entries]
    assert f"/ideas/{idea.id}#response-{kept.id}" in keys
    assert f"/ideas/{idea.id}#response-{gone.id}" not in keys and f"/ideas/{idea.id}#response-{reply.id}" not in keys
    posted = next(e for e in feed.entries if "posted" in e.title)
    assert "<strong>wait</strong>" in posted.content  # the idea's text, from its Markdown


def test_moderators_idea_feed_holds_the_reports_members_do_not_see(db, clock, make_user, make_idea):
    moderator, member = make_user(role="moderator"), make_user()
    idea = make_idea(title="Book repairs online")
    hearing.report(make_user(), idea.id, "This repeats an idea from last week, please merge them.", clock.now())
    db.session.commit()

    def said(reader):
        return " ".join(f"{e.title} {e.content}" for e in feeds.idea_feed(reader, idea.id).entries)

    assert "repeats an idea from last week" in said(moderator)
    assert "repeats an idea from last week" not in said(member)


def test_a_hidden_idea_has_no_feed_for_anyone(db, clock, make_user, make_idea):
    moderator = make_user(role="moderator")
    idea = make_idea()
    assert feeds.idea_feed(moderator, idea.id).entries
    hearing.hide_idea(moderator, idea.id, REASON, clock.now())
    db.session.commit()
    for reader in (moderator, make_user()):
        with pytest.raises(NotFound):
            feeds.idea_feed(reader, idea.id)
    with pytest.raises(NotFound):
        feeds.idea_feed(moderator, idea.id + 1000)


# --- A challenge -------------------------------------------------------------------


def test_the_challenge_feed_holds_its_ideas_posts_and_days_without_hidden_ideas(db, clock, make_user, make_challenge, sprint_day):
    moderator, member = make_user(role="moderator"), make_user()
    challenge = make_challenge(title="Tell us once")
    sprint_day(challenge, 2)
    now = clock.now()
    kept = challenges.post_idea(member, challenge.id, ideas.IdeaText("One form for all", "Residents repeat.", "Share one form.", "", []), now)
    hidden = challenges.post_idea(member, challenge.id, ideas.IdeaText("Rude idea", "Rude words.", "More rude words.", "", []), now)
    challenges.post(member, challenge.id, "question", "Who owns the resident record?", now)
    hearing.hide_idea(moderator, hidden.id, REASON, now)
    db.session.commit()
    feed = feeds.challenge_feed(member, challenge.id, now)
    titles = _titles(feed)
    assert "Idea in the challenge: “One form for all”" in titles
    assert not any("Rude idea" in t for t in titles)
    assert any(t.startswith("Question from") for t in titles)
    assert [t for t in titles if t.startswith("Day ")] == ["Day 2 of “Tell us once”: Ideas", "Day 1 of “Tell us once”: Understand"]
    assert f"/ideas/{kept.id}" in [e.path for e in feed.entries]
    assert [e.updated for e in feed.entries] == sorted((e.updated for e in feed.entries), reverse=True)


def test_the_challenge_feed_says_when_the_sprint_has_finished_and_not_before(db, clock, make_user, make_challenge, sprint_day):
    reader = make_user()
    challenge = make_challenge(title="Tell us once")
    sprint_day(challenge, 0)
    assert feeds.challenge_feed(reader, challenge.id, clock.now()).entries == []
    sprint_day(challenge, 5)
    titles = _titles(feeds.challenge_feed(reader, challenge.id, clock.now()))
    assert len([t for t in titles if t.startswith("Day ")]) == 5 and "“Tell us once” has finished" not in titles
    sprint_day(challenge, 6)
    assert _titles(feeds.challenge_feed(reader, challenge.id, clock.now()))[0] == "“Tell us once” has finished"
    with pytest.raises(NotFound):
        feeds.challenge_feed(reader, challenge.id + 1000, clock.now())
