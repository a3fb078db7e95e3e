"""The one place the app reads the time.

Rules and services take ``now`` as a parameter; views and CLI commands get it
from ``now()`` here. Tests swap the app's clock for a ``FixedClock``; browser
tests and live-server tests, which drive a real server in another process,
point ``CLOCK_FILE`` at a file both sides read (see ``FileClock``).
"""

from __future__ import annotations

import time
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
    """Reads the time from a file (tests that drive a real server only).

    The file holds either one ISO timestamp (the clock stands there) or
    ``<ISO timestamp> @ <unix seconds>``: the clock read that moment at that
    real instant and runs on from it, so a suite can pin the date to a known
    working day while time still passes between requests. An empty or
    missing file means the real time.
    """

    def __init__(self, path: str):
        self.path = Path(path)

    def now(self) -> datetime:
        try:
            text = self.path.read_text().strip()
        except OSError:
            text = ""
        if not text:
            return datetime.now(UTC)
        stamp, _, since = text.partition(" @ ")
        moment = datetime.fromisoformat(stamp)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        if since:
            moment += timedelta(seconds=time.time() - float(since))
        return moment

    @staticmethod
    def running_from(moment: datetime, since: float) -> str:
        """The file's text for a clock that read ``moment`` at real time ``since`` and runs on."""
        return f"{moment.isoformat()} @ {since!r}"


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
