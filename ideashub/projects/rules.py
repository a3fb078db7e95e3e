"""Who may run projects, and what a project's fields and statuses may be."""

from __future__ import annotations

from ideashub.core.i18n import _
from ideashub.core.rules import ALLOW, Decision, deny, forbid
from ideashub.core.words import number
from ideashub.people.permissions import can_moderate
from ideashub.projects.models import STATUS_LABELS, Status

NAME_MIN, NAME_MAX = 3, 150
GOAL_MAX = 2000
UPDATE_MAX = 5000
HOURS_MIN, HOURS_MAX = 0.5, 37.5
MEMBERS_MAX = 50

# Where a project can go from each status: delivered is final; a stopped project may restart.
TRANSITIONS = {
    Status.PROPOSED: {Status.ACTIVE, Status.PAUSED, Status.DELIVERED, Status.STOPPED},
    Status.ACTIVE: {Status.PAUSED, Status.DELIVERED, Status.STOPPED},
    Status.PAUSED: {Status.ACTIVE, Status.DELIVERED, Status.STOPPED},
    Status.STOPPED: {Status.ACTIVE},
    Status.DELIVERED: set(),
}


def can_manage(actor) -> Decision:
    """Moderators (and admins) make projects from ideas and change them."""
    if not can_moderate(actor):
        return forbid(_("Only moderators make and change projects."))
    return ALLOW


def can_post_update(actor, project) -> Decision:
    """The project's lead, its members and moderators post updates."""
    if actor.id == project.lead_id or can_moderate(actor):
        return ALLOW
    if any(m.user_id == actor.id for m in project.members):
        return ALLOW
    return forbid(_("Updates come from the project's lead and members."))


def can_change_status(current: str, new: str) -> Decision:
    if new == current:
        return ALLOW
    if new not in {s.value for s in Status}:
        return deny(_("Choose proposed, active, paused, delivered or stopped."))
    if Status(new) not in TRANSITIONS[Status(current)]:
        return deny(_("A project that is %(current)s cannot become %(new)s.",
                      current=str(STATUS_LABELS[Status(current)]).lower(), new=str(STATUS_LABELS[Status(new)]).lower()))
    return ALLOW


def project_errors(name: str, goal: str, members: list[tuple[int, float]]) -> dict[str, str]:
    """Field messages for a project's shape (empty when it is fine)."""
    errors: dict[str, str] = {}
    if not NAME_MIN <= len(name) <= NAME_MAX:
        errors["name"] = _("Give the project a name of %(min)s to %(max)s characters.", min=NAME_MIN, max=NAME_MAX)
    if not goal:
        errors["goal"] = _("Say what the project is for.")
    elif len(goal) > GOAL_MAX:
        errors["goal"] = _("Keep the goal under %(max)s characters.", max=number(GOAL_MAX))
    if len(members) > MEMBERS_MAX:
        errors["members"] = _("A project has at most %(max)s members.", max=MEMBERS_MAX)
    elif len({user for user, _hours in members}) != len(members):
        errors["members"] = _("Each person joins a project once.")
    elif any(not HOURS_MIN <= hours <= HOURS_MAX for _user, hours in members):
        errors["members"] = _("Protected hours are between %(min)s and %(max)s a week.", min=number(HOURS_MIN), max=number(HOURS_MAX))
    return errors
