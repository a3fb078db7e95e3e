"""The two ways mail comes in: ``flask mail-in`` (an SMTP listener, aiosmtpd) and ``flask fetch-mail``
(a mailbox over IMAPS, imaplib). Each message is handed to ``services.receive_mail`` and committed
on its own, so one bad message never takes others with it.

The listener takes mail only for ``IDEAS_ADDRESS`` and its ``+r-`` reply forms (anything else is
refused at RCPT, so it is never an open relay) and answers 250 to every message it accepted,
whatever became of it: refusing after DATA would make the forwarding server bounce to the
(possibly forged) sender.
"""

from __future__ import annotations

import asyncio
import contextlib
import imaplib
import ssl
import time
from urllib.parse import unquote, urlsplit

import click
from flask import Blueprint, Flask, current_app

from ideashub.core import clock
from ideashub.core.i18n import _
from ideashub.core.words import plural
from ideashub.extensions import db
from ideashub.mailin import rules, services


def take(app: Flask, raw: bytes, mail_from: str | None, recipients: list[str] | None) -> services.Received:
    """One message in its own app context and transaction; a failure is logged, rolled back, and counted."""
    with app.app_context():
        try:
            received = services.receive_mail(raw, mail_from, recipients, clock.now())
            db.session.commit()
            return received
        except Exception:
            db.session.rollback()
            app.logger.exception("An incoming email could not be read; it is counted as refused.")
            services.refuse("malformed", clock.now())
            db.session.commit()
            return services.Received(None, "malformed")


class Handler:
    """aiosmtpd's handler: recipients checked at RCPT, each message taken at DATA."""

    def __init__(self, app: Flask):
        self.app = app
        self.ideas_address = app.config.get("IDEAS_ADDRESS") or ""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not rules.is_for_us(address, self.ideas_address):
            return "550 5.1.1 No such recipient here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "replace")
        # The database work runs off the event loop, so a slow message does not stall the listener.
        await asyncio.get_running_loop().run_in_executor(
            None, take, self.app, raw, envelope.mail_from, list(envelope.rcpt_tos))
        return "250 OK: received"


def refuse_too_big(app: Flask) -> None:
    """A message the listener turned away for its size (it never reaches ``take``), counted."""
    with app.app_context():
        services.refuse("too_big", clock.now())
        db.session.commit()


def controller(app: Flask, host: str, port: int):
    """A started-on-demand aiosmtpd controller for this app (``start()``/``stop()``)."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP

    class Listener(SMTP):
        """aiosmtpd's server, which refuses a message over ``data_size_limit`` itself (552, at MAIL
        FROM when the sender declares its SIZE, or after DATA): such refusals are counted too."""

        async def push(self, status: str):
            if status.startswith("552"):
                await asyncio.get_running_loop().run_in_executor(None, refuse_too_big, app)
            return await super().push(status)

    class Listening(Controller):
        def factory(self):
            return Listener(self.handler, **self.SMTP_kwargs)

    return Listening(Handler(app), hostname=host, port=port,
                     data_size_limit=app.config["MAIL_IN_MAX_BYTES"], ident="ideas hub")


def fetch(app: Flask, url: str) -> int:
    """Read every message in the mailbox at ``url`` (imaps://user:password@host[:port]/FOLDER), hand each
    to the hub, and remove it once taken. Returns how many were taken."""
    parts = urlsplit(url)
    if parts.scheme != "imaps" or not parts.hostname:
        raise click.UsageError(_("%(setting)s must look like %(form)s", setting="MAIL_IN_IMAP_URL",
                                 form="imaps://user:password@host[:port]/FOLDER"))
    folder = unquote(parts.path.lstrip("/")) or "INBOX"
    try:
        imap = imaplib.IMAP4_SSL(parts.hostname, parts.port or 993, ssl_context=ssl.create_default_context())
    except OSError as error:
        raise click.ClickException(_("The mailbox's server did not answer (%(problem)s).", problem=type(error).__name__)) from None
    taken = 0
    try:
        try:
            imap.login(unquote(parts.username or ""), unquote(parts.password or ""))
        except imaplib.IMAP4.error:
            raise click.ClickException(_("The mailbox refused the user name or password in MAIL_IN_IMAP_URL.")) from None
        status, _reply = imap.select(_quoted(folder))
        if status != "OK":
            raise click.ClickException(_("The mailbox has no folder %(folder)s.", folder=repr(folder)))
        status, found = imap.uid("SEARCH", None, "ALL")
        for uid in (found[0] or b"").split() if status == "OK" and found else []:
            status, fetched = imap.uid("FETCH", uid, "(RFC822)")
            raw = next((item[1] for item in fetched or [] if isinstance(item, tuple) and len(item) > 1), None)
            if status != "OK" or raw is None:
                continue
            take(app, raw, None, None)  # whom it was for: read from its headers
            imap.uid("STORE", uid, "+FLAGS", r"(\Deleted)")
            taken += 1
        imap.expunge()
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            imap.logout()
    return taken


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def register(bp: Blueprint) -> None:
    @bp.cli.command("mail-in")
    def mail_in():
        """Listen for mail to IDEAS_ADDRESS on MAIL_IN_HOST:MAIL_IN_PORT until stopped."""
        app = current_app._get_current_object()
        config = app.config
        if not config.get("MAIL_IN_PORT"):
            raise click.ClickException(_("Mail in is off: set MAIL_IN_PORT (and IDEAS_ADDRESS) to listen."))
        if "@" not in (config.get("IDEAS_ADDRESS") or ""):
            raise click.ClickException(_("Set IDEAS_ADDRESS (for example %(example)s) to take mail in.",
                                           example="ideas@hub.example.org"))
        listener = controller(app, config["MAIL_IN_HOST"], config["MAIL_IN_PORT"])
        listener.start()
        click.echo(_("Taking mail for %(address)s on %(host)s:%(port)s. Stop with Ctrl+C.", address=config["IDEAS_ADDRESS"],
                     host=config["MAIL_IN_HOST"], port=config["MAIL_IN_PORT"]))
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            listener.stop()

    @bp.cli.command("fetch-mail")
    def fetch_mail():
        """Take the mail waiting in the mailbox at MAIL_IN_IMAP_URL, removing what was taken."""
        app = current_app._get_current_object()
        url = app.config.get("MAIL_IN_IMAP_URL")
        if not url:
            raise click.ClickException(_("Set MAIL_IN_IMAP_URL (%(form)s) to read a mailbox.",
                                           form="imaps://user:password@host/INBOX"))
        taken = fetch(app, url)
        click.echo(_("Took %(messages)s from the mailbox.", messages=plural(taken, "message", "messages")))
