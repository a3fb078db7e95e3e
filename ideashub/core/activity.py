"""The activity record: who did what, when, why, and from where.

One append-only table serves two readers: the timeline shown on the thing
an entry concerns (an idea's edits, moves and decisions) and the audit log
that moderators and admins read (sign-ins, refusals, every moderator and
admin action). Entries are written in the same transaction as the change
they record; the database refuses to update or delete them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import has_request_context, request
from sqlalchemy import JSON, ForeignKey, Index, String, Text, and_, or_, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideashub.core import clock, events
from ideashub.core.db import UTCDateTime
from ideashub.core.events import MODERATORS, PUBLIC, SECURITY
from ideashub.core.i18n import _
from ideashub.extensions import db

# Who may read an entry: everyone (on the thing it concerns), moderators
# (the moderators' log), or admins only (security events).
__all__ = ["MODERATORS", "PUBLIC", "SECURITY", "Activity", "record"]


class Activity(db.Model):
    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_role: Mapped[str | None] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40))
    subject_type: Mapped[str | None] = mapped_column(String(20))
    subject_id: Mapped[int | None]
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    ip: Mapped[str | None] = mapped_column(String(45))
    visibility: Mapped[str] = mapped_column(String(12), default=PUBLIC)
    # A decision taken by a moderator or an admin: the moderators' log lists these.
    moderation: Mapped[bool] = mapped_column(default=False)

    actor = relationship("User", lazy="joined")

    __table_args__ = (
        Index("ix_activity_idea", "idea_id", "id"),
        Index("ix_activity_subject", "subject_type", "subject_id", "id"),
        Index("ix_activity_visibility", "visibility", "id"),
        Index("ix_activity_moderation", "moderation", "id"),
        # The logs list entries by the time they show, newest first, the id breaking ties.
        Index("ix_activity_at", "at", "id"),
        Index("ix_activity_moderation_at", "moderation", "at", "id"),
    )


# Actions that are moderator or admin decisions (listed in the moderators' log).
MODERATION_ACTIONS = (
    "idea.moved", "idea.reopened", "idea.merged", "idea.merged_in", "idea.hidden",
    "idea.unhidden", "response.hidden", "response.unhidden", "report.dismissed",
    "settings.", "user.role", "user.team", "user.created", "user.deactivated", "user.reactivated",
    "organisation.", "team.", "domain.", "project.created", "project.changed", "challenge.",
)


def is_moderation(action: str) -> bool:
    return any(action == a or (a.endswith(".") and action.startswith(a)) for a in MODERATION_ACTIONS)


def _origin() -> str | None:
    # The address a change came from belongs in the audit trail; outside a
    # request (CLI, seeding) there is none.
    if has_request_context():
        return (request.remote_addr or "")[:45] or None
    return None


def record(
    actor,
    action: str,
    at: datetime,
    *,
    subject=None,
    subject_type: str | None = None,
    subject_id: int | None = None,
    idea_id: int | None = None,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
    visibility: str = PUBLIC,
) -> Activity:
    """Add one activity entry to the session (flushed with the change it records)."""
    if subject is not None:
        subject_type = subject_type or type(subject).__name__.lower()
        subject_id = subject_id if subject_id is not None else subject.id
    entry = Activity(
        at=at,
        actor_id=getattr(actor, "id", None),
        actor_role=getattr(actor, "role", None),
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        idea_id=idea_id,
        reason=reason,
        data=data,
        ip=_origin(),
        visibility=visibility,
        moderation=is_moderation(action),
    )
    db.session.add(entry)
    return entry


def _record_event(event: events.Event) -> None:
    """Every domain event that leaves a trace is recorded under its own name."""
    if event.recorded:
        details = ("subject", "subject_type", "idea_id", "reason", "data", "visibility")
        record(event.actor, event.name, event.at, **{name: getattr(event, name) for name in details})


events.announced.connect(_record_event, weak=False)


# --- Reading the logs: newest first by the time shown, within dates people choose ---------------

DATE_EARLIEST = date(2000, 1, 1)
DATE_LATEST = date(2999, 12, 31)


@dataclass(frozen=True)
class Period:
    """The dates a log is filtered to (both included, in the organisation's time zone),
    and what was wrong with the dates asked for (a field's name: the message)."""

    start: date | None = None
    end: date | None = None
    errors: dict[str, str] = field(default_factory=dict)

    def conditions(self) -> list:
        conds = []
        if self.start is not None:
            conds.append(Activity.at >= _start_of(self.start))
        if self.end is not None:
            conds.append(Activity.at < _start_of(self.end + timedelta(days=1)))
        return conds

    def args(self) -> dict[str, str]:
        """The query arguments that ask for this period again (for the next page, the CSV)."""
        return {k: v.isoformat() for k, v in (("from", self.start), ("to", self.end)) if v is not None}


def _start_of(day: date) -> datetime:
    """The UTC moment a day begins in the organisation's time zone (the offset of that day)."""
    return datetime.combine(day, time.min, tzinfo=clock.org_timezone()).astimezone(UTC)


def _date_arg(raw: str | None, which: str) -> tuple[date | None, str | None]:
    raw = (raw or "").strip()
    if not raw:
        return None, None
    try:
        day = date.fromisoformat(raw[:10]) if len(raw) == 10 else None
    except ValueError:
        day = None
    if day is None:
        if which == "from":
            return None, _("Enter the from date as a real date, for example 6 December 2026 (2026-12-06).")
        return None, _("Enter the to date as a real date, for example 6 December 2026 (2026-12-06).")
    if not DATE_EARLIEST <= day <= DATE_LATEST:
        earliest, latest = DATE_EARLIEST.year, DATE_LATEST.year
        if which == "from":
            return None, _("Enter a from date between %(earliest)s and %(latest)s.", earliest=earliest, latest=latest)
        return None, _("Enter a to date between %(earliest)s and %(latest)s.", earliest=earliest, latest=latest)
    return day, None


def period_from_args(args) -> Period:
    """The ``from`` and ``to`` dates of a log's filter; a date that cannot be used is left out, with the reason."""
    start, start_error = _date_arg(args.get("from"), "from")
    end, end_error = _date_arg(args.get("to"), "to")
    errors = {k: v for k, v in (("from", start_error), ("to", end_error)) if v}
    if start and end and start > end:
        errors["to"] = _("The to date must be the same as or after the from date.")
        end = None
    return Period(start, end, errors)


def newest_first(stmt, before_id: int | None = None, period: Period | None = None):
    """``stmt`` (a select of Activity) newest first by the time each entry shows, the id
    breaking ties; ``before_id`` continues after that entry (keyset paging)."""
    if period is not None:
        stmt = stmt.where(*period.conditions())
    if before_id:
        at = db.session.scalar(select(Activity.at).where(Activity.id == before_id))
        if at is not None:
            stmt = stmt.where(or_(Activity.at < at, and_(Activity.at == at, Activity.id < before_id)))
        else:
            stmt = stmt.where(Activity.id < before_id)
    return stmt.order_by(Activity.at.desc(), Activity.id.desc())
