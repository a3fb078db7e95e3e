"""API: stage changes, merge, reports, hiding, notifications; both sides of every permission."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from ideashub.hearing.models import Report
from ideashub.ideas.models import Support

REASON = "It duplicates the digital front door work already funded this year."


@pytest.fixture
def heard_idea(make_idea, make_user, make_response, clock):
    idea = make_idea(now=clock.now() - timedelta(days=6))
    for author in (make_user(team=idea.team), make_user(), make_user()):
        make_response(idea, author=author)
    return idea


def test_stage_change_for_moderators_only(api, make_idea, make_user):
    idea = make_idea()
    for role in ("member", "executive"):
        refused = api(make_user(role=role)).post(f"/api/v1/ideas/{idea.id}/stage", json={"stage": "shortlisted"})
        assert refused.status_code == 403
    moved = api(make_user(role="moderator")).post(f"/api/v1/ideas/{idea.id}/stage", json={"stage": "shortlisted"})
    assert moved.status_code == 200 and moved.get_json()["stage"] == "shortlisted"
    admin = api(make_user(role="admin", team=None)).post(f"/api/v1/ideas/{idea.id}/stage", json={"stage": "in_project"})
    assert admin.status_code == 200


def test_a_fresh_idea_gets_409_with_the_reason_and_a_missing_reason_gets_422(api, make_idea, heard_idea, make_user, clock):
    moderator = api(make_user(role="moderator"))
    fresh = make_idea()
    refused = moderator.post(f"/api/v1/ideas/{fresh.id}/stage", json={"stage": "not_taken_forward", "reason": REASON})
    assert refused.status_code == 409
    assert "has not been heard yet" in refused.get_json()["error"]["message"]
    missing = moderator.post(f"/api/v1/ideas/{heard_idea.id}/stage", json={"stage": "parked"})
    assert missing.status_code == 422
    assert set(missing.get_json()["error"]["fields"]) == {"reason", "revisit_on"}
    bad_date = moderator.post(f"/api/v1/ideas/{heard_idea.id}/stage", json={"stage": "parked", "reason": REASON, "revisit_on": "31/12/2026"})
    assert bad_date.status_code == 422 and "revisit_on" in bad_date.get_json()["error"]["fields"]
    when = (clock.now() + timedelta(days=30)).date().isoformat()
    parked = moderator.post(f"/api/v1/ideas/{heard_idea.id}/stage", json={"stage": "parked", "reason": REASON, "revisit_on": when})
    assert parked.status_code == 200
    assert parked.get_json()["decision"] == {"reason": REASON, "revisit_on": when}


def test_two_moderators_with_the_same_version_one_wins(api, make_idea, make_user):
    idea = make_idea()
    version = idea.version
    first = api(make_user(role="moderator")).post(f"/api/v1/ideas/{idea.id}/stage", json={"stage": "shortlisted", "version": version})
    second = api(make_user(role="moderator")).post(f"/api/v1/ideas/{idea.id}/stage", json={"stage": "in_project", "version": version})
    assert (first.status_code, second.status_code) == (200, 409)


def test_merge(api, make_idea, make_user, clock, db):
    a, b = make_idea(), make_idea()
    supporter = make_user()
    api(supporter).put(f"/api/v1/ideas/{a.id}/support")
    assert api(make_user()).post(f"/api/v1/ideas/{a.id}/merge", json={"into": b.id}).status_code == 403
    merged = api(make_user(role="moderator")).post(f"/api/v1/ideas/{a.id}/merge", json={"into": b.id})
    assert merged.status_code == 200 and merged.get_json()["id"] == b.id and merged.get_json()["supporters"] == 1
    assert api(supporter).get(f"/api/v1/ideas/{a.id}").get_json()["merged_into"] == b.id
    assert db.session.scalar(select(func.count()).select_from(Support).where(Support.idea_id == b.id)) == 1
    listed = api(supporter).get("/api/v1/ideas").get_json()
    assert a.id not in [i["id"] for i in listed["items"]]
    assert a.id in [i["id"] for i in api(supporter).get("/api/v1/ideas?stage=merged").get_json()["items"]]


def test_reports_hide_and_unhide(api, make_idea, make_response, make_user, db):
    idea = make_idea(title="Shows a resident's address")
    response = make_response(idea, body="Rude remark")
    member = api(make_user())
    assert member.post(f"/api/v1/ideas/{idea.id}/reports", json={"reason": "Personal details"}).status_code == 201
    assert member.post(f"/api/v1/responses/{response.id}/reports", json={"reason": "Rude"}).status_code == 201
    assert member.post(f"/api/v1/ideas/{idea.id}/reports", json={"reason": ""}).status_code == 422
    assert member.post(f"/api/v1/ideas/{idea.id}/hide", json={"reason": "Personal details"}).status_code == 403
    moderator = api(make_user(role="moderator"))
    hidden = moderator.post(f"/api/v1/ideas/{idea.id}/hide", json={"reason": "It shows a resident's address."})
    assert hidden.status_code == 200 and hidden.get_json()["title"] == "Shows a resident's address"
    seen_by_member = member.get(f"/api/v1/ideas/{idea.id}").get_json()
    assert seen_by_member["hidden"] is True and seen_by_member["title"] == "Hidden by a moderator"
    assert seen_by_member["problem"] == "" and seen_by_member["hidden_reason"] == "It shows a resident's address."
    assert member.get(f"/api/v1/ideas/{idea.id}/responses").get_json()["items"] == []
    assert moderator.post(f"/api/v1/ideas/{idea.id}/hide", json={"reason": "again"}).status_code == 409
    assert moderator.post(f"/api/v1/ideas/{idea.id}/unhide", json={}).status_code == 200
    assert member.get(f"/api/v1/ideas/{idea.id}").get_json()["title"] == "Shows a resident's address"
    assert moderator.post(f"/api/v1/responses/{response.id}/hide", json={"reason": "Rude remark about a team."}).status_code == 200
    hidden_response = member.get(f"/api/v1/ideas/{idea.id}/responses").get_json()["items"][0]
    assert hidden_response["hidden"] is True and hidden_response["body"] is None
    assert moderator.get(f"/api/v1/ideas/{idea.id}/responses").get_json()["items"][0]["body"] == "Rude remark"
    assert moderator.post(f"/api/v1/responses/{response.id}/unhide", json={}).status_code == 200
    assert db.session.scalar(select(func.count()).select_from(Report).where(Report.resolved_at.is_not(None))) == 2


def test_notifications(api, heard_idea, make_user):
    moderator = api(make_user(role="moderator"))
    moderator.post(f"/api/v1/ideas/{heard_idea.id}/stage", json={"stage": "not_taken_forward", "reason": REASON})
    author = api(heard_idea.author)
    body = author.get("/api/v1/notifications").get_json()
    assert body["unread"] == 4  # three responses and the decision
    assert REASON in body["items"][0]["text"]
    assert author.post("/api/v1/notifications/read").get_json() == {"unread": 0}
    assert author.get("/api/v1/notifications").get_json()["unread"] == 0
