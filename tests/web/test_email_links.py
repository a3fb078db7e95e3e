"""Registration by emailed link and password reset by emailed, single-use, expiring link.

Neither page tells a stranger whether an address has an account: the
answers are identical, only the owner's email differs."""

from sqlalchemy import select

from ideashub.core.activity import Activity
from ideashub.people.models import EmailLink, User
from tests.conftest import PASSWORD

NEW_PASSWORD = "a brand new passphrase for spring"


def register(client, email, team, name="Sam Jones", password=PASSWORD):
    return client.post("/register", data={"name": name, "email": email, "team_id": team.id,
                                          "password": password, "confirm": password})


def forgot(client, email):
    return client.post("/password/forgot", data={"email": email})


def _page_text(response) -> str:
    # The page without the per-request parts (CSRF token, CSP nonce) and the address typed.
    import re

    html = response.get_data(as_text=True)
    return re.sub(r'(nonce|value|content)="[^"]*"', "", html)


def test_registering_an_existing_address_looks_the_same_as_a_new_one(client, db, make_team, make_user, outbox):
    team = make_team()
    domain = team.organisation.domains[0].domain
    existing = make_user(team=team, email=f"taken@{domain}")
    fresh = register(client, f"fresh@{domain}", team)
    taken = register(client, f"TAKEN@{domain} ", team)
    assert fresh.status_code == taken.status_code == 200
    assert _page_text(fresh).replace("fresh@", "X@") == _page_text(taken).replace("taken@", "X@")
    # Only the owner's inbox tells the difference.
    [told] = outbox.messages(existing.email)
    assert "you already have an account" in told["Subject"] and "/password/forgot" in told.get_content()
    assert "/register/finish/" in outbox.messages(f"fresh@{domain}")[0].get_content()
    assert db.session.scalar(select(User.name).where(User.email == existing.email)) != "Sam Jones"


def test_a_registration_link_makes_the_account_once(client, db, make_team, outbox, clock):
    team = make_team()
    email = f"new.person@{team.organisation.domains[0].domain}"
    register(client, email, team)
    link = outbox.link(email, "/register/finish/")
    page = client.get(link)
    assert page.status_code == 200 and email in page.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.email == email)) is None  # opening it is not enough
    assert client.post(link).status_code == 302
    user = db.session.scalar(select(User).where(User.email == email))
    assert (user.team_id, user.role, user.name) == (team.id, "member", "Sam Jones")
    assert client.get("/ideas/").status_code == 200
    client.post("/logout")
    again = client.post(link)
    assert again.status_code == 410 and "expired or has already been used" in again.get_data(as_text=True)
    # What the link carried (the password hash) is not kept once used.
    assert db.session.scalar(select(EmailLink.data).where(EmailLink.email == email)) is None


def test_a_registration_link_expires_after_a_day(client, db, make_team, outbox, clock):
    team = make_team()
    email = f"late@{team.organisation.domains[0].domain}"
    register(client, email, team)
    link = outbox.link(email, "/register/finish/")
    clock.advance(hours=24, seconds=1)
    assert client.get(link).status_code == 410
    assert client.post(link).status_code == 410
    assert db.session.scalar(select(User).where(User.email == email)) is None


def test_a_made_up_link_does_nothing(client, db):
    assert client.get("/register/finish/not-a-real-token").status_code == 410
    assert client.post("/password/reset/not-a-real-token", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 410


def test_reset_answers_the_same_for_known_and_unknown_addresses(client, db, make_user, outbox):
    user = make_user(email="known@riverside.example.org")
    known = forgot(client, "known@riverside.example.org")
    unknown = forgot(client, "nobody@riverside.example.org")
    assert known.status_code == unknown.status_code == 200
    assert _page_text(known).replace("known@", "X@") == _page_text(unknown).replace("nobody@", "X@")
    assert [m["To"] for m in outbox.messages()] == [user.email]


def test_a_reset_link_works_once_and_ends_every_session_and_token(app, client, db, make_user, outbox, api):
    user = make_user()
    elsewhere = app.test_client()
    elsewhere.post("/login", data={"email": user.email, "password": PASSWORD})
    scripts = api(user)
    assert scripts.get("/api/v1/me").status_code == 200

    forgot(client, user.email)
    link = outbox.link(user.email, "/password/reset/")
    assert client.get(link).status_code == 200
    done = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302 and done.headers["Location"].endswith("/login")

    assert elsewhere.get("/ideas/").status_code == 302  # signed out everywhere
    assert scripts.get("/api/v1/me").status_code == 401  # tokens revoked
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 401
    assert client.post("/login", data={"email": user.email, "password": NEW_PASSWORD}).status_code == 302
    client.post("/logout")
    reused = client.post(link, data={"password": "yet another long passphrase", "confirm": "yet another long passphrase"})
    assert reused.status_code == 410
    actions = db.session.scalars(select(Activity.action).where(Activity.subject_id == user.id)).all()
    assert "auth.reset_requested" in actions and "auth.password_reset" in actions


def test_a_reset_link_expires_after_an_hour(client, db, make_user, outbox, clock):
    user = make_user()
    forgot(client, user.email)
    link = outbox.link(user.email, "/password/reset/")
    clock.advance(minutes=59)
    assert client.get(link).status_code == 200
    clock.advance(minutes=2)
    assert client.get(link).status_code == 410
    assert client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 410


def test_a_newer_reset_link_voids_the_older_one(client, db, make_user, outbox):
    user = make_user()
    forgot(client, user.email)
    first = outbox.link(user.email, "/password/reset/")
    forgot(client, user.email)
    second = outbox.link(user.email, "/password/reset/")
    assert first != second
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_the_new_password_follows_the_password_rules(client, db, make_user, outbox):
    user = make_user()
    forgot(client, user.email)
    link = outbox.link(user.email, "/password/reset/")
    for weak in ("short", "password1234"):
        reply = client.post(link, data={"password": weak, "confirm": weak})
        assert reply.status_code == 422 and "There is a problem" in reply.get_data(as_text=True)
    mismatch = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"})
    assert mismatch.status_code == 422
    assert client.get(link).status_code == 200  # a refused attempt does not use the link up


def test_no_reset_mail_for_a_deactivated_account(client, db, make_user, outbox):
    user = make_user()
    user.active = False
    db.session.commit()
    assert forgot(client, user.email).status_code == 200
    assert outbox.messages() == []


def test_only_the_tokens_hash_is_stored(client, db, make_user, outbox):
    user = make_user()
    forgot(client, user.email)
    raw = outbox.link(user.email, "/password/reset/").rsplit("/", 1)[1]
    stored = db.session.scalars(select(EmailLink.token_hash)).all()
    assert raw not in stored and len(stored) == 1 and len(stored[0]) == 64


class _RecordingSMTP:
    """Records what reaches the mail server (nothing is sent anywhere)."""

    sent: list = []

    def __init__(self, host, port, timeout):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self, context):
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        _RecordingSMTP.sent.append(message["To"])


def _ask_for_reset_without_closing(app, email: str):
    from werkzeug.test import EnvironBuilder, run_wsgi_app

    environ = EnvironBuilder(path="/password/forgot", method="POST", data={"email": email}).get_environ()
    with app.app_context():
        body, status, _ = run_wsgi_app(app.wsgi_app, environ)
        answer = b"".join(body)
    return body, status, answer


def test_reset_mail_goes_out_after_the_answer_so_timing_cannot_tell_who_has_an_account(
    app, db, make_user, monkeypatch
):
    # With a real mail server, talking to it takes time: if a known address waited for
    # it and an unknown one did not, the delay would tell who has an account here.
    person = make_user(email="known@riverside.example.org")
    monkeypatch.setattr("ideashub.core.mail.smtplib.SMTP", _RecordingSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.riverside.example.org")
    monkeypatch.setattr(_RecordingSMTP, "sent", [])
    known_body, known_status, known = _ask_for_reset_without_closing(app, person.email)
    unknown_body, unknown_status, unknown = _ask_for_reset_without_closing(app, "nobody@riverside.example.org")
    assert known_status == unknown_status == "200 OK"
    import re

    def same(html: bytes) -> bytes:
        return re.sub(rb'(nonce|value|content)="[^"]*"', b"", html)

    assert same(known).replace(person.email.encode(), b"X") == same(unknown).replace(b"nobody@riverside.example.org", b"X")
    assert _RecordingSMTP.sent == []  # both answers are complete and nothing has been sent yet
    known_body.close()  # the server is done writing the answer: now the mail goes
    unknown_body.close()
    assert _RecordingSMTP.sent == [person.email]


def test_a_failed_request_sends_no_mail(app, client, db, make_user, outbox, monkeypatch):
    from ideashub.core import mail

    person = make_user()

    def fail_after_queueing(*args, **kwargs):
        mail.send_after_response([person.email], "A link that was never stored", "text", None, None)
        raise RuntimeError("the database went away")

    monkeypatch.setattr("ideashub.people.links.start_reset", fail_after_queueing)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    assert client.post("/password/forgot", data={"email": person.email}).status_code == 500
    assert outbox.messages() == []
