"""Keeping the secrets that travel in addresses out of the logs.

A password-reset or registration link carries its single-use token in the
path, and a feed address (``/feeds/<secret>/...``) the secret that stands for
its owner. The server's access log (the request line, the path and the Referer of
the page's own assets) and our own error log lines would otherwise write it
down, where anyone reading the logs could finish the reset before its owner.
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

SECRET_IN_PATH = re.compile(r"(/(?:password/reset|register/finish|feeds|mailin/drafts)/)[^/?#\s\"']+")


def redact(text: str) -> str:
    """The text with every emailed-link token and feed secret replaced by [redacted]."""
    return SECRET_IN_PATH.sub(r"\1[redacted]", text)


class RedactingLogger(Logger):
    """gunicorn's logger, with tokens redacted from every access-log field.

    Run gunicorn with ``--logger-class ideashub.core.serverlog.RedactingLogger``
    (``make run`` and the test servers do).
    """

    def atoms(self, resp, req, environ, request_time):
        fields = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) if isinstance(value, str) else value for key, value in fields.items()}
