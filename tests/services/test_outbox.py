"""The outbox: what a change owes is recorded with it, delivered once, retried while the far end is away."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from ideashub.core import mail, outbox
from ideashub.extensions import db as _db


def owe(to="ana@riverside.example.org", key=None, now=None, **extra):
    from ideashub.core import clock

    return mail.queue(to, "Your idea was answered", "Someone answered.", "<p>Someone answered.</p>",
                      now or clock.now(), kind="own_idea", key=key, **extra)


def statuses():
    return dict(_db.session.execute(select(outbox.Delivery.status, func.count()).where(
        outbox.Delivery.channel == "email").group_by(outbox.Delivery.status)).all())


def test_a_change_that_commits_owes_its_event_and_one_that_rolls_back_owes_nothing(db, clock, make_user, make_idea):
    author = make_user()
    before = db.session.scalar(select(func.count()).select_from(outbox.OutboxEvent))
    make_idea(author=author, title="Bins on Tuesdays")  # commits
    assert db.session.scalar(select(func.count()).select_from(outbox.OutboxEvent)) == before + 1
    row = db.session.scalars(select(outbox.OutboxEvent).order_by(outbox.OutboxEvent.id.desc())).first()
    assert (row.name, row.actor_id) == ("idea.posted", author.id) and row.idea_id is not None

    owe(key="rolled-back")
    db.session.rollback()
    assert db.session.scalar(select(outbox.Delivery).where(outbox.Delivery.key == "rolled-back")) is None


def test_an_owed_email_reaches_a_real_smtp_server_once(db, clock, smtp):
    owe(key="k1")
    db.session.commit()
    result = outbox.pump(clock.now())
    assert result.sent == 1
    [message] = smtp.messages
    assert message["To"] == "ana@riverside.example.org" and message["Subject"] == "Your idea was answered"
    assert smtp.text(message).strip() == "Someone answered." and "<p>Someone answered.</p>" in smtp.html(message)
    assert message["X-Hub-Delivery"] == db.session.scalar(select(outbox.Delivery.message_id).where(outbox.Delivery.key == "k1"))
    outbox.pump(clock.now() + timedelta(hours=2))
    assert len(smtp.messages) == 1


def test_the_same_key_is_owed_only_once(db, clock):
    assert owe(key="same") is not None
    assert owe(key="same") is None
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(outbox.Delivery).where(outbox.Delivery.key == "same")) == 1


def test_while_the_server_is_down_mail_waits_and_goes_within_minutes_of_its_return(db, clock, smtp):
    smtp.stop()
    for n in range(3):
        owe(key=f"down-{n}")
    db.session.commit()
    result = outbox.pump(clock.now())
    # The first message finds the server down; the others wait without a wasted try.
    assert result.sent == 0 and result.retrying == 1
    assert statuses() == {"pending": 3}
    for _minute in range(1, 30):  # half an hour down
        clock.advance(minutes=1)
        outbox.pump(clock.now())
    assert smtp.messages == []
    smtp.start()
    back = clock.now()
    for _ in range(3):
        clock.advance(minutes=1)
        outbox.pump(clock.now())
    assert len(smtp.messages) == 3
    sent_at = db.session.scalars(select(outbox.Delivery.sent_at).where(outbox.Delivery.key.like("down-%"))).all()
    assert all(at - back <= timedelta(minutes=3) for at in sent_at)
    assert statuses() == {"sent": 3}


def test_backoff_is_quick_at_first_then_longer_and_mail_is_given_up_after_a_day_but_kept(db, clock, smtp, app, tmp_path, monkeypatch):
    assert outbox.backoff(1, timedelta(0)) == timedelta(seconds=5)
    assert outbox.backoff(2, timedelta(minutes=1)) == timedelta(seconds=10)
    assert outbox.backoff(10, timedelta(minutes=30)) == timedelta(minutes=1)
    assert outbox.backoff(10, timedelta(hours=3)) == timedelta(minutes=15)

    monkeypatch.setitem(app.config, "MAIL_OUTBOX", str(tmp_path / "kept"))
    smtp.stop()
    owe(key="doomed")
    db.session.commit()
    for _ in range(200):
        outbox.pump(clock.now())
        row = db.session.scalar(select(outbox.Delivery).where(outbox.Delivery.key == "doomed"))
        if row.status != outbox.PENDING:
            break
        clock.set(row.due_at)
    assert row.status == outbox.FAILED and row.last_error
    assert timedelta(hours=23) < clock.now() - row.created_at <= timedelta(hours=24)
    assert len(list((tmp_path / "kept").glob("*undelivered*.eml"))) == 1  # never lost


def test_a_server_that_refuses_for_good_fails_at_once_and_one_that_is_busy_is_tried_again(db, clock, smtp):
    smtp.refuse_with = "550 No such mailbox"
    owe(key="refused")
    db.session.commit()
    outbox.pump(clock.now())
    assert db.session.scalar(select(outbox.Delivery.status).where(outbox.Delivery.key == "refused")) == outbox.FAILED

    smtp.refuse_with = "451 Try again later"
    owe(key="busy")
    db.session.commit()
    outbox.pump(clock.now())
    assert db.session.scalar(select(outbox.Delivery.status).where(outbox.Delivery.key == "busy")) == outbox.PENDING
    smtp.refuse_with = None
    clock.advance(minutes=1)
    outbox.pump(clock.now())
    assert db.session.scalar(select(outbox.Delivery.status).where(outbox.Delivery.key == "busy")) == outbox.SENT


def test_a_batch_for_one_person_goes_as_one_message(db, clock, smtp):
    for n in range(3):
        owe(key=f"b-{n}", batch="own_idea:idea:1",
            extra={"summary_text": f"Update {n}", "summary_html": f"<b>Update {n}</b>", "batch_title": "Bins",
                   "batch_url": "http://hub.test/ideas/1", "footer_text": "Stop: x", "footer_html": "Stop"})
    owe(to="ben@riverside.example.org", key="other", batch="own_idea:idea:1")
    db.session.commit()
    outbox.pump(clock.now())
    assert len(smtp.messages) == 2
    [combined] = smtp.to("ana@riverside.example.org")
    assert combined["Subject"] == "3 updates on “Bins”"
    assert all(f"Update {n}" in smtp.text(combined) for n in range(3))
    ids = set(db.session.scalars(select(outbox.Delivery.message_id).where(outbox.Delivery.key.like("b-%"))))
    assert ids == {combined["X-Hub-Delivery"]}


def test_a_claimed_delivery_is_not_sent_by_a_second_worker_and_a_dead_workers_claim_expires(db, clock, smtp):
    owe(key="claimed")
    db.session.commit()
    row = db.session.scalar(select(outbox.Delivery).where(outbox.Delivery.key == "claimed"))
    rows = outbox._claim([row.id], clock.now())
    assert [r.key for r in rows] == ["claimed"]
    assert outbox._claim([row.id], clock.now()) == []
    outbox.pump(clock.now())
    assert smtp.messages == []  # another worker holds it
    clock.advance(minutes=6)  # that worker died: its claim lapses
    outbox.pump(clock.now())
    assert len(smtp.messages) == 1


def test_a_job_runs_once_per_key(db, clock):
    assert outbox.once("job:test:1", clock.now()) is True
    assert outbox.once("job:test:1", clock.now()) is False
    assert outbox.once("job:test:2", clock.now()) is True


def test_without_a_mail_server_mail_is_written_to_the_outbox_folder(db, clock, request):
    folder = request.getfixturevalue("outbox")
    owe(key="folder")
    db.session.commit()
    outbox.pump(clock.now())
    [message] = folder.messages()
    assert message["Subject"] == "Your idea was answered"


@pytest.mark.parametrize("mode", ["worker", "inline"])
def test_delivery_mode_is_a_checked_setting(mode, tmp_path):
    from ideashub.config import ConfigError, load_config

    assert load_config(tmp_path, {"DELIVERY_MODE": mode})["DELIVERY_MODE"] == mode
    with pytest.raises(ConfigError, match="DELIVERY_MODE"):
        load_config(tmp_path, {"DELIVERY_MODE": "carrier-pigeon"})
    with pytest.raises(ConfigError, match="NOTIFY_BATCH_MINUTES"):
        load_config(tmp_path, {"NOTIFY_BATCH_MINUTES": "-1"})


def test_a_kick_with_the_queue_down_loses_nothing(app, db, clock, smtp, monkeypatch):
    calls = threading.Event()

    def broken():
        calls.set()
        raise ConnectionError("the queue is down")

    monkeypatch.setitem(app.config, "DELIVERY_MODE", "worker")
    monkeypatch.setitem(app.extensions, "huey_kick", broken)
    owe(key="kick")
    db.session.commit()  # the commit succeeds although the worker could not be woken
    assert calls.is_set()
    outbox.pump(clock.now())  # the worker's minute sweep
    assert len(smtp.messages) == 1


def test_an_event_whose_fan_out_fails_is_tried_on_later_rounds_then_set_aside(db, clock, make_user, make_idea):
    calls = []

    def broken(row, now):
        calls.append(row.id)
        raise RuntimeError("a bug in a listener")

    outbox.fan_out(broken)
    try:
        make_idea()
        for _ in range(outbox.FAN_OUT_TRIES + 2):
            outbox.pump(clock.now())  # each round ends: the failing event does not hold it
    finally:
        outbox._fan_out.remove(broken)
    event_id = calls[0]
    assert calls.count(event_id) == outbox.FAN_OUT_TRIES
    row = db.session.get(outbox.OutboxEvent, event_id)
    assert row.fanned_out_at is not None and row.tries >= outbox.FAN_OUT_TRIES
