"""Signing in with the organisation's own accounts, in a real browser through real OpenID Connect
providers on loopback (oidc-provider-mock): two organisations, two providers, in one run.

The first sign-in creates the account in the right organisation and team (from a claim for one,
picked once for the other), a second finds it, a group claim makes a moderator, signing out ends
the hub's session and goes on to the provider's; SCIM deprovisioning a signed-in person ends their
next request. Only the hub's pages are held to axe and the Nu checker (the providers' are theirs).
"""

from __future__ import annotations

import os
import re
from contextlib import ExitStack

import pytest
import requests
from oidc_provider_mock import run_server_in_thread
from playwright.sync_api import expect
from sqlalchemy import select

from tests.conftest import PASSWORD

# The hub's server reads the client secret from this variable; it inherits the test process's
# environment when it starts (the session's first browser test), so it is set at collection.
SECRET_ENV = "SSO_E2E_CLIENT_SECRET"
os.environ.setdefault(SECRET_ENV, "e2e-client-secret-not-a-real-one")


@pytest.fixture
def providers():
    """Two real OpenID Connect providers on loopback, one per organisation."""
    with ExitStack() as stack:
        servers = [stack.enter_context(run_server_in_thread(port=0)) for _ in range(2)]
        yield [f"http://localhost:{server.server_port}" for server in servers]


def _set_user(issuer: str, sub: str, **claims) -> None:
    """The person as the provider knows them: the claims its ID token carries."""
    assert requests.put(f"{issuer}/users/{sub}", json=claims, timeout=5).status_code == 204


@pytest.fixture
def organisations(hub, providers):
    """Riverside (team from a claim, a group that makes moderators) and Northshire (team picked once)."""
    from ideashub.core import clock
    from ideashub.extensions import db
    from ideashub.people import scim, sso
    from ideashub.people.models import Organisation, OrganisationDomain, Team

    made = {}
    with hub.app.app_context():
        for name, domain, teams in (("Riverside Council", "riverside.gov.uk", ["Housing", "Parks"]),
                                    ("Northshire Health Board", "northshire.nhs.uk", ["Wards", "Pharmacy"])):
            org = db.session.scalar(select(Organisation).where(Organisation.name == name))
            if org is None:  # made once for the session's hub
                org = Organisation(name=name, created_at=clock.now())
                db.session.add(org)
                db.session.flush()
                db.session.add(OrganisationDomain(organisation_id=org.id, domain=domain))
                for team in teams:
                    db.session.add(Team(organisation_id=org.id, name=team, created_at=clock.now()))
                db.session.flush()
            made[name] = org.id
        riverside, northshire = (db.session.get(Organisation, made[n]) for n in made)
        sso.configure(None, riverside, sso.ProviderSettings(
            issuer=providers[0], client_id="hub-riverside", client_secret_env=SECRET_ENV, team_claim="department",
            role_map={"hub-moderators": "moderator"}), clock.now())
        sso.configure(None, northshire, sso.ProviderSettings(
            issuer=providers[1], client_id="hub-northshire", client_secret_env=SECRET_ENV), clock.now())
        token = scim.issue_token(None, riverside, clock.now())
        db.session.commit()
    yield {"riverside": made["Riverside Council"], "northshire": made["Northshire Health Board"],
           "issuers": providers, "scim_token": token}
    # The hub is shared by the session's browser tests: back to passwords for everyone after.
    with hub.app.app_context():
        for org_id in made.values():
            sso.remove(None, db.session.get(Organisation, org_id), clock.now())
        db.session.commit()


def _hub_pages_only(web, hub, provider_urls):
    """Keep the providers' pages (their HTML, their console) out of the hub's checks."""
    web.documents = {body: where for body, where in web.documents.items() if hub.url in where}
    web.problems = [p for p in web.problems if not any(url in p for url in provider_urls)]


def _person(hub, email):
    from ideashub.people.models import User

    def read(session):
        user = session.scalar(select(User).where(User.email == email))
        return None if user is None else (user.id, user.team.name if user.team else None,
                                          user.team.organisation.name if user.team else None, user.role, user.active)

    return hub.query(read)


def _through_provider(page, hub, email: str, sub: str):
    page.goto(hub.url + "/login")
    page.fill("#email", email)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"http://localhost:\d+/oauth2/authorize.*"))
    page.fill("input[name=sub]", sub)
    page.click("button:has-text('Authorize')")


def test_two_organisations_sign_in_through_their_own_providers(hub, web, organisations):
    try:
        _journey(hub, web, organisations)
    finally:
        _hub_pages_only(web, hub, organisations["issuers"])


def _journey(hub, web, organisations):
    page = web.page
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.fulfill(body="", content_type="text/css"))
    river, north = organisations["issuers"]
    _set_user(river, "ann", email="ann@riverside.gov.uk", email_verified=True, name="Ann Ng", department="Parks",
              groups=["hub-moderators", "everyone"])
    _set_user(north, "bo", email="bo@northshire.nhs.uk", email_verified=True, name="Bo Lind")

    # The sign-in page asks for the email first.
    web.go("/login")
    expect(page.locator("#password")).to_have_count(0)
    web.accessible("sign-in, email first")
    web.screenshot("sso-sign-in")
    page.set_viewport_size({"width": 375, "height": 800})
    web.screenshot("sso-sign-in")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Riverside: the first sign-in creates Ann in Parks (the department claim), a moderator (her group).
    _through_provider(page, hub, "ann@riverside.gov.uk", "ann")
    page.wait_for_url(hub.url + "/ideas/")
    expect(page.locator("#flashes")).to_contain_text("Welcome, Ann Ng.")
    expect(page.locator(".site-header")).to_contain_text("Moderate")
    ann = _person(hub, "ann@riverside.gov.uk")
    assert ann[1:] == ("Parks", "Riverside Council", "moderator", True)

    # Signing out ends the hub's session, then the provider's (RP-initiated logout), back to sign-in.
    web.sign_out()
    page.wait_for_url(re.compile(r"http://localhost:\d+/oauth2/end_session.*"))
    assert "id_token_hint=" in page.url
    page.click("button:has-text('End session')")
    page.wait_for_url(hub.url + "/login")
    web.go("/account")
    page.wait_for_url(re.compile(r".*/login\?next=.*"))

    # A second sign-in finds the same account.
    _through_provider(page, hub, "ann@riverside.gov.uk", "ann")
    page.wait_for_url(hub.url + "/ideas/")
    assert _person(hub, "ann@riverside.gov.uk")[0] == ann[0]

    # Her directory deprovisions her: her next request is signed out.
    answer = requests.patch(f"{hub.url}/scim/v2/Users/{ann[0]}", timeout=10, json={
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "path": "active", "value": False}]},
        headers={"Authorization": f"Bearer {organisations['scim_token']}", "Content-Type": "application/scim+json"})
    assert answer.status_code == 404  # SCIM sees only the people it provisioned
    # The directory adopts her account (a POST for her address), then deactivates her.
    made = requests.post(f"{hub.url}/scim/v2/Users", timeout=10, json={
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "ann@riverside.gov.uk",
        "displayName": "Ann Ng", "emails": [{"value": "ann@riverside.gov.uk", "primary": True}], "active": True},
        headers={"Authorization": f"Bearer {organisations['scim_token']}", "Content-Type": "application/scim+json"})
    assert made.status_code == 201 and made.json()["id"] == str(ann[0])
    gone = requests.patch(f"{hub.url}/scim/v2/Users/{ann[0]}", timeout=10, json={
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "path": "active", "value": False}]},
        headers={"Authorization": f"Bearer {organisations['scim_token']}", "Content-Type": "application/scim+json"})
    assert gone.status_code == 200 and gone.json()["active"] is False
    web.go("/account")
    page.wait_for_url(re.compile(r".*/login\?next=.*"))

    # Northshire, through the other provider: no team claim, so Bo picks a team once.
    _through_provider(page, hub, "bo@northshire.nhs.uk", "bo")
    page.wait_for_url(hub.url + "/sso/team")
    web.accessible("team picked once")
    web.screenshot("sso-team")
    page.select_option("#team_id", label="Wards")
    page.click("main button[type=submit]")
    page.wait_for_url(hub.url + "/ideas/")
    bo = _person(hub, "bo@northshire.nhs.uk")
    assert bo[1:] == ("Wards", "Northshire Health Board", "member", True)
    expect(page.locator(".site-header")).not_to_contain_text("Moderate")


def test_the_admin_sign_in_settings_page(hub, web, organisations):
    admin = hub.people(1, role="admin")[0]
    web.sign_in(admin, PASSWORD)  # an organisation without a provider: the password, after the email
    page = web.go(f"/admin/organisations/{organisations['riverside']}/sign-in")
    expect(page.locator("h1")).to_have_text("Sign-in for Riverside Council")
    expect(page.locator("#issuer")).to_have_value(organisations["issuers"][0])
    expect(page.locator("main")).not_to_contain_text("e2e-client-secret-not-a-real-one")
    web.accessible("sign-in settings")
    web.screenshot("sso-admin")
    page.set_viewport_size({"width": 375, "height": 800})
    web.screenshot("sso-admin")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width} px wide at 375"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.fill("#issuer", "http://login.example.com")
    page.click("main button:has-text('Save the sign-in')")
    expect(page.locator("main")).to_contain_text("must be an https:// address")
    web.accessible("sign-in settings refused")
    page.click("main button:has-text('Make a new SCIM token')")
    expect(page.locator("#token")).to_have_value(re.compile(r"^scim_"))
    web.accessible("a new SCIM token")
