"""What an import brought in: each outside record's id and the row it became."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ideashub.core.db import UTCDateTime
from ideashub.extensions import db


class ImportRecord(db.Model):
    """One imported record: (source, kind, external id) -> the local row's id.

    Importing the same board (or CSV file) again looks its records up here and adds
    only what is new, so an import can be repeated without doubling anything.
    """

    __tablename__ = "import_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(20))  # "trello" or "csv"
    kind: Mapped[str] = mapped_column(String(20))  # card, comment, vote, member; row
    external_id: Mapped[str] = mapped_column(String(100))
    local_id: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("source", "kind", "external_id"),)
