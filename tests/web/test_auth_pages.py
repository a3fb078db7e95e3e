"""Signing in and out, registering, the sign-in gate."""

from sqlalchemy import select

from ideashub.core.activity import Activity
from ideashub.people.models import User
from tests.conftest import PASSWORD


def test_every_page_needs_a_signed_in_person(client):
    for url in ("/ideas/", "/ideas/new", "/people/", "/account"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login?next=" in response.headers["Location"]


def test_sign_in_page_health_and_static_are_open(client):
    assert client.get("/login").status_code == 200
    assert client.get("/register").status_code == 200
    assert client.get("/healthz").get_json() == {"status": "ok"}
    assert client.get("/static/css/hub.css").status_code == 200


def test_sign_in_with_email_and_password_goes_to_next(client, make_user):
    user = make_user()
    response = client.post("/login", data={"email": user.email.upper(), "password": PASSWORD, "next": "/people/"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/people/")
    assert client.get("/ideas/").status_code == 200


def test_next_never_leaves_the_site(client, make_user):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "next": "//evil.example/x"})
    assert response.headers["Location"].endswith("/ideas/")


def test_wrong_password_and_unknown_email_answer_the_same(client, make_user, db):
    user = make_user()
    wrong = client.post("/login", data={"email": user.email, "password": "not the password at all"})
    unknown = client.post("/login", data={"email": "nobody@nowhere.example", "password": "not the password at all"})
    assert wrong.status_code == unknown.status_code == 401
    assert b"do not match an account" in wrong.data and b"do not match an account" in unknown.data
    failures = db.session.scalars(select(Activity).where(Activity.action == "auth.signin_failed")).all()
    assert len(failures) == 2


def test_signing_out_ends_the_session_even_if_the_cookie_is_replayed(client, auth, make_user):
    user = make_user()
    auth.login(user)
    cookie = client.get_cookie("ideashub_session", domain="hub.test").value
    auth.logout()
    client.set_cookie("ideashub_session", cookie, domain="hub.test")
    assert client.get("/ideas/").status_code == 302


def test_register_with_an_organisation_email_and_a_team_of_it(client, make_team, make_org, db, outbox):
    org = make_org(domain="riverside.gov.uk")
    team = make_team(organisation=org)
    response = client.post(
        "/register",
        data={"name": "Sam Jones", "email": "Sam.Jones@Riverside.gov.uk", "team_id": team.id,
              "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.status_code == 200 and b"Check your email" in response.data
    assert db.session.scalar(select(User).where(User.email == "sam.jones@riverside.gov.uk")) is None
    link = outbox.link("sam.jones@riverside.gov.uk", "/register/finish/")
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    user = db.session.scalar(select(User).where(User.email == "sam.jones@riverside.gov.uk"))
    assert user.team_id == team.id and user.role == "member"
    assert client.get("/ideas/").status_code == 200


def test_register_refuses_other_domains_and_other_organisations_teams(client, make_team, make_org, db):
    org = make_org(domain="riverside.gov.uk")
    other_team = make_team()
    outside = client.post("/register", data={"name": "X", "email": "x@gmail.com", "team_id": other_team.id, "password": PASSWORD, "confirm": PASSWORD})
    assert outside.status_code == 422 and b"organisation that is part of this hub" in outside.data
    wrong_team = client.post("/register", data={"name": "X", "email": "x@riverside.gov.uk", "team_id": other_team.id, "password": PASSWORD, "confirm": PASSWORD})
    assert wrong_team.status_code == 422 and org.name.encode() in wrong_team.data
    assert db.session.scalar(select(User).where(User.email.in_(["x@gmail.com", "x@riverside.gov.uk"]))) is None


def test_register_refuses_short_and_common_passwords(client, make_team, make_org):
    org = make_org(domain="riverside.gov.uk")
    team = make_team(organisation=org)
    for password in ("short", "password1234", "qwertyuiop123"):
        response = client.post("/register", data={"name": "X", "email": "x@riverside.gov.uk", "team_id": team.id, "password": password, "confirm": password})
        assert response.status_code == 422


def test_change_password_ends_other_sessions(app, client, auth, make_user, db):
    user = make_user()
    auth.login(user)
    other = app.test_client()
    other.post("/login", data={"email": user.email, "password": PASSWORD})
    assert other.get("/ideas/").status_code == 200
    response = client.post("/account/password", data={"current_password": PASSWORD, "new_password": "a brand new passphrase", "confirm": "a brand new passphrase"})
    assert response.status_code == 302
    assert client.get("/ideas/").status_code == 200
    assert other.get("/ideas/").status_code == 302


def test_the_accessibility_statement_is_open_to_everyone(client):
    page = client.get("/accessibility")
    assert page.status_code == 200 and "WCAG" in page.get_data(as_text=True)
