"""Signing in with the organisation's own accounts (issue 17): the flow, the accounts it makes or
links, the roles it gives, signing out, and every bad answer refused with a page, nothing created,
and an entry in the audit log.

The provider here is ``tests/support/oidc.py`` (in-process, on the test's clock) so that a test can
bend its answers; tests/e2e/test_sso.py signs in through a real provider on loopback.
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from ideashub.core.activity import Activity
from ideashub.people import sso
from ideashub.people.models import User
from ideashub.people.sso_models import ExternalIdentity, IdentityProvider
from tests.conftest import PASSWORD
from tests.support.oidc import Providers, new_key

ISSUER = "https://login.riverside.test/tenant/v2.0"
HUB_URL = "http://127.0.0.1:5000"


@pytest.fixture
def idp(monkeypatch, clock):
    providers = Providers(clock)
    monkeypatch.setattr(sso, "http_json", providers.http_json)
    sso._DISCOVERY.clear()
    sso._JWKS.clear()
    yield providers
    sso._DISCOVERY.clear()
    sso._JWKS.clear()


def _configure(db, clock, org, issuer, client_id, **settings):
    provider = sso.configure(None, org, sso.ProviderSettings(issuer=issuer, client_id=client_id,
                                                             client_secret_env="SSO_TEST_SECRET", **settings), clock.now())
    db.session.commit()
    return provider


@pytest.fixture
def riverside(db, clock, make_org, make_team, idp, monkeypatch):
    monkeypatch.setenv("SSO_TEST_SECRET", "the-client-secret-value")
    org = make_org("Riverside Council", "riverside.gov.uk")
    housing, parks = make_team("Housing", org), make_team("Parks", org)
    fake = idp.add(ISSUER)
    config = _configure(db, clock, org, ISSUER, "hub-riverside", team_claim="department",
                        role_map={"ideas-moderators": "moderator", "ideas-executives": "executive"})
    return SimpleNamespace(org=org, housing=housing, parks=parks, idp=fake, config=config)


def users() -> int:
    from ideashub.extensions import db

    return db.session.scalar(select(func.count()).select_from(User))


def refusals(reason: str) -> int:
    from ideashub.extensions import db

    return sum(1 for a in db.session.scalars(select(Activity).where(Activity.action == "auth.sso_refused"))
               if (a.data or {}).get("reason") == reason)


def start(client, email: str, next_path: str | None = None):
    data = {"email": email}
    if next_path is not None:
        data["next"] = next_path
    answer = client.post("/login", data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
    return answer.headers["Location"]


def sign_in(client, place, email: str, sub: str, next_path: str | None = None, claim_email: str | None = None,
            **claims):
    """Sign in with ``email`` on the hub's page; the provider answers with ``claim_email`` (default: the same)."""
    location = start(client, email, next_path)
    query = place.idp.approve(location, sub, email=claim_email or email, **claims)
    return client.get("/sso/callback", query_string=query)


# --- The contract and the round trip ----------------------------------------------------------


def test_an_address_of_an_organisation_with_a_provider_goes_to_it_with_pkce_state_and_nonce(client, riverside):
    location = start(client, "ann@riverside.gov.uk")
    parts = urlsplit(location)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert location.startswith(riverside.idp.authorization_endpoint + "?")
    assert query["redirect_uri"] == HUB_URL + "/sso/callback"
    assert query["client_id"] == "hub-riverside"
    assert query["response_type"] == "code"
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert query["state"] and query["nonce"] and query["state"] != query["nonce"]
    assert set(query["scope"].split()) == {"openid", "email", "profile"}
    assert query["login_hint"] == "ann@riverside.gov.uk"


def test_the_sign_in_page_asks_for_the_email_first_and_a_password_only_where_one_is_used(client, riverside, make_org):
    make_org("Northshire Health Board", "northshire.nhs.uk")
    page = client.get("/login").get_data(as_text=True)
    assert 'name="email"' in page and 'name="password"' not in page and "Continue" in page
    answer = client.post("/login", data={"email": "bo@northshire.nhs.uk", "step": "email"})
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert 'name="password"' in page and "Enter your password." not in page
    assert 'value="bo@northshire.nhs.uk"' in page


def test_the_login_page_may_send_its_form_on_to_the_providers(client, riverside):
    policy = client.get("/login").headers["Content-Security-Policy"]
    assert "form-action 'self' https://login.riverside.test" in policy


def test_first_sign_in_creates_the_person_in_the_organisation_and_team_and_the_second_finds_them(client, riverside):
    answer = sign_in(client, riverside, "ann@riverside.gov.uk", "sub-ann", department="Parks", name="Ann Ng")
    assert answer.status_code == 302 and answer.headers["Location"] == "/ideas/"
    ann = User.query.filter_by(email="ann@riverside.gov.uk").one()
    assert (ann.name, ann.team_id, ann.role, ann.organisation.name) == ("Ann Ng", riverside.parks.id, "member",
                                                                     "Riverside Council")
    assert client.get("/ideas/").status_code == 200
    client.post("/logout")
    count = users()
    answer = sign_in(client, riverside, "ann@riverside.gov.uk", "sub-ann", department="Parks")
    assert answer.status_code == 302 and users() == count
    assert client.get("/account").status_code == 200


def test_a_team_claim_value_maps_to_a_team_through_the_admins_mapping(db, clock, client, riverside):
    riverside.config.team_map = {"D-042": riverside.housing.id}
    db.session.commit()
    sign_in(client, riverside, "cy@riverside.gov.uk", "sub-cy", department="D-042")
    assert User.query.filter_by(email="cy@riverside.gov.uk").one().team_id == riverside.housing.id


def test_without_a_team_claim_the_person_picks_a_team_of_their_organisation_once(client, riverside, make_team):
    answer = sign_in(client, riverside, "di@riverside.gov.uk", "sub-di")
    assert answer.headers["Location"].endswith("/sso/team") and users_with("di@riverside.gov.uk") == 0
    page = client.get("/sso/team").get_data(as_text=True)
    assert "Housing" in page and "Parks" in page
    stranger = make_team("Elsewhere")
    refused = client.post("/sso/team", data={"team_id": stranger.id})
    assert refused.status_code == 422 and "Riverside Council" in refused.get_data(as_text=True)
    assert client.post("/sso/team", data={"team_id": ""}).status_code == 422
    assert users_with("di@riverside.gov.uk") == 0
    done = client.post("/sso/team", data={"team_id": riverside.housing.id})
    assert done.status_code == 302
    assert User.query.filter_by(email="di@riverside.gov.uk").one().team_id == riverside.housing.id


def users_with(email: str) -> int:
    return User.query.filter_by(email=email).count()


def test_next_survives_the_round_trip_and_stays_on_our_own_paths(client, riverside):
    answer = sign_in(client, riverside, "ed@riverside.gov.uk", "sub-ed", next_path="/challenges/?x=1", department="Parks")
    assert answer.headers["Location"] == "/challenges/?x=1"
    client.post("/logout")
    answer = sign_in(client, riverside, "ed@riverside.gov.uk", "sub-ed", next_path="https://evil.example/",
                     department="Parks")
    assert answer.headers["Location"] == "/ideas/"
    client.post("/logout")
    answer = sign_in(client, riverside, "ed@riverside.gov.uk", "sub-ed", next_path="//evil.example/x",
                     department="Parks")
    assert answer.headers["Location"] == "/ideas/"


def test_groups_give_roles_at_every_sign_in_and_each_change_is_audited(client, riverside):
    sign_in(client, riverside, "fi@riverside.gov.uk", "sub-fi", department="Parks", groups=["ideas-moderators", "x"])
    fi = User.query.filter_by(email="fi@riverside.gov.uk").one()
    assert fi.role == "moderator"
    client.post("/logout")
    sign_in(client, riverside, "fi@riverside.gov.uk", "sub-fi", department="Parks",
            groups=["ideas-moderators", "ideas-executives"])
    assert User.query.filter_by(id=fi.id).one().role == "executive"
    client.post("/logout")
    sign_in(client, riverside, "fi@riverside.gov.uk", "sub-fi", department="Parks", groups=[])
    assert User.query.filter_by(id=fi.id).one().role == "member"
    changes = [(a.data["from"], a.data["to"]) for a in Activity.query.filter_by(action="user.role", subject_id=fi.id)
               .order_by(Activity.id)]
    assert changes == [("member", "moderator"), ("moderator", "executive"), ("executive", "member")]


def test_a_provider_never_changes_an_admin(client, riverside, make_user):
    admin = make_user("admin", team=None, email="root@riverside.gov.uk")
    sign_in(client, riverside, "root@riverside.gov.uk", "sub-root", groups=[])
    assert User.query.filter_by(id=admin.id).one().role == "admin"


# --- Linking an existing password account -------------------------------------------------------


def test_an_existing_account_is_linked_when_the_provider_verifies_the_address(client, riverside, make_user):
    gail = make_user(team=riverside.housing, email="gail@riverside.gov.uk")
    answer = sign_in(client, riverside, "gail@riverside.gov.uk", "sub-gail", email_verified=True)
    assert answer.status_code == 302
    assert ExternalIdentity.query.filter_by(user_id=gail.id).count() == 1


def test_an_authoritative_provider_links_an_address_of_its_domains_without_email_verified(client, riverside, make_user):
    hal = make_user(team=riverside.housing, email="hal@riverside.gov.uk")
    answer = sign_in(client, riverside, "hal@riverside.gov.uk", "sub-hal", email_verified=None)
    assert answer.status_code == 302 and ExternalIdentity.query.filter_by(user_id=hal.id).count() == 1


def test_a_provider_that_does_not_vouch_for_the_address_cannot_take_over_an_account(db, client, riverside, make_user):
    riverside.config.authoritative = False
    db.session.commit()
    make_user(team=riverside.housing, email="ivy@riverside.gov.uk")
    answer = sign_in(client, riverside, "ivy@riverside.gov.uk", "sub-ivy", email_verified=False)
    assert answer.status_code == 403
    assert "did not confirm that the address is yours" in answer.get_data(as_text=True)
    assert ExternalIdentity.query.count() == 0 and refusals("unverified_link") == 1
    assert client.get("/account").status_code == 302  # not signed in


def test_a_deactivated_person_cannot_sign_in_through_the_provider(db, client, riverside, make_user):
    jo = make_user(team=riverside.housing, email="jo@riverside.gov.uk")
    jo.active = False
    db.session.commit()
    answer = sign_in(client, riverside, "jo@riverside.gov.uk", "sub-jo")
    assert answer.status_code == 403 and refusals("deactivated") == 1


# --- Bad answers: each refused with a page, nothing created, audited ------------------------------


def test_a_wrong_state_is_refused(client, riverside):
    location = start(client, "kay@riverside.gov.uk")
    query = riverside.idp.approve(location, "sub-kay", email="kay@riverside.gov.uk", department="Parks")
    answer = client.get("/sso/callback", query_string={**query, "state": "forged"})
    assert answer.status_code == 400 and "Start again" in answer.get_data(as_text=True)
    assert users_with("kay@riverside.gov.uk") == 0 and refusals("bad_state") == 1


def test_a_callback_without_a_sign_in_started_here_is_refused(client, riverside):
    answer = client.get("/sso/callback", query_string={"code": "abc", "state": "xyz"})
    assert answer.status_code == 400 and refusals("bad_state") == 1


def test_a_replayed_code_is_refused(client, riverside):
    location = start(client, "lu@riverside.gov.uk")
    query = riverside.idp.approve(location, "sub-lu", email="lu@riverside.gov.uk", department="Parks")
    assert client.get("/sso/callback", query_string=query).status_code == 302
    client.post("/logout")
    # The same callback again: its state was used up with the session.
    assert client.get("/sso/callback", query_string=query).status_code == 400
    # The same code under a fresh sign-in's state: the provider refuses it, and so does the hub.
    fresh = urlsplit(start(client, "lu@riverside.gov.uk"))
    state = parse_qs(fresh.query)["state"][0]
    answer = client.get("/sso/callback", query_string={"code": query["code"], "state": state})
    assert answer.status_code == 400 and "already been used" in answer.get_data(as_text=True)
    assert refusals("code_refused") == 1
    assert client.get("/account").status_code == 302


@pytest.mark.parametrize(("tweak", "reason"), [
    ({"aud": "someone-else"}, "wrong_audience"),
    ({"iss": "https://login.evil.test"}, "wrong_issuer"),
    ({"nonce": "not-the-one"}, "wrong_nonce"),
])
def test_a_token_for_another_audience_issuer_or_sign_in_is_refused(client, riverside, tweak, reason):
    riverside.idp.token_tweaks = tweak
    answer = sign_in(client, riverside, "max@riverside.gov.uk", "sub-max", department="Parks")
    assert answer.status_code == 400 and "cannot trust" in answer.get_data(as_text=True)
    assert users_with("max@riverside.gov.uk") == 0 and refusals(reason) == 1


def test_an_expired_token_is_refused(client, riverside, clock):
    riverside.idp.token_tweaks = {"exp": int(clock.now().timestamp()) - 1}
    answer = sign_in(client, riverside, "ned@riverside.gov.uk", "sub-ned", department="Parks")
    assert answer.status_code == 400 and "expired" in answer.get_data(as_text=True)
    assert users_with("ned@riverside.gov.uk") == 0 and refusals("expired") == 1


def test_a_token_with_a_bad_signature_is_refused(client, riverside):
    riverside.idp.signing_key = new_key("key-1")  # same key id, a stranger's key
    answer = sign_in(client, riverside, "olu@riverside.gov.uk", "sub-olu", department="Parks")
    assert answer.status_code == 400 and users_with("olu@riverside.gov.uk") == 0
    assert refusals("bad_signature") == 1


def test_a_new_key_id_makes_the_hub_fetch_the_keys_again(client, riverside):
    sign_in(client, riverside, "pam@riverside.gov.uk", "sub-pam", department="Parks")
    client.post("/logout")
    riverside.idp.roll_keys("key-2")
    answer = sign_in(client, riverside, "pam@riverside.gov.uk", "sub-pam", department="Parks")
    assert answer.status_code == 302 and client.get("/account").status_code == 200
    assert sum(1 for url, _ in riverside.idp.requests if url.endswith("/jwks")) == 2


def test_an_address_of_another_organisation_is_refused(client, riverside, make_org):
    make_org("Northshire Health Board", "northshire.nhs.uk")
    answer = sign_in(client, riverside, "ann@riverside.gov.uk", "sub-q", claim_email="quinn@northshire.nhs.uk")
    assert answer.status_code == 403 and "Northshire Health Board" in answer.get_data(as_text=True)
    assert users_with("quinn@northshire.nhs.uk") == 0 and refusals("other_organisation") == 1


def test_a_provider_that_is_down_gets_a_clear_page_not_a_500(client, riverside):
    riverside.idp.down = True
    answer = client.post("/login", data={"email": "rob@riverside.gov.uk"})
    assert answer.status_code == 503 and "not answering" in answer.get_data(as_text=True)
    assert refusals("provider_down") == 1


def test_a_provider_that_goes_down_during_the_sign_in_gets_a_clear_page(client, riverside):
    location = start(client, "sal@riverside.gov.uk")
    query = riverside.idp.approve(location, "sub-sal", email="sal@riverside.gov.uk")
    sso._DISCOVERY.clear()
    riverside.idp.down = True
    answer = client.get("/sso/callback", query_string=query)
    assert answer.status_code == 503 and users_with("sal@riverside.gov.uk") == 0


def test_the_provider_saying_no_is_shown_in_words(client, riverside):
    location = start(client, "tam@riverside.gov.uk")
    state = parse_qs(urlsplit(location).query)["state"][0]
    answer = client.get("/sso/callback", query_string={"error": "access_denied", "state": state})
    assert answer.status_code == 403 and "did not let you in" in answer.get_data(as_text=True)


# --- Password sign-in off -------------------------------------------------------------------


def test_with_password_sign_in_off_passwords_registration_and_reset_say_sign_in_with_your_organisation(
        db, client, riverside, make_user):
    riverside.config.password_sign_in = False
    db.session.commit()
    make_user(team=riverside.housing, email="uma@riverside.gov.uk")
    answer = client.post("/login", data={"email": "uma@riverside.gov.uk", "password": PASSWORD})
    assert answer.status_code == 403 and "Sign in with your organisation" in answer.get_data(as_text=True)
    assert client.get("/account").status_code == 302
    answer = client.post("/register", data={"name": "Vic", "email": "vic@riverside.gov.uk",
                                            "team_id": riverside.housing.id, "password": PASSWORD, "confirm": PASSWORD})
    assert answer.status_code == 422 and "Sign in with your organisation" in answer.get_data(as_text=True)
    assert users_with("vic@riverside.gov.uk") == 0
    answer = client.post("/password/forgot", data={"email": "uma@riverside.gov.uk"})
    assert answer.status_code == 403 and "Sign in with your organisation" in answer.get_data(as_text=True)


def test_with_password_sign_in_on_a_password_still_works_for_the_organisation(client, riverside, make_user):
    make_user(team=riverside.housing, email="wyn@riverside.gov.uk")
    answer = client.post("/login", data={"email": "wyn@riverside.gov.uk", "password": PASSWORD})
    assert answer.status_code == 302 and client.get("/account").status_code == 200


def test_password_sign_in_of_an_organisation_without_a_provider_is_as_before(client, make_user, riverside):
    xan = make_user(email="xan@elsewhere.gov.uk")
    assert client.post("/login", data={"email": xan.email, "password": "wrong password here"}).status_code == 401
    assert client.post("/login", data={"email": xan.email, "password": PASSWORD}).status_code == 302


# --- Signing out -------------------------------------------------------------------------------


def test_sign_out_ends_the_hub_session_and_goes_on_to_the_providers_sign_out(client, riverside):
    sign_in(client, riverside, "yan@riverside.gov.uk", "sub-yan", department="Parks")
    answer = client.post("/logout")
    assert answer.headers["Location"].endswith("/sso/signed-out")
    page = client.get("/sso/signed-out").get_data(as_text=True)
    assert ISSUER + "/logout?" in page and "id_token_hint=" in page
    assert "post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Flogin" in page
    assert client.get("/account").status_code == 302


def test_without_an_end_session_endpoint_sign_out_stays_in_the_hub(client, riverside):
    riverside.idp.end_session = False
    sso._DISCOVERY.clear()
    sign_in(client, riverside, "zia@riverside.gov.uk", "sub-zia", department="Parks")
    assert client.post("/logout").headers["Location"].endswith("/login")


def test_back_channel_logout_ends_the_persons_sessions(client, app, riverside):
    sign_in(client, riverside, "abe@riverside.gov.uk", "sub-abe", department="Parks")
    assert client.get("/account").status_code == 200
    other = app.test_client()
    token = riverside.idp.logout_token("hub-riverside", sub="sub-abe")
    assert other.post("/sso/backchannel-logout", data={"logout_token": token}).status_code == 200
    assert client.get("/account").status_code == 302


@pytest.mark.parametrize("tweak", [{"aud": "another-client"}, {"events": {}}, {"nonce": "n"}])
def test_a_bad_logout_token_is_refused_and_ends_nothing(client, app, riverside, tweak):
    sign_in(client, riverside, "bea@riverside.gov.uk", "sub-bea", department="Parks")
    token = riverside.idp.logout_token("hub-riverside", sub="sub-bea", **tweak)
    answer = app.test_client().post("/sso/backchannel-logout", data={"logout_token": token})
    assert answer.status_code == 400 and answer.json["error"] == "invalid_request"
    assert client.get("/account").status_code == 200


def test_a_forged_logout_token_is_refused(client, app, riverside):
    sign_in(client, riverside, "cal@riverside.gov.uk", "sub-cal", department="Parks")
    riverside.idp.signing_key = new_key("key-1")
    token = riverside.idp.logout_token("hub-riverside", sub="sub-cal")
    assert app.test_client().post("/sso/backchannel-logout", data={"logout_token": token}).status_code == 400
    assert app.test_client().post("/sso/backchannel-logout", data={"logout_token": "junk"}).status_code == 400
    assert client.get("/account").status_code == 200


# --- Two organisations, two providers ----------------------------------------------------------


def test_two_organisations_sign_in_through_their_own_providers(db, clock, client, riverside, idp, make_org, make_team):
    north = make_org("Northshire Health Board", "northshire.nhs.uk")
    wards = make_team("Wards", north)
    fake = idp.add("https://accounts.northshire.test")
    _configure(db, clock, north, "https://accounts.northshire.test", "hub-north")
    location = start(client, "dee@northshire.nhs.uk")
    assert location.startswith("https://accounts.northshire.test/authorize?")
    place = SimpleNamespace(idp=fake)
    query = fake.approve(location, "sub-dee", email="dee@northshire.nhs.uk")
    assert client.get("/sso/callback", query_string=query).headers["Location"].endswith("/sso/team")
    client.post("/sso/team", data={"team_id": wards.id})
    assert User.query.filter_by(email="dee@northshire.nhs.uk").one().organisation.id == north.id
    client.post("/logout")
    # Riverside's provider cannot sign in Northshire's people.
    answer = sign_in(client, riverside, "x@riverside.gov.uk", "sub-dee-2", claim_email="dee@northshire.nhs.uk")
    assert answer.status_code == 403
    assert place


# --- Configuration ----------------------------------------------------------------------------


@pytest.mark.parametrize("issuer", ["http://login.example.com", "ftp://x", "login.example.com", ""])
def test_an_issuer_must_be_https_except_on_loopback(db, clock, make_org, issuer):
    org = make_org()
    with pytest.raises(sso.Invalid):
        sso.configure(None, org, sso.ProviderSettings(issuer=issuer, client_id="c", client_secret_env="S"), clock.now())
    assert IdentityProvider.query.count() == 0


@pytest.mark.parametrize("issuer", ["http://127.0.0.1:9400", "http://localhost:8080/realms/hub", "https://id.example.com"])
def test_loopback_http_and_any_https_issuer_are_accepted(db, clock, make_org, issuer):
    provider = sso.configure(None, make_org(), sso.ProviderSettings(issuer=issuer, client_id="c",
                                                                    client_secret_env="SSO_X"), clock.now())
    assert provider.issuer == issuer.rstrip("/")


def test_the_client_secret_is_never_stored_nor_logged(db, clock, riverside, client, caplog):
    sign_in(client, riverside, "dot@riverside.gov.uk", "sub-dot", department="Parks")
    stored = [str(row.data) for row in Activity.query.all()] + [str(vars(riverside.config))]
    assert not any("the-client-secret-value" in text for text in stored)
    assert "the-client-secret-value" not in caplog.text


# --- The admin page and the command line ----------------------------------------------------------


def test_the_admin_page_shows_the_settings_never_the_secret(client, auth, make_user, riverside, clock, db):
    from ideashub.people import scim

    scim.issue_token(None, riverside.org, clock.now())
    db.session.commit()
    auth.login(make_user("admin", team=None))
    page = client.get(f"/admin/organisations/{riverside.org.id}/sign-in")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and ISSUER in text and "SSO_TEST_SECRET" in text
    assert "the-client-secret-value" not in text and "it is set in this server" in text
    assert HUB_URL + "/sso/callback" in text and "ideas-moderators=moderator" in text


def test_an_admin_sets_a_provider_and_a_bad_one_is_refused_with_nothing_stored(client, auth, make_user, make_org):
    org = make_org("Supplier Ltd", "supplier.example")
    auth.login(make_user("admin", team=None))
    url = f"/admin/organisations/{org.id}/sign-in"
    good = {"issuer": "https://accounts.google.com", "client_id": "123.apps", "client_secret_env": "SSO_SUPPLIER",
            "role_map": "hub-mods=moderator\n", "authoritative": "y", "password_sign_in": "y"}
    for field, value, message in (("issuer", "http://accounts.example.com", "https://"),
                                  ("client_secret_env", "not a name", "NAME of the environment variable"),
                                  ("role_map", "hub-mods=admin", "GROUP=moderator")):
        answer = client.post(url, data={**good, field: value})
        assert answer.status_code == 422 and message in answer.get_data(as_text=True)
        assert IdentityProvider.query.filter_by(organisation_id=org.id).count() == 0
    answer = client.post(url, data=good)
    assert answer.status_code == 302
    saved = IdentityProvider.query.filter_by(organisation_id=org.id).one()
    assert (saved.issuer, saved.role_map, saved.authoritative, saved.password_sign_in) == (
        "https://accounts.google.com", {"hub-mods": "moderator"}, True, True)
    assert client.post(url, data={**good, "password_sign_in": ""}).status_code == 302
    assert IdentityProvider.query.filter_by(organisation_id=org.id).one().password_sign_in is False
    assert Activity.query.filter_by(action="organisation.sign_in_set").count() == 2


def test_only_admins_reach_the_sign_in_settings(client, auth, make_user, make_org):
    org = make_org()
    auth.login(make_user("moderator"))
    assert client.get(f"/admin/organisations/{org.id}/sign-in").status_code == 403
    assert client.post(f"/admin/organisations/{org.id}/sign-in/scim-token").status_code == 403


def test_a_new_scim_token_is_shown_once(client, auth, make_user, make_org):
    from ideashub.people.sso_models import ScimToken

    org = make_org()
    auth.login(make_user("admin", team=None))
    page = client.post(f"/admin/organisations/{org.id}/sign-in/scim-token").get_data(as_text=True)
    token = page.split('id="token" type="text" value="')[1].split('"')[0]
    assert token.startswith("scim_") and ScimToken.query.filter_by(organisation_id=org.id).one().token_hash != token
    assert token not in client.get(f"/admin/organisations/{org.id}/sign-in").get_data(as_text=True)


def test_the_cli_sets_shows_and_makes_scim_tokens(runner, make_org, make_team, monkeypatch):
    org = make_org("Northshire Health Board", "northshire.nhs.uk")
    make_team("Wards", org)
    monkeypatch.setenv("SSO_NORTH", "cli-secret-value")
    result = runner.invoke(args=["sso", "set", "Northshire Health Board", "--issuer", "https://id.northshire.test",
                                 "--client-id", "hub", "--client-secret-env", "SSO_NORTH", "--team-claim", "dept",
                                 "--role-claim", "roles", "--role-map", "mods=moderator", "--role-map", "execs=executive",
                                 "--team-map", "W1=Wards", "--not-authoritative"])
    assert result.exit_code == 0, result.output
    provider = IdentityProvider.query.filter_by(organisation_id=org.id).one()
    assert provider.role_map == {"mods": "moderator", "execs": "executive"} and provider.authoritative is False
    assert provider.role_claim == "roles" and provider.team_claim == "dept" and len(provider.team_map) == 1
    shown = runner.invoke(args=["sso", "show", str(org.id)])
    assert shown.exit_code == 0 and "https://id.northshire.test" in shown.output and "SSO_NORTH (set" in shown.output
    assert "cli-secret-value" not in shown.output
    first = runner.invoke(args=["sso", "scim-token", "Northshire Health Board"]).output.strip()
    second = runner.invoke(args=["sso", "scim-token", str(org.id)]).output.strip()
    assert first.startswith("scim_") and second.startswith("scim_") and first != second
    from ideashub.people.scim import _hash
    from ideashub.people.sso_models import ScimToken

    assert ScimToken.query.one().token_hash == _hash(second)


@pytest.mark.parametrize("args", [
    ["sso", "set", "Nowhere", "--issuer", "https://x.test", "--client-id", "c", "--client-secret-env", "S"],
    ["sso", "set", "Riverside", "--issuer", "http://x.example", "--client-id", "c", "--client-secret-env", "S"],
    ["sso", "set", "Riverside", "--issuer", "https://x.test", "--client-id", "c", "--client-secret-env", "S",
     "--role-map", "g=admin"],
    ["sso", "show", "Nowhere"],
    ["sso", "scim-token", "Nowhere"],
])
def test_the_cli_refuses_bad_input_in_words(runner, make_org, args):
    make_org("Riverside", "riverside.example")
    result = runner.invoke(args=args)
    assert result.exit_code != 0 and "Error:" in result.output and "Traceback" not in result.output
    assert IdentityProvider.query.count() == 0


def test_without_its_client_secret_in_the_environment_the_provider_is_not_used(client, riverside, monkeypatch):
    monkeypatch.delenv("SSO_TEST_SECRET")
    answer = client.post("/login", data={"email": "eve@riverside.gov.uk"})
    assert answer.status_code == 503 and "not fully set up" in answer.get_data(as_text=True)
    assert refusals("no_client_secret") == 1


def test_a_token_with_hundreds_of_groups_keeps_the_session_small(client, riverside):
    groups = [f"group-{n:04d}-{'x' * 30}" for n in range(300)] + ["ideas-moderators"]
    answer = sign_in(client, riverside, "gus@riverside.gov.uk", "sub-gus", groups=groups)
    assert answer.headers["Location"].endswith("/sso/team")
    cookie = answer.headers["Set-Cookie"]
    assert len(cookie) < 4000, len(cookie)
    client.post("/sso/team", data={"team_id": riverside.parks.id})
    assert User.query.filter_by(email="gus@riverside.gov.uk").one().role == "moderator"
