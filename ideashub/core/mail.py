"""Outgoing mail: SMTP when ``MAIL_SERVER`` is set, otherwise the outbox folder.

A message is never lost: without a mail server, or when the server refuses
or cannot be reached, the message is written to ``MAIL_OUTBOX`` as an
``.eml`` file that any mail program opens, and the caller is told which
happened. Nothing here logs a message's body (it may hold a reset link).
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import after_this_request, current_app, g, has_request_context, render_template, url_for


@dataclass(frozen=True)
class Delivery:
    """What became of one message: sent over SMTP, or written to the outbox."""

    sent: bool
    path: Path | None = None
    error: str | None = None


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


def render(*templates: str, **context) -> list[str]:
    """Each mail template rendered, its links absolute to the hub at ``HUB_URL``.

    Templates get ``hub_url`` and ``link(endpoint, **values)``; they are drawn
    outside any visitor's request, so the links never point at whichever host
    a request (or the command line) happened to use.
    """
    base = current_app.config["HUB_URL"]

    def link(endpoint: str, **values) -> str:
        return base + url_for(endpoint, **values)

    with current_app.test_request_context("/"):
        return [render_template(name, **context, hub_url=base, link=link) for name in templates]


def _smtp_send(message: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


def write_to_outbox(message: EmailMessage, now: datetime, label: str = "mail") -> Path:
    outbox = Path(current_app.config["MAIL_OUTBOX"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    # The Message-ID makes the name unique even for messages of the same second.
    unique = message["Message-ID"].strip("<>").split("@")[0].replace(".", "")[-12:]
    path = outbox / f"{stamp}-{label}-{unique}.eml"
    path.write_bytes(bytes(message))
    path.chmod(0o600)
    return path


def send(to: list[str], subject: str, text: str, html: str | None, now: datetime, label: str = "mail") -> Delivery:
    """Send one message to ``to``; fall back to the outbox so it is never lost."""
    message = build(to, subject, text, html, now)
    if current_app.config["MAIL_SERVER"]:
        try:
            _smtp_send(message)
            return Delivery(sent=True)
        except (OSError, smtplib.SMTPException) as error:
            current_app.logger.warning("mail to %d recipient(s) not sent (%s); kept in the outbox",
                                       len(to), type(error).__name__)
            return Delivery(sent=False, path=write_to_outbox(message, now, label), error=str(error))
    return Delivery(sent=False, path=write_to_outbox(message, now, label))


def send_after_response(to: list[str], subject: str, text: str, html: str | None, now: datetime,
                        label: str = "mail") -> None:
    """Send once the answer has gone out, and only if the answer is a success.

    The person waits for no mail server, so asking for a reset link for an
    address with an account takes as long as for one without (otherwise the
    time to talk to SMTP would tell which addresses have accounts). A request
    that fails (its transaction rolled back, say) sends nothing, so nobody is
    mailed a link that was never stored. Outside a request it sends at once.
    """
    if not has_request_context():
        send(to, subject, text, html, now, label)
        return
    waiting = g.setdefault("mail_after_response", [])
    waiting.append((to, subject, text, html, now, label))
    if len(waiting) > 1:
        return
    app = current_app._get_current_object()

    @after_this_request
    def deliver_when_closed(response):
        if response.status_code < 400:
            def deliver():
                with app.app_context():
                    for message in waiting:
                        send(*message)

            response.call_on_close(deliver)
        return response
