"""Personal reply addresses: ``IDEAS_ADDRESS`` with ``+r-TOKEN``, one per person and idea.

Notification emails about an idea (``reach.notify``) carry one as their Reply-To; mail in
(``mailin``) reads it back when a reply arrives. Both sit above ``core``, so the token has
its home here. The token is the person's and the idea's numbers signed with an HMAC of
``SECRET_KEY``: unguessable, nothing to store, and only the holder of the secret can make
one. Whether it still works (the person active, the idea open) is asked when it is used.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from flask import current_app

PREFIX = "r-"
_TOKEN = re.compile(r"^r-(\d{1,12})-(\d{1,12})-([0-9a-f]{24})$")


def _signature(user_id: int, idea_id: int) -> str:
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, f"reply:{user_id}:{idea_id}".encode(), hashlib.sha256).hexdigest()[:24]


def token_for(user_id: int, idea_id: int) -> str:
    return f"{PREFIX}{user_id}-{idea_id}-{_signature(user_id, idea_id)}"


def address_for(user_id: int, idea_id: int) -> str | None:
    """``ideas+r-TOKEN@domain`` for this person and idea, or None when no ``IDEAS_ADDRESS`` is set."""
    address = current_app.config.get("IDEAS_ADDRESS") or ""
    local, at, domain = address.partition("@")
    if not at or not local or not domain:
        return None
    return f"{local}+{token_for(user_id, idea_id)}@{domain}"


def headers_for(user_id: int, idea_id: int | None) -> dict[str, str]:
    """The Reply-To header for a message to this person about this idea (empty when there is none)."""
    address = address_for(user_id, idea_id) if idea_id else None
    return {"Reply-To": address} if address else {}


def read(token: str) -> tuple[int, int] | None:
    """(user_id, idea_id) of a genuine token, or None for anything else."""
    found = _TOKEN.match((token or "").strip().lower())
    if found is None:
        return None
    user_id, idea_id = int(found.group(1)), int(found.group(2))
    if not hmac.compare_digest(found.group(3), _signature(user_id, idea_id)):
        return None
    return user_id, idea_id
