"""The one place the app reads the time.

Rules and services take ``now`` as a parameter; views and CLI commands get it
from ``now()`` here. Tests swap the app's clock for a ``FixedClock``; browser
tests, which drive a real server in another process, point ``CLOCK_FILE`` at a
file holding an ISO timestamp (an empty or missing file means the real time).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import current_app


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def set(self, moment: datetime) -> None:
        self.moment = moment

    def advance(self, **delta) -> None:
        self.moment = self.moment + timedelta(**delta)


class FileClock:
    """Reads the time from a file when it holds one (browser tests only)."""

    def __init__(self, path: str):
        self.path = Path(path)

    def now(self) -> datetime:
        try:
            text = self.path.read_text().strip()
        except OSError:
            text = ""
        if not text:
            return datetime.now(UTC)
        moment = datetime.fromisoformat(text)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def now() -> datetime:
    """The current moment, aware, in UTC."""
    return current_app.extensions["clock"].now()


def org_timezone() -> ZoneInfo:
    return ZoneInfo(current_app.config["ORG_TIMEZONE"])


def local(moment: datetime) -> datetime:
    """A stored UTC moment in the organisation's time zone, for display."""
    return moment.astimezone(org_timezone())


def today() -> date:
    """Today's date in the organisation's time zone."""
    return local(now()).date()
