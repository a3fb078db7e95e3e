"""Reading an incoming email (mailin.rules): what it is, and the words kept of it."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from ideashub.mailin import rules
from tests.support.hostile import PAYLOADS


def message(body: str = "Residents wait weeks for a repair.", subject: str = "Book repairs online",
            sender: str = "sam@council.example", html: str | None = None, **headers) -> bytes:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "ideas@hub.test"
    mail["Subject"] = subject
    for name, value in headers.items():
        mail[name.replace("_", "-")] = value
    mail.set_content(body)
    if html is not None:
        mail.add_alternative(html, subtype="html")
    return bytes(mail)


def html_only(html: str, subject: str = "An idea") -> bytes:
    mail = EmailMessage()
    mail["From"] = "sam@council.example"
    mail["To"] = "ideas@hub.test"
    mail["Subject"] = subject
    mail.set_content(html, subtype="html")
    return bytes(mail)


def test_a_plain_message_gives_its_sender_subject_and_words():
    letter = rules.read_message(message())
    assert isinstance(letter, rules.Letter)
    assert letter.sender == "sam@council.example"
    assert letter.subject == "Book repairs online"
    assert letter.text == "Residents wait weeks for a repair."
    assert letter.recipients == ["ideas@hub.test"]


def test_the_headings_problem_proposal_and_benefit_split_the_idea():
    body = ("Problem:\nResidents wait weeks.\n\nProposal: Book slots online.\nWith a calendar.\n\n"
            "**Expected benefit**\nFewer calls.")
    draft = rules.draft_of(rules.read_message(message(body, subject="Re: Fwd: Book repairs online")))
    assert draft.title == "Book repairs online"
    assert draft.problem == "Residents wait weeks."
    assert draft.proposal == "Book slots online.\nWith a calendar."
    assert draft.benefit == "Fewer calls."


def test_without_headings_everything_is_the_problem_and_ordinary_lines_are_not_headings():
    body = "Idea for the team: share the van.\nThe problem is nobody knows when it is free."
    draft = rules.draft_of(rules.read_message(message(body)))
    assert draft.problem == body
    assert draft.proposal == "" and draft.benefit == ""


def test_quoted_mail_signatures_and_disclaimers_are_left_out():
    body = ("Yes, and the library could host it.\n\n-- \nSam Jones\nHousing officer\n\n"
            "On Tue, 10 Mar 2026 at 09:00, Ideas hub <ideas@hub.test> wrote:\n> Someone responded to your idea")
    assert rules.read_message(message(body)).text == "Yes, and the library could host it."
    outlook = ("We tried this in 2019.\n\nThis email and any attachments are confidential.\n\n"
               "________________________________\nFrom: Ideas hub\nSent: 10 March 2026\nOld text")
    assert rules.read_message(message(outlook)).text == "We tried this in 2019."
    quoted_lines = "Good point.\n> earlier words\n>> older words\nAnd a second thought."
    assert rules.read_message(message(quoted_lines)).text == "Good point.\nAnd a second thought."


def test_html_becomes_text_without_script_style_or_the_quoted_mail():
    html = ("<html><head><style>p{color:red}</style><title>t</title></head><body><p>Problem</p>"
            "<p>Bins <b>overflow</b> on Fridays.</p><script>alert(1)</script><ul><li>one</li><li>two</li></ul>"
            "<div class='gmail_quote'>On Monday someone wrote: old words</div></body></html>")
    letter = rules.read_message(html_only(html))
    assert "alert" not in letter.text and "color" not in letter.text and "old words" not in letter.text
    assert "Bins overflow on Fridays." in letter.text
    assert "- one" in letter.text and "- two" in letter.text


def test_plain_text_is_preferred_to_the_html_alternative():
    letter = rules.read_message(message("The plain words.", html="<p>The html words.</p>"))
    assert letter.text == "The plain words."


def test_attachments_are_listed_by_name_and_their_content_is_not_read():
    mail = EmailMessage()
    mail["From"] = "sam@council.example"
    mail["Subject"] = "With a plan"
    mail.set_content("See the plan.")
    mail.add_attachment(b"%PDF secret plan", maintype="application", subtype="pdf", filename="plan.pdf")
    mail.add_attachment("Attached words", filename="notes<script>.txt")
    letter = rules.read_message(bytes(mail))
    assert letter.attachments == ["plan.pdf", "notesscript.txt"]
    assert "secret" not in letter.text and "Attached words" not in letter.text


@pytest.mark.parametrize("headers, reason", [
    ({"Auto_Submitted": "auto-replied"}, "auto_reply"),
    ({"Auto_Submitted": "auto-generated"}, "auto_reply"),
    ({"X_Autoreply": "yes"}, "auto_reply"),
    ({"Precedence": "bulk"}, "auto_reply"),
    ({"X_Hub_Delivery": "note:1"}, "loop"),
    ({"Return_Path": "<>"}, "bounce"),
])
def test_automatic_mail_is_ignored(headers, reason):
    assert rules.read_message(message(**headers)) == rules.Refusal(reason)


def test_a_person_s_own_mail_is_not_automatic():
    assert isinstance(rules.read_message(message(Auto_Submitted="no")), rules.Letter)


@pytest.mark.parametrize("subject", ["Out of Office: back Monday", "Automatic reply: Book repairs",
                                     "Auto: away", "Autoreply"])
def test_out_of_office_replies_are_ignored(subject):
    assert rules.read_message(message(subject=subject)) == rules.Refusal("auto_reply")


def test_bounces_are_ignored_by_null_sender_report_or_daemon():
    assert rules.read_message(message(), mail_from="<>") == rules.Refusal("bounce")
    assert rules.read_message(message(), mail_from="") == rules.Refusal("bounce")
    assert rules.read_message(message(sender="MAILER-DAEMON@mx.example")) == rules.Refusal("bounce")
    report = (b"From: postmaster@mx.example\r\nTo: ideas@hub.test\r\nSubject: Undeliverable\r\n"
              b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
              b"--b\r\nContent-Type: text/plain\r\n\r\nFailed\r\n--b--\r\n")
    assert rules.read_message(report) == rules.Refusal("bounce")
    assert isinstance(rules.read_message(message(), mail_from="sam@council.example"), rules.Letter)


def test_too_big_malformed_and_senderless_mail_is_refused():
    assert rules.read_message(message("x" * 5000), max_bytes=1024) == rules.Refusal("too_big")
    assert isinstance(rules.read_message(message("x" * 500), max_bytes=1024), rules.Letter)
    assert rules.read_message(b"Subject: hi\r\n\r\nno sender") == rules.Refusal("no_sender")
    for raw in (b"", b"\x00\xff\xfe" * 100, b"From: a@b.example\r\nContent-Type: multipart/mixed\r\n\r\nno boundary",
                b"From: =?utf-8?q?broken\r\nSubject: =?x?y?z?=\r\n\r\nbody"):
        assert isinstance(rules.read_message(raw), rules.Letter | rules.Refusal)


def test_an_unknown_charset_is_read_with_replacements_not_refused():
    raw = (b"From: sam@council.example\r\nSubject: Charset\r\nContent-Type: text/plain; charset=x-klingon\r\n"
           b"\r\nBins overflow \xff on Fridays.\r\n")
    letter = rules.read_message(raw)
    assert isinstance(letter, rules.Letter)
    assert "Bins overflow" in letter.text


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.name for p in PAYLOADS])
def test_hostile_input_in_subject_and_body_is_read_without_an_error(payload):
    # Whether it runs is checked where it is shown (tests/web/test_mailin.py); here: never an exception.
    text = payload.text.encode("utf-8", "replace").decode()  # a lone surrogate cannot be put in a message
    subject = " ".join(text[:200].split()) or "x"
    as_bytes = (b"From: sam@council.example\r\nSubject: " + payload.text[:200].encode("utf-8", "replace")
                + b"\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload.text.encode("utf-8", "replace"))
    for raw in (html_only(f"<p>Before</p>{text}<p>After</p>", subject=subject), message(text, subject=subject),
                as_bytes):
        letter = rules.read_message(raw)
        assert isinstance(letter, rules.Letter | rules.Refusal)
        if isinstance(letter, rules.Letter):
            rules.draft_of(letter)


def test_reply_tokens_and_our_addresses():
    ideas = "ideas@hub.test"
    assert rules.reply_token(["Ideas+r-1-2-abc@HUB.test"], ideas) == "r-1-2-abc"
    assert rules.reply_token(["ideas@hub.test"], ideas) is None
    assert rules.reply_token(["other+r-1-2-abc@hub.test"], ideas) is None
    assert rules.is_for_us("ideas@hub.test", ideas) and rules.is_for_us("<IDEAS+r-5-6-x@hub.test>", ideas)
    assert not rules.is_for_us("ideas+news@hub.test", ideas)
    assert not rules.is_for_us("ideas@elsewhere.example", ideas)
    assert not rules.is_for_us("someone@hub.test", ideas)
