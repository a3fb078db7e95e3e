"""``flask fetch-mail``: a mailbox read over IMAP, each message taken once and then removed.

The mailbox is a small IMAP server in the test (tests/support/imap.py) on a real socket; the hub's
``imaplib.IMAP4_SSL`` is swapped for plain ``imaplib.IMAP4`` so that no certificate is needed, and
everything else (the commands, the literal of each message, the expunge) is the real client's.
"""

from __future__ import annotations

import imaplib
from email.message import EmailMessage

import pytest
from sqlalchemy import func, select

from ideashub.core import reply_address
from ideashub.ideas.models import Response
from ideashub.mailin import services
from ideashub.people.models import EmailLink
from tests.support.imap import FakeImap

IDEAS = "ideas@hub.test"


@pytest.fixture
def mailbox(app, db, smtp, monkeypatch):
    box = FakeImap(password="p@ss word").start()
    monkeypatch.setattr(imaplib, "IMAP4_SSL", lambda host, port, ssl_context=None: imaplib.IMAP4(host, port))
    monkeypatch.setitem(app.config, "IDEAS_ADDRESS", IDEAS)
    monkeypatch.setitem(app.config, "MAIL_IN_IMAP_URL", f"imaps://ideas%40hub.test:p%40ss%20word@127.0.0.1:{box.port}/INBOX")
    yield box
    box.stop()


def letter(sender: str, to: str = IDEAS, subject: str = "Share the van", body: str = "Nobody knows when it is free.",
           **headers) -> bytes:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, to, subject
    for name, value in headers.items():
        mail[name.replace("_", "-")] = value
    mail.set_content(body)
    return bytes(mail)


def drafts(db, user_id: int) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(EmailLink).where(
        EmailLink.purpose == services.DRAFT, EmailLink.user_id == user_id))


def test_fetch_mail_takes_each_message_once_and_removes_it(app, db, clock, runner, mailbox, make_user, make_idea):
    sam, alex = make_user(), make_user()
    idea = make_idea(author=alex)
    with app.app_context():
        reply_to = reply_address.address_for(sam.id, idea.id)
    mailbox.add(letter(sam.email))
    mailbox.add(letter("stranger@elsewhere.example"))
    mailbox.add(letter(sam.email, subject="Automatic reply: away", Auto_Submitted="auto-replied"))
    mailbox.add(letter(sam.email, to=reply_to, subject="Re: idea", body="Yes, and I can drive it."))
    db.session.commit()

    result = runner.invoke(args=["fetch-mail"])
    assert result.exit_code == 0, result.output
    assert "Took 4 messages" in result.output
    assert mailbox.logins == [("ideas@hub.test", "p@ss word")]
    assert mailbox.messages == {}  # everything taken was removed
    assert drafts(db, sam.id) == 1
    assert db.session.scalar(select(func.count()).select_from(Response).where(
        Response.idea_id == idea.id, Response.author_id == sam.id, Response.kind == "build")) == 1

    again = runner.invoke(args=["fetch-mail"])
    assert "Took 0 messages" in again.output
    assert drafts(db, sam.id) == 1


def test_fetch_mail_says_what_is_wrong_without_a_traceback(app, db, runner, mailbox, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_IN_IMAP_URL", f"imaps://ideas:wrong@127.0.0.1:{mailbox.port}/INBOX")
    result = runner.invoke(args=["fetch-mail"])
    assert result.exit_code == 1
    assert "refused the user name or password" in result.output
    monkeypatch.setitem(app.config, "MAIL_IN_IMAP_URL", "")
    assert "Set MAIL_IN_IMAP_URL" in runner.invoke(args=["fetch-mail"]).output
    monkeypatch.setitem(app.config, "MAIL_IN_IMAP_URL", "http://example.org/")
    assert runner.invoke(args=["fetch-mail"]).exit_code != 0


def test_mail_in_is_off_unless_a_port_is_set(app, runner, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_IN_PORT", 0)
    result = runner.invoke(args=["mail-in"])
    assert result.exit_code == 1
    assert "Mail in is off" in result.output
