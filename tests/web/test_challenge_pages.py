"""Challenge pages: the list, the day, posting, voting, shortlisting, deciding, the summary."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ideashub.challenges import services
from ideashub.challenges.models import Challenge, ChallengeEntry
from ideashub.ideas.services import IdeaText


def test_list_groups_running_upcoming_and_finished(client, auth, make_challenge, make_user, clock):
    make_challenge(title="Running sprint", starts_on=date(2026, 3, 9))
    make_challenge(title="Next month's sprint", starts_on=date(2026, 4, 13))
    make_challenge(title="Last year's sprint", starts_on=date(2025, 11, 3))
    auth.login(make_user())
    page = client.get("/challenges/").get_data(as_text=True)
    assert page.index("Running now") < page.index("Running sprint") < page.index("Coming up") < page.index("Next month") < page.index("Finished") < page.index("Last year")
    assert "Day 2 of 5: Ideas" in page


def test_only_moderators_set_up_challenges(client, auth, make_user, db):
    sponsor, facilitator = make_user(role="executive"), make_user(role="moderator")
    form = {"title": "Tell us once", "question": "How might we stop residents repeating themselves?", "background": "",
            "starts_on": "2026-03-16", "sponsor_id": sponsor.id, "facilitator_id": facilitator.id}
    auth.login(make_user(role="executive"))
    assert client.get("/challenges/new").status_code == 403
    assert client.post("/challenges/new", data=form).status_code == 403
    auth.logout()
    auth.login(facilitator)
    assert client.get("/challenges/new").status_code == 200
    weekend = client.post("/challenges/new", data={**form, "starts_on": "2026-03-14"})
    assert weekend.status_code == 422 and "working day" in weekend.get_data(as_text=True)
    created = client.post("/challenges/new", data=form)
    assert created.status_code == 302
    assert db.session.scalar(select(Challenge).where(Challenge.title == "Tell us once")) is not None


def test_the_challenge_page_shows_the_day_its_purpose_and_the_countdown(client, auth, make_challenge, make_user, sprint_day):
    challenge = make_challenge()
    sprint_day(challenge, 3)
    auth.login(make_user())
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "How might we make sure residents tell their story only once?" in page
    assert "Today is day 3: <strong>Decide</strong>" in page
    assert 'aria-current="step"' in page
    assert "Day 4 begins in 12 hours." in page
    assert "You have <strong>3 of 3</strong> votes left" in page


def test_at_a_weekend_between_days_no_day_is_today_and_the_next_is_named(client, auth, make_challenge, make_user, clock):
    challenge = make_challenge(starts_on=date(2026, 3, 11))  # Wed, Thu, Fri, then Mon 16 and Tue 17 March
    clock.set(datetime(2026, 3, 14, 12, 0, tzinfo=ZoneInfo("Europe/London")))  # Saturday
    auth.login(make_user())
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "Today is day" not in page and "(today)" not in page and 'aria-current="step"' not in page
    assert "No sprint day today." in page
    assert "next is day 4, <strong>Prototype</strong>, on Monday 16 March" in page
    assert "Day 4 begins in 1 day 12 hours, on Monday 16 March." in page
    assert "until day 4 begins on Monday 16 March" in page and "until the end of today" not in page
    listing = client.get("/challenges/").get_data(as_text=True)
    assert "Day 3 of 5 (Decide) is done; day 4, Prototype, is on Monday 16 March" in listing
    # On the Friday before, day 3 is today.
    clock.set(datetime(2026, 3, 13, 12, 0, tzinfo=ZoneInfo("Europe/London")))
    friday = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "Today is day 3: <strong>Decide</strong>" in friday and "until the end of today" in friday


def test_on_the_sunday_after_a_friday_finish_friday_is_not_today(client, auth, make_challenge, make_user, clock):
    challenge = make_challenge(starts_on=date(2026, 3, 9))  # Monday to Friday 13 March
    clock.set(datetime(2026, 3, 15, 10, 0, tzinfo=ZoneInfo("Europe/London")))  # Sunday
    auth.login(make_user())
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "(today)" not in page and "Today is day" not in page
    assert "<strong>Finished</strong> on Friday 13 March 2026" in page
    listing = client.get("/challenges/").get_data(as_text=True)
    assert listing.index("Tell us once") > listing.index('id="h-finished"')


def test_post_an_idea_into_the_challenge_by_page(client, auth, make_challenge, make_user, sprint_day, db):
    challenge = make_challenge()
    sprint_day(challenge, 2)
    auth.login(make_user())
    response = client.post(f"/challenges/{challenge.id}/ideas/new", data={"title": "One shared inbox", "problem": "p", "proposal": "q"})
    assert response.status_code == 302
    assert db.session.scalar(select(ChallengeEntry).where(ChallengeEntry.challenge_id == challenge.id)) is not None
    sprint_day(challenge, 3)
    closed = client.post(f"/challenges/{challenge.id}/ideas/new", data={"title": "Too late idea", "problem": "p", "proposal": "q"})
    assert closed.status_code == 302
    assert "Posting ideas into this challenge closed" in client.get(f"/challenges/{challenge.id}").get_data(as_text=True)


def test_vote_and_shortlist_without_javascript(client, auth, make_challenge, make_user, sprint_day, clock, db):
    challenge = make_challenge()
    sprint_day(challenge, 1)
    idea = services.post_idea(make_user(), challenge.id, IdeaText("Named caseworker", "p", "q"), clock.now())
    db.session.commit()
    sprint_day(challenge, 3)
    voter = make_user()
    auth.login(voter)
    client.post(f"/challenges/{challenge.id}/votes/{idea.id}")
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "You voted for this" in page and "2 of 3" in page
    client.post(f"/challenges/{challenge.id}/votes/{idea.id}/remove")
    assert "3 of 3" in client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    # Members cannot shortlist; the facilitator can.
    client.post(f"/challenges/{challenge.id}/shortlist", data={"idea_ids": [idea.id]})
    assert db.session.scalar(select(ChallengeEntry.shortlisted_at).where(ChallengeEntry.idea_id == idea.id)) is None
    auth.logout()
    auth.login(challenge.facilitator)
    client.post(f"/challenges/{challenge.id}/shortlist", data={"idea_ids": [idea.id]})
    assert db.session.scalar(select(ChallengeEntry.shortlisted_at).where(ChallengeEntry.idea_id == idea.id)) is not None


def test_facilitator_sees_unheard_ideas_then_every_idea_heard(client, auth, make_challenge, make_user, make_response, sprint_day, clock, db):
    challenge = make_challenge()
    sprint_day(challenge, 1)
    idea = services.post_idea(make_user(), challenge.id, IdeaText("A quiet idea", "p", "q"), clock.now())
    db.session.commit()
    auth.login(challenge.facilitator)
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "still has no response" in page and "A quiet idea" in page
    make_response(idea, author=make_user())
    assert "Every idea heard." in client.get(f"/challenges/{challenge.id}").get_data(as_text=True)


def test_decide_page_for_sponsor_and_facilitator_only(client, auth, make_challenge, make_user, make_response, sprint_day, clock, db):
    challenge = make_challenge()
    sprint_day(challenge, 1)
    idea = services.post_idea(make_user(), challenge.id, IdeaText("Decide me", "p", "q"), clock.now())
    make_response(idea, author=make_user())
    sprint_day(challenge, 5)
    auth.login(make_user(role="moderator"))
    assert client.get(f"/challenges/{challenge.id}/ideas/{idea.id}/decide").status_code == 403
    auth.logout()
    auth.login(challenge.sponsor)
    assert client.get(f"/challenges/{challenge.id}/ideas/{idea.id}/decide").status_code == 200
    response = client.post(f"/challenges/{challenge.id}/ideas/{idea.id}/decide", data={
        "outcome": "stop", "reason": "Residents told us a named contact matters more.", "learned": "Ask residents first."})
    assert response.status_code == 302
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "Stopped" in page and "Ask residents first." in page


def test_printable_summary(client, auth, make_challenge, make_user):
    challenge = make_challenge(starts_on=date(2026, 2, 2))
    auth.login(make_user())
    page = client.get(f"/challenges/{challenge.id}/summary").get_data(as_text=True)
    assert "Ideas, votes and decisions" in page and "print.css" in page


def test_no_form_is_nested_in_another_on_the_facilitators_decide_day(client, auth, make_challenge, make_user, sprint_day, clock, db):
    from tests.support.html_safety import nested_forms

    challenge = make_challenge()
    sprint_day(challenge, 1)
    services.post_idea(make_user(), challenge.id, IdeaText("Named caseworker", "p", "q"), clock.now())
    db.session.commit()
    sprint_day(challenge, 3)
    auth.login(challenge.facilitator)
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert 'form="shortlist-form"' in page
    assert nested_forms(page) == 0
