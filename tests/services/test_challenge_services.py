"""A sprint from the question to the decision, each action on its days only."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ideashub.challenges import services
from ideashub.challenges.models import ChallengeEntry, ChallengeParticipant
from ideashub.core.activity import Activity
from ideashub.core.errors import Conflict, Forbidden, Invalid
from ideashub.ideas.models import Idea
from ideashub.ideas.services import IdeaText

REASON = "The pilot showed it would not save staff time this year."


def text(title="Shared referral inbox"):
    return IdeaText(title, "Residents repeat their story.", "One shared inbox.", "", ["referrals"])


def test_only_moderators_set_up_challenges_with_an_executive_sponsor(db, make_user, clock):
    draft = services.ChallengeDraft("Tell us once", "How might we stop residents repeating themselves?", date(2026, 3, 9), None, None)
    with pytest.raises(Forbidden):
        services.create_challenge(make_user(role="executive"), draft, clock.now())
    moderator, member = make_user(role="moderator"), make_user()
    draft.sponsor_id, draft.facilitator_id = member.id, member.id
    with pytest.raises(Invalid) as error:
        services.create_challenge(moderator, draft, clock.now())
    assert set(error.value.fields) == {"sponsor_id", "facilitator_id"}


def test_the_start_must_be_a_working_day_and_may_be_in_the_past(db, make_challenge):
    with pytest.raises(Invalid) as error:
        make_challenge(starts_on=date(2026, 3, 7))  # a Saturday
    assert "starts_on" in error.value.fields
    past = make_challenge(starts_on=date(2025, 11, 3))
    assert services.clock_of(past, past.created_at).phase == "finished"


def test_ideas_are_posted_on_days_one_and_two_only(db, make_challenge, make_user, sprint_day, clock):
    challenge = make_challenge()
    person = make_user()
    for day, allowed in [(0, False), (1, True), (2, True), (3, False), (5, False), (6, False)]:
        sprint_day(challenge, day)
        if allowed:
            idea = services.post_idea(person, challenge.id, text(f"Idea on day {day}"), clock.now())
            assert db.session.scalar(select(ChallengeEntry.challenge_id).where(ChallengeEntry.idea_id == idea.id)) == challenge.id
        else:
            with pytest.raises(Conflict):
                services.post_idea(person, challenge.id, text(), clock.now())


def test_the_facilitator_brings_ideas_in_until_the_end(db, make_challenge, make_idea, make_user, sprint_day, clock):
    challenge = make_challenge()
    facilitator = db.session.get(type(challenge.facilitator), challenge.facilitator_id)
    idea = make_idea()
    with pytest.raises(Forbidden):
        services.bring_in(make_user(role="moderator"), challenge.id, idea.id, clock.now())
    sprint_day(challenge, 4)
    services.bring_in(facilitator, challenge.id, idea.id, clock.now())
    with pytest.raises(Conflict):
        services.bring_in(facilitator, challenge.id, idea.id, clock.now())
    sprint_day(challenge, 6)
    with pytest.raises(Conflict):
        services.bring_in(facilitator, challenge.id, make_idea().id, clock.now())


def _with_ideas(challenge, make_user, sprint_day, clock, n=4):
    sprint_day(challenge, 1)
    return [services.post_idea(make_user(), challenge.id, text(f"Sprint idea {i}"), clock.now()) for i in range(n)]


def test_three_dot_votes_the_fourth_refused(db, make_challenge, make_user, sprint_day, clock):
    challenge = make_challenge()
    ideas = _with_ideas(challenge, make_user, sprint_day, clock)
    voter = make_user()
    sprint_day(challenge, 2)
    with pytest.raises(Conflict, match="Voting opens on day 3"):
        services.vote(voter, challenge.id, ideas[0].id, clock.now())
    sprint_day(challenge, 3)
    for idea in ideas[:3]:
        assert services.vote(voter, challenge.id, idea.id, clock.now())
        db.session.commit()  # each vote is its own request
    assert services.vote(voter, challenge.id, ideas[0].id, clock.now()) is False  # one per idea
    with pytest.raises(Conflict, match="used your 3 votes"):
        services.vote(voter, challenge.id, ideas[3].id, clock.now())
    db.session.rollback()
    assert services.unvote(voter, challenge.id, ideas[0].id, clock.now())
    assert services.vote(voter, challenge.id, ideas[3].id, clock.now())
    used = db.session.scalar(select(ChallengeParticipant.votes_used).where(ChallengeParticipant.user_id == voter.id))
    assert used == 3
    sprint_day(challenge, 4)
    with pytest.raises(Conflict, match="Voting closed"):
        services.unvote(voter, challenge.id, ideas[3].id, clock.now())


def test_only_invited_teams_vote(db, make_challenge, make_team, make_user, sprint_day, clock):
    invited = make_team()
    challenge = make_challenge(team_ids=[invited.id])
    sprint_day(challenge, 1)
    idea = services.post_idea(make_user(team=invited), challenge.id, text(), clock.now())
    sprint_day(challenge, 3)
    assert services.vote(make_user(team=invited), challenge.id, idea.id, clock.now())
    with pytest.raises(Forbidden):
        services.vote(make_user(), challenge.id, idea.id, clock.now())


def test_the_facilitator_shortlists_on_day_three(db, make_challenge, make_user, sprint_day, clock):
    challenge = make_challenge()
    ideas = _with_ideas(challenge, make_user, sprint_day, clock)
    facilitator = challenge.facilitator
    sprint_day(challenge, 2)
    with pytest.raises(Conflict):
        services.shortlist(facilitator, challenge.id, [ideas[0].id], clock.now())
    sprint_day(challenge, 3)
    with pytest.raises(Forbidden):
        services.shortlist(challenge.sponsor, challenge.id, [ideas[0].id], clock.now())
    services.shortlist(facilitator, challenge.id, [ideas[0].id, ideas[1].id], clock.now())
    assert db.session.get(Idea, ideas[0].id).stage == "shortlisted"
    services.shortlist(facilitator, challenge.id, [ideas[0].id], clock.now())
    assert db.session.get(Idea, ideas[1].id).stage == "being_heard"
    with pytest.raises(Invalid):
        services.shortlist(facilitator, challenge.id, [999999], clock.now())
    sprint_day(challenge, 4)
    with pytest.raises(Conflict):
        services.shortlist(facilitator, challenge.id, [ideas[2].id], clock.now())


def test_write_ups_on_days_four_and_five_for_shortlisted_ideas(db, make_challenge, make_user, sprint_day, clock):
    challenge = make_challenge()
    ideas = _with_ideas(challenge, make_user, sprint_day, clock, n=2)
    sprint_day(challenge, 3)
    services.shortlist(challenge.facilitator, challenge.id, [ideas[0].id], clock.now())
    with pytest.raises(Conflict):
        services.write_up(ideas[0].author, challenge.id, ideas[0].id, "Plan", clock.now())
    sprint_day(challenge, 4)
    services.write_up(ideas[0].author, challenge.id, ideas[0].id, "We mocked up the form.", clock.now())
    with pytest.raises(Conflict):
        services.write_up(ideas[1].author, challenge.id, ideas[1].id, "Not shortlisted", clock.now())
    with pytest.raises(Forbidden):
        services.write_up(make_user(), challenge.id, ideas[0].id, "Someone else", clock.now())
    services.post(ideas[0].author, challenge.id, "update", "Tested with three residents.", clock.now(), idea_id=ideas[0].id)


def _decision_ready(challenge, make_user, make_response, sprint_day, clock):
    ideas = _with_ideas(challenge, make_user, sprint_day, clock, n=3)
    for idea in ideas:
        make_response(idea, author=make_user())
    sprint_day(challenge, 3)
    services.shortlist(challenge.facilitator, challenge.id, [i.id for i in ideas], clock.now())
    return ideas


def test_decisions_on_day_five_by_sponsor_or_facilitator_only(db, make_challenge, make_user, make_response, sprint_day, clock):
    challenge = make_challenge()
    ideas = _decision_ready(challenge, make_user, make_response, sprint_day, clock)
    park = services.Decision("park", REASON, revisit_on=date(2026, 6, 1))
    sprint_day(challenge, 4)
    with pytest.raises(Conflict, match="day 5"):
        services.decide(challenge.sponsor, challenge.id, ideas[0].id, park, clock.now())
    sprint_day(challenge, 5)
    with pytest.raises(Forbidden):
        services.decide(make_user(role="moderator"), challenge.id, ideas[0].id, park, clock.now())
    services.decide(challenge.sponsor, challenge.id, ideas[0].id, park, clock.now())
    stop = services.Decision("stop", REASON, learned="Residents want a named contact more than a form.")
    services.decide(challenge.facilitator, challenge.id, ideas[1].id, stop, clock.now())
    parked, stopped = db.session.get(Idea, ideas[0].id), db.session.get(Idea, ideas[1].id)
    assert parked.stage == "parked" and parked.revisit_on == date(2026, 6, 1)
    assert stopped.stage == "not_taken_forward" and "Residents want a named contact" in stopped.decision_reason
    entry = db.session.scalar(select(Activity).where(Activity.idea_id == ideas[1].id, Activity.action == "challenge.decision"))
    assert entry.reason.startswith(REASON) and entry.data["outcome"] == "stop"
    with pytest.raises(Conflict, match="already been decided"):
        services.decide(challenge.sponsor, challenge.id, ideas[0].id, park, clock.now())
    sprint_day(challenge, 6)
    with pytest.raises(Conflict, match="finished"):
        services.decide(challenge.sponsor, challenge.id, ideas[2].id, park, clock.now())


def test_decisions_need_their_reasons(db, make_challenge, make_user, make_response, sprint_day, clock):
    challenge = make_challenge()
    ideas = _decision_ready(challenge, make_user, make_response, sprint_day, clock)
    sprint_day(challenge, 5)
    with pytest.raises(Invalid) as error:
        services.decide(challenge.sponsor, challenge.id, ideas[0].id, services.Decision("stop", "No."), clock.now())
    assert set(error.value.fields) == {"reason", "learned"}
    with pytest.raises(Invalid) as error:
        services.decide(challenge.sponsor, challenge.id, ideas[0].id, services.Decision("park", REASON, revisit_on=date(2026, 3, 1)), clock.now())
    assert set(error.value.fields) == {"revisit_on"}


def test_an_unheard_idea_cannot_be_parked_or_stopped(db, make_challenge, make_user, sprint_day, clock):
    challenge = make_challenge()
    (idea,) = _with_ideas(challenge, make_user, sprint_day, clock, n=1)
    sprint_day(challenge, 5)
    with pytest.raises(Conflict, match="not been heard"):
        services.decide(challenge.sponsor, challenge.id, idea.id, services.Decision("stop", REASON, learned="Something."), clock.now())


def test_the_day_never_needs_storing(db, make_challenge, sprint_day, clock):
    challenge = make_challenge(starts_on=date(2026, 3, 11))  # a Wednesday
    days = []
    for offset in range(0, 9):
        clock.set(clock.now().replace(year=2026, month=3, day=11) + timedelta(days=offset))
        days.append(services.clock_of(challenge, clock.now()).day)
    assert days == [1, 2, 3, 3, 3, 4, 5, 6, 6]


def test_taking_forward_makes_a_project_with_the_reason_in_the_ideas_activity(db, make_challenge, make_user, make_response, sprint_day, clock):
    from ideashub.projects.models import Project

    challenge = make_challenge()
    ideas = _decision_ready(challenge, make_user, make_response, sprint_day, clock)
    member = make_user()
    sprint_day(challenge, 5)
    reason = "The prototype cut referral time from six days to one in the pilot ward."
    entry = services.decide(
        challenge.sponsor, challenge.id, ideas[0].id,
        services.Decision("take_forward", reason, members=[{"user_id": member.id, "hours_per_week": 4}]),
        clock.now(),
    )
    project = db.session.get(Project, entry.project_id)
    assert project.goal == challenge.question and project.lead_id == ideas[0].author_id
    assert project.challenge_id == challenge.id and project.protected_hours == 4
    assert db.session.get(Idea, ideas[0].id).stage == "in_project"
    record = db.session.scalar(select(Activity).where(Activity.idea_id == ideas[0].id, Activity.action == "challenge.decision"))
    assert record.reason == reason and record.data["outcome"] == "take_forward"
