"""The admin pages of webhooks: set one up, see its secret once, change it, send a test, read
its delivery log, delete it; with plain forms, and for admins only."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from ideashub.extensions import db as _db
from ideashub.reach import webhooks
from ideashub.reach.webhooks import Webhook, WebhookDraft
from tests.support.receiver import running

PUBLIC_URL = "https://93.184.215.14/workflows/abc/invoke?sig=SECRET"


@pytest.fixture
def receiver(app, monkeypatch):
    with running() as found:
        monkeypatch.setitem(app.config, "WEBHOOK_ALLOWED_TARGETS", found.target)
        yield found


@pytest.fixture
def admin(make_user, auth):
    person = make_user(role="admin", team=None)
    auth.login(person)
    return person


@pytest.fixture
def org(make_org):
    return make_org(name="Riverside Council")


def make_webhook(admin, clock, url=PUBLIC_URL, **fields):
    values = {"format": "teams", "events": ["idea.posted"], "scope": "organisation", **fields}
    webhook = webhooks.create_webhook(admin, WebhookDraft(url=url, **values), clock.now())
    _db.session.commit()
    return webhook


def count() -> int:
    return _db.session.scalar(select(func.count()).select_from(Webhook))


def form(org, **changes) -> dict:
    data = {"url": PUBLIC_URL, "format": "teams", "scope": "organisation", "organisation_id": str(org.id),
            "events": ["idea.posted", "idea.moved"], "active": "y"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_list_is_in_the_admin_navigation(client, admin):
    page = client.get("/admin/people").get_data(as_text=True)
    assert 'href="/admin/webhooks"' in page
    answer = client.get("/admin/webhooks")
    assert answer.status_code == 200
    assert 'aria-current="page">Webhooks' in answer.get_data(as_text=True)
    assert "No webhooks yet." in answer.get_data(as_text=True)


def test_setting_one_up_shows_its_secret_once_and_lists_it_masked(client, admin, org):
    answer = client.post("/admin/webhooks/new", data=form(org))
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    webhook = _db.session.scalar(select(Webhook))
    assert webhook.secret in page and "shown only now" in page
    assert answer.headers["Cache-Control"] == "no-store"
    assert (webhook.url, webhook.format, webhook.events, webhook.organisation_id) == (
        PUBLIC_URL, "teams", ["idea.posted", "idea.moved"], org.id)
    listed = client.get("/admin/webhooks").get_data(as_text=True)
    assert "https://93.184.215.14/workflows/…" in listed
    assert "SECRET" not in listed and "abc/invoke" not in listed and webhook.secret not in listed
    assert "The organisation Riverside Council" in listed and "2 events" in listed
    edit = client.get(f"/admin/webhooks/{webhook.id}").get_data(as_text=True)
    assert webhook.secret not in edit and "SECRET" not in edit
    audit = client.get("/admin/audit?action=webhook.").get_data(as_text=True)
    assert "Set up a webhook to https://93.184.215.14/workflows/…" in audit and "SECRET" not in audit


@pytest.mark.parametrize(("changes", "message"), [
    ({"url": "http://127.0.0.1:8080/hook"}, "private or special address"),
    ({"url": "http://2130706433/hook"}, "four numbers"),
    ({"url": "javascript:alert(1)"}, "Only http"),
    ({"url": ""}, "Give a web address"),
    ({"events": None}, "Choose at least one event"),
    ({"events": ["idea.posted", "idea.exploded"]}, "Unknown event"),
    ({"scope": None}, "Choose what the webhook is for"),
    ({"scope": "team", "team_id": ""}, "Choose a team"),
])
def test_bad_input_is_shown_on_the_form_and_nothing_is_stored(client, admin, org, changes, message):
    answer = client.post("/admin/webhooks/new", data=form(org, **changes))
    assert answer.status_code == 422
    assert message in answer.get_data(as_text=True)
    assert count() == 0


def test_the_form_names_events_in_words_not_codes(client, admin):
    page = client.get("/admin/webhooks/new").get_data(as_text=True)
    assert "A person posts an idea" in page
    assert ">idea.posted<" not in page


def test_changing_keeps_the_address_when_the_box_is_left_empty(client, admin, org, clock):
    webhook = make_webhook(admin, clock, organisation_id=org.id)
    secret = webhook.secret
    answer = client.post(f"/admin/webhooks/{webhook.id}", data=form(org, url="", format="slack", events=["idea.moved"]))
    assert answer.status_code == 302
    _db.session.refresh(webhook)
    assert (webhook.url, webhook.format, webhook.events, webhook.secret) == (PUBLIC_URL, "slack", ["idea.moved"], secret)


def test_pausing_a_webhook(client, admin, org, clock):
    webhook = make_webhook(admin, clock, organisation_id=org.id)
    client.post(f"/admin/webhooks/{webhook.id}", data=form(org, url="", active=None))
    _db.session.refresh(webhook)
    assert webhook.active is False
    assert "(paused)" in client.get("/admin/webhooks").get_data(as_text=True)


def test_deleting_asks_first(client, admin, org, clock):
    webhook = make_webhook(admin, clock, organisation_id=org.id)
    asked = client.post(f"/admin/webhooks/{webhook.id}/delete")
    assert asked.status_code == 200 and "Yes, delete the webhook" in asked.get_data(as_text=True)
    assert webhooks.list_webhooks() == [webhook]
    done = client.post(f"/admin/webhooks/{webhook.id}/delete", data={"confirmed": "yes"})
    assert done.status_code == 302
    assert webhooks.list_webhooks() == []
    assert client.get(f"/admin/webhooks/{webhook.id}/deliveries").status_code == 404


def test_a_new_secret_is_shown_once_after_confirming(client, admin, org, clock):
    webhook = make_webhook(admin, clock, organisation_id=org.id)
    old = webhook.secret
    asked = client.post(f"/admin/webhooks/{webhook.id}/secret")
    assert "Yes, make a new secret" in asked.get_data(as_text=True)
    assert webhook.secret == old
    shown = client.post(f"/admin/webhooks/{webhook.id}/secret", data={"confirmed": "yes"}).get_data(as_text=True)
    _db.session.refresh(webhook)
    assert webhook.secret != old and webhook.secret in shown


def test_send_a_test_reports_success_and_the_log_shows_it(client, admin, org, clock, receiver):
    webhook = make_webhook(admin, clock, url=receiver.url("/teams"), organisation_id=org.id)
    answer = client.post(f"/admin/webhooks/{webhook.id}/test", follow_redirects=True)
    page = answer.get_data(as_text=True)
    assert "The test message went through: the address answered 200." in page
    assert len(receiver.received) == 1 and receiver.received[0].signed_with(webhook.secret)
    row = re.search(r"<tbody>(.*?)</tbody>", page, re.S).group(1)
    assert "A test message" in row and "Sent" in row and "200" in row


def test_send_a_test_reports_a_failure_with_its_reason(client, admin, org, clock, receiver):
    webhook = make_webhook(admin, clock, url=receiver.url("/teams"), organisation_id=org.id)
    receiver.status = 404
    page = client.post(f"/admin/webhooks/{webhook.id}/test", follow_redirects=True).get_data(as_text=True)
    assert "The test message did not go through" in page and "answered 404" in page
    assert "Failed" in re.search(r"<tbody>(.*?)</tbody>", page, re.S).group(1)


@pytest.mark.parametrize("role", ["member", "moderator", "executive"])
def test_only_admins_reach_the_pages(client, auth, make_user, role, org, clock):
    owner = make_user(role="admin", team=None)
    webhook = make_webhook(owner, clock, organisation_id=org.id)
    auth.login(make_user(role=role))
    for url in ("/admin/webhooks", "/admin/webhooks/new", f"/admin/webhooks/{webhook.id}", f"/admin/webhooks/{webhook.id}/deliveries"):
        assert client.get(url).status_code == 403, url
    assert client.post("/admin/webhooks/new", data=form(org)).status_code == 403
    assert client.post(f"/admin/webhooks/{webhook.id}/delete", data={"confirmed": "yes"}).status_code == 403
    assert webhooks.list_webhooks() == [webhook]


def test_signed_out_people_are_sent_to_sign_in(client):
    answer = client.get("/admin/webhooks")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
