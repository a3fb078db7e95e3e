"""The outbox: what the hub owes people and other systems, recorded with the change that caused it.

A change and what it must send are one transaction. Every domain event is written
as an ``OutboxEvent`` row beside the change (one small insert: nobody's request waits
for followers to be counted, a mail server or a webhook), so a change that rolls back
owes nothing, and a change that commits is owed for good. After the commit, a worker
(``core.queue``) runs ``pump``:

1. **Fan-out.** Each new event row is given to every ``@fan_out`` handler (the reach
   feature: who is told, by which channel). A handler adds ``Delivery`` rows with
   ``add``; each has an idempotency ``key`` (event, recipient, channel), unique in the
   table, so a fan-out that runs twice adds nothing twice.
2. **Delivery.** Due deliveries are claimed (so several workers never send one twice),
   handed to their channel's ``@transport`` (email, webhook) and marked sent; a failure
   is retried with backoff (quick at first: 5 s doubling to a minute; then up to 15
   minutes) until ``DELIVERY_RETRY_HOURS`` have passed, then marked failed, where
   admins see it. Email rows that share a ``batch`` (a person and an idea) and are due
   together go as one message.

Nothing here knows ideas or people; the features register what they need.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import after_this_request, current_app, g, has_request_context
from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    String,
    case,
    delete,
    event,
    func,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.orm.util import identity_key

from ideashub.core import clock, events
from ideashub.core.db import UTCDateTime
from ideashub.core.i18n import _l
from ideashub.extensions import db

log = logging.getLogger(__name__)

PENDING, SENDING, SENT, FAILED, CANCELLED = "pending", "sending", "sent", "failed", "cancelled"
STATUS_LABELS = {PENDING: _l("Waiting"), SENDING: _l("Sending"), SENT: _l("Sent"), FAILED: _l("Failed"), CANCELLED: _l("Not sent")}

# How long a claim lasts: a worker that dies mid-send leaves its rows to others after this.
CLAIM = timedelta(minutes=5)
# Fan-out of one event is tried this many times before it is set aside (and logged).
FAN_OUT_TRIES = 5


class OutboxEvent(db.Model):
    """One domain event, as the worker needs it to decide who is told."""

    __tablename__ = "outbox_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    idea_id: Mapped[int | None] = mapped_column(Integer)
    subject_type: Mapped[str | None] = mapped_column(String(20))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    fanned_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The bulletin (a delivery shared by many recipients, such as an idea's followers) that
    # carries this event: each event goes out in exactly one.
    bulletin: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        Index("ix_outbox_events_waiting", "fanned_out_at", "id"),
        Index("ix_outbox_events_bulletin", "bulletin"),
    )


class Delivery(db.Model):
    """One message owed to one recipient on one channel (an email, a webhook call)."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(30))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    webhook_id: Mapped[int | None] = mapped_column(Integer)
    address: Mapped[str] = mapped_column(String(2000))
    batch: Mapped[str | None] = mapped_column(String(60))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_events.id", ondelete="SET NULL"))
    payload: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))
    status_code: Mapped[int | None] = mapped_column(Integer)
    message_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_deliveries_due", "status", "due_at"),
        Index("ix_deliveries_batch", "user_id", "batch", "sent_at"),
        Index("ix_deliveries_webhook", "webhook_id", "created_at"),
    )

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))


@dataclass(frozen=True)
class Outcome:
    """What became of one send: ``ok``; else whether trying again could help.

    ``unreachable`` means the far end could not be reached at all (its server is
    down): the rest of that channel's work waits for the next try instead of
    failing one by one. ``message_id`` names what was sent (an email's key).
    """

    ok: bool
    permanent: bool = False
    unreachable: bool = False
    status_code: int | None = None
    error: str | None = None
    message_id: str | None = None


@dataclass
class Transport:
    send: Callable[[list[Delivery], datetime, dict], Outcome]
    close: Callable[[dict], None] | None = None
    gave_up: Callable[[list[Delivery], datetime], None] | None = None


_fan_out: list[Callable[[OutboxEvent, datetime], None]] = []
_transports: dict[str, Transport] = {}
_guards: list[Callable[[list[Delivery]], set[int]]] = []


def fan_out(handler: Callable[[OutboxEvent, datetime], None]) -> Callable[[OutboxEvent, datetime], None]:
    """Register ``handler(event_row, now)``: it adds the deliveries one event owes (idempotent)."""
    if handler not in _fan_out:
        _fan_out.append(handler)
    return handler


def transport(channel: str, close: Callable[[dict], None] | None = None,
              gave_up: Callable[[list[Delivery], datetime], None] | None = None):
    """Register ``send(rows, now, session) -> Outcome`` for a channel; ``session`` lives one pump,
    ``close(session)`` ends it, ``gave_up(rows, now)`` keeps what could not be sent (mail: a file)."""

    def register(send):
        _transports[channel] = Transport(send, close, gave_up)
        return send

    return register


def guard(check: Callable[[list[Delivery]], set[int]]) -> Callable[[list[Delivery]], set[int]]:
    """Register ``check(rows) -> ids no longer wanted`` (a deactivated person, hidden content)."""
    if check not in _guards:
        _guards.append(check)
    return check


# --- Recording, in the caller's transaction ------------------------------------------------------


def _mark_owed() -> None:
    db.session.info["outbox_owed"] = True


@events.announced.connect
def _record(event: events.Event) -> None:
    """Every domain event becomes an outbox row in the announcing transaction."""
    subject_id = getattr(event.subject, "id", None) if event.subject is not None else None
    subject_type = event.subject_type or (type(event.subject).__name__.lower() if event.subject is not None else None)
    data = dict(event.data or {})
    if event.reason:
        data["reason"] = event.reason
    parent = event.context.get("parent") if event.context else None
    if parent is not None:
        data["parent_id"] = parent.id
    db.session.add(OutboxEvent(
        name=event.name, actor_id=getattr(event.actor, "id", None), idea_id=event.idea_id or _idea_id(event),
        subject_type=subject_type, subject_id=subject_id, data=data or None, created_at=event.at,
    ))
    _mark_owed()


def _idea_id(event: events.Event) -> int | None:
    subject = event.subject
    if subject is not None and type(subject).__name__ == "Idea":
        return subject.id
    return None


def add(channel: str, *, key: str, kind: str, address: str, payload: dict[str, Any], now: datetime,
        user_id: int | None = None, webhook_id: int | None = None, batch: str | None = None,
        event_id: int | None = None, due_at: datetime | None = None) -> Delivery | None:
    """Owe one delivery (in the caller's transaction); None if ``key`` is already owed or sent."""
    if db.session.scalar(select(Delivery.id).where(Delivery.key == key)) is not None:
        return None
    row = Delivery(key=key, channel=channel, kind=kind, address=address, payload=payload, user_id=user_id,
                   webhook_id=webhook_id, batch=batch, event_id=event_id, due_at=due_at or now, created_at=now,
                   status=PENDING, attempts=0)
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # another worker owed it first
        return None
    _mark_owed()
    return row


def once(key: str, now: datetime) -> bool:
    """True the first time ``key`` is asked for, across every worker (a job that runs once a day)."""
    row = Delivery(key=key, channel="job", kind="job", address="", payload={}, status=SENT, attempts=0,
                   due_at=now, created_at=now, sent_at=now)
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        return False
    return True


def last_sent(user_id: int, batch: str) -> datetime | None:
    """When a message of ``batch`` last went to this person (for batching a busy idea)."""
    return db.session.scalar(
        select(func.max(Delivery.sent_at)).where(Delivery.user_id == user_id, Delivery.batch == batch)
    )


def next_due_in_batch(user_id: int, batch: str) -> datetime | None:
    """When the message already waiting for this person and batch is due, if one is."""
    return db.session.scalar(
        select(func.max(Delivery.due_at)).where(
            Delivery.user_id == user_id, Delivery.batch == batch, Delivery.status == PENDING)
    )


# --- After the commit: wake a worker ---------------------------------------------------------------


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop("outbox_owed", False):
        kick()


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    if not session.in_transaction():
        session.info.pop("outbox_owed", None)


_kickers: list[Callable[[], None]] = []


def on_kick(kicker: Callable[[], None]) -> None:
    """Register how to wake a worker (``core.queue`` enqueues a pump)."""
    _kickers[:] = [kicker]


def kick() -> None:
    """Something is owed: deliver it (``DELIVERY_MODE``: ``worker`` wakes one; ``inline`` sends after
    the answer has gone out, in this process; ``manual`` leaves it to whoever calls ``pump``)."""
    mode = current_app.config.get("DELIVERY_MODE", "worker")
    if mode == "worker":
        for kicker in _kickers:
            try:
                kicker()
            except Exception:  # the queue is down: the worker's minute sweep still finds the rows
                log.warning("could not wake a worker; the next sweep delivers", exc_info=True)
    elif mode == "inline" and has_request_context():
        if g.get("outbox_pump_after"):
            return
        g.outbox_pump_after = True
        app = current_app._get_current_object()

        @after_this_request
        def pump_when_closed(response):
            def deliver():
                with app.app_context():
                    pump()

            response.call_on_close(deliver)
            return response


# --- The worker's side -----------------------------------------------------------------------------


@dataclass
class PumpResult:
    events: int = 0
    sent: int = 0
    failed: int = 0
    retrying: int = 0
    cancelled: int = 0
    unsettled: int = 0  # events whose fan-out failed this round (tried again in a later one)
    more: bool = False  # the round stopped at its limit with work left
    outcomes: list[tuple[list[int], Outcome]] = field(default_factory=list)


def backoff(attempts: int, age: timedelta) -> timedelta:
    """The wait before the next try: quick at first (a server back within minutes gets its mail
    within about a minute of its return), then up to 15 minutes."""
    cap = 60 if age < timedelta(hours=1) else 900
    return timedelta(seconds=min(5 * 2 ** max(attempts - 1, 0), cap))


# SQLite has one writer at a time, and its busy handler polls: a worker committing and beginning
# again back to back could keep a web request waiting past its busy timeout. So a long round
# lets the lock go for a moment now and then (PostgreSQL needs none of this).
BREATHE_EVERY, BREATHE_FOR = 0.25, 0.12
_busy_since = [time.monotonic()]


def breathe() -> None:
    """Between two commits of a long round on SQLite: leave the write lock free for a moment."""
    if time.monotonic() - _busy_since[0] < BREATHE_EVERY or db.engine.dialect.name != "sqlite":
        return
    time.sleep(BREATHE_FOR)
    _busy_since[0] = time.monotonic()


def pump(now: datetime | None = None, limit: int = 5000) -> PumpResult:
    """Fan out new events, then send what is due; safe to run in several workers at once."""
    _busy_since[0] = time.monotonic()
    result = PumpResult()
    now = now or clock.now()
    result.events, result.unsettled = fan_out_waiting(now, limit)
    deliver_due(now, result, limit)
    result.more = result.events >= limit or result.sent + result.retrying + result.failed + result.cancelled >= limit
    return result


def fan_out_waiting(now: datetime, limit: int = 5000) -> tuple[int, int]:
    """Fan out waiting events: how many were, and how many failed (to be tried again later)."""
    done, failed = 0, set()
    while done < limit:
        query = select(OutboxEvent.id).where(OutboxEvent.fanned_out_at.is_(None))
        if failed:  # an event that failed this round waits for the next one
            query = query.where(OutboxEvent.id.not_in(failed))
        ids = list(db.session.scalars(query.order_by(OutboxEvent.id).limit(200)))
        db.session.commit()
        if not ids:
            break
        for event_id in ids:
            if _fan_out_one(event_id, now):
                done += 1
            else:
                failed.add(event_id)
            breathe()
    return done, len(failed)


def _fan_out_one(event_id: int, now: datetime) -> bool:
    claimed = db.session.execute(
        update(OutboxEvent).where(OutboxEvent.id == event_id, OutboxEvent.fanned_out_at.is_(None))
        .values(fanned_out_at=now, tries=OutboxEvent.tries + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        db.session.rollback()
        return True  # another worker has it
    row = db.session.get(OutboxEvent, event_id)
    try:
        for handler in _fan_out:
            handler(row, now)
        db.session.commit()
        return True
    except Exception:
        db.session.rollback()
        log.exception("fan-out of event %s failed", event_id)
        # Counted, and tried again on later rounds; after FAN_OUT_TRIES it is set aside (logged above).
        db.session.execute(
            update(OutboxEvent).where(OutboxEvent.id == event_id)
            .values(tries=OutboxEvent.tries + 1,
                    fanned_out_at=case((OutboxEvent.tries + 1 >= FAN_OUT_TRIES, now), else_=None))
            .execution_options(synchronize_session=False))
        db.session.commit()
        return False


def _release_stale_claims(now: datetime) -> None:
    db.session.execute(
        update(Delivery).where(Delivery.status == SENDING, Delivery.claimed_until < now)
        .values(status=PENDING, claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False))
    db.session.commit()


def _groups(rows) -> list[list[int]]:
    """Due rows (id, channel, user_id, address, batch), grouped: a batch's rows for one person go
    together; others alone."""
    groups: dict[tuple, list[int]] = {}
    for row_id, channel, user_id, address, batch in rows:
        group = (channel, user_id, address, batch) if batch else ("one", row_id)
        groups.setdefault(group, []).append(row_id)
    return list(groups.values())


def deliver_due(now: datetime, result: PumpResult | None = None, limit: int = 5000) -> PumpResult:
    result = result or PumpResult()
    _release_stale_claims(now)
    sessions: dict[str, dict] = {}
    stalled: set[str] = set()
    handled = 0
    try:
        while handled < limit:
            # Plain tuples, not objects: the session stays small, so each commit stays cheap.
            query = select(Delivery.id, Delivery.channel, Delivery.user_id, Delivery.address, Delivery.batch).where(
                Delivery.status == PENDING, Delivery.due_at <= now)
            if stalled:
                query = query.where(Delivery.channel.not_in(stalled))
            rows = db.session.execute(query.order_by(Delivery.due_at, Delivery.id).limit(500)).all()
            if not rows:
                db.session.commit()
                break
            channels = {row[0]: row[1] for row in rows}
            for ids in _groups(rows):
                handled += len(ids)
                channel = channels[ids[0]]
                if channel in stalled:
                    continue
                outcome = _deliver_group(ids, now, sessions.setdefault(channel, {}), result)
                breathe()
                if outcome is not None and outcome.unreachable:
                    stalled.add(channel)
                    _hold_channel(channel, now)
    finally:
        for channel, session in sessions.items():
            closer = _transports.get(channel)
            if closer is not None and closer.close is not None:
                try:
                    closer.close(session)
                except Exception:  # closing a dead connection: nothing more to do
                    log.debug("closing the %s transport failed", channel, exc_info=True)
    return result


def _hold_channel(channel: str, now: datetime) -> None:
    """The far end is down: what else is due on the channel waits for the first retry."""
    soonest = db.session.scalar(
        select(func.min(Delivery.due_at)).where(Delivery.channel == channel, Delivery.status == PENDING,
                                                Delivery.due_at > now))
    if soonest is not None:
        db.session.execute(
            update(Delivery).where(Delivery.channel == channel, Delivery.status == PENDING, Delivery.due_at <= now)
            .values(due_at=soonest).execution_options(synchronize_session=False))
        db.session.commit()


def _claim(ids: list[int], now: datetime) -> list[Delivery]:
    token = uuid.uuid4().hex
    db.session.execute(
        update(Delivery).where(Delivery.id.in_(ids), Delivery.status == PENDING)
        .values(status=SENDING, claimed_by=token, claimed_until=now + CLAIM)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return list(db.session.scalars(
        select(Delivery).where(Delivery.claimed_by == token, Delivery.status == SENDING).order_by(Delivery.id)
        .execution_options(populate_existing=True)))


def message_key(rows: list[Delivery]) -> str:
    """One message's idempotency key: the same rows give the same key on every try."""
    return hashlib.sha256("\n".join(sorted(row.key for row in rows)).encode()).hexdigest()[:32]


def _deliver_group(ids: list[int], now: datetime, session: dict, result: PumpResult) -> Outcome | None:
    held = {i for i in ids if identity_key(Delivery, i) in db.session.identity_map}  # the caller's own
    rows = _claim(ids, now)
    if not rows:
        return None
    unwanted: set[int] = set()
    for check in _guards:
        unwanted |= check(rows)
    if unwanted:
        for row in rows:
            if row.id in unwanted:
                row.status, row.claimed_by = CANCELLED, None
                result.cancelled += 1
        rows = [row for row in rows if row.id not in unwanted]
        db.session.commit()
        if not rows:
            return None
    channel = rows[0].channel
    sender = _transports.get(channel)
    try:
        outcome = sender.send(rows, now, session) if sender else Outcome(False, permanent=True, error=f"no transport for {channel}")
    except Exception as error:  # a bug in a transport must not stop the others
        db.session.rollback()  # nothing half-written by it stays
        log.exception("the %s transport failed", channel)
        outcome = Outcome(False, error=f"{type(error).__name__}: {error}"[:500])
    _settle(rows, outcome, now, result)
    result.outcomes.append(([row.id for row in rows], outcome))
    for row in rows:  # done with: out of the session, so the next commits have less to expire
        if row.id not in held:
            db.session.expunge(row)
    return outcome


def _settle(rows: list[Delivery], outcome: Outcome, now: datetime, result: PumpResult) -> None:
    give_up_after = timedelta(hours=current_app.config.get("DELIVERY_RETRY_HOURS", 24))
    given_up = []
    for row in rows:
        row.attempts += 1
        row.claimed_by = row.claimed_until = None
        row.status_code = outcome.status_code
        if outcome.ok:
            row.status, row.sent_at, row.last_error = SENT, now, None
            row.message_id = outcome.message_id
            result.sent += 1
            continue
        row.last_error = (outcome.error or "failed")[:500]
        age = now - row.created_at
        if outcome.permanent or age + backoff(row.attempts, age) > give_up_after:
            row.status = FAILED
            given_up.append(row)
            result.failed += 1
        else:
            row.status = PENDING
            row.due_at = now + backoff(row.attempts, age)
            result.retrying += 1
    db.session.commit()
    sender = _transports.get(rows[0].channel)
    if given_up and sender is not None and sender.gave_up is not None:
        try:
            sender.gave_up(given_up, now)
        except Exception:
            log.exception("keeping %d undeliverable %s message(s) failed", len(given_up), rows[0].channel)


def retry(row: Delivery, now: datetime) -> None:
    """Send a failed (or waiting) delivery again now, with a fresh day of retries."""
    row.status, row.due_at, row.created_at, row.claimed_by, row.claimed_until = PENDING, now, now, None, None
    _mark_owed()


def next_due() -> datetime | None:
    """When the next waiting delivery is due (the worker plans a round for then, if it is soon)."""
    return db.session.scalar(select(func.min(Delivery.due_at)).where(Delivery.status == PENDING))


def waiting_events() -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxEvent).where(OutboxEvent.fanned_out_at.is_(None)))


def prune(now: datetime, keep_days: int = 30) -> int:
    """Forget what was sent or settled long ago (failed rows stay for admins until then too)."""
    cutoff = now - timedelta(days=keep_days)
    gone = db.session.execute(
        delete(Delivery).where(Delivery.status.in_([SENT, FAILED, CANCELLED]), Delivery.created_at < cutoff)
        .execution_options(synchronize_session=False)).rowcount
    db.session.execute(
        delete(OutboxEvent).where(OutboxEvent.fanned_out_at.is_not(None), OutboxEvent.created_at < cutoff,
                                  ~select(Delivery.id).where(Delivery.event_id == OutboxEvent.id).exists())
        .execution_options(synchronize_session=False))
    db.session.commit()
    return gone
