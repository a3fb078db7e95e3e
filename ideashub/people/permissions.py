"""Who may do what, by role: one named answer per permission question.

People owns the roles, so every role list lives here and nowhere else. Each
predicate takes a person (or None, or Flask-Login's anonymous user) and
answers a plain bool; the features' rules wrap them in a ``Decision`` with a
reason, and templates reach them as Jinja globals of the same names.
"""

from __future__ import annotations

from ideashub.people.models import Role

# The roles behind each answer, for the few places that must ask in SQL
# (choosing a facilitator from the active moderators).
MODERATOR_ROLES = frozenset({Role.MODERATOR, Role.ADMIN})
INSIGHT_READER_ROLES = frozenset({Role.EXECUTIVE, Role.MODERATOR, Role.ADMIN})


def _role(user) -> str | None:
    """The person's role, or None for nobody or an anonymous visitor."""
    return getattr(user, "role", None) if user is not None else None


def can_moderate(user) -> bool:
    """Moderators and admins triage, hide, merge, run projects and set up challenges."""
    return _role(user) in MODERATOR_ROLES


def can_read_insights(user) -> bool:
    """Executives, moderators and admins read the dashboard, the exports and the brief."""
    return _role(user) in INSIGHT_READER_ROLES


def can_see_hidden(user) -> bool:
    """Who reads what a moderator hid (ideas and responses) and the moderators' log: moderators and admins."""
    return can_moderate(user)


def can_administer(user) -> bool:
    """Admins manage people, teams, organisations and the hub's settings."""
    return _role(user) == Role.ADMIN


PREDICATES = {
    "can_moderate": can_moderate,
    "can_read_insights": can_read_insights,
    "can_see_hidden": can_see_hidden,
    "can_administer": can_administer,
}


def offer_to_templates(state) -> None:
    """Make every predicate a Jinja global of the same name (``bp.record_once`` hook).

    Globals rather than context, so macros imported without context can ask too.
    """
    state.app.jinja_env.globals.update(PREDICATES)
