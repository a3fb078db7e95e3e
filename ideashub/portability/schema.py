"""What "export everything" carries: the document's format and version, and how every table and
every secret column of the hub is classified.

The export itself reads the models' metadata (``db.metadata``), so a new table or column is
carried without touching the exporter; but a new table must first be classified here, as data
(``EXPORTED``) or not (``NOT_DATA``, with the reason), and a column holding a secret must be
listed in ``LEFT_OUT``. ``tests/portability/test_classification.py`` fails until that is done.
"""

from __future__ import annotations

import re

from flask_babel import LazyString

from ideashub.core.i18n import _l

FORMAT = "ideashub-export"
SCHEMA_VERSION = 1
# The versions ``import-all`` reads. A new version adds itself here with whatever conversion
# an older document needs.
READABLE_VERSIONS = frozenset({1})

# Every table that holds the hub's data, with what a reader finds in it.
EXPORTED: dict[str, LazyString] = {
    "activity": _l("The activity and audit log: who did what, when and why (the decision trail's source)."),
    "challenge_entries": _l("Ideas taken into a sprint, their write-ups and day-5 decisions."),
    "challenge_invites": _l("Teams and organisations invited to a sprint."),
    "challenge_participants": _l("Who took part in a sprint and how many dot votes they used."),
    "challenge_posts": _l("What people posted on a sprint's days."),
    "challenge_votes": _l("Dot votes in a sprint."),
    "challenges": _l("Five-day sprints: question, sponsor, facilitator, dates."),
    "erasure_requests": _l("Requests to be erased, who decided, when and why (the record that an erasure was asked for and done)."),
    "external_identities": _l("People as the organisation's identity provider knows them (its subject)."),
    "follows": _l("Who follows which idea, tag, team or person."),
    "giver_months": _l("Monthly roll-up of each person's supports, builds and offers (derived, kept as stored)."),
    "idea_responders": _l("Each person's first response to an idea (derived, kept as stored)."),
    "idea_revisions": _l("An idea's earlier versions, before each edit."),
    "idea_wellbeing": _l("Which well-being goals and ways of working (Wales, 2015 Act) each idea is linked to."),
    "idea_tags": _l("Which tags each idea carries."),
    "idea_team_supports": _l("Supporters of each idea per team (derived, kept as stored)."),
    "ideas": _l("Ideas: text, stage, decision, counts."),
    "identity_providers": _l("An organisation's sign-in provider settings (the secret is never stored)."),
    "import_records": _l("Which Trello card, comment, vote or member, or CSV row, became which row (so importing it again adds only what is new)."),
    "invitations": _l("People invited to help with an idea."),
    "notification_settings": _l("How each person wants to hear about each kind of news."),
    "notifications": _l("The bell: what each person was told."),
    "organisation_domains": _l("The email domains of each organisation."),
    "organisations": _l("Organisations."),
    "project_ideas": _l("Which ideas each project took in."),
    "project_members": _l("Project members and their hours."),
    "project_updates": _l("Project updates."),
    "projects": _l("Projects made from ideas."),
    "reports": _l("Reports of ideas and responses to moderators, and how they were resolved."),
    "response_mentions": _l("People @mentioned in responses."),
    "response_revisions": _l("A response's earlier versions, before each edit."),
    "responses": _l("Responses to ideas (comments, builds, offers, concerns...)."),
    "scim_users": _l("People as the organisation's directory provisioned them."),
    "settings": _l("The hub's settings (hearing rule and the like)."),
    "similar_notices": _l("Notices that a new idea looks like an older one."),
    "supports": _l("Who supports which idea, and when."),
    "tags": _l("Tags."),
    "team_flows": _l("Monthly roll-up of support and responses between teams (derived, kept as stored)."),
    "teams": _l("Teams of each organisation."),
    "users": _l("People, without their password hash."),
}

# Tables that are not the hub's data, and why they stay behind.
NOT_DATA: dict[str, LazyString] = {
    "api_tokens": _l("Credentials (only their hashes are stored): people issue new tokens on the new hub."),
    "cache_generations": _l("Bookkeeping of the figures cache: rebuilt on demand."),
    "deliveries": _l("The delivery queue and log of emails, bell items and webhook calls: machinery, not data."),
    "email_links": _l("Single-use sign-up and reset links (with pending password hashes): expire within days."),
    "feed_tokens": _l("Credentials for private feeds (hashes): people make new feed links."),
    "outbox_events": _l("Events waiting to be shared out: delivery machinery, not data."),
    "webhooks": _l("Credentials shared with other systems: the signing secret, and addresses that often carry "
                   "the receiver's own token (Slack, Teams): an admin sets them up again on the new hub."),
    "scim_tokens": _l("Credentials of an organisation's directory (hash): an admin issues a new one."),
}

# Columns of exported tables that hold a secret, left out of the document.
LEFT_OUT: dict[str, LazyString] = {
    "users.password_hash": _l("A password hash: people reset their password or sign in with their organisation."),
    "external_identities.last_sid": _l("The provider's session id of the last sign-in."),
}

# Columns whose names suggest a secret but which hold none, and why.
NOT_SECRET: dict[str, str] = {
    "users.session_version": "A counter bumped to end sessions; no secret in it.",
    "identity_providers.password_sign_in": "Whether password sign-in is allowed: a yes or no.",
    "identity_providers.client_secret_env": "The NAME of the environment variable with the secret, never the secret.",
}

# A column name that suggests a secret: it must be in LEFT_OUT or NOT_SECRET.
SECRET_LOOKING = re.compile(r"hash|secret|token|password|passwd|sid$|session|api_key|private", re.IGNORECASE)


def left_out_columns(table: str) -> frozenset[str]:
    """The columns of ``table`` left out of the document."""
    return frozenset(key.split(".", 1)[1] for key in LEFT_OUT if key.split(".", 1)[0] == table)
