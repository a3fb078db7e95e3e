"""The weekly executive digest: what it holds, who gets it, and that it is never lost."""

from datetime import date, timedelta

from ideashub.hearing import services as triage
from ideashub.hearing.services import Move
from ideashub.insights import digest

REASON = "The service is being recommissioned next year, so we will fold this into the new contract."


def read_outbox(outbox):
    return outbox.messages()


def heard(make_idea, make_response, make_user, clock, **kwargs):
    idea = make_idea(**kwargs)
    for _ in range(3):
        make_response(idea, author=make_user())
    return idea


def test_the_digest_holds_the_weeks_new_ideas_decisions_and_challenges(
    app, db, clock, make_idea, make_response, make_user, make_challenge
):
    old = make_idea(title="Posted a month ago")
    moderator = make_user(role="moderator")
    to_decline = heard(make_idea, make_response, make_user, clock, title="Declined after its hearing")
    clock.advance(days=24)
    triage.move_idea(moderator, to_decline.id, Move("not_taken_forward", REASON), clock.now())
    fresh = make_idea(title="Posted this week")
    triage.move_idea(moderator, fresh.id, Move("shortlisted"), clock.now())
    db.session.commit()
    make_challenge(starts_on=clock.now().date(), title="Tell us once")

    with app.test_request_context():
        week = digest.gather(clock.now())
    assert [i.title for i in week.top_new] == ["Posted this week"]
    assert old.id not in {i.id for i in week.top_new}
    assert [i.title for i in week.declined] == ["Declined after its hearing"]
    assert week.declined[0].decision_reason == REASON
    assert [i.title for i in week.moved_forward] == ["Posted this week"]
    assert [c["item"].challenge.title for c in week.running] == ["Tell us once"]
    assert week.new_ideas == 1

    with app.app_context():
        text, html = digest.render(week)
    assert "Posted this week" in text and REASON in text and "Tell us once" in text
    assert "http://127.0.0.1:5000/ideas/" in html  # links go to HUB_URL, not to a test host


def test_a_quiet_week_says_so(app, db, clock, make_idea):
    make_idea(title="Posted long ago")
    clock.advance(days=30)
    with app.app_context():
        week = digest.gather(clock.now())
        text, _ = digest.render(week)
    assert week.is_quiet
    assert "No new ideas this week." in text and "No decisions this week." in text


def test_send_digest_writes_to_the_outbox_without_a_mail_server(runner, db, make_user, make_idea, outbox):
    make_user(role="executive", email="ceo@riverside.example.org")
    gone = make_user(role="executive", email="former@riverside.example.org")
    gone.active = False
    make_user(role="member", email="member@riverside.example.org")
    db.session.commit()
    make_idea(title="<script>alert('x')</script> Fix the potholes")

    result = runner.invoke(args=["send-digest"])
    assert result.exit_code == 0, result.output
    assert "no MAIL_SERVER set" in result.output
    [message] = read_outbox(outbox)
    assert message["To"] == "ceo@riverside.example.org"  # active executives only
    html = message.get_body(("html",)).get_content()
    assert "&lt;script&gt;alert(" in html and "<script>" not in html
    assert "Fix the potholes" in message.get_body(("plain",)).get_content()


def test_send_digest_owes_the_message_while_the_mail_server_is_down(app, runner, db, clock, make_user, smtp):
    from datetime import timedelta

    from ideashub.core import outbox

    make_user(role="executive", email="ceo@riverside.example.org")
    smtp.stop()

    result = runner.invoke(args=["send-digest", "--to", "board@riverside.example.org"])
    assert result.exit_code == 0, result.output
    assert "did not take the digest" in result.output and "will try again for 2 recipients" in result.output
    assert smtp.messages == []

    smtp.start()  # the server is back: the next try delivers each message once
    clock.advance(minutes=1)
    outbox.pump(clock.now())
    assert sorted(m["To"] for m in smtp.messages) == ["board@riverside.example.org", "ceo@riverside.example.org"]
    outbox.pump(clock.now() + timedelta(hours=1))
    assert len(smtp.messages) == 2


def test_send_digest_goes_through_smtp_when_configured(app, runner, db, make_user, outbox, smtp):
    make_user(role="executive", email="ceo@riverside.example.org")

    result = runner.invoke(args=["send-digest", "--days", "14"])
    assert result.exit_code == 0, result.output
    assert "Sent the digest to 1 recipient " in result.output
    [message] = smtp.messages
    assert message["To"] == "ceo@riverside.example.org" and "the week to" in message["Subject"]
    assert message["X-Hub-Delivery"]
    assert "Decisions" in smtp.html(message) and "SPRINT CHALLENGES" in smtp.text(message)
    assert outbox.messages() == []


def test_send_digest_without_any_executive_is_refused_clearly(runner, db, make_user, outbox):
    make_user(role="member")
    result = runner.invoke(args=["send-digest"])
    assert result.exit_code != 0 and "No active executive" in result.output
    assert outbox.messages() == []


def test_the_digest_period_is_bounded(runner, db, outbox):
    assert runner.invoke(args=["send-digest", "--days", "0"]).exit_code != 0
    assert runner.invoke(args=["send-digest", "--days", "500"]).exit_code != 0


def test_revisit_dates_show_in_the_digest(app, db, clock, make_idea, make_response, make_user):
    moderator = make_user(role="moderator")
    idea = heard(make_idea, make_response, make_user, clock, title="Parked until the budget is set")
    clock.advance(days=6)
    triage.move_idea(moderator, idea.id, Move("parked", REASON, date(2026, 6, 1)), clock.now())
    db.session.commit()
    with app.app_context():
        text, html = digest.render(digest.gather(clock.now()))
    assert "to look at again on 1 June 2026" in text and "1 June 2026" in html and "2026-06-01" not in text


def test_over_a_weekend_the_digest_names_the_next_sprint_day_instead_of_friday(app, db, clock, make_challenge):
    """A digest sent on a Saturday does not call the running sprint "day 3 of 5" as if Friday were today."""
    start = clock.now().date()
    while start.weekday() != 2:  # a Wednesday: day 3 is a Friday, day 4 the Monday after
        start += timedelta(days=1)
    make_challenge(starts_on=start, title="Tell us once")
    saturday = start + timedelta(days=3)
    clock.advance(days=(saturday - clock.now().date()).days, hours=1)
    with app.test_request_context():
        week = digest.gather(clock.now())
    with app.app_context():
        text, html = digest.render(week)
    monday = saturday + timedelta(days=2)
    said = f"Tell us once: Day 3 of 5 (Decide) is done; day 4, Prototype, is on Monday {monday.day} {monday:%B}"
    assert said in text
    assert "running, day" not in text and "running, day" not in html
    clock.advance(days=2)  # on the Monday, day 4 is today
    with app.test_request_context():
        text, _ = digest.render(digest.gather(clock.now()))
    assert "Tell us once: Day 4 of 5: Prototype" in text
