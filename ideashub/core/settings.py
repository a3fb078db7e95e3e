"""Settings an admin can change in the app; the environment gives the defaults."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app, g
from sqlalchemy import JSON, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from ideashub.core.db import UTCDateTime
from ideashub.extensions import db

# The settings an admin may change, and the config key holding each default.
EDITABLE = {
    "hearing_days": "HEARING_DAYS",
    "hearing_min_responses": "HEARING_MIN_RESPONSES",
}


class Setting(db.Model):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


def all_settings() -> dict[str, Any]:
    """Every editable setting's current value (read once per request)."""
    if "settings" in g:
        return g.settings
    values = {key: current_app.config[cfg] for key, cfg in EDITABLE.items()}
    for row in db.session.execute(select(Setting.key, Setting.value)):
        if row.key in values:
            values[row.key] = row.value
    g.settings = values
    return values


def forget_cached_settings() -> None:
    g.pop("settings", None)
