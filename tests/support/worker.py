"""The background worker (``flask --app wsgi worker``) as a real process beside a live server."""

from __future__ import annotations

import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from tests.support.live import ROOT, server_env, server_log

FLASK = ROOT / ".venv" / "bin" / "flask"


@contextmanager
def worker_process(database_url: str, instance: Path, **env_extra):
    """Run a worker until the block ends (stopped with SIGTERM, as a service manager would)."""
    log = open(instance / "worker.log", "a")  # noqa: SIM115 - closed below
    process = subprocess.Popen([str(FLASK), "--app", "wsgi", "worker", "--threads", "2"], cwd=ROOT,
                               env=server_env(database_url, instance, **env_extra), stdout=log,
                               stderr=subprocess.STDOUT)
    try:
        time.sleep(0.5)
        if process.poll() is not None:
            raise RuntimeError("the worker exited: " + (instance / "worker.log").read_text())
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_for(check, timeout: float = 30.0, every: float = 0.2):
    """Poll ``check()`` until it returns something true (a deadline, not a timed assertion)."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(every)


def still_owed(session, address: str, instance: Path) -> str:
    """What the outbox still owes (events not fanned out, deliveries to ``address`` waiting), the
    end of the worker's log and the server's warnings: said when a test gives up waiting, so a
    failure says why."""
    from sqlalchemy import select

    from ideashub.core import outbox

    events = session.execute(select(outbox.OutboxEvent.id, outbox.OutboxEvent.name, outbox.OutboxEvent.tries,
                                    outbox.OutboxEvent.created_at)
                             .where(outbox.OutboxEvent.fanned_out_at.is_(None))).all()
    deliveries = session.execute(select(outbox.Delivery.kind, outbox.Delivery.status, outbox.Delivery.due_at,
                                        outbox.Delivery.attempts, outbox.Delivery.last_error)
                                 .where(outbox.Delivery.address == address, outbox.Delivery.status != outbox.SENT)).all()
    log = (instance / "worker.log").read_text() if (instance / "worker.log").exists() else ""
    warnings = [line for line in server_log(instance).splitlines() if "WARNING" in line or "ERROR" in line]
    return (f"events waiting: {events}\ndeliveries to {address} not sent: {deliveries}\n"
            f"the worker's log ends:\n{log[-4000:]}\nthe server's warnings:\n" + "\n".join(warnings[-30:]))
