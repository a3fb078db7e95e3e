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
idea_posted = EventType("idea.posted", "a person posts an idea", "subject: the idea", says="posted {idea}")
idea_edited = EventType("idea.edited", "the author changes an idea's text", "subject: the idea; data: changed (field names)", says="edited {idea}[, changing the {changed:fields}]")
idea_withdrawn = EventType("idea.withdrawn", "the author withdraws an idea", "subject: the idea; reason", says="withdrew {idea}")
support_added = EventType(
    "support.added", "a person supports an idea", "subject: the idea; context: team_id (the supporter's)", recorded=False,
    says="supported {idea}",
)
support_withdrawn = EventType(
    "support.withdrawn", "a person withdraws their support",
    "subject: the idea; context: team_id, supported_at (of the support taken back)", recorded=False,
    says="withdrew their support for {idea}",
)
response_added = EventType(
    "response.added", "a person responds to an idea or replies to a response",
    "subject: the response; idea_id; data: mentions (ids of the people it @mentions, not the writer; only when there are any); context: idea, parent (the response replied to, or None)", recorded=False,
    says="responded to {idea}",
)
response_edited = EventType(
    "response.edited", "a person edits their own response while the idea is being heard",
    "subject: the response; idea_id; data: changed (field names), mentions (ids of the people the new text @mentions for the first time, not the writer; only when there are any); context: idea", recorded=False,
    says="edited their response to {idea}",
)

# --- The hearing: triage, merging, hiding, reports ----------------------------------------------
idea_moved = EventType(
    "idea.moved", "a moderator moves an idea to another column (forward, parked, not taken forward)",
    "subject: the idea; reason; data: from, to, revisit_on",
    says="moved {idea}[ from {from:stage}] to {to:stage}[, to look at again on {revisit_on:date}]",
)
idea_reopened = EventType(
    "idea.reopened", "a moderator reopens a parked or declined idea", "subject: the idea; reason; data: from, to",
    says="reopened {idea}[ (it was {from:stage})]: it is {to:stage} again",
)
idea_merged = EventType(
    "idea.merged", "a moderator merges a duplicate into another idea",
    "subject: the duplicate; data: into; context: target, supports_moved (user, team, at), supports_joined",
    says="merged {idea} into {into:idea}",
)
idea_merged_in = EventType("idea.merged_in", "an idea receives a merged duplicate", "subject: the target; data: from; context: source", says="merged {from:idea} into {idea}")
idea_hidden = EventType("idea.hidden", "a moderator hides an idea", "subject: the idea; reason", says="hid {idea}")
idea_unhidden = EventType("idea.unhidden", "a moderator makes a hidden idea visible again", "subject: the idea; reason", says="made {idea} visible again")
response_hidden = EventType("response.hidden", "a moderator hides a response", "subject: the response; idea_id; reason; context: idea", says="hid a response to {idea}")
response_unhidden = EventType(
    "response.unhidden", "a moderator makes a hidden response visible again", "subject: the response; idea_id; reason; context: idea",
    says="made a response to {idea} visible again",
)
report_made = EventType(
    "report.made", "a person reports an idea or a response to the moderators",
    "subject: the report; idea_id; reason; data: response_id", visibility=MODERATORS,
    says=("reported a response to {idea}{response_id:if}", "reported {idea}"),
)
report_dismissed = EventType(
    "report.dismissed", "a moderator decides reported content stays", "subject: the report; idea_id; reason", visibility=MODERATORS,
    says="closed a report about {idea}, leaving the content as it was",
)

# --- Projects ------------------------------------------------------------------------------------
project_created = EventType(
    "project.created", "a moderator makes a project from an idea (once per idea)",
    "subject: the project; idea_id; data: name, project_id; context: lead_id",
    says="made the project {name:quoted} from {idea}",
)
project_lead_named = EventType(
    "project.lead", "a project is made with a lead other than its maker", "subject: the project", recorded=False,
    says="made {subject} with someone else as its lead",
)
project_member_added = EventType(
    "project.member_added", "a person joins a project with protected hours",
    "subject: the project; context: user_id, hours", recorded=False,
    says="added someone to {subject}",
)
project_changed = EventType("project.changed", "a project's details, status or ideas change", "subject: the project; reason; data: before, after or idea_added", says=("added {idea_added:idea} to {subject}", "changed {subject}[: {changes}]"))
project_update = EventType("project.update", "a project posts an update to its timeline", "subject: the project", says="posted an update to {subject}")

# --- Challenges ----------------------------------------------------------------------------------
challenge_created = EventType(
    "challenge.created", "a moderator sets up a five-day sprint", "subject: the challenge; data: starts_on",
    says="set up {subject}[, starting on {starts_on:date}]",
)
idea_challenge = EventType("idea.challenge", "an idea is posted into a challenge", "subject: the idea; data: challenge_id", says="posted {idea} into {challenge_id:challenge}")
challenge_idea_added = EventType(
    "challenge.idea_added", "a moderator brings an existing idea into a challenge",
    "subject: the challenge; idea_id; data: challenge_id; context: idea",
    says="brought {idea} into {subject}",
)
challenge_shortlist = EventType("challenge.shortlist", "the facilitator shortlists a challenge's ideas", "subject: the challenge; data: idea_ids", says="shortlisted {idea_ids:ideas} in {subject}")
challenge_decision = EventType(
    "challenge.decision", "the sponsor or facilitator decides a shortlisted idea on day 5",
    "subject: the idea; reason; data: from, to, revisit_on, challenge_id, outcome",
    says="decided on {idea} in {challenge_id:challenge}: {to:stage}[, to look at again on {revisit_on:date}]",
)

# --- Matching: invitations to hear an idea -------------------------------------------------------
invitation_sent = EventType(
    "invitation.sent", "the author or a moderator invites a person to hear an idea (one event per person invited)",
    "subject: the idea; data: user_id (the person invited); context: invitation, idea",
    says="invited {user_id:user} to hear {idea}",
)
invitation_declined = EventType(
    "invitation.declined", "a person invited to hear an idea answers that it is not their area",
    "subject: the idea; context: invitation", visibility=MODERATORS,
    says="said {idea} is not their area",
)

# --- People and administration --------------------------------------------------------------------
user_registered = EventType("user.registered", "a person signs up", "subject: the person", visibility=SECURITY, says="signed up")
user_created = EventType(
    "user.created", "an admin (or the command line) creates an account", "subject: the person; data: role, team_id", visibility=SECURITY,
    says="created an account for {subject} as {role:role}[ in {team_id:team}]",
)
user_role = EventType("user.role", "an admin changes a person's role", "subject: the person; reason; data: before, after", says="changed the role of {subject} from {before:role} to {after:role}")
user_team = EventType("user.team", "an admin moves a person to another team", "subject: the person; reason; data: before, after", says="moved {subject} from {before:team_name} to {after:team_name}")
user_deactivated = EventType("user.deactivated", "an admin deactivates an account", "subject: the person; reason", says="deactivated the account of {subject}")
user_reactivated = EventType("user.reactivated", "an admin reactivates an account", "subject: the person; reason", says="reactivated the account of {subject}")
organisation_created = EventType("organisation.created", "an admin adds an organisation", "subject: the organisation; data: name", says="added the organisation {name:quoted}")
organisation_renamed = EventType("organisation.renamed", "an admin renames an organisation", "subject: the organisation; data: before, after", says="renamed the organisation {before:quoted} to {after:quoted}")
domain_added = EventType("domain.added", "an admin adds an email domain to an organisation", "subject: the organisation; data: domain", says="added the email domain {domain} to {subject}")
domain_removed = EventType("domain.removed", "an admin removes an email domain", "subject: the organisation; data: domain", says="removed the email domain {domain} from {subject}")
team_created = EventType("team.created", "an admin adds a team", "subject: the team; data: organisation_id, name", says="added the team {name:quoted} to {organisation_id:organisation}")
team_renamed = EventType("team.renamed", "an admin renames a team", "subject: the team; data: before, after", says="renamed the team {before:quoted} to {after:quoted}")
settings_changed = EventType("settings.changed", "an admin changes the hearing settings", "subject_type: settings; reason; data: before, after", says="changed the hearing settings[: {changes}]")

# Actions recorded straight into the activity log (sign-ins, refusals), not announced as
# events; their wording lives here too, so every line of the audit log has one.
RECORDED_ONLY: dict[str, str | tuple[str, ...]] = {
    "auth.signin": "signed in",
    "auth.signin_failed": ("failed to sign in as {email}", "failed to sign in"),
    "auth.signout": "signed out",
    "auth.password_changed": "changed their password",
    "auth.token_issued": "created an API token",
    "auth.token_revoked": "revoked an API token",
    "auth.feed_address_made": "made a new feed address",
    "auth.feeds_stopped": "stopped their feeds",
    "auth.register_existing": "tried to sign up again with an address that already has an account",
    "auth.reset_unknown": ("asked to reset the password of {email}, an address with no account", "asked to reset a password"),
    "auth.reset_requested": "asked to reset their password",
    "auth.password_reset": "set a new password from a reset link",
    "authz.denied": ("was refused access to {path}", "was refused access"),
    # Outgoing webhooks (reach.webhooks): where the hub's news goes is the admins' to know.
    "webhook.created": "set up a webhook to {url}",
    "webhook.changed": "changed the webhook to {url}",
    "webhook.secret": "made a new secret for the webhook to {url}",
    "webhook.deleted": "deleted the webhook to {url}",
    # Signing in with the organisation's own accounts (people.sso, people.scim).
    "auth.sso_started": ("went to the sign-in of {subject} as {email}", "went to an organisation's sign-in"),
    "auth.sso_refused": ("was refused signing in through the sign-in of {subject}", "was refused signing in through an organisation's sign-in"),
    "auth.sso_linked": "joined their account to their organisation's sign-in",
    "auth.sso_logout": "was signed out by their organisation's sign-in",
    "organisation.sign_in_set": ("set {subject} to sign in through {issuer}", "set an organisation's sign-in"),
    "organisation.sign_in_removed": ("removed the sign-in of {subject}: its people sign in with passwords", "removed an organisation's sign-in"),
    "organisation.scim_token": ("made a new provisioning (SCIM) token for {subject}", "made a new provisioning (SCIM) token"),
    "scim.refused": ("refused a provisioning (SCIM) request for {subject}: {detail}", "refused a provisioning (SCIM) request"),
    # Moving out (portability): who took a copy of everything is the admins' to know.
    "hub.exported": "downloaded an export of everything in the hub",
    # Moving in (imports): a Trello board or a CSV file of ideas brought in by an admin.
    "import.trello": "imported the Trello board {name:quoted}",
    "import.csv": "imported ideas from the CSV file {name:quoted}",
    # Mail in (mailin): what a message became, or why it was refused (the message itself is not kept).
    "mail.refused": ("refused an incoming email: {detail}", "refused an incoming email"),
    "mail.drafted": "sent an idea by email and was mailed a link to check and post it",
    "scim.deleted": ("removed {subject} through provisioning (SCIM): the account is deactivated and kept", "removed a person through provisioning (SCIM)"),
}


def wording(action: str) -> str | tuple[str, ...] | None:
    """How an action (an event's name, or a recorded-only action) reads to people."""
    kind = CATALOGUE.get(action)
    return kind.says if kind is not None else RECORDED_ONLY.get(action)
