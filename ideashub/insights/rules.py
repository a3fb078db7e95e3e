"""Who sees what of the executive view."""

from ideashub.core.rules import ALLOW, Decision, forbid

INSIGHT_ROLES = {"executive", "moderator", "admin"}


def can_see_insights(actor) -> Decision:
    """The dashboard, the exports and the brief: executives, moderators and admins."""
    if actor.role in INSIGHT_ROLES:
        return ALLOW
    return forbid("The insights are for executives, moderators and admins. The top ideas are open to everyone.")
