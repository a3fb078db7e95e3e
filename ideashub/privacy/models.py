"""Erasure requests: a person asks to be erased, an admin approves or refuses.

A request approved (or an account anonymised by the retention sweep, which records one of
kind ``retention``) is kept as the record that the erasure happened: who asked, when, who
decided. While an approved erasure runs its status is briefly ``erasing``, in the erasing
transaction only: the activity log's triggers let that transaction take the person's name
and email out of the log's details, and nothing else may ever change the log.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideashub.core.db import UTCDateTime
from ideashub.core.i18n import _l
from ideashub.extensions import db
from ideashub.people.models import User

PENDING, ERASING, APPROVED, REFUSED = "pending", "erasing", "approved", "refused"
STATUS_LABELS = {PENDING: _l("Waiting for an admin"), ERASING: _l("Erasing"), APPROVED: _l("Erased"), REFUSED: _l("Refused")}
# Who asked: the person themselves, or the retention sweep (no one asked; the account was
# deactivated for longer than RETENTION_DAYS).
ASKED, RETENTION = "asked", "retention"


class ErasureRequest(db.Model):
    __tablename__ = "erasure_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(12), default=ASKED)
    status: Mapped[str] = mapped_column(String(12), default=PENDING)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Why an admin refused (shown to the person).
    reason: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id], lazy="joined")

    __table_args__ = (
        Index("ix_erasure_requests_user", "user_id", "id"),
        Index("ix_erasure_requests_status", "status", "id"),
    )

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))
