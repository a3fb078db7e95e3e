"""Notifications to people about their ideas, and reports of content to moderators."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideashub.core.db import UTCDateTime
from ideashub.extensions import db


class Notification(db.Model):
    """Something a person should hear about (their idea moved, got a response...)."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(String(600))
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"))
    # The response it is about, if any: opening the notification goes to it.
    response_id: Mapped[int | None] = mapped_column(ForeignKey("responses.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    actor = relationship("User", foreign_keys=[actor_id], lazy="joined")

    __table_args__ = (Index("ix_notifications_user", "user_id", "read_at", "id"),)


class Report(db.Model):
    """Someone asks moderators to look at an idea or a response, with a reason."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"))
    response_id: Mapped[int | None] = mapped_column(ForeignKey("responses.id"))
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # "hidden" (the content was hidden) or "dismissed" (it stays), with a note.
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_note: Mapped[str | None] = mapped_column(Text)

    reporter = relationship("User", foreign_keys=[reporter_id], lazy="joined")
    resolved_by = relationship("User", foreign_keys=[resolved_by_id])
    idea = relationship("Idea", lazy="joined")
    response = relationship("Response", lazy="joined")

    __table_args__ = (Index("ix_reports_open", "resolved_at", "id"),)
