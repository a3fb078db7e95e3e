"""Reach in Welsh: the email settings, Following and Feeds pages for someone who chose Cymraeg
(the ``hub_language`` cookie), and every email in its recipient's language, whatever the page
or the worker was speaking when it was made."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ideashub.core import outbox
from ideashub.reach import follows, notify, preferences
from tests.conftest import read_in


def _page(client, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def test_the_email_settings_following_and_feeds_pages_in_welsh(app, client, auth, make_user):
    auth.login(make_user())
    # The suite's app answers at SERVER_NAME: the cookie is set for that host.
    read_in(client, "cy")

    settings = _page(client, "/account/notifications")
    assert "Eich hysbysiadau" in settings and "Cadw fy ngosodiadau e-bost" in settings
    assert "Ar unwaith" in settings and "Mewn crynodeb dyddiol" in settings
    assert "Save my email settings" not in settings and "Straight away" not in settings

    following = _page(client, "/account/following")
    assert "Dydych chi ddim yn dilyn dim byd eto." in following
    assert "You are not following anything yet" not in following

    feeds = _page(client, "/account/feeds")
    assert "Eich ffrydiau" in feeds and "Gwneud cyfeiriad fy ffrwd" in feeds
    assert "Make my feed address" not in feeds and "Your feed address works like a password" not in feeds


def test_each_person_gets_their_notification_email_in_their_own_language(
        db, clock, smtp, make_user, make_idea, make_response):
    welsh, english = make_user(name="Nia Evans"), make_user(name="Ann English")
    welsh.language, english.language = "cy", "en"
    db.session.commit()
    make_response(make_idea(author=welsh, title="Biniau ar ddydd Mawrth"))
    make_response(make_idea(author=english, title="Bins on Tuesdays"))
    outbox.pump(clock.now())

    [to_welsh] = smtp.to(welsh.email)
    text, html = smtp.text(to_welsh), smtp.html(to_welsh)
    assert "Rydych chi'n cael yr e-bost hwn oherwydd mae'n ymwneud â'ch syniad neu'ch ymateb." in text
    assert "Ei agor yn yr hyb" in html and "Stopio'r negeseuon e-bost hyn" in text
    assert '<html lang="cy">' in html
    assert "You get this email because" not in text and "Open it in the hub" not in html

    [to_english] = smtp.to(english.email)
    text, html = smtp.text(to_english), smtp.html(to_english)
    assert "You get this email because it is about your idea or your response." in text
    assert "Open it in the hub" in html and '<html lang="en-GB">' in html
    assert "Rydych chi'n cael" not in text


def test_a_busy_ideas_combined_message_is_in_its_authors_language(
        db, clock, smtp, make_user, make_idea, make_response):
    author = make_user()
    author.language = "cy"
    db.session.commit()
    idea = make_idea(author=author, title="Faniau a rennir")
    make_response(idea)
    outbox.pump(clock.now())
    for _ in range(3):
        clock.advance(minutes=2)
        make_response(idea)
        outbox.pump(clock.now())
    clock.advance(minutes=10)
    outbox.pump(clock.now())
    [_first, combined] = smtp.to(author.email)
    assert combined["Subject"] == "3 diweddariad am “Faniau a rennir”"
    assert "Agor “Faniau a rennir”" in smtp.html(combined)


def test_the_daily_summary_is_in_its_readers_language(db, clock, smtp, make_user, make_idea, make_response):
    author = make_user()
    author.language = "cy"
    preferences.update_settings(author, {"own_idea": "daily"}, clock.now())
    db.session.commit()
    make_response(make_idea(author=author, title="Llai o ffurflenni"))
    outbox.pump(clock.now())
    clock.set(datetime(2026, 3, 11, 7, 1, tzinfo=UTC))  # seven o'clock, London time
    notify.summaries(clock.now())
    outbox.pump(clock.now())
    [summary] = smtp.to(author.email)
    assert summary["Subject"] == "Eich crynodeb dyddiol gan Ideas hub"
    text = smtp.text(summary)
    assert "Llai o ffurflenni" in text and "BETH DDIGWYDDODD" in text and "dewisoch chi grynodeb dyddiol" in text
    assert "WHAT HAPPENED" not in text and "You get this email because" not in text


def test_each_executive_gets_the_digest_in_their_own_language(runner, db, make_user, outbox):
    welsh = make_user(role="executive", email="prif@riverside.example.org")
    welsh.language = "cy"
    make_user(role="executive", email="ceo@riverside.example.org")  # no choice: the hub's default
    db.session.commit()
    result = runner.invoke(args=["send-digest"])
    assert result.exit_code == 0, result.output
    sent = {message["To"]: message for message in outbox.messages()}
    cymraeg, english = sent["prif@riverside.example.org"], sent["ceo@riverside.example.org"]
    assert ": yr wythnos hyd at " in cymraeg["Subject"]
    welsh_text = cymraeg.get_body(("plain",)).get_content()
    assert "Prif syniadau newydd".upper() in welsh_text and "Dim syniadau newydd yr wythnos hon." in welsh_text
    assert "TOP NEW IDEAS" not in welsh_text
    assert ": the week to " in english["Subject"]
    english_text = english.get_body(("plain",)).get_content()
    assert "TOP NEW IDEAS" in english_text and "No new ideas this week." in english_text


def test_a_follower_hears_in_their_language_and_the_others_in_theirs(db, clock, smtp, make_user, make_idea, make_response):
    idea = make_idea(title="Map biniau graean", tags=["gaeaf"])
    outbox.pump(clock.now())
    welsh, english, responder = make_user(), make_user(), make_user(name="Rhys")
    welsh.language = "cy"
    for person in (welsh, english):
        follows.follow(person, "tag", idea.tags[0].id, clock.now())
        preferences.update_settings(person, {"following": "immediately"}, clock.now())
    db.session.commit()
    make_response(idea, author=responder)
    outbox.pump(clock.now())
    [cymraeg], [saesneg] = smtp.to(welsh.email), smtp.to(english.email)
    assert "rydych chi'n dilyn “Map biniau graean”" in smtp.text(cymraeg)
    assert "Agor “Map biniau graean”" in smtp.html(cymraeg)
    assert "you follow “Map biniau graean”" in smtp.text(saesneg)
    assert "Open “Map biniau graean”" in smtp.html(saesneg)


def test_a_challenge_day_is_told_in_each_persons_language(db, clock, smtp, make_user, make_challenge):
    sponsor = make_user(role="executive")
    sponsor.language = "cy"
    db.session.commit()
    challenge = make_challenge(starts_on=date(2026, 3, 9), sponsor=sponsor)
    clock.set(datetime(2026, 3, 10, 8, 5, tzinfo=UTC))  # day 2, after eight
    notify.challenge_days(clock.now())
    outbox.pump(clock.now())
    [message] = smtp.to(sponsor.email)
    assert message["Subject"].startswith(f"Diwrnod 2 o “{challenge.title}”")
    assert "Agor yr her" in smtp.html(message)
