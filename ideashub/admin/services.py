"""Use cases of administration: roles, teams, accounts, organisations, domains, settings.

Every change is an admin's decision: it is recorded with who, when and why
(in the moderators' log), and anything that changes what a person may do
ends their sessions and API tokens.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import func, select

from ideashub.core import events
from ideashub.core.errors import Conflict, Invalid, NotFound, ensure, get_or_refuse
from ideashub.core.i18n import _, _l
from ideashub.core.settings import EDITABLE, Setting, all_settings, forget_cached_settings
from ideashub.core.text import clean_line, clean_text
from ideashub.extensions import db
from ideashub.people.models import Organisation, OrganisationDomain, Role, Team, User
from ideashub.people.rules import can_deactivate, can_manage_people
from ideashub.people.services import end_sessions, get_user

DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# The promise cannot be switched off: at least a day on the board and one person (from another team).
SETTING_LIMITS = {"hearing_days": (1, 365), "hearing_min_responses": (1, 100)}
REASON_NEEDED = _l("Say why you are changing the hearing: the reason is kept in the moderators' log.")


def _active_admins() -> int:
    return db.session.scalar(select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active.is_(True)))


def _keep_an_admin(person: User, losing_admin: bool) -> None:
    if losing_admin and person.role == Role.ADMIN and person.active and _active_admins() <= 1:
        raise Conflict(_("This is the last active admin: make someone else an admin first."))


def change_role(actor, user_id: int, role: str, reason: str, now: datetime) -> User:
    """Give a person another role; their sessions and tokens end, so the new role applies at once."""
    ensure(can_manage_people(actor))
    person = get_user(user_id)
    if role not in {r.value for r in Role}:
        message = _("Choose member, moderator, executive or admin.")
        raise Invalid(message, {"role": message})
    if role == person.role:
        return person
    if role != Role.ADMIN and person.team_id is None:
        raise Invalid(_("Only an admin can be without a team."), {"role": _("Put the person in a team first.")})
    _keep_an_admin(person, losing_admin=role != Role.ADMIN)
    before = person.role
    person.role = role
    db.session.flush()
    end_sessions(person)
    events.user_role.announce(actor, now, subject=person, reason=clean_text(reason) or None, data={"before": before, "after": role})
    return person


def change_team(actor, user_id: int, team_id: int | None, reason: str, now: datetime) -> User:
    """Move a person to another team (their past ideas stay with the team they came from)."""
    ensure(can_manage_people(actor))
    person = get_user(user_id)
    team = db.session.get(Team, team_id) if team_id else None
    if team_id and team is None:
        raise Invalid(_("There is no such team."), {"team_id": _("Choose one of the teams.")})
    if team is None and person.role != Role.ADMIN:
        raise Invalid(_("Everyone but an admin belongs to a team."), {"team_id": _("Choose a team.")})
    if person.team_id == (team.id if team else None):
        return person
    before = person.team.label if person.team else None
    person.team_id = team.id if team else None
    db.session.flush()
    end_sessions(person)
    events.user_team.announce(actor, now, subject=person, reason=clean_text(reason) or None, data={"before": before, "after": team.label if team else None})
    return person


def set_active(actor, user_id: int, active: bool, reason: str, now: datetime) -> User:
    """Deactivate an account (it cannot sign in; nothing it wrote is removed) or reactivate it."""
    ensure(can_manage_people(actor))
    person = get_user(user_id)
    if person.active == active:
        return person
    if not active:
        ensure(deactivation_allowed(actor, user_id))
    person.active = active
    db.session.flush()
    end_sessions(person)
    (events.user_reactivated if active else events.user_deactivated).announce(actor, now, subject=person, reason=clean_text(reason) or None)
    return person


def deactivation_allowed(actor, user_id: int):
    """Whether ``actor`` may deactivate this account now (asked before the confirmation step too)."""
    return can_deactivate(actor, get_user(user_id), _active_admins())


def is_last_domain(organisation_id: int, domain: str) -> bool:
    """True when ``domain`` is the organisation's only email domain: removing it stops all sign-ups."""
    domains = [d.domain for d in get_organisation(organisation_id).domains]
    return domains == [domain]


# --- Organisations, domains, teams --------------------------------------------------------


# A name's refusals, whole sentences for each thing named (Welsh words them differently).
_NAME_REFUSALS = {
    "organisation": (_l("Give the organisation a name of 2 to 120 characters."),
                     _l("Use 2 to 120 characters for the organisation's name.")),
    "team": (_l("Give the team a name of 2 to 120 characters."), _l("Use 2 to 120 characters for the team's name.")),
}


def _name(raw: str, field: str, what: str) -> str:
    name = clean_line(raw)
    if not 2 <= len(name) <= 120:
        message, hint = _NAME_REFUSALS[what]
        raise Invalid(str(message), {field: str(hint)})
    return name


def get_organisation(organisation_id: int) -> Organisation:
    return get_or_refuse(Organisation, organisation_id, _("There is no such organisation."))


def add_organisation(actor, name: str, now: datetime) -> Organisation:
    ensure(can_manage_people(actor))
    name = _name(name, "name", "organisation")
    if db.session.scalar(select(Organisation.id).where(func.lower(Organisation.name) == name.lower())):
        raise Conflict(_("There is already an organisation with that name."), {"name": _("That name is taken.")})
    organisation = Organisation(name=name, created_at=now)
    db.session.add(organisation)
    db.session.flush()
    events.organisation_created.announce(actor, now, subject=organisation, data={"name": name})
    return organisation


def rename_organisation(actor, organisation_id: int, name: str, now: datetime) -> Organisation:
    ensure(can_manage_people(actor))
    organisation = get_organisation(organisation_id)
    name = _name(name, "name", "organisation")
    clash = db.session.scalar(select(Organisation.id).where(func.lower(Organisation.name) == name.lower(), Organisation.id != organisation.id))
    if clash:
        raise Conflict(_("There is already an organisation with that name."), {"name": _("That name is taken.")})
    before, organisation.name = organisation.name, name
    db.session.flush()
    events.organisation_renamed.announce(actor, now, subject=organisation, data={"before": before, "after": name})
    return organisation


def clean_domain(raw: str) -> str:
    domain = clean_line(raw).lower().lstrip("@").rstrip(".")
    domain = re.sub(r"^https?://", "", domain).split("/")[0]
    if not DOMAIN.match(domain):
        raise Invalid(_("That is not an email domain."), {"domain": _("Give a domain like riverside.gov.uk.")})
    return domain


def add_domain(actor, organisation_id: int, domain: str, now: datetime) -> OrganisationDomain:
    """People with email addresses at this domain can join the organisation."""
    ensure(can_manage_people(actor))
    organisation = get_organisation(organisation_id)
    domain = clean_domain(domain)
    owner = db.session.scalar(select(OrganisationDomain).where(OrganisationDomain.domain == domain))
    if owner is not None:
        raise Conflict(_("%(domain)s already belongs to %(organisation)s.", domain=domain, organisation=owner.organisation.name),
                       {"domain": _("That domain already belongs to an organisation.")})
    entry = OrganisationDomain(organisation_id=organisation.id, domain=domain)
    db.session.add(entry)
    db.session.flush()
    events.domain_added.announce(actor, now, subject=organisation, data={"domain": domain})
    return entry


def remove_domain(actor, organisation_id: int, domain: str, now: datetime) -> None:
    """New sign-ups from this domain stop; people already in keep their accounts."""
    ensure(can_manage_people(actor))
    organisation = get_organisation(organisation_id)
    entry = db.session.scalar(
        select(OrganisationDomain).where(OrganisationDomain.organisation_id == organisation.id, OrganisationDomain.domain == domain)
    )
    if entry is None:
        raise NotFound(_("That domain is not one of this organisation's."))
    db.session.delete(entry)
    db.session.flush()
    events.domain_removed.announce(actor, now, subject=organisation, data={"domain": domain})


def add_team(actor, organisation_id: int, name: str, now: datetime) -> Team:
    ensure(can_manage_people(actor))
    organisation = get_organisation(organisation_id)
    name = _name(name, "name", "team")
    if db.session.scalar(select(Team.id).where(Team.organisation_id == organisation.id, func.lower(Team.name) == name.lower())):
        raise Conflict(_("That organisation already has a team with that name."),
                       {"name": _("That team name is taken in this organisation.")})
    team = Team(organisation_id=organisation.id, name=name, created_at=now)
    db.session.add(team)
    db.session.flush()
    events.team_created.announce(actor, now, subject=team, data={"organisation_id": organisation.id, "name": name})
    return team


def rename_team(actor, team_id: int, name: str, now: datetime) -> Team:
    ensure(can_manage_people(actor))
    team = get_or_refuse(Team, team_id, _("There is no such team."))
    name = _name(name, "name", "team")
    clash = db.session.scalar(
        select(Team.id).where(Team.organisation_id == team.organisation_id, func.lower(Team.name) == name.lower(), Team.id != team.id)
    )
    if clash:
        raise Conflict(_("That organisation already has a team with that name."),
                       {"name": _("That team name is taken in this organisation.")})
    before, team.name = team.name, name
    db.session.flush()
    events.team_renamed.announce(actor, now, subject=team, data={"before": before, "after": name})
    return team


# --- Settings ---------------------------------------------------------------------------------


def change_settings(actor, values: dict, reason: str, now: datetime) -> dict:
    """Change the hearing settings, with a reason; every idea's hearing follows at once (see ideas.counters).

    The hearing needs at least one day and one person: zero would switch the product's
    promise off, so it is refused rather than saved.
    """
    ensure(can_manage_people(actor))
    errors = {}
    clean = {}
    for key, raw in values.items():
        if key not in EDITABLE:
            errors[key] = _("Unknown setting.")
            continue
        low, high = SETTING_LIMITS[key]
        if not isinstance(raw, int) or isinstance(raw, bool) or not low <= raw <= high:
            errors[key] = _("Use a whole number from %(low)s to %(high)s.", low=low, high=high)
        else:
            clean[key] = raw
    if not clean_text(reason):
        errors["reason"] = str(REASON_NEEDED)
    if errors:
        raise Invalid(_("Check the settings: %(problems)s", problems=" ".join(errors.values())), errors)
    before = dict(all_settings())
    for key, value in clean.items():
        row = db.session.get(Setting, key)
        if row is None:
            db.session.add(Setting(key=key, value=value, updated_at=now, updated_by_id=actor.id))
        else:
            row.value, row.updated_at, row.updated_by_id = value, now, actor.id
    db.session.flush()
    forget_cached_settings()
    after = dict(all_settings())
    if after != before:
        events.settings_changed.announce(actor, now, subject_type="settings", reason=clean_text(reason) or None, data={"before": before, "after": after})
    return after
