"""Triage, merging, hiding, reports and notifications, against the database."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from ideashub.core.activity import Activity
from ideashub.core.errors import Conflict, Forbidden, Invalid
from ideashub.hearing import notifications, services
from ideashub.hearing.models import Notification, Report
from ideashub.hearing.services import Move
from ideashub.ideas import services as ideas
from ideashub.ideas.models import Idea, Support

REASON = "It duplicates the digital front door work already funded this year."


@pytest.fixture
def moderator(make_user):
    return make_user(role="moderator")


@pytest.fixture
def heard_idea(make_idea, make_user, make_response, clock):
    """An idea posted six days ago and answered by three people, one from another team."""
    idea = make_idea(now=clock.now() - timedelta(days=6))
    colleague = make_user(team=idea.team)
    make_response(idea, author=colleague)
    make_response(idea, author=make_user(team=idea.team))
    make_response(idea, author=make_user())
    return idea


def test_a_fresh_idea_is_shortlisted_at_once_but_not_declined(db, make_idea, moderator, clock):
    idea = make_idea()
    with pytest.raises(Conflict, match="not been heard yet"):
        services.move_idea(moderator, idea.id, Move("not_taken_forward", REASON), clock.now())
    with pytest.raises(Conflict):
        services.move_idea(moderator, idea.id, Move("parked", REASON, clock.now().date() + timedelta(days=9)), clock.now())
    services.move_idea(moderator, idea.id, Move("shortlisted"), clock.now())
    assert idea.stage == "shortlisted"


def test_declining_a_heard_idea_records_the_reason_and_tells_the_author(db, heard_idea, moderator, clock):
    services.move_idea(moderator, heard_idea.id, Move("not_taken_forward", REASON), clock.now())
    db.session.commit()
    assert heard_idea.stage == "not_taken_forward"
    assert heard_idea.decision_reason == REASON and heard_idea.decided_by_id == moderator.id
    entry = db.session.scalar(select(Activity).where(Activity.idea_id == heard_idea.id, Activity.action == "idea.moved"))
    assert entry.reason == REASON and entry.data["to"] == "not_taken_forward" and entry.moderation
    note = db.session.scalar(select(Notification).where(Notification.user_id == heard_idea.author_id, Notification.kind == "idea.moved"))
    assert REASON in note.text


def test_parking_keeps_the_date_and_reopening_clears_it(db, heard_idea, moderator, clock):
    when = clock.now().date() + timedelta(days=40)
    services.move_idea(moderator, heard_idea.id, Move("parked", REASON, when), clock.now())
    assert heard_idea.revisit_on == when
    services.move_idea(moderator, heard_idea.id, Move("being_heard"), clock.now())
    assert heard_idea.stage == "being_heard" and heard_idea.revisit_on is None
    actions = db.session.scalars(select(Activity.action).where(Activity.idea_id == heard_idea.id).order_by(Activity.id)).all()
    assert actions[-2:] == ["idea.moved", "idea.reopened"]


def test_the_authors_own_responses_never_count(db, make_idea, make_response, moderator, clock):
    from ideashub.core.settings import Setting

    db.session.add(Setting(key="hearing_days", value=0, updated_at=clock.now()))
    db.session.commit()
    idea = make_idea()
    for _ in range(3):
        make_response(idea, author=idea.author)
    db.session.refresh(idea)
    assert idea.responders_count == 0
    with pytest.raises(Conflict):
        services.move_idea(moderator, idea.id, Move("not_taken_forward", REASON), clock.now())


def test_with_zero_hearing_days_the_responder_count_alone_decides(db, make_idea, make_user, make_response, moderator, clock):
    from ideashub.core.settings import Setting

    db.session.add(Setting(key="hearing_days", value=0, updated_at=clock.now()))
    db.session.commit()
    idea = make_idea()
    make_response(idea, author=make_user())
    make_response(idea, author=make_user())
    with pytest.raises(Conflict):
        services.move_idea(moderator, idea.id, Move("not_taken_forward", REASON), clock.now())
    make_response(idea, author=make_user())
    services.move_idea(moderator, idea.id, Move("not_taken_forward", REASON), clock.now())
    assert idea.stage == "not_taken_forward"


def test_members_and_executives_cannot_move(db, make_idea, make_user, clock):
    idea = make_idea()
    for role in ("member", "executive"):
        with pytest.raises(Forbidden):
            services.move_idea(make_user(role=role), idea.id, Move("shortlisted"), clock.now())


def test_a_stale_version_is_refused(db, make_idea, moderator, clock):
    idea = make_idea()
    seen = idea.version
    services.move_idea(moderator, idea.id, Move("shortlisted", version=seen), clock.now())
    with pytest.raises(Conflict, match="Someone else changed"):
        services.move_idea(moderator, idea.id, Move("in_project", version=seen), clock.now())


def test_missing_reason_is_invalid_with_a_field_message(db, heard_idea, moderator, clock):
    with pytest.raises(Invalid) as error:
        services.move_idea(moderator, heard_idea.id, Move("parked"), clock.now())
    assert set(error.value.fields) == {"reason", "revisit_on"}


def test_merging_never_counts_a_supporter_twice(db, make_idea, make_user, moderator, clock):
    a, b = make_idea(title="Duplicate A"), make_idea(title="Original B")
    both, only_a, only_b = make_user(), make_user(), make_user()
    for person in (both, only_a):
        ideas.support_idea(person, a.id, clock.now())
    for person in (both, only_b):
        ideas.support_idea(person, b.id, clock.now())
    ideas.support_idea(b.author, a.id, clock.now())  # B's author supported A
    services.merge_ideas(moderator, a.id, b.id, clock.now())
    db.session.commit()
    db.session.refresh(b)
    supporters = set(db.session.scalars(select(Support.user_id).where(Support.idea_id == b.id)))
    assert supporters == {both.id, only_a.id, only_b.id}
    assert b.supporters_count == 3
    assert a.stage == "merged" and a.merged_into_id == b.id
    assert db.session.scalar(select(Idea.id).where(Idea.is_listed, Idea.id == a.id)) is None
    told = set(db.session.scalars(select(Notification.user_id).where(Notification.kind.in_(["idea.merged", "idea.merged_in"]))))
    assert told == {a.author_id, b.author_id}


def test_merge_refuses_itself_and_merged_ideas(db, make_idea, moderator, clock):
    a, b, c = make_idea(), make_idea(), make_idea()
    with pytest.raises(Invalid):
        services.merge_ideas(moderator, a.id, a.id, clock.now())
    services.merge_ideas(moderator, a.id, b.id, clock.now())
    with pytest.raises(Conflict):
        services.merge_ideas(moderator, c.id, a.id, clock.now())
    with pytest.raises(Conflict):
        services.merge_ideas(moderator, a.id, c.id, clock.now())


def test_hidden_responses_stop_counting_towards_the_hearing(db, heard_idea, moderator, clock):
    db.session.refresh(heard_idea)
    assert heard_idea.responders_count == 3
    outsider_response = db.session.scalar(
        select(ideas.Response).where(ideas.Response.idea_id == heard_idea.id, ideas.Response.team_id != heard_idea.team_id)
    )
    services.hide_response(moderator, outsider_response.id, "Personal remarks about a colleague.", clock.now())
    assert (heard_idea.responders_count, heard_idea.other_team_responders_count, heard_idea.responses_count) == (2, 0, 2)
    with pytest.raises(Conflict):
        services.move_idea(moderator, heard_idea.id, Move("not_taken_forward", REASON), clock.now())
    services.unhide_response(moderator, outsider_response.id, clock.now())
    assert heard_idea.responders_count == 3 and heard_idea.other_team_responders_count == 1


def test_reports_are_resolved_when_the_content_is_hidden(db, make_idea, make_user, moderator, clock):
    idea = make_idea()
    reporter = make_user()
    services.report(reporter, idea.id, "It names a colleague.", clock.now())
    with pytest.raises(Conflict):
        services.report(reporter, idea.id, "Again", clock.now())
    services.hide_idea(moderator, idea.id, "It names a member of staff.", clock.now())
    report = db.session.scalar(select(Report).where(Report.idea_id == idea.id))
    assert report.outcome == "hidden" and report.resolved_by_id == moderator.id
    services.unhide_idea(moderator, idea.id, clock.now())
    assert idea.hidden_at is None


def test_dismissing_a_report_keeps_the_content(db, make_idea, make_user, moderator, clock):
    idea = make_idea()
    report = services.report(make_user(), idea.id, "I disagree with it.", clock.now())
    services.dismiss_report(moderator, report.id, "Disagreeing is what responses are for.", clock.now())
    assert report.outcome == "dismissed" and idea.hidden_at is None
    with pytest.raises(Forbidden):
        services.dismiss_report(make_user(), report.id, "", clock.now())


def test_reporting_needs_a_reason(db, make_idea, make_user, clock):
    with pytest.raises(Invalid):
        services.report(make_user(), make_idea().id, "   ", clock.now())


def test_authors_hear_about_responses_but_not_their_own(db, make_idea, make_response, make_user, clock):
    idea = make_idea()
    make_response(idea, author=idea.author)
    make_response(idea, author=make_user(name="Chloe Wright"))
    items = notifications.notifications_for(idea.author_id)
    assert len(items) == 1 and "Chloe Wright responded" in items[0].text
    assert notifications.unread_count(idea.author_id) == 1
    assert notifications.mark_read(idea.author_id, clock.now()) == 1
    assert notifications.unread_count(idea.author_id) == 0


def test_the_activity_log_refuses_updates_and_deletes(db, make_idea):
    make_idea()
    entry = db.session.scalar(select(Activity).order_by(Activity.id.desc()))
    with pytest.raises(Exception, match="append-only"), db.session.begin_nested():
        db.session.execute(Activity.__table__.update().where(Activity.id == entry.id).values(reason="rewritten"))
    with pytest.raises(Exception, match="append-only"), db.session.begin_nested():
        db.session.execute(Activity.__table__.delete().where(Activity.id == entry.id))
    assert db.session.scalar(select(func.count()).select_from(Activity).where(Activity.id == entry.id)) == 1
