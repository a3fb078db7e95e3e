"""The background worker's queue (Huey): it wakes workers to deliver what the outbox owes.

Why Huey: it is small and well kept, runs on SQLite with no extra service (the embedded
default, a file beside the database) and on Redis when ``REDIS_URL`` is set (then
workers on several machines share one queue), and it has periodic tasks, so the one
``flask --app wsgi worker`` process also sweeps the outbox every minute and runs the
digests. The queue only carries wake-ups: what must be sent lives in the database
(``core.outbox``), so a queue that loses a message loses nothing but a few seconds.

Tasks: ``pump`` (fan out and deliver; enqueued after each commit that owes something,
at most one waiting at a time) and a sweep every minute that runs ``pump`` and every
job registered with ``@every_minute`` (digests, challenge days, pruning). A round that
leaves something falling due before the next sweep (a retry after a failed send, a busy
idea's batch, an event whose fan-out failed) plans one more round for then, so a message
waits for its own moment, not for the minute.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from flask import Flask, current_app
from huey import Huey, RedisHuey, SqliteHuey, crontab

from ideashub.core import clock, outbox

log = logging.getLogger(__name__)

_minutely: list[Callable[[datetime], None]] = []
WAITING = "pump-waiting"
PLANNED = "pump-planned"  # when (by the hub's clock) the round already planned runs, if one is
SWEEP = timedelta(minutes=1)
SOONEST = timedelta(seconds=5)  # a planned round is never sooner (the first retry's wait, too)


def every_minute(job: Callable[[datetime], None]) -> Callable[[datetime], None]:
    """Register ``job(now)`` to run in the worker's sweep each minute (it decides itself whether
    anything is due; make it idempotent)."""
    if job not in _minutely:
        _minutely.append(job)
    return job


def run_minutely(now: datetime) -> outbox.PumpResult:
    """One sweep: the registered jobs, then a pump (what the jobs owe goes at once)."""
    for job in _minutely:
        try:
            job(now)
        except Exception:
            outbox.db.session.rollback()
            log.exception("the minute job %s failed", getattr(job, "__name__", job))
    return outbox.pump(now)


def next_round(result: outbox.PumpResult, now: datetime) -> timedelta | None:
    """How long until another round is owed, when that is before the next sweep: a delivery
    falls due (a retry, a batch), or an event's fan-out failed and is tried again."""
    due = outbox.next_due()
    waits = [due - now] if due is not None else []
    if result.unsettled:
        waits.append(SOONEST)
    if not waits or min(waits) >= SWEEP:
        return None
    return max(min(waits), SOONEST)


def after_round(app: Flask, result: outbox.PumpResult, now: datetime) -> bool:
    """What a round leaves: the rest at once (it stopped at its limit), or a round planned for
    when something falls due before the next sweep. True if another round was asked for."""
    if result.more:
        app.extensions["huey_kick"]()
        return True
    wait = next_round(result, now)
    if wait is None:
        return False
    huey = app.extensions["huey"]
    at = now + wait
    planned = huey.get(PLANNED, peek=True)
    if planned is not None and now < datetime.fromisoformat(planned) <= at:
        return False  # one is planned already, no later than this one would be
    huey.put(PLANNED, at.isoformat())
    app.extensions["huey_planned"].schedule(delay=wait.total_seconds())
    return True


def make_huey(app: Flask) -> Huey:
    """The queue for this app's settings: Redis when ``REDIS_URL`` is set, else a SQLite file."""
    config = app.config
    if config.get("REDIS_URL"):
        return RedisHuey("ideashub", url=config["REDIS_URL"], utc=True)
    path = Path(config.get("QUEUE_FILE") or Path(app.instance_path) / "queue.db")
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("ideashub", filename=str(path), utc=True)


def init_app(app: Flask) -> Huey:
    """Build the queue and its tasks for ``app`` (``app.extensions["huey"]``)."""
    huey = make_huey(app)

    def one_round() -> None:
        with app.app_context():
            now = clock.now()
            after_round(app, outbox.pump(now), now)

    @huey.task(name="pump")
    def pump_task():
        huey.get(WAITING)  # taken: the next commit that owes something enqueues another
        one_round()

    @huey.task(name="planned-pump")
    def planned_task():
        one_round()

    @huey.periodic_task(crontab(minute="*"), name="sweep")
    def sweep_task():
        with app.app_context():
            now = clock.now()
            after_round(app, run_minutely(now), now)

    def kick() -> None:
        # At most one pump waits in the queue: a burst of changes wakes one worker, not thousands.
        if huey.put_if_empty(WAITING, "1"):
            pump_task()

    app.extensions["huey"] = huey
    app.extensions["huey_kick"] = kick
    app.extensions["huey_planned"] = planned_task
    outbox.on_kick(lambda: current_app.extensions["huey_kick"]())
    return huey


def run_worker(app: Flask, workers: int = 2) -> None:
    """Run a consumer until stopped (SIGINT/SIGTERM finish the task at hand first)."""
    huey = app.extensions["huey"]
    huey.delete(WAITING)  # a pump marked waiting by a worker that died would block wake-ups
    huey.delete(PLANNED)  # nor may a round planned by one hold back this one's plans
    app.extensions["huey_kick"]()  # catch up at once on what was owed while no worker ran
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=True,
                                    check_worker_health=True, initial_delay=0.1, backoff=1.15, max_delay=2.0)
    consumer.run()
