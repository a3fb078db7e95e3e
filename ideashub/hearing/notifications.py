"""In-app notifications: each person hears what happened to their ideas and responses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update

from ideashub.extensions import db
from ideashub.hearing.models import Notification


def notify(user_id: int | None, kind: str, text: str, now: datetime, idea_id=None, actor=None) -> None:
    """Tell a person something; nobody is told about their own action."""
    if user_id is None or (actor is not None and actor.id == user_id):
        return
    db.session.add(
        Notification(
            user_id=user_id,
            kind=kind,
            text=text[:600],
            idea_id=idea_id,
            actor_id=getattr(actor, "id", None),
            created_at=now,
        )
    )


def unread_count(user_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
    )


def notifications_for(user_id: int, limit: int = 50) -> list[Notification]:
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user_id)
            .order_by(Notification.id.desc())
            .limit(limit)
        )
    )


def mark_read(user_id: int, now: datetime) -> int:
    """Mark every unread notification of this person as read; returns how many."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
