"""Outgoing mail: owed through the outbox, sent by the worker over SMTP (or to a folder).

``queue`` records an email in the caller's transaction; the worker's email transport
(here) sends it over SMTP when ``MAIL_SERVER`` is set, reusing one connection per
round, and otherwise writes it to ``MAIL_OUTBOX`` as an ``.eml`` file that any mail
program opens. A server that is down is tried again (``core.outbox`` backs off);
mail given up on after ``DELIVERY_RETRY_HOURS`` is written to the folder too, so
nothing is lost. Nothing here logs a message's body (it may hold a reset link).
"""

from __future__ import annotations

import smtplib
import ssl
import uuid
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app, render_template, url_for

from ideashub.core import outbox
from ideashub.core.i18n import _, in_language
from ideashub.core.words import plural


def build(to: list[str], subject: str, text: str, html: str | None, now: datetime) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=config["MAIL_FROM"].rpartition("@")[2] or "localhost")
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def hub_link(path: str = "/") -> str:
    """``path`` on the hub at ``HUB_URL``. Links in mail, feeds and webhook messages are made
    outside any visitor's request: they never point at whichever host a request (or the
    command line) happened to use."""
    return current_app.config["HUB_URL"] + path


def absolute(endpoint: str, **values) -> str:
    """The address of ``endpoint`` on the hub at ``HUB_URL`` (built as in a request at the
    root: the worker has none)."""
    with current_app.test_request_context("/"):
        return hub_link(url_for(endpoint, **values))


def render(*templates: str, **context) -> list[str]:
    """Each mail template rendered, its links absolute to the hub at ``HUB_URL``.

    Templates get ``hub_url`` and ``link(endpoint, **values)``; they are drawn
    outside any visitor's request, so the links never point at whichever host
    a request (or the command line) happened to use.
    """
    def link(endpoint: str, **values) -> str:
        return hub_link(url_for(endpoint, **values))

    with current_app.test_request_context("/"):
        return [render_template(name, **context, hub_url=hub_link(""), link=link) for name in templates]


def _connect():
    config = current_app.config
    smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config.get("MAIL_TIMEOUT_SECONDS", 10))
    if config["MAIL_USE_TLS"]:
        smtp.starttls(context=ssl.create_default_context())
    if config["MAIL_USERNAME"]:
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    return smtp


def write_to_outbox(message: EmailMessage, now: datetime, label: str = "mail") -> Path:
    outbox_dir = Path(current_app.config["MAIL_OUTBOX"])
    outbox_dir.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    # The Message-ID makes the name unique even for messages of the same second.
    unique = message["Message-ID"].strip("<>").split("@")[0].replace(".", "")[-12:]
    path = outbox_dir / f"{stamp}-{label}-{unique}.eml"
    path.write_bytes(bytes(message))
    path.chmod(0o600)
    return path


def queue(to: str, subject: str, text: str, html: str | None, now: datetime, *, kind: str,
          key: str | None = None, user_id: int | None = None, headers: dict[str, str] | None = None,
          label: str = "mail", batch: str | None = None, due_at: datetime | None = None,
          event_id: int | None = None, extra: dict | None = None,
          language: str | None = None) -> outbox.Delivery | None:
    """Owe one email, in the caller's transaction; a worker sends it after the commit.

    A change that rolls back sends nothing (nobody is mailed a link that was never
    stored); one that commits is sent, retried while the server is away, and never
    twice for one ``key``. ``batch``: emails of one batch for one person that are due
    together go as one message (``extra`` then carries ``summary_text``,
    ``summary_html``, ``batch_title`` and ``batch_url`` for the combined message). ``language``:
    the recipient's ("cy", "en"; None for the hub's default), in which a combined message is
    worded; the caller has already made ``subject``, ``text`` and ``html`` in it.
    """
    payload = {"subject": subject, "text": text, "html": html, "headers": headers or {}, "label": label,
               "language": language, **(extra or {})}
    return outbox.add("email", key=key or f"{label}:{uuid.uuid4().hex}", kind=kind, address=to, payload=payload,
                      now=now, user_id=user_id, batch=batch, due_at=due_at, event_id=event_id)


def compose(rows: list[outbox.Delivery], now: datetime) -> EmailMessage:
    """The one message for ``rows`` (one email, or a batch for one person), with its key."""
    first = rows[0].payload
    if len(rows) == 1:
        subject, text, html = first["subject"], first["text"], first.get("html")
    else:
        items = [row.payload for row in rows]
        with in_language(first.get("language")):
            subject = _("%(updates)s on “%(title)s”", updates=plural(len(rows), "update", "updates"),
                        title=first.get("batch_title", ""))
            text, html = render("email/batch.txt", "email/batch.html", items=items, subject=subject,
                                title=first.get("batch_title", ""), url=first.get("batch_url"),
                                footer_text=first.get("footer_text", ""), footer_html=first.get("footer_html", ""))
    message = build([rows[0].address], subject, text, html, now)
    for name, value in (first.get("headers") or {}).items():
        message[name] = value
    message["X-Hub-Delivery"] = outbox.message_key(rows)
    return message


def _classify(error: Exception) -> outbox.Outcome:
    described = f"{type(error).__name__}: {error}"[:500]
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return outbox.Outcome(False, permanent=all(code >= 500 for code in codes), error=described)
    if isinstance(error, smtplib.SMTPResponseException) and not isinstance(error, smtplib.SMTPServerDisconnected):
        # 5xx: the server will never take it; 4xx (busy, greylisting): try again later.
        return outbox.Outcome(False, permanent=error.smtp_code >= 500, status_code=error.smtp_code, error=described)
    return outbox.Outcome(False, unreachable=True, error=described)


def _send_rows(rows: list[outbox.Delivery], now: datetime, session: dict) -> outbox.Outcome:
    message = compose(rows, now)
    key = message["X-Hub-Delivery"]
    if not current_app.config["MAIL_SERVER"]:
        write_to_outbox(message, now, rows[0].payload.get("label", "mail"))
        return outbox.Outcome(True, message_id=key)
    try:
        if "smtp" not in session:
            session["smtp"] = _connect()
        session["smtp"].send_message(message)
        return outbox.Outcome(True, status_code=250, message_id=key)
    except (OSError, smtplib.SMTPException) as error:
        _close(session)
        current_app.logger.warning("mail to 1 recipient not sent (%s); it will be tried again", type(error).__name__)
        return _classify(error)


def _close(session: dict) -> None:
    smtp = session.pop("smtp", None)
    if smtp is not None:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


def _keep(rows: list[outbox.Delivery], now: datetime) -> None:
    """Mail given up on is written to the outbox folder: an admin can still send it by hand."""
    write_to_outbox(compose(rows, now), now, "undelivered")


outbox.transport("email", close=_close, gave_up=_keep)(_send_rows)
