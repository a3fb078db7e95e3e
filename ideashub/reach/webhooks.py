"""Outgoing webhooks: the hub tells Microsoft Teams, Slack or any endpoint what happened.

An admin sets up a webhook for an organisation, a team, a tag or a challenge, and picks the
events (the names of the events table in the README) it hears about. When one of them
happens, the outbox's worker calls ``fan_out`` once for the event; it finds the webhooks
whose scope and events match and queues one delivery for each, in that webhook's format:

- ``generic``: JSON about the event, signed: ``X-Hub-Signature-256: sha256=<hex HMAC-SHA256
  of the raw body keyed with the UTF-8 secret>`` and ``X-Hub-Delivery: <id>`` (the same id
  on every retry of one delivery, so a receiver can drop repeats);
- ``teams``: a message with an Adaptive Card, as a Teams Workflows webhook expects;
- ``slack``: a Slack incoming-webhook message with blocks.

Teams and Slack receive the same two headers (they ignore them). The outbox's worker sends
each delivery through ``send`` (the ``webhook`` transport) with ``core.safehttp``, so no
webhook can reach the hub's own network, and retries failures that may pass; the delivery
log of a webhook is its rows in the outbox. Addresses are stored whole (the secret of a
Slack or Teams webhook is in its path or query) and shown only masked.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from flask import current_app
from sqlalchemy import JSON, Boolean, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideashub.challenges.models import Challenge, ChallengeEntry
from ideashub.core import events, mail, outbox, safehttp
from ideashub.core.activity import record
from ideashub.core.db import UTCDateTime
from ideashub.core.errors import Invalid, NotFound, ensure
from ideashub.core.i18n import _, _l, format_moment, in_language
from ideashub.core.rules import ALLOW, Decision, forbid
from ideashub.core.text import normalise_tag
from ideashub.core.wording import describe, label
from ideashub.extensions import db
from ideashub.ideas.models import Idea
from ideashub.people.models import Organisation, Team, User
from ideashub.people.permissions import can_administer

CHANNEL = "webhook"
FORMATS = {
    "generic": _l("Any endpoint (signed JSON)"),
    "teams": _l("Microsoft Teams (a Workflows webhook)"),
    "slack": _l("Slack (an incoming webhook)"),
}
SCOPES = {"organisation": _l("An organisation"), "team": _l("A team"), "tag": _l("A tag"),
          "challenge": _l("A challenge")}
TEST_EVENT = "webhook.test"
SECRET_MIN, SECRET_MAX = 16, 200
URL_MAX = 2000
SIGNATURE_HEADER = "X-Hub-Signature-256"
DELIVERY_HEADER = "X-Hub-Delivery"
# A client's mistake that sending again will not mend; 408 and 429 mean "later".
RETRY_STATUSES = {408, 429}


def subscribable_events() -> list[str]:
    """Every event a webhook may hear about: the catalogue's names, as the README's table lists them."""
    return list(events.CATALOGUE)


class Webhook(db.Model):
    """An address the hub posts events to, for one organisation, team, tag or challenge."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text)  # whole, with any secret in it: shown only masked
    format: Mapped[str] = mapped_column(String(10))
    events: Mapped[list[str]] = mapped_column(JSON)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    tag: Mapped[str | None] = mapped_column(String(40))
    challenge_id: Mapped[int | None] = mapped_column(ForeignKey("challenges.id"))
    # Kept as given, to sign with; shown once, when it is made (or made again).
    secret: Mapped[str] = mapped_column(String(SECRET_MAX))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Deleted webhooks stay, so their delivery log still names them; nothing is sent to them.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation = relationship(Organisation, lazy="joined")
    team = relationship(Team, lazy="joined")
    challenge = relationship(Challenge, lazy="joined")

    @property
    def scope(self) -> str:
        for kind in ("organisation_id", "team_id", "tag", "challenge_id"):
            if getattr(self, kind) is not None:
                return kind.removesuffix("_id")
        return ""

    @property
    def scope_words(self) -> str:
        """The scope as people read it: "the team Housing repairs", "ideas tagged repairs"."""
        kind = self.scope
        if kind == "organisation":
            return _("the organisation %(name)s", name=self.organisation.name) if self.organisation else _("an organisation")
        if kind == "team":
            return _("the team %(name)s", name=self.team.name) if self.team else _("a team")
        if kind == "challenge":
            return _("the challenge %(title)s", title=self.challenge.title) if self.challenge else _("a challenge")
        return _("ideas tagged %(tag)s", tag=self.tag)

    @property
    def shown_url(self) -> str:
        return safehttp.masked(self.url)

    @property
    def format_words(self) -> str:
        return str(FORMATS.get(self.format, self.format))


# --- Who may ---------------------------------------------------------------------------------


def can_manage_webhooks(actor) -> Decision:
    """Admins set up webhooks: each one sends the hub's news to somewhere outside it."""
    if not can_administer(actor):
        return forbid(_("Only an admin can set up webhooks."))
    return ALLOW


# --- Services -------------------------------------------------------------------------------


@dataclass
class WebhookDraft:
    """What an admin gives for a webhook; ``scope`` names which of the four scope fields counts."""

    url: str = ""
    format: str = "generic"
    events: list[str] = field(default_factory=list)
    scope: str = ""
    organisation_id: int | None = None
    team_id: int | None = None
    tag: str | None = None
    challenge_id: int | None = None
    secret: str | None = None
    active: bool = True


def allowed_targets() -> safehttp.AllowList:
    """The operator's WEBHOOK_ALLOWED_TARGETS (checked at start-up)."""
    return safehttp.parse_allowed(current_app.config.get("WEBHOOK_ALLOWED_TARGETS", ""))


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a webhook's address (malformed, private, or not found), or None."""
    if not isinstance(url, str) or len(url) > URL_MAX:
        return _("Use a web address of at most %(count)s characters.", count=format(URL_MAX, ","))
    try:
        safehttp.check(url, allowed_targets())
    except safehttp.Refused as refused:
        return str(refused)
    except safehttp.Unresolved as missing:
        return _("%(problem)s: check the address.", problem=str(missing).capitalize())
    return None


def _check(draft: WebhookDraft) -> dict[str, Any]:
    """The draft's values, checked and normalised; ``Invalid`` naming each wrong field."""
    errors: dict[str, str] = {}
    problem = url_problem(draft.url)
    if problem:
        errors["url"] = problem
    if draft.format not in FORMATS:
        errors["format"] = _("Choose one of: %(choices)s.", choices=", ".join(FORMATS))
    known = set(subscribable_events())
    chosen = list(dict.fromkeys(draft.events or []))
    unknown = [e for e in chosen if e not in known]
    if unknown:
        errors["events"] = _("Unknown event: %(names)s. Use the names of the events table.",
                             names=", ".join(str(e) for e in unknown))
    elif not chosen:
        errors["events"] = _("Choose at least one event.")
    scope = {"organisation_id": None, "team_id": None, "tag": None, "challenge_id": None}
    if draft.scope == "organisation":
        if draft.organisation_id is None or db.session.get(Organisation, draft.organisation_id) is None:
            errors["organisation_id"] = _("Choose an organisation.")
        scope["organisation_id"] = draft.organisation_id
    elif draft.scope == "team":
        if draft.team_id is None or db.session.get(Team, draft.team_id) is None:
            errors["team_id"] = _("Choose a team.")
        scope["team_id"] = draft.team_id
    elif draft.scope == "tag":
        tag = normalise_tag(draft.tag or "")
        if not tag:
            errors["tag"] = _("Give a tag.")
        scope["tag"] = tag
    elif draft.scope == "challenge":
        if draft.challenge_id is None or db.session.get(Challenge, draft.challenge_id) is None:
            errors["challenge_id"] = _("Choose a challenge.")
        scope["challenge_id"] = draft.challenge_id
    else:
        errors["scope"] = _("Choose what the webhook is for: an organisation, a team, a tag or a challenge.")
    if draft.secret is not None and not SECRET_MIN <= len(draft.secret) <= SECRET_MAX:
        errors["secret"] = _("Use a secret of %(least)s to %(most)s characters, or leave it out to have one made.",
                             least=SECRET_MIN, most=SECRET_MAX)
    if errors:
        raise Invalid(_("Check the webhook: %(problems)s", problems=" ".join(errors.values())), errors)
    return {"url": draft.url.strip(), "format": draft.format, "events": chosen, **scope, "active": bool(draft.active)}


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def create_webhook(actor, draft: WebhookDraft, now: datetime) -> Webhook:
    """Set up a webhook (admins); its secret is the draft's or a new random one."""
    ensure(can_manage_webhooks(actor))
    values = _check(draft)
    webhook = Webhook(**values, secret=draft.secret or new_secret(), created_by_id=actor.id, created_at=now, updated_at=now)
    db.session.add(webhook)
    db.session.flush()
    _audit(actor, "webhook.created", webhook, now)
    return webhook


def _audit(actor, action: str, webhook: Webhook, now: datetime) -> None:
    """Keep the change in the audit log, naming the webhook by its masked address (never its secret)."""
    record(actor, action, now, subject_type="webhook", subject_id=webhook.id, data={"url": webhook.shown_url},
           visibility=events.SECURITY)


def get_webhook(webhook_id: int) -> Webhook:
    webhook = db.session.get(Webhook, webhook_id)
    if webhook is None or webhook.deleted_at is not None:
        raise NotFound(_("There is no such webhook."))
    return webhook


def list_webhooks() -> list[Webhook]:
    return list(db.session.scalars(select(Webhook).where(Webhook.deleted_at.is_(None)).order_by(Webhook.id)))


def draft_of(webhook: Webhook) -> WebhookDraft:
    """The webhook as a draft (to change some of it)."""
    return WebhookDraft(
        url=webhook.url, format=webhook.format, events=list(webhook.events), scope=webhook.scope,
        organisation_id=webhook.organisation_id, team_id=webhook.team_id, tag=webhook.tag,
        challenge_id=webhook.challenge_id, active=webhook.active,
    )


def change_webhook(actor, webhook_id: int, draft: WebhookDraft, now: datetime, *, rotate_secret: bool = False) -> Webhook:
    """Change a webhook (admins); with ``rotate_secret`` it gets a new secret (the draft's or a random one)."""
    ensure(can_manage_webhooks(actor))
    webhook = get_webhook(webhook_id)
    values = _check(draft)
    changed = any(getattr(webhook, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(webhook, name, value)
    rotated = rotate_secret or bool(draft.secret)
    if rotated:
        webhook.secret = draft.secret or new_secret()
    webhook.updated_at = now
    db.session.flush()
    if changed:
        _audit(actor, "webhook.changed", webhook, now)
    if rotated:
        _audit(actor, "webhook.secret", webhook, now)
    return webhook


def delete_webhook(actor, webhook_id: int, now: datetime) -> None:
    """Stop a webhook for good (admins); its log stays, and what was waiting is not sent."""
    ensure(can_manage_webhooks(actor))
    webhook = get_webhook(webhook_id)
    webhook.deleted_at = webhook.updated_at = now
    webhook.active = False
    db.session.flush()
    _audit(actor, "webhook.deleted", webhook, now)


def deliveries(webhook_id: int, limit: int = 50) -> list:
    """The webhook's delivery log, newest first: its rows in the outbox."""
    delivery = outbox.Delivery
    return list(db.session.scalars(
        select(delivery).where(delivery.webhook_id == webhook_id).order_by(delivery.created_at.desc(), delivery.id.desc()).limit(limit)
    ))


def delivery_status(row) -> str:
    """A delivery's state in words, the outbox's, with "will try again" for a failure being retried."""
    if row.status == outbox.PENDING and row.attempts:
        return _("Failed, will try again")
    return row.status_label


def last_deliveries(webhook_ids: list[int]) -> dict[int, Any]:
    """The latest delivery of each of these webhooks (for the list of webhooks)."""
    if not webhook_ids:
        return {}
    delivery = outbox.Delivery
    latest = (
        select(delivery.webhook_id, db.func.max(delivery.id).label("id"))
        .where(delivery.webhook_id.in_(webhook_ids)).group_by(delivery.webhook_id).subquery()
    )
    rows = db.session.scalars(select(delivery).join(latest, latest.c.id == delivery.id))
    return {row.webhook_id: row for row in rows}


def send_test(actor, webhook_id: int, now: datetime):
    """Send a test message to the webhook now, and record it in its log like any delivery.

    The admin pressed a button and waits for the answer, so it is tried once, here, through
    the same transport as every delivery (not retried: pressing again is the retry). Returns
    the delivery, sent or failed with the reason.
    """
    ensure(can_manage_webhooks(actor))
    webhook = get_webhook(webhook_id)
    with in_language(None):  # read in a channel by many: the hub's default language
        message = Message(
            event=TEST_EVENT, delivery_id=str(uuid.uuid4()), occurred_at=now, actor=actor.name,
            summary=_("%(name)s sent a test message from %(hub)s: this webhook works.", name=actor.name, hub=hub_name()),
            title=_("A test message"), link=mail.hub_link("/"), link_text=_("Open %(hub)s", hub=hub_name()),
        )
        payload = _payload(webhook, message)
    row = outbox.add(
        CHANNEL, key=f"webhook:{webhook.id}:test:{message.delivery_id}", kind=CHANNEL, address=webhook.url,
        payload=payload, now=now, webhook_id=webhook.id,
    )
    outcome = send([row], now, {})
    row.attempts = 1
    row.status_code = outcome.status_code
    if outcome.ok:
        row.status, row.sent_at, row.last_error = outbox.SENT, now, None
    else:
        row.status, row.last_error = outbox.FAILED, (outcome.error or "failed")[:500]
    db.session.flush()
    return row


# --- What is sent ---------------------------------------------------------------------------


def hub_name() -> str:
    return current_app.config.get("HUB_NAME") or "Ideas hub"


@dataclass(frozen=True)
class Message:
    """One event in words, for every format."""

    event: str
    delivery_id: str
    occurred_at: datetime
    actor: str
    summary: str  # "Amira Patel moved Book repairs online to Shortlisted"
    title: str  # what it is about: the idea's title, or the challenge's, ...
    link: str
    link_text: str
    facts: tuple[tuple[str, str], ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    subject: dict[str, Any] | None = None
    idea: dict[str, Any] | None = None


def generic_body(message: Message) -> dict:
    return {
        "id": message.delivery_id,
        "event": message.event,
        "occurred_at": message.occurred_at.isoformat().replace("+00:00", "Z"),
        "actor": message.actor,
        "summary": message.summary,
        "url": message.link,
        "idea": message.idea,
        "subject": message.subject,
        "data": message.data,
    }


def teams_body(message: Message) -> dict:
    """A message with one Adaptive Card (schema 1.4), the shape a Teams Workflows webhook posts to a channel."""
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": message.title, "weight": "Bolder", "size": "Medium", "wrap": True},
            {"type": "TextBlock", "text": message.summary, "wrap": True},
        ],
        "actions": [{"type": "Action.OpenUrl", "title": message.link_text, "url": message.link}],
    }
    if message.facts:
        card["body"].append({"type": "FactSet", "facts": [{"title": k, "value": v} for k, v in message.facts]})
    card["body"].append({"type": "TextBlock", "text": f"{hub_name()} · {_moment(message.occurred_at)} UTC",
                         "isSubtle": True, "size": "Small", "wrap": True})
    return {
        "type": "message",
        "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}],
    }


def _moment(moment: datetime) -> str:
    """When it happened, with the month's name in the message's language."""
    return format_moment(moment, "%d %b %Y %H:%M")


def _slack_text(text: str) -> str:
    """Slack's mrkdwn reads &, < and > as markup: escape them as its documentation says."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_body(message: Message) -> dict:
    """An incoming-webhook message: the fallback text, a section, a context line and a button."""
    lines = [f"*{_slack_text(message.title)}*", _slack_text(message.summary)]
    lines += [f"*{_slack_text(k)}:* {_slack_text(v)}" for k, v in message.facts]
    return {
        "text": _slack_text(message.summary),
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)[:3000]}},
            {"type": "context", "elements": [
                {"type": "mrkdwn", "text": _slack_text(f"{hub_name()} · {_moment(message.occurred_at)} UTC")},
            ]},
            {"type": "actions", "elements": [
                {"type": "button", "text": {"type": "plain_text", "text": message.link_text[:75], "emoji": True},
                 "url": message.link, "action_id": "open"},
            ]},
        ],
    }


BODIES = {"generic": generic_body, "teams": teams_body, "slack": slack_body}


def _payload(webhook: Webhook, message: Message) -> dict:
    body = json.dumps(BODIES[webhook.format](message), ensure_ascii=False, separators=(",", ":"))
    return {"body": body, "event": message.event, "webhook_id": webhook.id, "delivery_id": message.delivery_id,
            "idea_id": (message.idea or {}).get("id")}


def signature(secret: str, body: bytes) -> str:
    """The X-Hub-Signature-256 value: ``sha256=`` and the hex HMAC-SHA256 of the raw body, keyed with the UTF-8 secret."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


# --- Fan-out: which webhooks hear about an event ------------------------------------------------


def _idea_of(event_row) -> Idea | None:
    return db.session.get(Idea, event_row.idea_id) if event_row.idea_id else None


def _challenge_ids(event_row, idea: Idea | None) -> set[int]:
    found = set()
    if event_row.subject_type == "challenge" and event_row.subject_id:
        found.add(event_row.subject_id)
    data = event_row.data if isinstance(event_row.data, dict) else {}
    if isinstance(data.get("challenge_id"), int):
        found.add(data["challenge_id"])
    if idea is not None:
        entry = db.session.scalar(select(ChallengeEntry.challenge_id).where(ChallengeEntry.idea_id == idea.id))
        if entry is not None:
            found.add(entry)
    return found


def matches(webhook: Webhook, event_row, idea: Idea | None, actor: User | None, challenge_ids: set[int]) -> bool:
    """Whether ``webhook`` is told about this event: its scope covers it and it chose the event."""
    if not webhook.active or webhook.deleted_at is not None or event_row.name not in (webhook.events or []):
        return False
    kind = webhook.scope
    if kind == "organisation":
        organisations = {idea.organisation_id} if idea is not None else set()
        if actor is not None and actor.team is not None:
            organisations.add(actor.team.organisation_id)
        if event_row.subject_type == "organisation":
            organisations.add(event_row.subject_id)
        data = event_row.data if isinstance(event_row.data, dict) else {}
        if isinstance(data.get("organisation_id"), int):  # a team added to it
            organisations.add(data["organisation_id"])
        return webhook.organisation_id in organisations
    if kind == "team":
        if event_row.subject_type == "team" and event_row.subject_id == webhook.team_id:  # the team itself, renamed
            return True
        return idea is not None and idea.team_id == webhook.team_id
    if kind == "tag":
        return idea is not None and any(tag.name == webhook.tag for tag in idea.tags)
    if kind == "challenge":
        return webhook.challenge_id in challenge_ids
    return False


def _subject_link(event_row, idea: Idea | None) -> tuple[str, str]:
    if idea is not None:
        return mail.hub_link(f"/ideas/{idea.id}"), _("Open the idea")
    kind, ident = event_row.subject_type, event_row.subject_id
    if kind == "challenge" and ident:
        return mail.hub_link(f"/challenges/{ident}"), _("Open the challenge")
    if kind == "project" and ident:
        return mail.hub_link(f"/projects/{ident}"), _("Open the project")
    return mail.hub_link("/"), _("Open %(hub)s", hub=hub_name())


def message_for(event_row, delivery_id: str) -> Message:
    """The event in words: the same sentence the activity log uses, the idea's facts and a link; in
    the hub's default language (a channel's readers are many, their languages unknown)."""
    with in_language(None):
        return _message_for(event_row, delivery_id)


def _message_for(event_row, delivery_id: str) -> Message:
    actor = db.session.get(User, event_row.actor_id) if event_row.actor_id else None
    idea = _idea_of(event_row)
    kind = events.CATALOGUE.get(event_row.name)
    entry = SimpleNamespace(
        action=event_row.name, actor=actor, data=event_row.data if isinstance(event_row.data, dict) else {},
        idea_id=event_row.idea_id, subject_type=event_row.subject_type, subject_id=event_row.subject_id,
        visibility=kind.visibility if kind else events.PUBLIC, reason=getattr(event_row, "reason", None),
    )
    with current_app.test_request_context("/"):  # the worker has no request: links are built as in one
        line = describe(entry)
    link, link_text = _subject_link(event_row, idea)
    facts: list[tuple[str, str]] = []
    idea_json = None
    if idea is not None:
        facts = [(_("Stage"), str(label("stage", idea.stage))), (_("Team"), idea.team.name if idea.team else "")]
        idea_json = {"id": idea.id, "title": idea.title, "stage": idea.stage, "url": mail.hub_link(f"/ideas/{idea.id}")}
    title = idea.title if idea is not None else (line.what_text or hub_name())
    return Message(
        event=event_row.name, delivery_id=delivery_id, occurred_at=event_row.created_at, actor=line.actor,
        summary=line.sentence, title=title, link=link, link_text=link_text, facts=tuple(f for f in facts if f[1]),
        data=entry.data, idea=idea_json,
        subject={"type": event_row.subject_type, "id": event_row.subject_id} if event_row.subject_type else None,
    )


@outbox.fan_out
def fan_out(event_row, now: datetime) -> None:
    """Queue one delivery per matching webhook (never for a hidden idea); the key makes it once only."""
    candidates = [w for w in list_webhooks() if w.active and event_row.name in (w.events or [])]
    if not candidates:
        return
    idea = _idea_of(event_row)
    if idea is not None and idea.hidden_at is not None:
        return
    actor = db.session.get(User, event_row.actor_id) if event_row.actor_id else None
    challenge_ids = _challenge_ids(event_row, idea)
    for webhook in candidates:
        if not matches(webhook, event_row, idea, actor, challenge_ids):
            continue
        message = message_for(event_row, str(uuid.uuid4()))
        with in_language(None):
            payload = _payload(webhook, message)
        outbox.add(
            CHANNEL, key=f"webhook:{webhook.id}:{event_row.id}", kind=CHANNEL, address=webhook.url,
            payload=payload, now=now, webhook_id=webhook.id, event_id=event_row.id,
        )


# --- Sending ----------------------------------------------------------------------------------


@outbox.guard
def no_longer_wanted(rows: list) -> set[int]:
    """Webhook calls not to make any more: the webhook was deleted or paused, or the idea hidden since."""
    unwanted = set()
    for row in rows:
        if row.channel != CHANNEL:
            continue
        webhook = db.session.get(Webhook, row.webhook_id) if row.webhook_id else None
        if webhook is None or webhook.deleted_at is not None or not webhook.active:
            unwanted.add(row.id)
            continue
        idea_id = (row.payload or {}).get("idea_id")
        idea = db.session.get(Idea, idea_id) if idea_id else None
        if idea is not None and idea.hidden_at is not None:
            unwanted.add(row.id)
    return unwanted


@outbox.transport(CHANNEL)
def send(rows: list, now: datetime, session: dict | None = None) -> outbox.Outcome:
    """Sign and POST one delivery through ``safehttp``: 2xx sent, 4xx (but 408 and 429) final, the rest retried."""
    (row,) = rows
    webhook = db.session.get(Webhook, row.webhook_id) if row.webhook_id else None
    if webhook is None or webhook.deleted_at is not None:
        return outbox.Outcome(ok=False, permanent=True, error="The webhook was deleted.")
    body = row.payload["body"].encode("utf-8")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": f"{hub_name()} webhooks",
        "X-Hub-Event": row.payload.get("event", ""),
        DELIVERY_HEADER: row.payload.get("delivery_id") or row.key,
        SIGNATURE_HEADER: signature(webhook.secret, body),
    }
    result = safehttp.post(
        webhook.url, body, headers, timeout=current_app.config.get("WEBHOOK_TIMEOUT_SECONDS", 5), allowed=allowed_targets(),
    )
    if result.ok:
        return outbox.Outcome(ok=True, status_code=result.status)
    permanent = result.permanent or (
        result.status is not None and 400 <= result.status < 500 and result.status not in RETRY_STATUSES
    )
    return outbox.Outcome(ok=False, permanent=permanent, status_code=result.status, error=result.error)
