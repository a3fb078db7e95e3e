"""People's rights on the pages and the API: download my data, ask to be erased, admins decide,
the retention setting and command, the privacy page."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from ideashub.core.activity import Activity
from ideashub.core.templating import local_date
from ideashub.extensions import db as _db
from ideashub.people.models import ApiToken, User
from ideashub.privacy.models import ErasureRequest


def as_user(client, user):
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


def ask_to_be_erased(client, person):
    as_user(client, person)
    return client.post("/account/erase")


def the_request(person):
    return _db.session.scalar(select(ErasureRequest).where(ErasureRequest.user_id == person.id))


def test_download_my_data_as_a_page_and_a_file_with_everything_but_secrets(client, db, api, make_user, make_idea, make_response):
    me = make_user(name="Dara Data", email="dara@data.gov.uk")
    idea = make_idea(author=me, title="Lockers at the library")
    make_response(make_idea(title="Someone's idea"), author=me, body="Yes, and the depot has space.")
    api(me)  # a token: listed, never its secret
    as_user(client, me)
    account = client.get("/account").get_data(as_text=True)
    assert "/account/data" in account  # the "Your data" tab
    page = client.get("/account/data")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "dara@data.gov.uk" in text and "Lockers at the library" in text and "/account/erase" in text
    # Dates in words, in the organisation's time zone, never as the file's ISO text.
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:", text)
    assert f"<dd>{local_date(me.created_at)}</dd>" in text  # Joined
    download = client.get("/account/data.json")
    assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    data = download.get_json()
    assert data["profile"]["email"] == "dara@data.gov.uk"
    assert [i["title"] for i in data["ideas"]] == ["Lockers at the library"] and data["ideas"][0]["id"] == idea.id
    assert data["responses"][0]["body"] == "Yes, and the depot has space."
    assert len(data["api_tokens"]) == 1 and set(data["api_tokens"][0]) == {"created_at", "expires_at", "revoked_at"}
    assert "password" not in download.get_data(as_text=True) and me.password_hash not in download.get_data(as_text=True)
    assert any("posted" in line["did"] for line in data["activity"])
    assert set(data["notification_preferences"])  # every kind, with the person's choice or the default


def test_asking_to_be_erased_says_it_is_irreversible_then_shows_it_pending(client, db, make_user):
    me = make_user()
    as_user(client, me)
    confirm = client.get("/account/erase").get_data(as_text=True)
    assert "cannot be undone" in confirm
    response = client.post("/account/erase", follow_redirects=True)
    assert response.status_code == 200
    assert "You have asked to be erased" in response.get_data(as_text=True)
    assert "An admin has not decided yet" in response.get_data(as_text=True)
    assert the_request(me).status == "pending"
    again = client.post("/account/erase", follow_redirects=True)
    assert "already asked to be erased" in again.get_data(as_text=True)
    assert _db.session.scalar(select(func.count()).select_from(ErasureRequest)) == 1


def test_an_admin_approves_and_the_person_is_erased_for_good(app, client, db, api, make_user):
    admin, me = make_user(role="admin"), make_user(name="Ezra Gone", email="ezra@gone.gov.uk")
    me.bio, me.skills = "Thirty years in the depot.", "forklifts, rotas"
    _db.session.commit()
    token = api(me).token
    ask_to_be_erased(client, me)
    request_id = the_request(me).id
    their_browser = app.test_client()
    as_user(their_browser, _db.session.get(User, me.id))
    assert their_browser.get("/account").status_code == 200
    as_user(client, admin)
    listed = client.get("/admin/erasures").get_data(as_text=True)
    assert "Ezra Gone" in listed and "Erase for good" in listed
    done = client.post(f"/admin/erasures/{request_id}/approve", follow_redirects=True)
    assert "The person is erased" in done.get_data(as_text=True)
    person = _db.session.get(User, me.id)
    assert person.name == f"Former colleague ({person.team.name})"
    assert person.email.endswith("@erased.invalid") and person.bio == "" and person.skills == ""
    assert not person.active and person.erased_at is not None
    assert the_request(me).status == "approved" and the_request(me).decided_by_id == admin.id
    assert _db.session.scalar(select(ApiToken.revoked_at).where(ApiToken.user_id == me.id)) is not None
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert their_browser.get("/account").headers["Location"].startswith("/login")  # their session is over
    assert _db.session.scalar(select(func.count()).select_from(Activity).where(
        Activity.action == "privacy.erasure_approved", Activity.actor_id == admin.id)) == 1
    again = client.post(f"/admin/erasures/{request_id}/approve", follow_redirects=True)
    assert "already been decided" in again.get_data(as_text=True)


def test_an_admin_refuses_with_a_reason_the_person_sees(client, db, make_user):
    admin, me = make_user(role="admin"), make_user(name="Rae Stays")
    ask_to_be_erased(client, me)
    as_user(client, admin)
    client.post(f"/admin/erasures/{the_request(me).id}/refuse", data={"reason": "Your grievance case is open."})
    assert the_request(me).status == "refused"
    assert _db.session.get(User, me.id).name == "Rae Stays"
    as_user(client, me)
    page = client.get("/account/data").get_data(as_text=True)
    assert "refused" in page and "Your grievance case is open." in page
    assert client.post("/account/erase").status_code == 302  # may ask again


def test_only_admins_decide(client, db, api, make_user):
    me, moderator = make_user(), make_user(role="moderator")
    ask_to_be_erased(client, me)
    as_user(client, moderator)
    assert client.get("/admin/erasures").status_code == 403
    assert client.post(f"/admin/erasures/{the_request(me).id}/approve").status_code == 403
    answer = api(moderator).post(f"/api/v1/erasure-requests/{the_request(me).id}/approve")
    assert answer.status_code == 403 and answer.get_json()["error"]["code"] == "forbidden"
    assert the_request(me).status == "pending"


def test_the_api_approves_with_an_admin_token_and_refuses_the_last_admin(client, db, api, make_user):
    admin, me = make_user(role="admin"), make_user(name="Ola Api")
    ask_to_be_erased(client, me)
    answer = api(admin).post(f"/api/v1/erasure-requests/{the_request(me).id}/approve")
    assert answer.status_code == 200
    assert answer.get_json()["status"] == "approved" and answer.get_json()["user"]["name"].startswith("Former colleague")
    # The last active admin asks: refused with a clear message, nothing changes.
    ask_to_be_erased(client, admin)
    last = api(admin).post(f"/api/v1/erasure-requests/{the_request(admin).id}/approve")
    assert last.status_code == 409 and "last active admin" in last.get_json()["error"]["message"]
    assert _db.session.get(User, admin.id).active
    assert api(admin).post("/api/v1/erasure-requests/999999/approve").status_code == 404


def test_the_privacy_page_is_public_and_linked_from_the_footer_and_the_data_page(client, db, make_user):
    page = client.get("/privacy")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "What the hub keeps" in text and "no automatic retention period" in text
    assert 'href="/privacy"' in client.get("/login").get_data(as_text=True)
    as_user(client, make_user())
    assert 'href="/privacy"' in client.get("/account/data").get_data(as_text=True)


def _deactivated(client, db, clock, make_user, days_ago):
    from ideashub.admin import services

    admin, person = make_user(role="admin"), make_user(name="Kept Long")
    services.set_active(admin, person.id, False, "Left the council.", clock.now() - timedelta(days=days_ago))
    _db.session.commit()
    return person


def test_retention_is_off_by_default(app, runner, db, clock, make_user):
    person = _deactivated(None, db, clock, make_user, days_ago=4000)
    assert app.config["RETENTION_DAYS"] == 0
    result = runner.invoke(args=["retention"])
    assert "RETENTION_DAYS is not set" in result.output
    assert _db.session.get(User, person.id).name == "Kept Long"


def test_retention_anonymises_accounts_deactivated_longer_dry_run_first(app, runner, db, clock, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "RETENTION_DAYS", 30)
    old = _deactivated(None, db, clock, make_user, days_ago=31)
    recent = _deactivated(None, db, clock, make_user, days_ago=29)
    dry = runner.invoke(args=["retention", "--dry-run"])
    assert "1 account would be anonymised" in dry.output
    assert _db.session.get(User, old.id).name == "Kept Long"
    real = runner.invoke(args=["retention"])
    assert "1 account anonymised" in real.output
    assert _db.session.get(User, old.id).name.startswith("Former colleague")
    assert _db.session.get(User, recent.id).name == "Kept Long"
    assert runner.invoke(args=["retention"]).output.startswith("0 accounts anonymised")


def test_the_workers_sweep_anonymises_too(app, db, clock, make_user, monkeypatch):
    from ideashub.privacy import retention_sweep

    old = _deactivated(None, db, clock, make_user, days_ago=31)
    with app.test_request_context():
        retention_sweep(clock.now())  # off: nothing
        assert _db.session.get(User, old.id).erased_at is None
        monkeypatch.setitem(app.config, "RETENTION_DAYS", 30)
        retention_sweep(clock.now())
    assert _db.session.get(User, old.id).erased_at is not None


def test_a_refusal_reason_over_its_limit_is_a_message_and_nothing_changes(client, db, make_user):
    admin, me = make_user(role="admin"), make_user()
    ask_to_be_erased(client, me)
    as_user(client, admin)
    page = client.post(f"/admin/erasures/{the_request(me).id}/refuse", data={"reason": "x" * 1001}, follow_redirects=True)
    assert page.status_code == 200 and "Use at most 1,000 characters." in page.get_data(as_text=True)
    assert the_request(me).status == "pending"


def test_the_activity_log_stays_append_only_outside_an_erasure(db, clock, make_user):
    import pytest
    from sqlalchemy import update
    from sqlalchemy.exc import DBAPIError

    from ideashub.core import activity

    person = make_user()
    activity.record(person, "auth.signin", clock.now(), subject=person)
    pending = ErasureRequest(user_id=person.id, status="pending", kind="asked", requested_at=clock.now())
    _db.session.add(pending)
    _db.session.commit()
    with pytest.raises(DBAPIError, match="append-only"), _db.session.begin_nested():
        _db.session.execute(update(Activity).values(reason="rewritten"))
    assert _db.session.scalar(select(func.count()).select_from(Activity).where(Activity.reason == "rewritten")) == 0
