"""A real SMTP server in the test process (aiosmtpd): what the hub sends arrives here, parsed.

``SmtpSink.start()`` listens on a free port of 127.0.0.1; ``messages`` are the
``email.message.EmailMessage`` objects received, in order. ``stop()`` takes the
server away (a mail server that is down) and ``start()`` brings it back on the
same port. ``refuse_with`` makes it answer every message with an SMTP error.
"""

from __future__ import annotations

import email
import socket
import threading
from email import policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler:
    def __init__(self, sink: SmtpSink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        if self.sink.refuse_with:
            return self.sink.refuse_with
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self.sink.lock:
            self.sink.messages.append(message)
            self.sink.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


class SmtpSink:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.lock = threading.Lock()
        self.refuse_with: str | None = None
        self._controller: Controller | None = None

    def start(self) -> SmtpSink:
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    def to(self, address: str) -> list[email.message.EmailMessage]:
        with self.lock:
            return [m for m in self.messages if address in (m["To"] or "")]

    def text(self, message) -> str:
        return message.get_body(("plain",)).get_content()

    def html(self, message) -> str:
        return message.get_body(("html",)).get_content()
