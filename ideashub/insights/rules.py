"""Who sees what of the executive view."""

from ideashub.core.i18n import _
from ideashub.core.rules import ALLOW, Decision, forbid
from ideashub.people.permissions import can_read_insights


def can_see_insights(actor) -> Decision:
    """The dashboard, the exports and the brief: executives, moderators and admins."""
    if can_read_insights(actor):
        return ALLOW
    return forbid(_("The insights are for executives, moderators and admins. The top ideas are open to everyone."))
