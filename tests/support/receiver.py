"""A real HTTP server in a thread, for the webhook tests: it records what it receives.

It listens on 127.0.0.1, which the hub's webhooks refuse unless the test allows
``receiver.target`` (``127.0.0.1:<port>``) in WEBHOOK_ALLOWED_TARGETS, as an operator
would allow an intranet target.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)

    def signed_with(self, secret: str) -> bool:
        """The body's X-Hub-Signature-256 is the HMAC-SHA256 of the raw body keyed with ``secret``."""
        expected = "sha256=" + hmac.new(secret.encode(), self.body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(self.headers.get("X-Hub-Signature-256", ""), expected)


@dataclass
class Receiver:
    """What the server answers (``status``, and ``location`` for a redirect) and what it got."""

    status: int = 200
    location: str | None = None
    delay: float = 0  # seconds to wait before answering (a slow endpoint)
    received: list[Received] = field(default_factory=list)
    port: int = 0

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def start(receiver: Receiver) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            receiver.received.append(Received(self.path, dict(self.headers.items()), body))
            if receiver.delay:
                time.sleep(receiver.delay)
            self.send_response(receiver.status)
            if receiver.location:
                self.send_header("Location", receiver.location)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):  # keep the test output quiet
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            pass  # a client that gave up (a timeout test) is not the test's failure

    server = Server(("127.0.0.1", 0), Handler)
    receiver.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server



@contextmanager
def running():
    """A receiver listening until the block ends (each test module makes it its ``receiver`` fixture)."""
    found = Receiver()
    server = start(found)
    try:
        yield found
    finally:
        server.shutdown()
        server.server_close()
