"""Delivery faults (part of ``make faults``): stop the worker, then the mail server and the webhook
receiver, under load; afterwards every owed email and webhook call arrived exactly once.

The hub is served by gunicorn (2 workers) with its delivery worker, on a PostgreSQL database
of its own (``delivery_faults``), with ``NOTIFY_BATCH_MINUTES=0`` so every event owes messages
at once. An SMTP server (aiosmtpd) and a webhook receiver (http.server, checking each call's
``X-Hub-Signature-256``) run in this process. Client threads support, respond and move ideas
through the API for ``--seconds`` while, on a timeline:

- at 20% of the run the worker is stopped (SIGTERM: it finishes what it is sending);
- at 35% the mail server and the webhook receiver go away;
- at 50% the worker is started again (it retries into the void, backing off);
- at 75% the mail server and the receiver come back.

Then it waits for the outbox to empty and checks, per idempotency key (``X-Hub-Delivery``):
every email and webhook call the database says was sent arrived exactly once, nothing arrived
that the database does not hold (so nothing for a change that rolled back), nothing failed, and
how long after their return the last message arrived (the target: within 3 minutes).
Results: the terminal and ``bench/delivery_faults.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.delivery import in_hub
from bench.run import BIN, PG, ROOT, flask, gunicorn, hub_env, log
from tests.support.smtp import SmtpSink, free_port

WORK = ROOT / "bench" / ".work" / "delivery_faults"
RESULTS = ROOT / "bench" / "delivery_faults.json"
SECRET = "delivery-faults-webhook-secret"
PASSWORD = "faults-delivery-password-2026"


class Receiver:
    """A webhook endpoint that can be taken away and brought back on the same port."""

    def __init__(self):
        self.port = free_port()
        self.calls: list[str] = []
        self.bad_signatures = 0
        self.lock = threading.Lock()
        self.server = None

    def start(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
                with receiver.lock:
                    if not hmac.compare_digest(expected, self.headers.get("X-Hub-Signature-256", "")):
                        receiver.bad_signatures += 1
                    receiver.calls.append(self.headers.get("X-Hub-Delivery", ""))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.allow_reuse_address = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


SETUP = """
import json
from wsgi import app
from ideashub.core import clock
from ideashub.extensions import db
from ideashub.ideas import services as ideas
from ideashub.people.models import Organisation, OrganisationDomain, Team, User
from ideashub.people.services import hash_password, issue_token
from ideashub.reach import follows, preferences
with app.app_context():
    now = clock.now()
    org = Organisation(name="Faults Council", created_at=now)
    db.session.add(org); db.session.flush()
    db.session.add(OrganisationDomain(organisation_id=org.id, domain="faults.gov.uk"))
    teams = [Team(organisation_id=org.id, name=f"Team {{n}}", created_at=now) for n in range(4)]
    db.session.add_all(teams); db.session.flush()
    hashed = hash_password("{password}")
    people = [User(email=f"p{{n}}@faults.gov.uk", name=f"Person {{n}}", team_id=teams[n % 4].id, role="member",
                   password_hash=hashed, created_at=now) for n in range({people})]
    moderator = User(email="mod@faults.gov.uk", name="Mo Derator", team_id=teams[0].id, role="moderator", password_hash=hashed, created_at=now)
    admin = User(email="admin@faults.gov.uk", name="Ad Min", team_id=None, role="admin", password_hash=hashed, created_at=now)
    db.session.add_all([*people, moderator, admin]); db.session.flush()
    ideas_made = [ideas.post_idea(people[n], ideas.IdeaText(title=f"Faults idea {{n}}", problem="A problem.", proposal="A proposal.",
                  benefit="", tags=["faults"]), now).id for n in range({ideas})]
    db.session.flush()
    from ideashub.ideas.models import Tag
    from sqlalchemy import select
    tag = db.session.scalar(select(Tag).where(Tag.name == "faults"))
    for person in people:
        follows.follow(person, "tag", tag.id, now)
        preferences.update_settings(person, {{"following": "immediately", "own_idea": "immediately"}}, now)
    tokens = {{p.email: issue_token(p, now) for p in [*people, moderator, admin]}}
    db.session.commit()
    print(json.dumps({{"organisation": org.id, "ideas": ideas_made, "tokens": tokens}}))
"""

COUNT = """
import json
from sqlalchemy import func, select
from wsgi import app
from ideashub.core import outbox
from ideashub.extensions import db
with app.test_request_context("/"):  # a reader: a deferred transaction, never waiting for the writer's lock
    D = outbox.Delivery
    by = {{f"{{c}}:{{s}}": n for c, s, n in db.session.execute(select(D.channel, D.status, func.count()).group_by(D.channel, D.status))}}
    emails = db.session.scalars(select(D.message_id).where(D.channel == "email", D.status == "sent")).all()
    hooks = [(p or {{}}).get("delivery_id") for p in db.session.scalars(select(D.payload).where(D.channel == "webhook", D.status == "sent"))]
    last = db.session.scalar(select(func.max(D.sent_at)).where(D.channel.in_(["email", "webhook"])))
    print(json.dumps({{"by": by, "waiting_events": outbox.waiting_events(), "email_ids": emails, "webhook_keys": hooks,
                      "last_sent": last.isoformat() if last else None}}))
"""


def start_worker(env: dict) -> subprocess.Popen:
    out = open(WORK / "worker.log", "a")  # noqa: SIM115 - the process keeps it
    return subprocess.Popen([str(BIN / "flask"), "--app", "wsgi", "worker", "--threads", "2"], cwd=ROOT, env=env,
                            stdout=out, stderr=subprocess.STDOUT)


def load(base: str, tokens: dict, ideas: list[int], until: float, counts: Counter, lock: threading.Lock, seed: int):
    rng = random.Random(seed)
    members = [e for e in tokens if e.startswith("p")]
    moderator = tokens["mod@faults.gov.uk"]
    while time.monotonic() < until:
        kind = rng.choice(["support", "response", "response", "move"])
        idea = rng.choice(ideas)
        try:
            if kind == "support":
                who = tokens[rng.choice(members)]
                method = rng.choice(["PUT", "DELETE"])
                reply = requests.request(method, f"{base}/api/v1/ideas/{idea}/support",
                                         headers={"Authorization": f"Bearer {who}"}, timeout=10)
            elif kind == "response":
                who = tokens[rng.choice(members)]
                reply = requests.post(f"{base}/api/v1/ideas/{idea}/responses", headers={"Authorization": f"Bearer {who}"},
                                      json={"kind": "build", "body": "Yes, and the north locality could go first."}, timeout=10)
            else:
                reply = requests.post(f"{base}/api/v1/ideas/{idea}/stage", headers={"Authorization": f"Bearer {moderator}"},
                                      json={"stage": rng.choice(["shortlisted", "being_heard"]),
                                            "reason": "Checking the delivery under faults."}, timeout=10)
            with lock:
                counts[f"{kind}:{reply.status_code}"] += 1
        except requests.RequestException:
            with lock:
                counts[f"{kind}:no answer"] += 1
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--ideas", type=int, default=12)
    parser.add_argument("--threads", type=int, default=3)
    args = parser.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    for leftover in WORK.glob("*"):
        if leftover.is_file():
            leftover.unlink()
    name = "delivery_faults"
    subprocess.run(["psql", PG + "/postgres", "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=True)
    subprocess.run(["psql", PG + "/postgres", "-qc", f'CREATE DATABASE "{name}"'], check=True)
    sink, receiver = SmtpSink().start(), Receiver()
    receiver.start()
    env = hub_env(f"{PG}/{name}", WORK, DELIVERY_MODE="worker", MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port,
                  MAIL_USE_TLS="false", NOTIFY_BATCH_MINUTES="0", HUB_URL="https://ideas.faults.example",
                  WEBHOOK_ALLOWED_TARGETS=f"127.0.0.1:{receiver.port}", RATELIMIT_ENABLED="false",
                  QUEUE_FILE=str(WORK / "queue.db"), MAIL_TIMEOUT_SECONDS="3", WEBHOOK_TIMEOUT_SECONDS="3")
    flask(env, "db", "upgrade")
    setup = in_hub(env, SETUP.format(password=PASSWORD, people=args.people, ideas=args.ideas))
    admin = setup["tokens"]["admin@faults.gov.uk"]
    results: dict = {"seconds": args.seconds}
    timeline: list[tuple[str, float]] = []

    with gunicorn("wsgi:app", env, WORK / "gunicorn.log") as (base, _pid):
        made = requests.post(f"{base}/api/v1/webhooks", headers={"Authorization": f"Bearer {admin}"}, timeout=10, json={
            "url": f"http://127.0.0.1:{receiver.port}/hook", "format": "generic", "secret": SECRET,
            "events": ["response.added", "idea.moved", "support.added"], "organisation_id": setup["organisation"]})
        assert made.status_code == 201, made.text
        worker = start_worker(env)
        started = time.monotonic()
        until = started + args.seconds
        counts: Counter = Counter()
        lock = threading.Lock()
        threads = [threading.Thread(target=load, args=(base, setup["tokens"], setup["ideas"], until, counts, lock, n))
                   for n in range(args.threads)]
        for thread in threads:
            thread.start()

        def at(share: float, what: str, action) -> None:
            time.sleep(max(0.0, started + args.seconds * share - time.monotonic()))
            action()
            timeline.append((what, round(time.monotonic() - started, 1)))
            log(f"  {timeline[-1][1]:5.1f} s: {what}")

        at(0.20, "worker stopped", lambda: (worker.terminate(), worker.wait(timeout=60)))
        at(0.35, "mail server and webhook receiver down", lambda: (sink.stop(), receiver.stop()))
        worker = None

        def restart():
            nonlocal worker
            worker = start_worker(env)

        at(0.50, "worker started again", restart)
        at(0.75, "mail server and webhook receiver back", lambda: (sink.start(), receiver.start()))
        back = time.monotonic()
        for thread in threads:
            thread.join()
        results["requests"] = dict(counts)
        log("Load over; waiting for the outbox to empty...")
        deadline = time.monotonic() + 600
        while True:
            state = in_hub(env, COUNT.format())
            owed = sum(n for k, n in state["by"].items() if k.split(":")[1] in ("pending", "sending") and k.split(":")[0] in ("email", "webhook", "bulletin"))
            if (not owed and not state["waiting_events"]) or time.monotonic() > deadline:
                break
            time.sleep(2)
        settled_after_return = time.monotonic() - back
        worker.terminate()
        worker.wait(timeout=60)

    sink.stop()
    receiver.stop()
    emails = Counter(m["X-Hub-Delivery"] for m in sink.messages)
    hooks = Counter(receiver.calls)
    results.update({
        "timeline": timeline,
        "by_status": state["by"],
        "emails_sent_in_db": len(state["email_ids"]),
        "emails_received": sum(emails.values()),
        "emails_received_twice": sum(1 for n in emails.values() if n > 1),
        "emails_missing": len(set(state["email_ids"]) - set(emails)),
        "emails_unknown": len(set(emails) - set(state["email_ids"])),
        "webhooks_sent_in_db": len(state["webhook_keys"]),
        "webhooks_received": sum(hooks.values()),
        "webhooks_received_twice": sum(1 for n in hooks.values() if n > 1),
        "webhooks_missing": len(set(state["webhook_keys"]) - set(hooks)),
        "webhooks_unknown": len(set(hooks) - set(state["webhook_keys"])),
        "webhook_bad_signatures": receiver.bad_signatures,
        "seconds_from_return_to_empty_outbox": round(settled_after_return, 1),
        "failed": sum(n for k, n in state["by"].items() if k.endswith(":failed")),
    })
    ok = (results["emails_received"] > 0 and results["webhooks_received"] > 0
          and not any(results[k] for k in ("emails_received_twice", "emails_missing", "emails_unknown",
                                           "webhooks_received_twice", "webhooks_missing", "webhooks_unknown",
                                           "webhook_bad_signatures", "failed"))
          and results["seconds_from_return_to_empty_outbox"] <= 180)
    results["ok"] = ok
    RESULTS.write_text(json.dumps(results, indent=2))
    log(json.dumps(results, indent=2))
    log("Every owed email and webhook arrived exactly once." if ok else "A delivery target was missed.")
    subprocess.run(["psql", PG + "/postgres", "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=False)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
