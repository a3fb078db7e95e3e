"""Invitations to hear an idea: who asked whom, with what note, and how it was answered."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideashub.core.db import UTCDateTime
from ideashub.extensions import db
from ideashub.people.models import User


class InvitationStatus(StrEnum):
    INVITED = "invited"  # waiting for the invitee
    RESPONDED = "responded"  # the invitee responded to the idea after being invited
    DECLINED = "declined"  # "not my area": never suggested for this idea again


class Invitation(db.Model):
    """One person invited to hear one idea (once per idea: a second invitation is refused)."""

    __tablename__ = "invitations"
    __table_args__ = (
        UniqueConstraint("idea_id", "user_id", name="uq_invitations_idea_user"),
        Index("ix_invitations_user_status", "user_id", "status"),
        Index("ix_invitations_by_created", "invited_by_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default=InvitationStatus.INVITED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    invited_by: Mapped[User] = relationship(foreign_keys=[invited_by_id], lazy="joined")
