"""Use cases of moving out that change something: recording who took a copy of everything."""

from __future__ import annotations

from datetime import datetime

from ideashub.core import activity
from ideashub.core.errors import ensure
from ideashub.core.events import SECURITY
from ideashub.people.rules import can_manage_people


def record_export(actor, now: datetime) -> None:
    """An admin takes the export of everything: allowed to admins only, and kept in the audit log
    (the document holds everyone's data, so who took it, and when, is the admins' to know)."""
    ensure(can_manage_people(actor))
    activity.record(actor, "hub.exported", now, visibility=SECURITY)
