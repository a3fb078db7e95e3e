"""The worker's rounds: a round that leaves something falling due before the next minute's sweep
(a retry, a busy idea's batch, an event whose fan-out failed) plans one more round for then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ideashub.core import outbox, queue
from tests.services.test_outbox import owe


@pytest.fixture
def huey(app):
    """The app's queue, emptied before and after (nothing consumes it in these tests)."""
    huey = app.extensions["huey"]
    huey.flush()
    yield huey
    huey.flush()


def planned(huey) -> list[datetime]:
    """When each planned round is to run (the queue keeps real UTC times, naive)."""
    return sorted(task.eta for task in [*huey.pending(), *huey.scheduled()] if task.name == "planned-pump")


def test_a_send_the_server_put_off_is_tried_again_in_seconds_not_at_the_next_sweep(app, db, clock, smtp, huey):
    smtp.refuse_with = "451 Try again later"
    owe(key="busy")
    db.session.commit()
    now = clock.now()
    result = outbox.pump(now)
    assert result.retrying == 1
    assert queue.next_round(result, now) == outbox.backoff(1, timedelta(0)) == timedelta(seconds=5)
    before = datetime.now(UTC).replace(tzinfo=None)  # the queue's schedule is in real time
    assert queue.after_round(app, result, now) is True
    after = datetime.now(UTC).replace(tzinfo=None)
    [eta] = planned(huey)
    assert before + timedelta(seconds=5) <= eta <= after + timedelta(seconds=5)

    smtp.refuse_with = None
    clock.advance(seconds=5)
    later = outbox.pump(clock.now())
    assert later.sent == 1
    assert queue.next_round(later, clock.now()) is None  # nothing left: the sweep is enough


def test_a_round_already_planned_no_later_is_not_planned_twice_and_a_sooner_one_is(app, db, clock, smtp, huey):
    now = clock.now()
    owe(key="soon", batch="own_idea:idea:1", due_at=now + timedelta(seconds=40))
    db.session.commit()
    result = outbox.pump(now)
    assert queue.next_round(result, now) == timedelta(seconds=40)
    assert queue.after_round(app, result, now) is True
    assert queue.after_round(app, result, now) is False  # the same moment: already planned
    assert len(planned(huey)) == 1

    owe(key="sooner", batch="own_idea:idea:2", due_at=now + timedelta(seconds=20))
    db.session.commit()
    assert queue.next_round(result, now) == timedelta(seconds=20)
    assert queue.after_round(app, result, now) is True
    assert len(planned(huey)) == 2


def test_what_falls_due_after_the_next_sweep_is_left_to_it(app, db, clock, smtp, huey):
    now = clock.now()
    owe(key="batched", batch="own_idea:idea:3", due_at=now + timedelta(minutes=5))
    db.session.commit()
    result = outbox.pump(now)
    assert queue.next_round(result, now) is None
    assert queue.after_round(app, result, now) is False
    assert planned(huey) == []


def test_something_due_already_is_planned_no_sooner_than_five_seconds(app, db, clock, huey):
    now = clock.now()
    owe(key="overdue", due_at=now - timedelta(minutes=1))
    db.session.commit()
    assert queue.next_round(outbox.PumpResult(), now) == queue.SOONEST


def test_an_event_whose_fan_out_failed_is_tried_again_within_seconds(app, db, clock, make_idea, huey):
    def broken(row, now):
        raise RuntimeError("the database was busy")

    outbox.fan_out(broken)
    try:
        make_idea()
        now = clock.now()
        result = outbox.pump(now)
    finally:
        outbox._fan_out.remove(broken)
    assert result.unsettled >= 1
    assert queue.next_round(result, now) == queue.SOONEST
    assert queue.after_round(app, result, now) is True
    assert len(planned(huey)) == 1
    again = outbox.pump(now + queue.SOONEST)  # the listener works again: the event goes out
    assert again.unsettled == 0 and again.events >= 1
    assert queue.next_round(again, now + queue.SOONEST) is None


def test_a_round_stopped_at_its_limit_asks_for_the_rest_at_once(app, monkeypatch, clock):
    kicks = []
    monkeypatch.setitem(app.extensions, "huey_kick", lambda: kicks.append(1))
    assert queue.after_round(app, outbox.PumpResult(more=True), clock.now()) is True
    assert kicks == [1]
