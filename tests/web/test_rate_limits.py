"""Abuse limits: sign-in, registration and posting are limited per address,
account or person, page and API alike, and answered with 429 and Retry-After."""

import pytest

from ideashub.extensions import limiter
from tests.conftest import PASSWORD


@pytest.fixture
def limits_on(app):
    assert limiter.enabled  # the suite runs with limits on, counters reset per test
    return app.config


def sign_in(client, email, password="not the password at all", addr="10.0.0.1"):
    return client.post("/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": addr})


def token(client, email, password="not the password at all", addr="10.0.0.1"):
    return client.post("/api/v1/tokens", json={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": addr})


def test_guessing_one_accounts_password_is_stopped_on_the_form_and_the_api_together(
    client, make_user, limits_on, monkeypatch
):
    monkeypatch.setitem(limits_on, "RATELIMIT_SIGN_IN_ACCOUNT", "5 per 15 minutes")
    victim = make_user()
    statuses = [sign_in(client, victim.email, addr=f"10.0.0.{i}").status_code for i in range(3)]
    statuses += [token(client, victim.email, addr=f"10.0.1.{i}").status_code for i in range(2)]
    assert statuses == [401] * 5
    # The sixth guess, from yet another address and through either door, is refused.
    refused = token(client, victim.email.upper() + " ", addr="10.0.2.1")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert refused.get_json()["error"]["code"] == "rate_limited"
    page = sign_in(client, victim.email, password=PASSWORD, addr="10.0.2.2")
    assert page.status_code == 429 and "Too many attempts" in page.get_data(as_text=True)
    # Someone else's account is not affected.
    other = make_user()
    assert sign_in(client, other.email, password=PASSWORD, addr="10.0.2.3").status_code == 302


def test_one_address_trying_many_accounts_is_stopped(client, make_user, limits_on, monkeypatch):
    monkeypatch.setitem(limits_on, "RATELIMIT_SIGN_IN", "4 per minute")
    for i in range(4):
        assert sign_in(client, f"nobody{i}@example.org").status_code == 401
    assert sign_in(client, "nobody9@example.org").status_code == 429
    assert token(client, "nobody10@example.org").status_code == 429
    # Another address still gets through.
    assert sign_in(client, "nobody11@example.org", addr="10.9.9.9").status_code == 401


def test_without_limits_the_same_attempts_all_get_answers(client, make_user, monkeypatch):
    monkeypatch.setattr(limiter, "enabled", False)
    victim = make_user()
    assert {sign_in(client, victim.email).status_code for _ in range(12)} == {401}


def test_posting_ideas_is_limited_per_person_not_per_address(
    client, auth, api, make_user, limits_on, monkeypatch
):
    monkeypatch.setitem(limits_on, "RATELIMIT_IDEAS", "2 per hour")
    author = make_user()
    body = {"title": "Bins that say when they are full", "problem": "Crews drive to empty bins.",
            "proposal": "Fit sensors to the busiest bins.", "benefit": "Fewer wasted trips.", "tags": []}
    as_author = api(author)
    assert as_author.post("/api/v1/ideas", json=body).status_code == 201
    auth.login(author)
    form = {"title": "A second idea", "problem": "Something slow.", "proposal": "Make it quick.", "benefit": "", "tags": ""}
    assert client.post("/ideas/new", data=form).status_code == 302
    refused = as_author.post("/api/v1/ideas", json=body)
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert client.post("/ideas/new", data=form).status_code == 429
    # A colleague at the same address is not held back by it.
    assert api(make_user()).post("/api/v1/ideas", json=body).status_code == 201


def test_supports_and_responses_have_their_own_limits(client, api, make_user, make_idea, limits_on, monkeypatch):
    monkeypatch.setitem(limits_on, "RATELIMIT_SUPPORTS", "3 per minute")
    monkeypatch.setitem(limits_on, "RATELIMIT_RESPONSES", "1 per hour")
    idea = make_idea()
    fan = api(make_user())
    url = f"/api/v1/ideas/{idea.id}/support"
    assert [fan.put(url).status_code, fan.delete(url).status_code, fan.put(url).status_code] == [200, 200, 200]
    assert fan.delete(url).status_code == 429
    response = {"kind": "question", "body": "Who would look after the sensors?"}
    assert fan.post(f"/api/v1/ideas/{idea.id}/responses", json=response).status_code == 201
    assert fan.post(f"/api/v1/ideas/{idea.id}/responses", json=response).status_code == 429


def test_registration_is_limited_per_address(client, make_team, limits_on, monkeypatch):
    monkeypatch.setitem(limits_on, "RATELIMIT_REGISTER", "2 per hour")
    team = make_team()
    domain = team.organisation.domains[0].domain
    for i in range(2):
        reply = client.post("/register", data={"email": f"new{i}@{domain}", "name": f"New {i}", "team_id": team.id,
                                               "password": "short"}, environ_base={"REMOTE_ADDR": "10.3.3.3"})
        assert reply.status_code == 422
    blocked = client.post("/register", data={"email": f"new9@{domain}", "name": "New 9", "team_id": team.id,
                                             "password": PASSWORD}, environ_base={"REMOTE_ADDR": "10.3.3.3"})
    assert blocked.status_code == 429


def test_reading_is_never_limited(client, auth, make_user, limits_on, monkeypatch):
    monkeypatch.setitem(limits_on, "RATELIMIT_SIGN_IN", "1 per minute")
    auth.login(make_user())
    assert {client.get("/ideas/").status_code for _ in range(5)} == {200}


def test_reset_requests_are_limited_per_account(client, make_user, limits_on, outbox, monkeypatch):
    monkeypatch.setitem(limits_on, "RATELIMIT_RESET_ACCOUNT", "2 per hour")
    user = make_user()
    for i in range(2):
        reply = client.post("/password/forgot", data={"email": user.email}, environ_base={"REMOTE_ADDR": f"10.4.0.{i}"})
        assert reply.status_code == 200
    flood = client.post("/password/forgot", data={"email": user.email}, environ_base={"REMOTE_ADDR": "10.4.0.9"})
    assert flood.status_code == 429
    assert len(outbox.messages(user.email)) == 2  # no third email to fill their inbox
