"""Triage, merging, hiding, reports, the queue, the log and notifications, through the pages."""

from datetime import timedelta

import pytest
from markupsafe import escape
from sqlalchemy import select

from ideashub.hearing.models import Report
from ideashub.ideas.models import Idea, Response

REASON = "It duplicates the digital front door work already funded this year."


@pytest.fixture
def moderator(make_user):
    return make_user(role="moderator")


@pytest.fixture
def heard_idea(make_idea, make_user, make_response, clock):
    idea = make_idea(title="Heard idea", now=clock.now() - timedelta(days=6))
    for author in (make_user(team=idea.team), make_user(), make_user()):
        make_response(idea, author=author)
    return idea


def test_moderators_see_a_move_control_on_every_card_members_do_not(client, auth, make_idea, make_user, moderator):
    make_idea()
    auth.login(make_user())
    assert "Move to" not in client.get("/ideas/").get_data(as_text=True)
    auth.logout()
    auth.login(moderator)
    page = client.get("/ideas/").get_data(as_text=True)
    assert "Move to" in page and 'data-triage' in page


def test_move_with_the_card_control_and_no_javascript(client, auth, make_idea, moderator, db):
    idea = make_idea()
    auth.login(moderator)
    response = client.post(f"/hearing/ideas/{idea.id}/move", data={"stage": "shortlisted", "version": idea.version, "next": "/ideas/?sort=new"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/ideas/?sort=new")
    db.session.refresh(idea)
    assert idea.stage == "shortlisted"


def test_declining_a_fresh_idea_is_refused_with_the_reason(client, auth, make_idea, moderator, db):
    idea = make_idea()
    auth.login(moderator)
    response = client.post(f"/hearing/ideas/{idea.id}/move", data={"stage": "not_taken_forward", "reason": REASON, "version": idea.version})
    assert response.status_code == 409
    assert "has not been heard yet" in response.get_data(as_text=True)
    db.session.refresh(idea)
    assert idea.stage == "being_heard"


def test_declining_without_a_reason_asks_for_one_then_works(client, auth, heard_idea, moderator, db):
    auth.login(moderator)
    asked = client.post(f"/hearing/ideas/{heard_idea.id}/move", data={"stage": "not_taken_forward", "version": heard_idea.version})
    assert asked.status_code == 422 and "at least a full sentence" in asked.get_data(as_text=True)
    done = client.post(f"/hearing/ideas/{heard_idea.id}/move", data={"stage": "not_taken_forward", "reason": REASON, "version": heard_idea.version})
    assert done.status_code == 302
    page = client.get(f"/ideas/{heard_idea.id}").get_data(as_text=True)
    assert "Not taken forward" in page and REASON in page


def test_the_author_reads_the_decision_in_their_notifications(client, auth, heard_idea, moderator):
    auth.login(moderator)
    client.post(f"/hearing/ideas/{heard_idea.id}/move", data={"stage": "not_taken_forward", "reason": REASON, "version": heard_idea.version})
    auth.logout()
    auth.login(heard_idea.author)
    board = client.get("/ideas/").get_data(as_text=True)
    assert "Notifications" in board and 'class="bell-count"' in board
    inbox = client.get("/hearing/notifications").get_data(as_text=True)
    assert REASON in inbox
    client.post("/hearing/notifications/read")
    assert 'class="bell-count"' not in client.get("/ideas/").get_data(as_text=True)


def test_park_then_reopen(client, auth, heard_idea, moderator, clock, db):
    auth.login(moderator)
    when = (clock.now() + timedelta(days=30)).date().isoformat()
    client.post(f"/hearing/ideas/{heard_idea.id}/move", data={"stage": "parked", "reason": REASON, "revisit_on": when, "version": heard_idea.version})
    db.session.refresh(heard_idea)
    assert heard_idea.stage == "parked"
    # Reopening is a move back to an earlier column: confirmed on its own step.
    client.post(f"/hearing/ideas/{heard_idea.id}/move", data={"stage": "being_heard", "version": heard_idea.version, "confirm": "being_heard"})
    db.session.refresh(heard_idea)
    assert heard_idea.stage == "being_heard"
    assert "reopened this idea" in client.get(f"/ideas/{heard_idea.id}").get_data(as_text=True)


def test_drag_and_drop_gets_json(client, auth, make_idea, moderator):
    idea = make_idea()
    seen = idea.version
    auth.login(moderator)
    ok = client.post(f"/hearing/ideas/{idea.id}/move", data={"stage": "shortlisted", "version": seen}, headers={"Accept": "application/json"})
    assert ok.get_json() == {"id": idea.id, "stage": "shortlisted", "label": "Shortlisted", "version": seen + 1}
    stale = client.post(f"/hearing/ideas/{idea.id}/move", data={"stage": "delivered", "version": seen}, headers={"Accept": "application/json"})
    assert stale.status_code == 409 and "Someone else changed" in stale.get_json()["error"]["message"]


@pytest.mark.parametrize("role", ["member", "executive"])
def test_members_and_executives_cannot_triage(client, auth, make_idea, make_user, role, db):
    idea = make_idea()
    auth.login(make_user(role=role))
    assert client.get(f"/hearing/ideas/{idea.id}/move").status_code == 403
    assert client.post(f"/hearing/ideas/{idea.id}/move", data={"stage": "shortlisted"}).status_code == 403
    assert client.get(f"/hearing/ideas/{idea.id}/merge").status_code == 403
    assert client.post(f"/hearing/ideas/{idea.id}/hide", data={"reason": "x"}).status_code == 403
    for page in ("/hearing/queue", "/hearing/reports", "/hearing/log"):
        assert client.get(page).status_code == 403
    db.session.refresh(idea)
    assert idea.stage == "being_heard" and idea.hidden_at is None


def test_merge_through_the_page(client, auth, make_idea, moderator, db):
    a, b = make_idea(title="Duplicate bins idea"), make_idea(title="Original bins idea")
    auth.login(moderator)
    assert client.get(f"/hearing/ideas/{a.id}/merge").status_code == 200
    asked = client.post(f"/hearing/ideas/{a.id}/merge", data={"into": b.id, "version": a.version})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Merge into “Original bins idea”?" in page and "Yes, merge them" in page
    assert "Merged into this idea" not in client.get(f"/ideas/{b.id}").get_data(as_text=True)  # asking merged nothing
    response = client.post(f"/hearing/ideas/{a.id}/merge", data={"into": b.id, "version": a.version, "confirmed": "yes"})
    assert response.headers["Location"].endswith(f"/ideas/{b.id}")
    a_page = client.get(f"/ideas/{a.id}").get_data(as_text=True)
    assert "This idea was merged into" in a_page and "Original bins idea" in a_page
    b_page = client.get(f"/ideas/{b.id}").get_data(as_text=True)
    assert "Merged into this idea" in b_page and "Duplicate bins idea" in b_page
    wrong = client.post(f"/hearing/ideas/{b.id}/merge", data={"into": b.id, "version": b.version})
    assert wrong.status_code == 422


def test_hidden_idea_shows_only_the_notice_to_members(client, auth, make_idea, make_user, moderator):
    idea = make_idea(title="Contains personal details", problem="Mrs Smith at 4 High Street")
    auth.login(moderator)
    client.post(f"/hearing/ideas/{idea.id}/hide", data={"reason": "It contains a resident's details."})
    auth.logout()
    auth.login(make_user())
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Hidden by a moderator: It contains a resident&#39;s details." in page
    assert "Mrs Smith" not in page
    assert "Contains personal details" not in page
    assert "Contains personal details" not in client.get("/ideas/").get_data(as_text=True)
    auth.logout()
    auth.login(moderator)
    assert "Mrs Smith" in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    client.post(f"/hearing/ideas/{idea.id}/unhide")
    assert "Contains personal details" in client.get("/ideas/").get_data(as_text=True)


def test_report_a_response_and_hide_it_from_the_queue(client, auth, make_idea, make_response, make_user, moderator, db):
    idea = make_idea()
    rude = make_response(idea, body="Typical of that team, they never do any work.")
    auth.login(make_user())
    assert client.get(f"/hearing/responses/{rude.id}/report").status_code == 200
    client.post(f"/hearing/responses/{rude.id}/report", data={"reason": "Personal remarks about a team."})
    auth.logout()
    auth.login(moderator)
    queue = client.get("/hearing/reports").get_data(as_text=True)
    assert "Personal remarks about a team." in queue and "Typical of that team" in queue
    client.post(f"/hearing/responses/{rude.id}/hide", data={"reason": "Personal remarks are not allowed."})
    report = db.session.scalar(select(Report).where(Report.response_id == rude.id))
    assert report.outcome == "hidden"
    auth.logout()
    auth.login(make_user())
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Hidden by a moderator: Personal remarks are not allowed." in page
    assert "Typical of that team" not in page


def test_needs_a_hearing_queue_lists_quiet_old_ideas_oldest_first(client, auth, make_idea, make_response, make_user, moderator, clock):
    oldest = make_idea(title="Oldest quiet idea", now=clock.now() - timedelta(days=12))
    make_idea(title="Newer quiet idea", now=clock.now() - timedelta(days=7))
    make_idea(title="Fresh idea", now=clock.now() - timedelta(days=1))
    answered = make_idea(title="Answered idea", now=clock.now() - timedelta(days=8))
    for person in (make_user(), make_user(), make_user()):
        make_response(answered, author=person)
    auth.login(moderator)
    page = client.get("/hearing/queue").get_data(as_text=True)
    assert page.index("Oldest quiet idea") < page.index("Newer quiet idea")
    assert "Fresh idea" not in page and "Answered idea" not in page
    auth.logout()
    auth.login(make_user())
    board = client.get("/ideas/").get_data(as_text=True)
    assert "Be the first to respond" in board
    assert oldest.id


def test_parked_ideas_whose_date_has_come_are_in_the_queue(client, auth, heard_idea, moderator, clock):
    auth.login(moderator)
    when = (clock.now() + timedelta(days=2)).date().isoformat()
    client.post(f"/hearing/ideas/{heard_idea.id}/move", data={"stage": "parked", "reason": REASON, "revisit_on": when, "version": heard_idea.version})
    link = f'href="/ideas/{heard_idea.id}"'
    assert link not in client.get("/hearing/queue").get_data(as_text=True)
    clock.advance(days=3)
    assert link in client.get("/hearing/queue").get_data(as_text=True)


def test_the_moderators_log_lists_decisions_with_reasons(client, auth, heard_idea, moderator):
    auth.login(moderator)
    client.post(f"/hearing/ideas/{heard_idea.id}/move", data={"stage": "not_taken_forward", "reason": REASON, "version": heard_idea.version})
    page = client.get("/hearing/log").get_data(as_text=True)
    assert "idea.moved" not in page and REASON in page and moderator.name in page
    assert "to Not taken forward" in page and escape(heard_idea.title) in page


def test_everyone_can_report_an_idea_but_not_twice(client, auth, make_idea, make_user, db):
    idea = make_idea()
    auth.login(make_user())
    client.post(f"/hearing/ideas/{idea.id}/report", data={"reason": "Names a colleague."})
    again = client.post(f"/hearing/ideas/{idea.id}/report", data={"reason": "Names a colleague."})
    assert again.status_code == 302
    assert len(db.session.scalars(select(Report).where(Report.idea_id == idea.id)).all()) == 1
    assert db.session.get(Idea, idea.id).hidden_at is None
    assert db.session.scalar(select(Response).where(Response.idea_id == idea.id)) is None


def test_the_card_move_control_offers_every_other_column(client, auth, make_idea, moderator):
    make_idea()
    auth.login(moderator)
    page = client.get("/ideas/").get_data(as_text=True)
    control = page[page.index('class="move-form"'):]
    control = control[: control.index("</form>")]
    for stage in ("shortlisted", "in_project", "delivered", "parked", "not_taken_forward"):
        assert f'value="{stage}"' in control
    assert 'value="being_heard"' not in control
