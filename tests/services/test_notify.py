"""Who is told what by email: the bell's words by email as each person chose, followers, summaries,
challenge days; never a deactivated person, never hidden content, never twice."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from ideashub.core import outbox
from ideashub.hearing.models import Notification
from ideashub.reach import follows, notify, preferences


@pytest.fixture
def deliver(clock):
    """Run the worker once at the clock's time; returns what it did."""
    return lambda: outbox.pump(clock.now())


def to(smtp, person):
    return smtp.to(person.email)


def test_a_response_to_your_idea_is_emailed_at_once_in_the_bells_words_with_one_click_unsubscribe(
        db, clock, smtp, deliver, make_user, make_idea, make_response, app):
    author, responder = make_user(name="Ana Author"), make_user(name="Rhys Responder")
    idea = make_idea(author=author, title="Bins on Tuesdays")
    make_response(idea, author=responder)
    deliver()
    [message] = to(smtp, author)
    note = db.session.scalar(select(Notification).where(Notification.user_id == author.id))
    assert message["Subject"] == note.text == "Rhys Responder responded to your idea “Bins on Tuesdays” (builds on it)."
    text, html = smtp.text(message), smtp.html(message)
    assert note.text in text and "Bins on Tuesdays" in html
    assert f"{app.config['HUB_URL']}/hearing/notifications/{note.id}" in text
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stop = message["List-Unsubscribe"].strip("<>")
    assert stop.startswith(app.config["HUB_URL"] + "/unsubscribe/") and stop in text
    assert to(smtp, responder) == []  # nobody is emailed about their own action
    deliver()
    assert len(to(smtp, author)) == 1  # and never twice


def test_what_a_person_turned_off_stays_in_the_bell_only(db, clock, smtp, deliver, make_user, make_idea, make_response):
    author = make_user()
    preferences.update_settings(author, {"own_idea": "off"}, clock.now())
    db.session.commit()
    make_response(make_idea(author=author))
    deliver()
    assert to(smtp, author) == []
    assert db.session.scalar(select(func.count()).select_from(Notification).where(Notification.user_id == author.id)) == 1


def test_a_busy_idea_sends_one_message_per_person_per_batch_window(db, clock, smtp, deliver, make_user, make_idea, make_response, app):
    assert app.config["NOTIFY_BATCH_MINUTES"] == 15
    author = make_user()
    idea = make_idea(author=author, title="Shared vans")
    make_response(idea)
    deliver()
    assert len(to(smtp, author)) == 1  # the first goes at once
    for _ in range(3):
        clock.advance(minutes=2)
        make_response(idea)
        deliver()
    assert len(to(smtp, author)) == 1  # the next ones wait for the window
    clock.advance(minutes=10)
    deliver()
    [_, combined] = to(smtp, author)
    assert combined["Subject"] == "3 updates on “Shared vans”"
    assert smtp.text(combined).count("responded to your idea") == 3


def test_with_no_batching_each_event_goes_at_once(db, clock, smtp, deliver, make_user, make_idea, make_response, app, monkeypatch):
    monkeypatch.setitem(app.config, "NOTIFY_BATCH_MINUTES", 0)
    author = make_user()
    idea = make_idea(author=author)
    for _ in range(3):
        make_response(idea)
        deliver()
    assert len(to(smtp, author)) == 3


def test_a_daily_choice_goes_into_the_morning_summary_once(db, clock, smtp, deliver, make_user, make_idea, make_response):
    author = make_user()
    preferences.update_settings(author, {"own_idea": "daily"}, clock.now())
    db.session.commit()
    make_response(make_idea(author=author, title="Fewer forms"))
    deliver()
    assert to(smtp, author) == []
    clock.set(datetime(2026, 3, 11, 6, 59, tzinfo=UTC))  # before seven, London time
    notify.summaries(clock.now())
    deliver()
    assert to(smtp, author) == []
    clock.set(datetime(2026, 3, 11, 7, 1, tzinfo=UTC))
    notify.summaries(clock.now())
    notify.summaries(clock.now())  # the minute sweep runs again: nothing twice
    deliver()
    [summary] = to(smtp, author)
    assert summary["Subject"] == "Your daily summary from Ideas hub"
    assert "Fewer forms" in smtp.text(summary) and "WHAT HAPPENED" in smtp.text(summary)
    assert summary["List-Unsubscribe"]


def test_followers_hear_once_per_bulletin_and_not_about_their_own_action(db, clock, smtp, deliver, make_user, make_idea, make_response):
    author = make_user()
    idea = make_idea(author=author, title="Grit bins map", tags=["winter"])
    deliver()  # its posting is shared out before anyone follows the tag
    keen, busy, responder = make_user(name="Keen Follower"), make_user(), make_user(name="Rhys")
    tag_id = idea.tags[0].id
    for person in (keen, busy, responder):
        follows.follow(person, "tag", tag_id, clock.now())
    preferences.update_settings(keen, {"following": "immediately"}, clock.now())
    preferences.update_settings(responder, {"following": "immediately"}, clock.now())
    db.session.commit()
    make_response(idea, author=responder)
    deliver()
    [message] = to(smtp, keen)
    assert "Rhys responded to" in smtp.text(message) and "Grit bins map" in message["Subject"]
    assert "you follow “Grit bins map”" in smtp.text(message)
    assert [m["Subject"] for m in to(smtp, responder)] == []  # their own response
    assert to(smtp, busy) == []  # following comes in the daily summary by default
    assert len(to(smtp, author)) == 1  # the author hears once, as the author, not again as a follower
    bell = db.session.scalars(select(Notification.text).where(Notification.user_id == busy.id)).all()
    assert bell == ["Rhys responded to “Grit bins map”."] or len(bell) == 1  # the bell always


def test_nothing_goes_to_a_deactivated_person_or_about_an_idea_hidden_before_sending(
        db, clock, smtp, deliver, make_user, make_idea, make_response, app):
    from ideashub.hearing import services as hearing

    author, gone = make_user(), make_user()
    idea = make_idea(author=author)
    follows.follow(gone, "idea", idea.id, clock.now())
    preferences.update_settings(gone, {"following": "immediately"}, clock.now())
    gone.active = False
    db.session.commit()
    make_response(idea)
    # A moderator hides the idea before the worker gets to it.
    hearing.hide_idea(make_user(role="moderator"), idea.id, "Names a member of the public.", clock.now())
    db.session.commit()
    deliver()
    assert smtp.messages == []


def test_a_challenge_day_starting_tells_its_people_once(db, clock, smtp, deliver, make_user, make_challenge):
    sponsor = make_user(role="executive")
    challenge = make_challenge(starts_on=date(2026, 3, 9), sponsor=sponsor)
    clock.set(datetime(2026, 3, 10, 7, 30, tzinfo=UTC))  # day 2, before eight
    notify.challenge_days(clock.now())
    deliver()
    assert to(smtp, sponsor) == []
    clock.set(datetime(2026, 3, 10, 8, 5, tzinfo=UTC))
    notify.challenge_days(clock.now())
    notify.challenge_days(clock.now())
    deliver()
    [message] = to(smtp, sponsor)
    assert message["Subject"].startswith(f"Day 2 of “{challenge.title}”")
    clock.set(datetime(2026, 3, 14, 9, 0, tzinfo=UTC))  # a Saturday: no sprint day
    notify.challenge_days(clock.now())
    deliver()
    assert len(to(smtp, sponsor)) == 1


def test_a_rolled_back_change_tells_nobody(db, clock, smtp, deliver, make_user, make_idea):
    from ideashub.ideas import services

    author = make_user()
    idea = make_idea(author=author)
    db.session.commit()
    services.respond(make_user(), idea.id, services.ResponseText(kind="build", body="Yes, and more."), clock.now())
    db.session.rollback()
    deliver()
    assert smtp.messages == []


def test_the_summary_lists_ideas_waiting_to_be_heard_in_ones_team(db, clock, smtp, deliver, make_user, make_idea, make_team):
    team = make_team()
    colleague, author = make_user(team=team), make_user(team=team)
    make_idea(author=author, title="Walk-in clinic hours")
    clock.set(datetime(2026, 3, 11, 7, 0, tzinfo=UTC))
    notify.summaries(clock.now())
    deliver()
    [summary] = to(smtp, colleague)
    assert "Walk-in clinic hours" in smtp.text(summary) and "WAITING TO BE HEARD" in smtp.text(summary)
    assert to(smtp, author) == []  # not about their own idea


def test_a_follower_hears_what_happens_after_they_follow_not_what_came_before(
        db, clock, smtp, deliver, make_user, make_idea, make_response):
    author, old_hand = make_user(), make_user()
    follows.follow(old_hand, "team", author.team_id, clock.now())  # long before: the author's team
    db.session.commit()
    clock.advance(minutes=1)
    idea = make_idea(author=author, title="One number for bulky waste", tags=["bulky-waste"])
    clock.advance(minutes=1)
    # Followed before the worker shared out the posting (a busy worker, or a quick reader).
    late = make_user()
    follows.follow(late, "idea", idea.id, clock.now())
    follows.follow(old_hand, "idea", idea.id, clock.now())  # counts from their first follow: the team
    for person in (late, old_hand):
        preferences.update_settings(person, {"following": "immediately"}, clock.now())
    db.session.commit()
    deliver()
    assert to(smtp, late) == []  # the posting came before they followed
    [posted] = to(smtp, old_hand)
    assert "One number for bulky waste" in posted["Subject"]

    clock.advance(minutes=30)
    make_response(idea, author=make_user(name="Rhys"))
    deliver()
    [message] = to(smtp, late)
    assert "Rhys responded to" in smtp.text(message)
    assert len(to(smtp, old_hand)) == 2


def test_bulletins_wait_for_the_window_when_followed_ideas_are_busy(db, clock, smtp, deliver, make_user, make_idea, make_response):
    idea = make_idea(title="Library lockers")
    keen = make_user()
    follows.follow(keen, "idea", idea.id, clock.now())
    preferences.update_settings(keen, {"following": "immediately"}, clock.now())
    db.session.commit()
    make_response(idea)
    deliver()
    assert len(to(smtp, keen)) == 1
    make_response(idea)
    make_response(idea)
    deliver()
    assert len(to(smtp, keen)) == 1
    clock.advance(minutes=16)
    deliver()
    [_, second] = to(smtp, keen)
    assert second["Subject"] == "2 updates on “Library lockers”"



def test_a_mention_in_a_response_hidden_before_sending_is_not_emailed(db, clock, smtp, deliver, make_user, make_idea, make_response):
    from ideashub.hearing import services as hearing

    idea = make_idea()
    named = make_user(name="Nia Named")
    response = make_response(idea, body="Yes, and @Nia Named knows the depot.")
    hearing.hide_response(make_user(role="moderator"), response.id, "Personal details of a resident.", clock.now())
    db.session.commit()
    deliver()
    assert to(smtp, named) == []
    assert db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == named.id, Notification.kind == "mention")) == 1  # the bell still said it


def test_a_bulletin_cut_short_is_resumed_without_telling_anyone_twice(db, clock, smtp, deliver, make_user, make_idea, make_response, monkeypatch):
    idea = make_idea(title="Shared depot")
    deliver()
    fans = [make_user() for _ in range(5)]
    for fan in fans:
        follows.follow(fan, "idea", idea.id, clock.now())
        preferences.update_settings(fan, {"following": "immediately"}, clock.now())
    db.session.commit()
    monkeypatch.setattr(notify, "EXPAND_STEP", 2)
    real, calls = notify._tell_followers, []

    def dies_on_the_second_step(*args):
        calls.append(args)
        if len(calls) == 2:
            raise ConnectionError("the worker's database connection dropped")
        return real(*args)

    monkeypatch.setattr(notify, "_tell_followers", dies_on_the_second_step)
    make_response(idea)
    deliver()
    monkeypatch.setattr(notify, "_tell_followers", real)
    clock.advance(minutes=1)
    deliver()
    for fan in fans:
        assert len(to(smtp, fan)) == 1
        assert db.session.scalar(select(func.count()).select_from(Notification).where(
            Notification.user_id == fan.id, Notification.kind == "following")) == 1
