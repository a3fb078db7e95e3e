"""Post an idea, or answer one, by email: real mail sent with smtplib to the hub's listener.

The listener (``flask mail-in``'s aiosmtpd controller) runs on a free port in the test; what the
hub mails back is delivered through the outbox to the suite's SMTP sink (``smtp``).
"""

from __future__ import annotations

import re
import smtplib
from email.message import EmailMessage

import pytest
from sqlalchemy import func, select

from ideashub.core import outbox as core_outbox
from ideashub.core import reply_address
from ideashub.core.activity import Activity
from ideashub.ideas.models import Idea, Response, Stage
from ideashub.mailin import commands, services
from ideashub.people.models import EmailLink
from tests.support.hostile import PAYLOADS, SAMPLE
from tests.support.html_safety import active_content
from tests.support.smtp import free_port

IDEAS = "ideas@hub.test"


@pytest.fixture
def mailin(app, db, smtp, monkeypatch):
    """The listener, started on a free port for IDEAS_ADDRESS; yields a function that sends a message to it."""
    monkeypatch.setitem(app.config, "IDEAS_ADDRESS", IDEAS)
    port = free_port()
    listener = commands.controller(app, "127.0.0.1", port)
    listener.start()

    def send(message: EmailMessage | bytes, to: str = IDEAS, mail_from: str | None = None):
        # The listener's thread shares the test's one connection: the test's own savepoint ends first,
        # so that rolling it back later cannot take what the listener committed with it.
        db.session.commit()
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            if isinstance(message, bytes):
                return client.sendmail(mail_from or "sender@elsewhere.example", [to], message)
            return client.send_message(message, from_addr=mail_from, to_addrs=[to])

    yield send
    listener.stop()


def letter(sender: str, subject: str = "Book repairs online", body: str = "Residents wait weeks for a repair.",
           to: str = IDEAS, html: str | None = None, **headers) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = subject
    for name, value in headers.items():
        mail[name.replace("_", "-")] = value
    mail.set_content(body)
    if html is not None:
        mail.add_alternative(html, subtype="html")
    return mail


def deliver(app, clock):
    with app.app_context():
        core_outbox.pump(clock.now())


def draft_path(message) -> str:
    found = re.findall(r"https?://[^/\s]+(/mailin/drafts/\S+)", message.get_body(("plain",)).get_content())
    assert found
    return found[-1]


def count(db, model, *where) -> int:
    db.session.rollback()  # read what the listener committed
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def refusals(db) -> list[str]:
    db.session.rollback()
    return list(db.session.scalars(select(Activity.reason).where(Activity.action == services.REFUSED)))


def test_a_known_person_s_mail_is_confirmed_once_and_posts_nothing_until_they_press_post(
        app, db, clock, smtp, mailin, make_user, auth, client):
    sam = make_user(name="Sam Jones")
    ideas_before = count(db, Idea)
    mailin(letter(sam.email, body="Problem:\nResidents wait weeks.\n\nProposal:\nBook slots online.\n\n"
                              "Benefit:\nFewer calls.\n\n-- \nSam Jones, Housing"))
    deliver(app, clock)
    confirmations = smtp.to(sam.email)
    assert len(confirmations) == 1
    assert confirmations[0]["Auto-Submitted"] == "auto-replied"
    assert count(db, Idea) == ideas_before

    path = draft_path(confirmations[0])
    auth.login(sam)
    page = client.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'value="Book repairs online"' in html
    assert "Residents wait weeks." in html and "Book slots online." in html and "Fewer calls." in html
    assert "Housing" not in html  # the signature is left out
    assert count(db, Idea) == ideas_before  # opening the link posts nothing

    posted = client.post(path, data={"title": "Book repairs online", "problem": "Residents wait weeks.",
                                     "proposal": "Book slots online.", "benefit": "Fewer calls.", "looked": "1"})
    assert posted.status_code == 302
    idea = db.session.scalar(select(Idea).where(Idea.title == "Book repairs online"))
    assert idea is not None and idea.author_id == sam.id
    # The link worked once.
    assert client.get(path).status_code == 410


def test_the_link_is_for_its_sender_only_and_lasts_48_hours(app, db, clock, smtp, mailin, make_user, auth, client):
    sam, alex = make_user(), make_user()
    mailin(letter(sam.email))
    deliver(app, clock)
    path = draft_path(smtp.to(sam.email)[0])
    auth.login(alex)
    assert client.get(path).status_code == 403
    assert client.post(path, data={"title": "Taken over", "problem": "p", "proposal": "q", "looked": "1"}).status_code == 403
    auth.logout()
    auth.login(sam)
    clock.advance(hours=47, minutes=59)
    assert client.get(path).status_code == 200
    clock.advance(minutes=2)
    assert client.get(path).status_code == 410


def test_unknown_forged_and_inactive_senders_get_nothing_and_are_counted(
        app, db, clock, smtp, mailin, make_user):
    gone = make_user()
    gone.active = False
    db.session.commit()
    drafts_before = count(db, EmailLink, EmailLink.purpose == services.DRAFT)
    mailin(letter("stranger@elsewhere.example"))
    mailin(letter(gone.email))
    deliver(app, clock)
    assert smtp.messages == []
    assert count(db, EmailLink, EmailLink.purpose == services.DRAFT) == drafts_before
    assert sorted(refusals(db)) == ["inactive_sender", "unknown_sender"]


def test_mail_for_another_address_is_refused_at_the_door(app, db, mailin, make_user):
    sam = make_user()
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        mailin(letter(sam.email, to="someone@hub.test"), to="someone@hub.test")
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        mailin(letter(sam.email, to="ideas+news@hub.test"), to="ideas+news@hub.test")


@pytest.mark.parametrize("headers, subject, envelope_from, reason", [
    ({"Auto_Submitted": "auto-replied"}, "Re: Book repairs online", None, "auto_reply"),
    ({}, "Automatic reply: I am away until Monday", None, "auto_reply"),
    ({"X_Autoreply": "yes"}, "Away", None, "auto_reply"),
    ({}, "Undeliverable: your idea", "<>", "bounce"),
])
def test_out_of_office_and_bounces_create_nothing_and_send_nothing(
        app, db, clock, smtp, mailin, make_user, headers, subject, envelope_from, reason):
    sam = make_user()
    drafts_before = count(db, EmailLink, EmailLink.purpose == services.DRAFT)
    mailin(letter(sam.email, subject=subject, **headers), mail_from=envelope_from if envelope_from != "<>" else "")
    deliver(app, clock)
    assert smtp.messages == []
    assert count(db, EmailLink, EmailLink.purpose == services.DRAFT) == drafts_before
    assert refusals(db) == [reason]


def test_a_delivery_report_is_a_bounce(app, db, clock, smtp, mailin, make_user):
    sam = make_user()
    report = (f"From: {sam.email}\r\nTo: {IDEAS}\r\nSubject: Delivery Status Notification\r\n"
              "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
              "--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed\r\n--b\r\n"
              "Content-Type: message/delivery-status\r\n\r\nStatus: 5.0.0\r\n--b--\r\n").encode()
    mailin(report, mail_from=sam.email)
    deliver(app, clock)
    assert smtp.messages == []
    assert refusals(db) == ["bounce"]


def test_malformed_mail_is_counted_not_a_failure(app, db, clock, smtp, mailin, make_user):
    sam = make_user()
    raw = (f"From: {sam.email}\r\nSubject: =?x-unknown?q?broken?=\r\nContent-Type: multipart/mixed\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\n!!!not base64 and no boundary!!!\r\n").encode()
    mailin(raw, mail_from=sam.email)
    deliver(app, clock)
    # Read as best it can: either a draft for its sender, or a refusal counted; never an error.
    assert len(smtp.to(sam.email)) + len(refusals(db)) == 1


def test_a_message_over_the_size_limit_is_refused(app, db, clock, smtp, mailin, make_user, monkeypatch):
    sam = make_user()
    monkeypatch.setitem(app.config, "MAIL_IN_MAX_BYTES", 2048)
    with app.app_context():
        received = services.receive_mail(bytes(letter(sam.email, body="x" * 4000)), sam.email, [IDEAS], clock.now())
    assert received.reason == "too_big"
    assert smtp.messages == []


def test_the_listener_counts_what_it_turns_away_for_its_size(app, db, clock, smtp, make_user, monkeypatch):
    """aiosmtpd refuses a message over MAIL_IN_MAX_BYTES itself (552): the refusal is still counted."""
    sam = make_user()
    monkeypatch.setitem(app.config, "IDEAS_ADDRESS", IDEAS)
    monkeypatch.setitem(app.config, "MAIL_IN_MAX_BYTES", 4096)
    port = free_port()
    listener = commands.controller(app, "127.0.0.1", port)
    listener.start()
    small, large = letter(sam.email), letter(sam.email, body="x" * 8000)
    email = sam.email
    try:
        db.session.commit()  # as the mailin fixture does: the listener shares the test's connection
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.send_message(small, to_addrs=[IDEAS])  # taken
            with pytest.raises(smtplib.SMTPException) as refused:
                client.send_message(large, to_addrs=[IDEAS])
        assert "552" in str(refused.value) or getattr(refused.value, "smtp_code", None) == 552
    finally:
        listener.stop()
    assert refusals(db) == ["too_big"]
    deliver(app, clock)
    assert len(smtp.to(email)) == 1  # the small one's confirmation only


def test_attachments_are_named_in_the_draft_not_stored(app, db, clock, smtp, mailin, make_user, auth, client):
    sam = make_user()
    mail = letter(sam.email)
    mail.add_attachment(b"%PDF-1.4 the plan", maintype="application", subtype="pdf", filename="plan.pdf")
    mailin(mail)
    deliver(app, clock)
    confirmation = smtp.to(sam.email)[0]
    assert "plan.pdf" in confirmation.get_body(("plain",)).get_content()
    auth.login(sam)
    html = client.get(draft_path(confirmation)).get_data(as_text=True)
    assert "plan.pdf" in html and "the plan" not in html


@pytest.mark.parametrize("payload", SAMPLE, ids=[p.name for p in SAMPLE])
def test_hostile_subject_and_body_sent_by_mail_run_nothing(app, db, clock, smtp, mailin, make_user, auth, client,
                                                            payload):
    sam = make_user()
    text = payload.text.encode("utf-8", "replace").decode()
    subject = " ".join(text[:150].split()) or "An idea"
    mailin(letter(sam.email, subject=subject, body=f"Problem:\n{text}\n\nProposal:\n{text}",
                  html=f"<p>Problem</p><p>{text}</p>"))
    deliver(app, clock)
    confirmations = smtp.to(sam.email)
    if not confirmations:  # refused (empty once cleaned): nothing stored, counted
        assert refusals(db)
        return
    auth.login(sam)
    page = client.get(draft_path(confirmations[0]))
    assert page.status_code == 200
    assert active_content(page.get_data(as_text=True), page=True) == []
    assert "tq49tq" not in page.get_data(as_text=True)


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.name for p in PAYLOADS])
def test_the_whole_hostile_corpus_in_html_mail_stores_nothing_half_made(app, db, clock, make_user, payload,
                                                                         monkeypatch):
    monkeypatch.setitem(app.config, "IDEAS_ADDRESS", IDEAS)
    sam = make_user()
    text = payload.text.encode("utf-8", "replace").decode()
    raw = bytes(letter(sam.email, subject=" ".join(text[:150].split()) or "An idea", body=text,
                       html=f"<html><body>{text}</body></html>"))
    with app.app_context():
        received = services.receive_mail(raw, sam.email, [IDEAS], clock.now())
        db.session.commit()
    drafts = count(db, EmailLink, EmailLink.purpose == services.DRAFT, EmailLink.user_id == sam.id)
    assert (received.made, drafts) in (("draft", 1), (None, 0))


# --- Replies to notifications -------------------------------------------------------------------


def test_notifications_about_an_idea_carry_the_person_s_reply_address(
        app, db, clock, smtp, mailin, make_user, make_idea, auth, client):
    author, helper = make_user(), make_user()
    idea = make_idea(author=author)
    auth.login(helper)
    client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": "Yes, and the library could host it."})
    deliver(app, clock)
    [note] = smtp.to(author.email)
    with app.app_context():
        assert note["Reply-To"] == reply_address.address_for(author.id, idea.id)
    assert note["Reply-To"].startswith("ideas+r-")


def test_a_reply_becomes_a_builds_on_it_response_on_the_right_idea(app, db, clock, smtp, mailin, make_user, make_idea):
    author = make_user()
    idea, other = make_idea(author=author), make_idea(author=author)
    with app.app_context():
        address = reply_address.address_for(author.id, idea.id)
    body = ("Yes, and we could start in the east district.\n\n"
            "On Tue, 10 Mar 2026, Ideas hub wrote:\n> Someone responded to your idea")
    mailin(letter(author.email, subject="Re: a response", body=body, to=address), to=address)
    db.session.rollback()
    responses = db.session.scalars(select(Response).where(Response.author_id == author.id)).all()
    assert [(r.idea_id, r.kind, r.body) for r in responses] == [
        (idea.id, "build", "Yes, and we could start in the east district.")]
    assert count(db, Response, Response.idea_id == other.id) == 0
    deliver(app, clock)
    assert smtp.to(author.email) == []  # nothing is mailed back to the writer of a reply


def test_a_reply_with_another_person_s_token_or_a_forged_one_produces_nothing(
        app, db, clock, smtp, mailin, make_user, make_idea):
    author, intruder = make_user(), make_user()
    idea = make_idea(author=author)
    with app.app_context():
        address = reply_address.address_for(author.id, idea.id)
    mailin(letter(intruder.email, subject="Re: idea", body="Posted as someone else", to=address), to=address)
    forged = f"ideas+r-{intruder.id}-{idea.id}-{'0' * 24}@hub.test"
    mailin(letter(intruder.email, subject="Re: idea", body="A made-up token", to=forged), to=forged)
    assert count(db, Response, Response.idea_id == idea.id) == 0
    assert sorted(refusals(db)) == ["bad_token", "wrong_person"]


@pytest.mark.parametrize("close", ["not_taken_forward", "withdrawn", "deactivated"])
def test_a_reply_ends_when_the_idea_closes_or_the_person_is_deactivated(
        app, db, clock, smtp, mailin, make_user, make_idea, close):
    author, helper = make_user(), make_user()
    idea = make_idea(author=author)
    if close == "not_taken_forward":
        idea.stage = Stage.NOT_TAKEN_FORWARD
    elif close == "withdrawn":
        idea.withdrawn_at = clock.now()
    else:
        helper.active = False
    db.session.commit()
    with app.app_context():
        address = reply_address.address_for(helper.id, idea.id)
    mailin(letter(helper.email, subject="Re: idea", body="Too late?", to=address), to=address)
    assert count(db, Response, Response.idea_id == idea.id) == 0
    assert refusals(db) == ["inactive_sender" if close == "deactivated" else "closed_idea"]


def test_a_reply_while_the_idea_is_open_is_taken(app, db, clock, mailin, make_user, make_idea):
    author, helper = make_user(), make_user()
    idea = make_idea(author=author)
    idea.stage = Stage.SHORTLISTED
    db.session.commit()
    with app.app_context():
        address = reply_address.address_for(helper.id, idea.id)
    mailin(letter(helper.email, subject="Re: idea", body="Count me in.", to=address), to=address)
    assert count(db, Response, Response.idea_id == idea.id, Response.author_id == helper.id) == 1


# --- The admins' page ---------------------------------------------------------------------------


def test_admins_see_refused_mail_counted_by_reason(app, db, clock, mailin, make_user, auth, client):
    admin, member = make_user(role="admin"), make_user()
    mailin(letter("stranger@elsewhere.example"))
    mailin(letter("another.stranger@elsewhere.example"))
    mailin(letter(member.email, Auto_Submitted="auto-replied"))
    db.session.rollback()
    auth.login(member)
    assert client.get("/mailin/refused").status_code == 403
    auth.logout()
    auth.login(admin)
    html = client.get("/mailin/refused").get_data(as_text=True)
    assert re.search(r"From an address with no account</td><td>2<", html), re.findall(r"<td>.*?</td>", html)
    assert re.search(r"An automatic reply \(out of office, Auto-Submitted\)</td><td>1<", html)
    assert "stranger@elsewhere.example" not in html  # the addresses are not kept


def test_the_draft_link_s_token_is_kept_out_of_the_logs():
    from ideashub.core.serverlog import redact

    assert redact("GET /mailin/drafts/s3cr3t-token HTTP/1.1") == "GET /mailin/drafts/[redacted] HTTP/1.1"


def test_ideas_by_email_share_the_posting_limit_of_the_page(app, db, clock, smtp, mailin, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_IDEAS", "2 per hour")
    sam = make_user()
    for n in range(3):
        mailin(letter(sam.email, subject=f"Idea number {n} by email"))
    deliver(app, clock)
    assert len(smtp.to(sam.email)) == 2
    assert refusals(db) == ["rate_limited"]


def test_without_an_ideas_address_notifications_carry_no_reply_address(
        app, db, clock, smtp, make_user, make_idea, auth, client, monkeypatch):
    monkeypatch.setitem(app.config, "IDEAS_ADDRESS", "")
    author, helper = make_user(), make_user()
    idea = make_idea(author=author)
    auth.login(helper)
    client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": "Yes, and the library could host it."})
    deliver(app, clock)
    [note] = smtp.to(author.email)
    assert note["Reply-To"] is None


def test_a_reply_token_is_for_one_person_and_one_idea_and_cannot_be_made_up(app, monkeypatch):
    monkeypatch.setitem(app.config, "IDEAS_ADDRESS", IDEAS)
    with app.app_context():
        token = reply_address.token_for(7, 42)
        assert reply_address.read(token) == (7, 42)
        assert reply_address.read(token.upper()) == (7, 42)  # mail servers may change the case
        assert token != reply_address.token_for(7, 43) != reply_address.token_for(8, 42)
        signature = token.rsplit("-", 1)[1]
        assert reply_address.read(f"r-8-42-{signature}") is None
        assert reply_address.read("r-7-42-" + "0" * 24) is None
        assert reply_address.read("") is None and reply_address.read("r-7-42") is None
        monkeypatch.setitem(app.config, "SECRET_KEY", "another-secret-key-of-another-hub")
        assert reply_address.read(token) is None


def test_the_draft_shows_similar_ideas_before_anything_is_posted(app, db, clock, smtp, mailin, make_user, make_idea,
                                                                  auth, client):
    sam = make_user()
    make_idea(title="Book housing repairs online", problem="Tenants wait weeks for housing repairs to be booked.")
    mailin(letter(sam.email, subject="Book housing repairs online",
                  body="Problem:\nTenants wait weeks for housing repairs to be booked.\n\nProposal:\nAn online calendar."))
    deliver(app, clock)
    auth.login(sam)
    html = client.get(draft_path(smtp.to(sam.email)[0])).get_data(as_text=True)
    assert html.count("Book housing repairs online") >= 2  # the similar idea, and the draft's own title
    assert 'name="looked" value="1"' in html  # having seen them, one press of Post posts it
