"""The webhooks API: admins set up, read, change, test and delete webhooks; bad input is
refused with a message per field and nothing stored; addresses and secrets stay hidden."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ideashub.api.openapi import validator
from ideashub.extensions import db as _db
from ideashub.reach.webhooks import Webhook
from tests.support.receiver import running

PUBLIC_URL = "https://93.184.215.14/services/T000/B000/XXXXSECRET"


@pytest.fixture
def receiver(app, monkeypatch):
    with running() as found:
        monkeypatch.setitem(app.config, "WEBHOOK_ALLOWED_TARGETS", found.target)
        yield found


@pytest.fixture
def admin_api(api, make_user):
    return api(make_user(role="admin", team=None))


def count() -> int:
    return _db.session.scalar(select(func.count()).select_from(Webhook))


def body(**changes) -> dict:
    data = {"url": PUBLIC_URL, "format": "slack", "events": ["idea.posted", "idea.moved"], "tag": "repairs"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def valid(schema: str, data) -> list[str]:
    return [e.message for e in validator(schema).iter_errors(data)]


def test_creating_answers_201_with_the_secret_once(admin_api):
    made = admin_api.post("/api/v1/webhooks", json=body(secret="my own secret, 16+"))
    assert made.status_code == 201, made.get_json()
    data = made.get_json()
    assert valid("WebhookWithSecret", data) == []
    assert data["secret"] == "my own secret, 16+"
    assert data["url"] == "https://93.184.215.14/services/…"
    assert (data["format"], data["events"], data["tag"], data["team_id"]) == ("slack", ["idea.posted", "idea.moved"], "repairs", None)
    read = admin_api.get(f"/api/v1/webhooks/{data['id']}").get_json()
    assert "secret" not in read and "XXXXSECRET" not in str(read)
    listed = admin_api.get("/api/v1/webhooks").get_json()
    assert [w["id"] for w in listed["items"]] == [data["id"]]
    assert "secret" not in listed["items"][0]


def test_without_a_secret_the_hub_makes_one(admin_api):
    data = admin_api.post("/api/v1/webhooks", json=body()).get_json()
    assert len(data["secret"]) >= 32


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"url": "http://127.0.0.1/hook"}, "url", "private or special address"),
    ({"url": "http://192.168.0.10/hook"}, "url", "private or special address"),
    ({"url": "http://[::ffff:169.254.169.254]/"}, "url", "private or special address"),
    ({"url": "http://2130706433/"}, "url", "four numbers"),
    ({"url": "http://localhost/hook"}, "url", "private or special address"),
    ({"url": "htp:/broken"}, "url", "Only http"),
    ({"url": "https://"}, "url", "no host"),
    ({"events": ["idea.posted", "idea.teleported"]}, "events.1", "Must be one of: idea.posted, idea.edited"),
    ({"events": []}, "events", "Give at least 1 item"),
    ({"format": "email"}, "format", "Must be one of"),
    ({"tag": None}, "organisation_id", "exactly one"),
    ({"team_id": 3}, "tag", "exactly one"),
    ({"secret": "short"}, "secret", "at least 16"),
    ({"colour": "red"}, "colour", "Unknown field"),
    ({"tag": "#!"}, "tag", "at least one letter or number"),
    ({"tag": None, "team_id": 2_000_000}, "team_id", "Choose a team"),
])
def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(admin_api, changes, field, words):
    answer = admin_api.post("/api/v1/webhooks", json=body(**changes))
    assert answer.status_code == 422, answer.get_json()
    error = answer.get_json()["error"]
    assert valid("Error", answer.get_json()) == []
    assert words in error["fields"][field], error
    assert count() == 0


def test_the_documented_event_names_are_the_catalogues():
    """The document lists the names of the README's events table; a new event joins it here."""
    from ideashub.api.openapi import document
    from ideashub.reach import webhooks

    assert document()["components"]["schemas"]["WebhookEvents"]["items"]["enum"] == webhooks.subscribable_events()


def test_a_member_is_refused_before_the_body_is_read(api, make_user):
    member = api(make_user())
    answer = member.post("/api/v1/webhooks", json={"nonsense": True})
    assert answer.status_code == 403 and not answer.get_json()["error"].get("fields")
    for call in (member.get("/api/v1/webhooks"), member.get("/api/v1/webhooks/1"), member.delete("/api/v1/webhooks/1"),
                 member.get("/api/v1/webhooks/1/deliveries"), member.post("/api/v1/webhooks/1/test")):
        assert call.status_code == 403
    assert api(None).get("/api/v1/webhooks").status_code == 401


def test_changing_events_scope_and_rotating_the_secret(admin_api, make_team):
    made = admin_api.post("/api/v1/webhooks", json=body()).get_json()
    team = make_team()
    changed = admin_api.patch(f"/api/v1/webhooks/{made['id']}", json={"events": ["challenge.decision"], "team_id": team.id, "active": False})
    assert changed.status_code == 200, changed.get_json()
    data = changed.get_json()
    assert valid("Webhook", data) == []
    assert (data["events"], data["team_id"], data["tag"], data["active"]) == (["challenge.decision"], team.id, None, False)
    assert "secret" not in data
    rotated = admin_api.patch(f"/api/v1/webhooks/{made['id']}", json={"rotate_secret": True}).get_json()
    assert rotated["secret"] != made["secret"]
    refused = admin_api.patch(f"/api/v1/webhooks/{made['id']}", json={"url": "http://10.0.0.1/"})
    assert refused.status_code == 422
    assert admin_api.get(f"/api/v1/webhooks/{made['id']}").get_json()["url"] == "https://93.184.215.14/services/…"


def test_deleting_answers_204_and_then_404(admin_api):
    made = admin_api.post("/api/v1/webhooks", json=body()).get_json()
    assert admin_api.delete(f"/api/v1/webhooks/{made['id']}").status_code == 204
    assert admin_api.get(f"/api/v1/webhooks/{made['id']}").status_code == 404
    assert admin_api.delete(f"/api/v1/webhooks/{made['id']}").status_code == 404
    assert admin_api.get("/api/v1/webhooks").get_json()["items"] == []


def test_a_test_is_sent_signed_and_logged(admin_api, receiver):
    made = admin_api.post("/api/v1/webhooks", json=body(url=receiver.url("/in"), format="generic")).get_json()
    tested = admin_api.post(f"/api/v1/webhooks/{made['id']}/test")
    assert tested.status_code == 200
    delivery = tested.get_json()
    assert valid("WebhookDelivery", delivery) == []
    assert (delivery["event"], delivery["status"], delivery["status_code"], delivery["attempts"]) == ("webhook.test", "sent", 200, 1)
    (got,) = receiver.received
    assert got.signed_with(made["secret"])
    assert got.headers["X-Hub-Delivery"] == got.json["id"]
    log = admin_api.get(f"/api/v1/webhooks/{made['id']}/deliveries").get_json()
    assert [d["id"] for d in log["items"]] == [delivery["id"]]


def test_a_failed_test_says_why(admin_api, receiver):
    made = admin_api.post("/api/v1/webhooks", json=body(url=receiver.url("/in"))).get_json()
    receiver.status = 500
    delivery = admin_api.post(f"/api/v1/webhooks/{made['id']}/test").get_json()
    assert delivery["status_code"] == 500 and "answered 500" in delivery["last_error"]
    assert delivery["status"] != "sent"


def test_unknown_webhooks_are_not_found(admin_api):
    for call in (admin_api.get("/api/v1/webhooks/999999"), admin_api.patch("/api/v1/webhooks/999999", json={"active": True}),
                 admin_api.get("/api/v1/webhooks/999999/deliveries"), admin_api.post("/api/v1/webhooks/999999/test")):
        assert call.status_code == 404
