"""Posting, editing, withdrawing, support and responses, against the database."""

import pytest
from sqlalchemy import func, select

from ideashub.core.activity import Activity
from ideashub.core.errors import Conflict, Forbidden, Invalid
from ideashub.ideas import services
from ideashub.ideas.models import Idea, IdeaRevision, IdeaTeamSupport, Support


def count(db, model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_posting_puts_the_idea_in_being_heard_with_its_team(db, make_user, make_idea):
    author = make_user()
    idea = make_idea(author=author, tags=["Housing", "digital inclusion"])
    assert idea.stage == "being_heard"
    assert idea.team_id == author.team_id
    assert idea.organisation_id == author.team.organisation_id
    assert idea.tag_names == ["digital-inclusion", "housing"]
    assert count(db, Activity, Activity.idea_id == idea.id, Activity.action == "idea.posted") == 1


def test_posting_needs_a_team(db, make_user, clock):
    admin = make_user(role="admin", team=None)
    with pytest.raises(Forbidden):
        services.post_idea(admin, services.IdeaText("A good title", "p", "q"), clock.now())


def test_invalid_idea_is_refused_with_field_messages_and_nothing_stored(db, make_user, clock):
    before = count(db, Idea)
    with pytest.raises(Invalid) as error:
        services.post_idea(make_user(), services.IdeaText("  ", "", "q"), clock.now())
    assert set(error.value.fields) == {"title", "problem"}
    assert count(db, Idea) == before


def test_editing_keeps_the_old_text_as_history(db, make_idea, clock):
    idea = make_idea(title="Original title")
    clock.advance(hours=2)
    services.edit_idea(idea.author, idea.id, services.IdeaText("Better title", idea.problem, idea.proposal, idea.benefit, ["x"]), clock.now())
    revisions = db.session.scalars(select(IdeaRevision).where(IdeaRevision.idea_id == idea.id)).all()
    assert [r.title for r in revisions] == ["Original title"]
    assert idea.title == "Better title"
    entry = db.session.scalar(select(Activity).where(Activity.idea_id == idea.id, Activity.action == "idea.edited"))
    assert set(entry.data["changed"]) == {"title", "tags"}


def test_nobody_else_edits(db, make_idea, make_user, clock):
    idea = make_idea()
    with pytest.raises(Forbidden):
        services.edit_idea(make_user(), idea.id, services.IdeaText("Taken over", "p", "q"), clock.now())


def test_no_edit_after_being_heard(db, make_idea, clock):
    idea = make_idea()
    idea.stage = "shortlisted"
    db.session.flush()
    with pytest.raises(Conflict):
        services.edit_idea(idea.author, idea.id, services.IdeaText("Changed later", "p", "q"), clock.now())


def test_withdrawn_idea_leaves_the_board_but_is_kept(db, make_idea, clock):
    idea = make_idea()
    services.withdraw_idea(idea.author, idea.id, clock.now(), "Duplicate of my other one")
    assert idea.withdrawn_at is not None
    assert db.session.get(Idea, idea.id) is not None
    assert db.session.scalar(select(Idea.id).where(Idea.is_listed, Idea.id == idea.id)) is None


def test_support_counts_people_and_teams(db, make_idea, make_user, make_team):
    idea = make_idea()
    team_a, team_b = make_team(), make_team()
    a1, a2, b1 = make_user(team=team_a), make_user(team=team_a), make_user(team=team_b)
    same_team = make_user(team=idea.team)
    for person in (a1, a2, b1, same_team):
        assert services.support_idea(person, idea.id, idea.created_at)
    db.session.refresh(idea)
    assert idea.supporters_count == 4
    assert idea.supporting_teams_count == 3
    assert idea.cross_team_supporters_count == 3


def test_support_twice_counts_once(db, make_idea, make_user, clock):
    idea, person = make_idea(), make_user()
    assert services.support_idea(person, idea.id, clock.now()) is True
    assert services.support_idea(person, idea.id, clock.now()) is False
    db.session.refresh(idea)
    assert idea.supporters_count == 1
    assert count(db, Support, Support.idea_id == idea.id) == 1


def test_withdrawing_support_undoes_every_count(db, make_idea, make_user, clock):
    idea, person = make_idea(), make_user()
    trend_before = db.session.scalar(select(Idea.trend).where(Idea.id == idea.id))
    services.support_idea(person, idea.id, clock.now())
    assert services.withdraw_support(person, idea.id, clock.now()) is True
    assert services.withdraw_support(person, idea.id, clock.now()) is False
    db.session.refresh(idea)
    assert (idea.supporters_count, idea.supporting_teams_count, idea.cross_team_supporters_count) == (0, 0, 0)
    assert idea.trend == pytest.approx(trend_before, abs=1e-6)
    assert db.session.scalar(select(IdeaTeamSupport.supporters).where(IdeaTeamSupport.idea_id == idea.id)) == 0


def test_authors_cannot_support_their_own_idea(db, make_idea):
    idea = make_idea()
    with pytest.raises(Forbidden):
        services.support_idea(idea.author, idea.id, idea.created_at)


def test_support_is_refused_once_an_idea_is_closed(db, make_idea, make_user, clock):
    idea = make_idea()
    idea.stage = "delivered"
    db.session.flush()
    with pytest.raises(Conflict):
        services.support_idea(make_user(), idea.id, clock.now())


def test_responders_are_counted_once_each_and_never_the_author(db, make_idea, make_user, make_response):
    idea = make_idea()
    colleague = make_user(team=idea.team)
    outsider = make_user()
    make_response(idea, author=idea.author)
    make_response(idea, author=colleague)
    make_response(idea, author=colleague, kind="question", body="When?")
    make_response(idea, author=outsider, kind="offer", body="I can help", hours=3)
    db.session.refresh(idea)
    assert idea.responses_count == 4
    assert idea.responders_count == 2
    assert idea.other_team_responders_count == 1
    assert idea.first_response_at is not None


def test_a_concern_without_a_suggestion_is_refused(db, make_idea, make_user, clock):
    idea = make_idea()
    with pytest.raises(Invalid) as error:
        services.respond(make_user(), idea.id, services.ResponseText("concern", "Costly", ""), clock.now())
    assert "suggestion" in error.value.fields


def test_replies_are_one_level_deep_and_on_the_same_idea(db, make_idea, make_response, make_user, clock):
    idea, other = make_idea(), make_idea()
    top = make_response(idea)
    reply = make_response(idea, parent_id=top.id)
    assert reply.parent_id == top.id
    with pytest.raises(Invalid):
        make_response(idea, parent_id=reply.id)
    with pytest.raises(Invalid):
        make_response(other, parent_id=top.id)
