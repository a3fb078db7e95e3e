"""Rules about people: who may register, what makes a password acceptable, who manages whom."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ideashub.core.i18n import _
from ideashub.core.rules import ALLOW, Decision, deny, forbid
from ideashub.people.permissions import can_administer

PASSWORD_MIN = 12
PASSWORD_MAX = 128
NAME_MAX = 100
EMAIL_MAX = 254
BIO_MAX = 2000
SKILLS_MAX = 500


@cache
def common_passwords() -> frozenset[str]:
    path = Path(__file__).with_name("common_passwords.txt")
    return frozenset(
        line.strip().casefold()
        for line in path.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )


def password_problem(password: str, email: str = "", name: str = "") -> str | None:
    """Why a password will not do, or None. Length and commonness only: no composition rules."""
    if len(password) < PASSWORD_MIN:
        return _("Use at least %(count)s characters. A few words together is easy to remember.", count=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        return _("Use at most %(count)s characters.", count=PASSWORD_MAX)
    folded = password.casefold()
    if folded in common_passwords() or len(set(folded)) <= 2:
        return _("That password is too common. Choose something harder to guess.")
    local = email.split("@")[0].casefold()
    if (len(local) >= 4 and local in folded) or (name and name.casefold().replace(" ", "") == folded):
        return _("Do not use your name or email address in your password.")
    return None


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1] if "@" in email else ""


def can_manage_people(actor) -> Decision:
    """Admins manage people, teams, organisations and settings."""
    if not can_administer(actor):
        return forbid(_("Only an admin can manage people, teams and organisations."))
    return ALLOW


def can_deactivate(actor, person, active_admins: int) -> Decision:
    """An admin may deactivate any account but their own and that of the last active admin.

    ``active_admins`` is how many active admins there are now (the person included).
    """
    decision = can_manage_people(actor)
    if not decision:
        return decision
    if person.id == actor.id:
        return deny(_("You can't deactivate your own account: another admin has to do it."))
    if person.role == "admin" and person.active and active_admins <= 1:
        return deny(_("This is the last active admin: make someone else an admin first."))
    return ALLOW
