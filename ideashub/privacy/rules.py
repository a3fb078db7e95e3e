"""The rules of people's rights over their data: pure functions of plain values (no Flask, no
database, no wall clock; ``now`` is passed in)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from ideashub.core.i18n import _
from ideashub.core.rules import ALLOW, Decision, deny, forbid

FORMER = "Former colleague"
NAME_MAX = 100  # users.name
# A domain that can never receive mail (RFC 2606 reserves .invalid).
PLACEHOLDER_DOMAIN = "erased.invalid"


def former_name(team_name: str | None) -> str:
    """What an erased person is called everywhere: "Former colleague (Housing repairs)"."""
    if not team_name:
        return FORMER
    name = f"{FORMER} ({team_name})"
    if len(name) <= NAME_MAX:
        return name
    return f"{FORMER} ({team_name[:NAME_MAX - len(FORMER) - 4]}…)"


def placeholder_email(user_id: int) -> str:
    """A unique address that no mail can reach, in place of an erased person's email."""
    return f"former-colleague-{user_id}@{PLACEHOLDER_DOMAIN}"


def can_request_erasure(person, pending: bool) -> Decision:
    """A person may ask to be erased once at a time, and only while their account is theirs."""
    if getattr(person, "erased_at", None) is not None:
        return deny(_("This account is already erased."))
    if pending:
        return deny(_("You have already asked to be erased: an admin will approve or refuse it."))
    return ALLOW


def can_handle_erasures(actor) -> Decision:
    """Admins see the erasure requests and decide them."""
    if getattr(actor, "role", None) != "admin":
        return forbid(_("Only an admin can approve or refuse an erasure."))
    return ALLOW


def can_decide_erasure(actor, status: str, person, active_admins: int, pending: str) -> Decision:
    """An admin approves or refuses a request that is still waiting; the last active admin
    cannot be erased (nobody would be left to run the hub)."""
    if not (allowed := can_handle_erasures(actor)):
        return allowed
    if status != pending:
        return deny(_("This request has already been decided."))
    if getattr(person, "role", None) == "admin" and person.active and active_admins <= 1:
        return deny(_("This person is the last active admin: make someone else an admin before erasing them."))
    return ALLOW


def retention_cutoff(now: datetime, days: int | None) -> datetime | None:
    """Accounts deactivated before this moment are due to be anonymised (None: retention is off)."""
    if not days:
        return None
    return now - timedelta(days=days)


def _forms(name: str, email: str) -> list[str]:
    """The ways a person's name and email may be written, longest first (empty ones left out)."""
    forms = {f for f in (name.strip(), email.strip()) if f}
    return sorted(forms, key=len, reverse=True)


def redactor(name: str, email: str, replacement: str):
    """A function that rewrites text so it no longer holds ``name`` or ``email`` (any case)."""
    forms = _forms(name, email)
    if not forms:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(f) for f in forms), re.IGNORECASE)

    def redact(value):
        if isinstance(value, str):
            return pattern.sub(replacement, value)
        if isinstance(value, dict):
            return {redact(k): redact(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(redact(v) for v in value)
        return value

    return redact
