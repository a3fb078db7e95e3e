"""A small IMAP server in the test process: enough of RFC 3501 for ``flask fetch-mail``.

It speaks plain IMAP on a free port of 127.0.0.1 (the hub's ``imaplib.IMAP4_SSL`` is swapped for
``imaplib.IMAP4`` in the test, so the real client code talks to it over a real socket). It holds
``messages`` (uid -> bytes), answers CAPABILITY, LOGIN, SELECT, UID SEARCH/FETCH/STORE, EXPUNGE and
LOGOUT, and removes messages flagged \\Deleted on EXPUNGE. ``logins`` records who signed in.
"""

from __future__ import annotations

import socketserver
import threading

from tests.support.smtp import free_port


class _Session(socketserver.StreamRequestHandler):
    def _send(self, line: str | bytes) -> None:
        self.wfile.write((line.encode() if isinstance(line, str) else line) + b"\r\n")

    def handle(self):
        box: FakeImap = self.server.box
        self._send("* OK fake IMAP ready")
        deleted: set[int] = set()
        while True:
            line = self.rfile.readline()
            if not line:
                return
            tag, _, rest = line.decode().strip().partition(" ")
            command, _, args = rest.partition(" ")
            command = command.upper()
            if command == "UID":
                command, _, args = args.partition(" ")
                command = "UID " + command.upper()
            if command == "CAPABILITY":
                self._send("* CAPABILITY IMAP4rev1 AUTH=PLAIN")
            elif command == "LOGIN":
                user, _, password = args.partition(" ")
                box.logins.append((user.strip('"'), password.strip('"')))
                if password.strip('"') != box.password:
                    self._send(f"{tag} NO [AUTHENTICATIONFAILED] wrong password")
                    continue
            elif command == "SELECT":
                self._send(f"* {len(box.messages)} EXISTS")
                self._send(f"{tag} OK [READ-WRITE] SELECT completed")
                continue
            elif command == "UID SEARCH":
                self._send("* SEARCH " + " ".join(str(uid) for uid in sorted(box.messages)))
            elif command == "UID FETCH":
                uid = int(args.split(" ")[0])
                raw = box.messages.get(uid)
                if raw is not None:
                    self._send(f"* {uid} FETCH (UID {uid} RFC822 {{{len(raw)}}}".encode() + b"\r\n" + raw + b")")
            elif command == "UID STORE":
                deleted.add(int(args.split(" ")[0]))
            elif command == "EXPUNGE":
                with box.lock:
                    for uid in sorted(deleted):
                        box.messages.pop(uid, None)
                        self._send(f"* {uid} EXPUNGE")
                    deleted.clear()
            elif command == "LOGOUT":
                self._send("* BYE")
                self._send(f"{tag} OK LOGOUT completed")
                return
            else:
                self._send(f"{tag} BAD unknown command")
                continue
            self._send(f"{tag} OK {command} completed")


class FakeImap:
    def __init__(self, password: str = "secret"):
        self.port = free_port()
        self.password = password
        self.messages: dict[int, bytes] = {}
        self.logins: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), _Session)
        self._server.daemon_threads = True
        self._server.box = self

    def add(self, raw: bytes) -> None:
        with self.lock:
            self.messages[max(self.messages, default=0) + 1] = raw

    def start(self) -> FakeImap:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
