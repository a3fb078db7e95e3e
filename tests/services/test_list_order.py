"""Lists keep the order they promise: by the time they show, with the id as a stable tie-break.

Each list gets three rows made in id order A, B, C whose shown times are out of
that order: A is the latest, B and C share one time. Oldest first must read
B, C, A; newest first A, C, B, whatever the ids or the order rows were written.
(The moderators' log and the audit log are tested on their own branch.)
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from ideashub.core.activity import Activity
from ideashub.extensions import db as _db

OLDEST_FIRST = ["B", "C", "A"]
NEWEST_FIRST = ["A", "C", "B"]


def _shown_times(clock):
    """Shown times of A, B, C: A two hours after B and C, which share one time."""
    base = clock.now() - timedelta(days=1)
    return {"A": base + timedelta(hours=2), "B": base, "C": base}


def _names(rows, made):
    by_id = {row_id: name for name, row_id in made.items()}
    return [by_id[r.id] for r in rows if r.id in by_id]


@pytest.fixture
def three(clock):
    """``three(make_row, time_attr)``: rows A, B, C made in id order, then their shown times set."""
    def make(make_row, time_attr="created_at", at_insert=False):
        times = _shown_times(clock)
        if at_insert:  # an append-only log takes its time as it is written
            rows = {name: make_row(name, times[name]) for name in ("A", "B", "C")}
        else:
            rows = {name: make_row(name) for name in ("A", "B", "C")}
            for name, row in rows.items():
                setattr(row, time_attr, times[name])
        _db.session.commit()
        return {name: row.id for name, row in rows.items()}

    return make


def test_an_ideas_responses_oldest_first_and_its_activity_newest_first(make_idea, make_response, make_user, three, db, api):
    from ideashub.ideas import queries

    idea = make_idea()
    made = three(lambda name: make_response(idea, body=f"Response {name}"))
    assert _names(queries.responses_of(idea.id), made) == OLDEST_FIRST
    listed = api(make_user()).get(f"/api/v1/ideas/{idea.id}/responses").get_json()["items"]
    assert [made_name for r in listed for made_name, i in made.items() if i == r["id"]] == OLDEST_FIRST

    activity = three(lambda name, at: _add(Activity(at=at, action="idea.edited", idea_id=idea.id, subject_type="idea",
                                                    subject_id=idea.id, data={"name": name})), at_insert=True)
    assert _names(queries.idea_activity(idea.id), activity) == NEWEST_FIRST


def test_replies_under_a_response_are_oldest_first(make_idea, make_response, three, db):
    from ideashub.ideas import queries

    idea = make_idea()
    parent = make_response(idea)
    made = three(lambda name: make_response(idea, body=f"Reply {name}", parent_id=parent.id))
    groups = queries.threads(queries.responses_of(idea.id))
    thread = next(t for _, threads in groups for t in threads if t.response.id == parent.id)
    assert _names(thread.replies, made) == OLDEST_FIRST


def test_notifications_newest_first_in_the_inbox_and_the_api(make_user, three, db, clock, api, client, auth):
    from ideashub.hearing.models import Notification
    from ideashub.hearing.notifications import notifications_for

    person = make_user()
    made = three(lambda name: _add(Notification(user_id=person.id, kind="moved", text=f"Notice {name}", created_at=clock.now())))
    assert _names(notifications_for(person.id), made) == NEWEST_FIRST
    listed = api(person).get("/api/v1/notifications").get_json()["items"]
    assert [n["text"] for n in listed if n["text"].startswith("Notice")] == [f"Notice {x}" for x in NEWEST_FIRST]
    auth.login(person)
    page = client.get("/hearing/notifications").get_data(as_text=True)
    assert page.index("Notice A") < page.index("Notice C") < page.index("Notice B")


def test_an_ideas_earlier_versions_newest_first(make_idea, three, db):
    from ideashub.ideas import queries
    from ideashub.ideas.models import IdeaRevision

    idea = make_idea()
    made = three(lambda name: _add(IdeaRevision(idea_id=idea.id, editor_id=idea.author_id, created_at=idea.created_at,
                                                title=f"Version {name}", problem="p", proposal="q", benefit="")))
    assert _names(queries.revisions_of(idea.id), made) == NEWEST_FIRST


def test_open_reports_oldest_first_and_closed_ones_newest_first(make_idea, make_user, three, db, clock):
    from ideashub.hearing import queries
    from ideashub.hearing.models import Report

    idea = make_idea()
    reporter = make_user()
    made = three(lambda name: _add(Report(idea_id=idea.id, reporter_id=reporter.id, reason=f"Report {name}", created_at=clock.now())))
    assert _names(queries.open_reports(), made) == OLDEST_FIRST
    closed = three(lambda name: _add(Report(idea_id=idea.id, reporter_id=reporter.id, reason=f"Closed {name}", created_at=clock.now(),
                                            resolved_at=clock.now(), resolved_by_id=reporter.id, outcome="dismissed")),
                   time_attr="resolved_at")
    assert _names(queries.recent_reports(), closed) == NEWEST_FIRST


def test_a_projects_updates_and_activity_newest_first(make_idea, make_user, three, db, clock):
    from ideashub.projects import queries, services
    from ideashub.projects.models import ProjectUpdate

    moderator, lead = make_user(role="moderator"), make_user()
    project = services.create_project(moderator, services.ProjectDraft(name="Online repairs", goal="Book repairs online.",
                                                                       idea_ids=[make_idea().id], lead_id=lead.id), clock.now())
    db.session.commit()
    made = three(lambda name: _add(ProjectUpdate(project_id=project.id, author_id=lead.id, body=f"Update {name}", created_at=clock.now())))
    assert _names(queries.updates_of(project.id), made) == NEWEST_FIRST
    # The wall's "Latest:" line is the newest by its shown time (A), not the highest id (C).
    assert queries.latest_updates([project.id])[project.id].id == made["A"]
    activity = three(lambda name, at: _add(Activity(at=at, action="project.changed", subject_type="project", subject_id=project.id)),
                     at_insert=True)
    assert _names(queries.activity_of(project.id), activity) == NEWEST_FIRST


def test_a_challenges_questions_and_updates_oldest_first(make_challenge, make_user, three, db, clock):
    from ideashub.challenges import queries
    from ideashub.challenges.models import ChallengePost

    challenge = make_challenge()
    author = make_user()
    made = three(lambda name: _add(ChallengePost(challenge_id=challenge.id, author_id=author.id, kind="question",
                                                 body=f"Question {name}", created_at=clock.now())))
    assert _names(queries.posts_of(challenge.id), made) == OLDEST_FIRST


def test_the_help_a_person_offered_newest_first_on_their_profile(make_idea, make_response, make_user, three, db):
    from ideashub.ideas.queries import on_profile

    helper = make_user()
    made = three(lambda name: make_response(make_idea(), author=helper, kind="offer", body=f"Offer {name}"))
    assert _names(on_profile(helper)["offers"], made) == NEWEST_FIRST


def _add(row):
    _db.session.add(row)
    _db.session.flush()
    return row
