"""Domain events: what happened, announced by the feature that did it.

A service announces each change as a named event inside the same
transaction (``events.idea_moved.announce(actor, now, subject=idea, ...)``);
the features that care subscribe from their own packages
(``@events.idea_moved.connect``). The announcer never imports its listeners,
so a feature can be read and tested on its own, and a new subscriber
(email, webhooks) is one module, not an edit in every service.

Listeners run synchronously, in the announcing transaction: if one fails,
the whole change is rolled back, and nothing is half-written. The catalogue
lives here, in core, as Indico keeps its signals in ``indico.core.signals``:
every feature may listen to any event without importing another feature.

Every event also goes to ``announced``, the catch-all the activity record
(``core.activity``) and the figures cache (``insights``) listen to. An
event's name is the action's one name, from service to event to the
activity record to the log: ``idea.moved`` throughout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from blinker import Namespace

from ideashub.core.i18n import _l

_space = Namespace()

# Every event, after its own listeners: the activity record and caches listen here.
announced = _space.signal("announced")

# Rows an import wrote in bulk, without announcing an event for each (a Trello board's votes and
# comments): ``send(None, supports=[(user_id, team_id, idea_id, at)], responses=[(user_id,
# team_id, idea_id, kind, at)])``. What keeps figures from supports and responses listens here too.
rows_imported = _space.signal("rows_imported")

# Who may read the activity entry an event leaves (see core.activity).
PUBLIC = "public"
MODERATORS = "moderators"
SECURITY = "security"


@dataclass(frozen=True)
class Event:
    """One thing that happened: who, when, to what, why, and the details listeners need.

    ``data`` is kept in the activity record; ``context`` is for listeners only
    (objects and figures that would be noise in the record).
    """

    name: str
    actor: Any
    at: datetime
    subject: Any = None
    subject_type: str | None = None
    idea_id: int | None = None
    reason: str | None = None
    data: dict[str, Any] | None = None
    context: dict[str, Any] = field(default_factory=dict)
    recorded: bool = True
    visibility: str = PUBLIC


# Every kind of event by its name (the README's table of events is checked against it).
CATALOGUE: dict[str, EventType] = {}


class EventType:
    """A named kind of event, with what it means; ``announce`` it, ``connect`` to it.

    ``says`` is how the event reads to people, after the name of whoever did it
    ("moved {idea} to {to:stage}"): the one wording every activity line, log, audit
    entry and export uses (``core.wording`` fills it in). The name is a stored code
    and never shown.
    """

    def __init__(
        self, name: str, when: str, payload: str, *, says: str | tuple[str, ...],
        recorded: bool = True, visibility: str = PUBLIC,
    ):
        self.name = name
        self.when = when
        self.payload = payload
        self.says = says
        self.recorded = recorded
        self.visibility = visibility
        self._signal = _space.signal(name)
        CATALOGUE[name] = self

    def connect(self, listener: Callable[[Event], None]) -> Callable[[Event], None]:
        """Subscribe ``listener(event)``; usable as a decorator. Connecting twice is harmless."""
        # blinker calls listener(sender) with the event as the sender, and keeps one per function.
        self._signal.connect(listener, weak=False)
        return listener

    def disconnect(self, listener: Callable[[Event], None]) -> None:
        """Stop telling ``listener`` (tests that connect one for a while)."""
        self._signal.disconnect(listener)

    def announce(self, actor, at: datetime, **fields) -> Event:
        """Tell every listener, in this transaction, that this happened."""
        event = Event(self.name, actor, at, recorded=self.recorded, visibility=self.visibility, **fields)
        self._signal.send(event)
        announced.send(event)
        return event


# --- Ideas -------------------------------------------------------------------------------------
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
idea_posted = EventType("idea.posted", "a person posts an idea", "subject: the idea", says=_l("posted {idea}"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
idea_edited = EventType("idea.edited", "the author changes an idea's text", "subject: the idea; data: changed (field names)", says=_l("edited {idea}[, changing the {changed:fields}]"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
idea_withdrawn = EventType("idea.withdrawn", "the author withdraws an idea", "subject: the idea; reason", says=_l("withdrew {idea}"))
support_added = EventType(
    "support.added", "a person supports an idea", "subject: the idea; context: team_id (the supporter's)", recorded=False,
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("supported {idea}"),
)
support_withdrawn = EventType(
    "support.withdrawn", "a person withdraws their support",
    "subject: the idea; context: team_id, supported_at (of the support taken back)", recorded=False,
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("withdrew their support for {idea}"),
)
response_added = EventType(
    "response.added", "a person responds to an idea or replies to a response",
    "subject: the response; idea_id; data: mentions (ids of the people it @mentions, not the writer; only when there are any); context: idea, parent (the response replied to, or None)", recorded=False,
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("responded to {idea}"),
)
response_edited = EventType(
    "response.edited", "a person edits their own response while the idea is being heard",
    "subject: the response; idea_id; data: changed (field names), mentions (ids of the people the new text @mentions for the first time, not the writer; only when there are any); context: idea", recorded=False,
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("edited their response to {idea}"),
)

# --- The hearing: triage, merging, hiding, reports ----------------------------------------------
idea_moved = EventType(
    "idea.moved", "a moderator moves an idea to another column (forward, parked, not taken forward)",
    "subject: the idea; reason; data: from, to, revisit_on",
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("moved {idea}[ from {from:stage}] to {to:stage}[, to look at again on {revisit_on:date}]"),
)
idea_reopened = EventType(
    "idea.reopened", "a moderator reopens a parked or declined idea", "subject: the idea; reason; data: from, to",
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("reopened {idea}[ (it was {from:stage})]: it is {to:stage} again"),
)
idea_merged = EventType(
    "idea.merged", "a moderator merges a duplicate into another idea",
    "subject: the duplicate; data: into; context: target, supports_moved (user, team, at), supports_joined",
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("merged {idea} into {into:idea}"),
)
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
idea_merged_in = EventType("idea.merged_in", "an idea receives a merged duplicate", "subject: the target; data: from; context: source", says=_l("merged {from:idea} into {idea}"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
idea_hidden = EventType("idea.hidden", "a moderator hides an idea", "subject: the idea; reason", says=_l("hid {idea}"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
idea_unhidden = EventType("idea.unhidden", "a moderator makes a hidden idea visible again", "subject: the idea; reason", says=_l("made {idea} visible again"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
response_hidden = EventType("response.hidden", "a moderator hides a response", "subject: the response; idea_id; reason; context: idea", says=_l("hid a response to {idea}"))
response_unhidden = EventType(
    "response.unhidden", "a moderator makes a hidden response visible again", "subject: the response; idea_id; reason; context: idea",
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("made a response to {idea} visible again"),
)
report_made = EventType(
    "report.made", "a person reports an idea or a response to the moderators",
    "subject: the report; idea_id; reason; data: response_id", visibility=MODERATORS,
    says=(
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("reported a response to {idea}{response_id:if}"),
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("reported {idea}"),
    ),
)
report_dismissed = EventType(
    "report.dismissed", "a moderator decides reported content stays", "subject: the report; idea_id; reason", visibility=MODERATORS,
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("closed a report about {idea}, leaving the content as it was"),
)

# --- Projects ------------------------------------------------------------------------------------
project_created = EventType(
    "project.created", "a moderator makes a project from an idea (once per idea)",
    "subject: the project; idea_id; data: name, project_id; context: lead_id",
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("made the project {name:quoted} from {idea}"),
)
project_lead_named = EventType(
    "project.lead", "a project is made with a lead other than its maker", "subject: the project", recorded=False,
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("made {subject} with someone else as its lead"),
)
project_member_added = EventType(
    "project.member_added", "a person joins a project with protected hours",
    "subject: the project; context: user_id, hours", recorded=False,
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("added someone to {subject}"),
)
project_changed = EventType("project.changed", "a project's details, status or ideas change", "subject: the project; reason; data: before, after or idea_added", says=(
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    _l("added {idea_added:idea} to {subject}"),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    _l("changed {subject}[: {changes}]"),
))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
project_update = EventType("project.update", "a project posts an update to its timeline", "subject: the project", says=_l("posted an update to {subject}"))

# --- Challenges ----------------------------------------------------------------------------------
challenge_created = EventType(
    "challenge.created", "a moderator sets up a five-day sprint", "subject: the challenge; data: starts_on",
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("set up {subject}[, starting on {starts_on:date}]"),
)
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
idea_challenge = EventType("idea.challenge", "an idea is posted into a challenge", "subject: the idea; data: challenge_id", says=_l("posted {idea} into {challenge_id:challenge}"))
challenge_idea_added = EventType(
    "challenge.idea_added", "a moderator brings an existing idea into a challenge",
    "subject: the challenge; idea_id; data: challenge_id; context: idea",
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("brought {idea} into {subject}"),
)
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
challenge_shortlist = EventType("challenge.shortlist", "the facilitator shortlists a challenge's ideas", "subject: the challenge; data: idea_ids", says=_l("shortlisted {idea_ids:ideas} in {subject}"))
challenge_decision = EventType(
    "challenge.decision", "the sponsor or facilitator decides a shortlisted idea on day 5",
    "subject: the idea; reason; data: from, to, revisit_on, challenge_id, outcome",
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("decided on {idea} in {challenge_id:challenge}: {to:stage}[, to look at again on {revisit_on:date}]"),
)

# --- Matching: invitations to hear an idea -------------------------------------------------------
invitation_sent = EventType(
    "invitation.sent", "the author or a moderator invites a person to hear an idea (one event per person invited)",
    "subject: the idea; data: user_id (the person invited); context: invitation, idea",
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("invited {user_id:user} to hear {idea}"),
)
invitation_declined = EventType(
    "invitation.declined", "a person invited to hear an idea answers that it is not their area",
    "subject: the idea; context: invitation", visibility=MODERATORS,
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("said {idea} is not their area"),
)

# --- People and administration --------------------------------------------------------------------
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
user_registered = EventType("user.registered", "a person signs up", "subject: the person", visibility=SECURITY, says=_l("signed up"))
user_created = EventType(
    "user.created", "an admin (or the command line) creates an account", "subject: the person; data: role, team_id", visibility=SECURITY,
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    says=_l("created an account for {subject} as {role:role}[ in {team_id:team}]"),
)
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
user_role = EventType("user.role", "an admin changes a person's role", "subject: the person; reason; data: before, after", says=_l("changed the role of {subject} from {before:role} to {after:role}"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
user_team = EventType("user.team", "an admin moves a person to another team", "subject: the person; reason; data: before, after", says=_l("moved {subject} from {before:team_name} to {after:team_name}"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
user_deactivated = EventType("user.deactivated", "an admin deactivates an account", "subject: the person; reason", says=_l("deactivated the account of {subject}"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
user_reactivated = EventType("user.reactivated", "an admin reactivates an account", "subject: the person; reason", says=_l("reactivated the account of {subject}"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
organisation_created = EventType("organisation.created", "an admin adds an organisation", "subject: the organisation; data: name", says=_l("added the organisation {name:quoted}"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
organisation_renamed = EventType("organisation.renamed", "an admin renames an organisation", "subject: the organisation; data: before, after", says=_l("renamed the organisation {before:quoted} to {after:quoted}"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
domain_added = EventType("domain.added", "an admin adds an email domain to an organisation", "subject: the organisation; data: domain", says=_l("added the email domain {domain} to {subject}"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
domain_removed = EventType("domain.removed", "an admin removes an email domain", "subject: the organisation; data: domain", says=_l("removed the email domain {domain} from {subject}"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
team_created = EventType("team.created", "an admin adds a team", "subject: the team; data: organisation_id, name", says=_l("added the team {name:quoted} to {organisation_id:organisation}"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
team_renamed = EventType("team.renamed", "an admin renames a team", "subject: the team; data: before, after", says=_l("renamed the team {before:quoted} to {after:quoted}"))
# Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
settings_changed = EventType("settings.changed", "an admin changes the hearing settings", "subject_type: settings; reason; data: before, after", says=_l("changed the hearing settings[: {changes}]"))

# Actions recorded straight into the activity log (sign-ins, refusals), not announced as
# events; their wording lives here too, so every line of the audit log has one.
RECORDED_ONLY: dict[str, Any] = {
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "auth.signin": _l("signed in"),
    "auth.signin_failed": (
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("failed to sign in as {email}"),
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("failed to sign in"),
    ),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "auth.signout": _l("signed out"),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "auth.password_changed": _l("changed their password"),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "auth.token_issued": _l("created an API token"),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "auth.token_revoked": _l("revoked an API token"),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "auth.feed_address_made": _l("made a new feed address"),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "auth.feeds_stopped": _l("stopped their feeds"),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "auth.register_existing": _l("tried to sign up again with an address that already has an account"),
    "auth.reset_unknown": (
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("asked to reset the password of {email}, an address with no account"),
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("asked to reset a password"),
    ),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "auth.reset_requested": _l("asked to reset their password"),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "auth.password_reset": _l("set a new password from a reset link"),
    "authz.denied": (
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("was refused access to {path}"),
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("was refused access"),
    ),
    # Outgoing webhooks (reach.webhooks): where the hub's news goes is the admins' to know.
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "webhook.created": _l("set up a webhook to {url}"),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "webhook.changed": _l("changed the webhook to {url}"),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "webhook.secret": _l("made a new secret for the webhook to {url}"),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "webhook.deleted": _l("deleted the webhook to {url}"),
    # Signing in with the organisation's own accounts (people.sso, people.scim).
    "auth.sso_started": (
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("went to the sign-in of {subject} as {email}"),
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("went to an organisation's sign-in"),
    ),
    "auth.sso_refused": (
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("was refused signing in through the sign-in of {subject}"),
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("was refused signing in through an organisation's sign-in"),
    ),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "auth.sso_linked": _l("joined their account to their organisation's sign-in"),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "auth.sso_logout": _l("was signed out by their organisation's sign-in"),
    "organisation.sign_in_set": (
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("set {subject} to sign in through {issuer}"),
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("set an organisation's sign-in"),
    ),
    "organisation.sign_in_removed": (
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("removed the sign-in of {subject}: its people sign in with passwords"),
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("removed an organisation's sign-in"),
    ),
    "organisation.scim_token": (
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("made a new provisioning (SCIM) token for {subject}"),
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("made a new provisioning (SCIM) token"),
    ),
    "scim.refused": (
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("refused a provisioning (SCIM) request for {subject}: {detail}"),
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("refused a provisioning (SCIM) request"),
    ),
    # Moving out (portability): who took a copy of everything is the admins' to know.
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "hub.exported": _l("downloaded an export of everything in the hub"),
    # Moving in (imports): a Trello board or a CSV file of ideas brought in by an admin.
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "import.trello": _l("imported the Trello board {name:quoted}"),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "import.csv": _l("imported ideas from the CSV file {name:quoted}"),
    # Mail in (mailin): what a message became, or why it was refused (the message itself is not kept).
    "mail.refused": (
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("refused an incoming email: {detail}"),
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("refused an incoming email"),
    ),
    # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
    "mail.drafted": _l("sent an idea by email and was mailed a link to check and post it"),
    "scim.deleted": (
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("removed {subject} through provisioning (SCIM): the account is deactivated and kept"),
        # Translators: keep each {name} or {name:kind} and the [brackets] as they are (see core/wording.py).
        _l("removed a person through provisioning (SCIM)"),
    ),
}


def wording(action: str) -> str | tuple[str, ...] | None:
    """How an action (an event's name, or a recorded-only action) reads to people."""
    kind = CATALOGUE.get(action)
    return kind.says if kind is not None else RECORDED_ONLY.get(action)
