"""Fault injection: does every acknowledged write survive a killed worker and a database restart?

``make faults`` serves the hub with gunicorn (2 workers) on a PostgreSQL
database of its own, has client threads post ideas and support each other's
through the JSON API, and during the run:

(a) kills one gunicorn worker with SIGKILL (the master starts another);
(b) restarts PostgreSQL (``pg_ctlcluster <version> <cluster> restart``, fast
    mode), after which the workers must reconnect (``pool_pre_ping``).

Then it reads the database back and reports the requests sent, the writes the
server acknowledged (2xx with the new id), how many of those are in the
database (it must be all), and the failed requests, split by whether they
overlapped a fault's window (the fault itself plus GRACE seconds) or not
(outside must be 0). Results go to the terminal and to ``bench/faults.json``.

Only the loopback PostgreSQL server is ever restarted; the database (default
``faults``) is created at the start and dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psycopg
import requests
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORK = ROOT / "bench" / ".work" / "faults"
RESULTS = ROOT / "bench" / "faults.json"
PASSWORD = "faults-bench-password-2026"
GRACE = 5.0  # seconds after a fault during which a failed request counts as the fault's


@dataclass
class Call:
    kind: str  # "idea" or "support"
    start: float
    end: float
    status: int | None  # None: no HTTP answer (connection reset, timeout)
    acked: bool
    key: tuple | None = None
    error: str = ""


@dataclass
class Fault:
    name: str
    start: float
    end: float
    detail: dict = field(default_factory=dict)

    def window(self) -> tuple[float, float]:
        return self.start, self.end + GRACE


# --- The database -------------------------------------------------------------


def admin_conninfo(url) -> dict:
    return {
        "host": url.host or "127.0.0.1",
        "port": url.port or 5432,
        "user": url.username or "postgres",
        "password": url.password,
        "dbname": "postgres",
        "autocommit": True,
    }


def recreate_database(url) -> None:
    with psycopg.connect(**admin_conninfo(url)) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{url.database}"')


def drop_database(url) -> None:
    with psycopg.connect(**admin_conninfo(url)) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')


def connect(url):
    info = admin_conninfo(url)
    info["dbname"] = url.database
    return psycopg.connect(**info)


def cluster_for(url) -> tuple[str, str]:
    """The Debian cluster (version, name) that listens on the URL's port, from pg_lsclusters."""
    port = str(url.port or 5432)
    listing = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        version, name, cluster_port, status, *_ = line.split()
        if cluster_port == port and status.startswith("online"):
            return version, name
    versions = sorted(os.listdir("/etc/postgresql"))
    raise SystemExit(f"No online cluster on port {port} (installed: {', '.join(versions)}).")


def server_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(WORK / "instance"),
            "SECRET_KEY": "faults-bench-secret-key-0123456789",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            # Rate limits are measured elsewhere; here they would only refuse the load.
            "RATELIMIT_ENABLED": "false",
        }
    )
    return env


def prepare(database_url: str, people: int) -> list[str]:
    """Migrate the database and add ``people`` members over four teams; returns their emails."""
    env = server_env(database_url)
    subprocess.run([str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "INSTANCE_PATH", "SECRET_KEY", "PASSWORD_HASH_METHOD")})
    sys.path.insert(0, str(ROOT))
    from ideashub import create_app
    from ideashub.core import clock
    from ideashub.extensions import db
    from ideashub.people.models import Organisation, OrganisationDomain, Team, User
    from ideashub.people.services import hash_password

    app = create_app()
    with app.app_context():
        now = clock.now()
        org = Organisation(name="Faults Council", created_at=now)
        db.session.add(org)
        db.session.flush()
        db.session.add(OrganisationDomain(organisation_id=org.id, domain="faults.gov.uk"))
        teams = [Team(organisation_id=org.id, name=f"Team {t}", created_at=now) for t in range(4)]
        db.session.add_all(teams)
        db.session.flush()
        hashed = hash_password(PASSWORD)
        emails = [f"person{i}@faults.gov.uk" for i in range(people)]
        db.session.add_all(
            User(email=e, name=f"Person {i}", team_id=teams[i % 4].id, role="member",
                 password_hash=hashed, created_at=now)
            for i, e in enumerate(emails)
        )
        db.session.commit()
        db.engine.dispose()
    return emails


# --- The server -----------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


class Server:
    def __init__(self, database_url: str, workers: int = 2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = WORK / "gunicorn.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "wsgi:app", "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}",
             "--timeout", "30", "--graceful-timeout", "5"],
            cwd=ROOT, env=server_env(database_url), stdout=self.log, stderr=subprocess.STDOUT,
        )
        self.workers = workers
        self.wait_ready()

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited:\n" + self.log_path.read_text())
            try:
                if requests.get(self.url + "/healthz", timeout=2).status_code == 200 and \
                        len(children(self.process.pid)) == self.workers:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise SystemExit("gunicorn did not become ready")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


# --- The load -------------------------------------------------------------------


class Load:
    def __init__(self, base: str, people: list[tuple[int, str]], seed: int = 1):
        self.base = base
        self.people = people
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.calls: list[Call] = []
        self.ideas: list[tuple[int, int]] = []  # acknowledged (idea id, author id)
        self.seed = seed
        self.t0 = time.monotonic()

    def record(self, call: Call) -> None:
        with self.lock:
            self.calls.append(call)
            if call.acked and call.kind == "idea":
                self.ideas.append(call.key)  # (idea id, author id)

    def call(self, http, kind, method, url, token, key=None, **kw) -> Call:
        start = time.monotonic() - self.t0
        try:
            r = http.request(method, self.base + url, headers={"Authorization": f"Bearer {token}"}, timeout=15, **kw)
        except requests.RequestException as error:
            return Call(kind, start, time.monotonic() - self.t0, None, False, key, type(error).__name__)
        end = time.monotonic() - self.t0
        if kind == "idea" and r.status_code == 201:
            return Call(kind, start, end, 201, True, (r.json()["id"], key))
        ok = kind == "support" and r.status_code == 200
        return Call(kind, start, end, r.status_code, ok, key, "" if ok else r.text[:160])

    def person(self, user_id: int, token: str) -> None:
        rnd = random.Random(self.seed * 1000 + user_id)
        with requests.Session() as http:
            while not self.stop.is_set():
                call = self.call(http, "idea", "POST", "/api/v1/ideas", token, key=user_id,
                                 json={"title": f"Fault-tolerant idea {rnd.randrange(10**6)}",
                                       "problem": "Writes must survive faults.", "proposal": "Test it."})
                self.record(call)
                with self.lock:
                    others = [i for i, author in self.ideas if author != user_id][-200:]
                for idea_id in rnd.sample(others, min(2, len(others))):
                    self.record(self.call(http, "support", "PUT", f"/api/v1/ideas/{idea_id}/support", token,
                                          key=(idea_id, user_id)))

    def run(self, seconds: float, faults) -> None:
        threads = [threading.Thread(target=self.person, args=p, daemon=True) for p in self.people]
        self.t0 = time.monotonic()
        for thread in threads:
            thread.start()
        for at, inject in faults:
            time.sleep(max(0.0, at - (time.monotonic() - self.t0)))
            inject()
        time.sleep(max(0.0, seconds - (time.monotonic() - self.t0)))
        self.stop.set()
        for thread in threads:
            thread.join(timeout=30)


# --- The run ----------------------------------------------------------------------


def tokens_for(base: str, emails: list[str]) -> list[tuple[int, str]]:
    people = []
    for email in emails:
        r = requests.post(base + "/api/v1/tokens", json={"email": email, "password": PASSWORD}, timeout=30)
        r.raise_for_status()
        body = r.json()
        people.append((body["user"]["id"], body["token"]))
    return people


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("FAULTS_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/faults"))
    parser.add_argument("--seconds", type=float, default=45)
    parser.add_argument("--threads", type=int, default=12)
    parser.add_argument("--kill-at", type=float, default=10)
    parser.add_argument("--restart-at", type=float, default=25)
    parser.add_argument("--no-restart", action="store_true",
                        help="leave PostgreSQL alone (a quick try that disturbs nobody else's tests)")
    args = parser.parse_args(argv)

    url = make_url(args.database_url)
    if url.get_backend_name() != "postgresql":
        raise SystemExit("The fault run needs PostgreSQL.")
    if url.host not in (None, "127.0.0.1", "localhost", "::1"):
        raise SystemExit("The fault run restarts PostgreSQL: it only runs against a server on loopback.")
    version, cluster = cluster_for(url)
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "instance").mkdir(exist_ok=True)
    app_url = url.set(drivername="postgresql").render_as_string(hide_password=False)

    print(f"Preparing database {url.database} and {args.threads} people...", flush=True)
    recreate_database(url)
    server = None
    try:
        emails = prepare(app_url, args.threads)
        server = Server(app_url, workers=2)
        people = tokens_for(server.url, emails)
        load = Load(server.url, people)
        faults: list[Fault] = []

        def kill_worker():
            victim = children(server.process.pid)[0]
            start = time.monotonic() - load.t0
            os.kill(victim, signal.SIGKILL)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:  # the master notices and starts a new worker
                alive = children(server.process.pid)
                if victim not in alive and len(alive) == 2:
                    break
                time.sleep(0.05)
            end = time.monotonic() - load.t0
            faults.append(Fault("worker SIGKILL", start, end, {"pid": victim, "new_worker_after_s": round(end - start, 2)}))
            print(f"  {start:5.1f}s killed worker {victim}; master forked a new one after {end - start:.2f}s", flush=True)

        def restart_postgres():
            start = time.monotonic() - load.t0
            result = subprocess.run(["pg_ctlcluster", "--mode", "fast", version, cluster, "restart"],
                                    capture_output=True, text=True, check=False)
            end = time.monotonic() - load.t0
            faults.append(Fault("PostgreSQL restart", start, end,
                                {"cluster": f"{version}/{cluster}", "exit": result.returncode,
                                 "took_s": round(end - start, 2)}))
            print(f"  {start:5.1f}s restarted PostgreSQL {version}/{cluster} in {end - start:.2f}s "
                  f"(exit {result.returncode})", flush=True)
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)

        print(f"Load: {args.threads} threads for {args.seconds:.0f}s against gunicorn (2 workers) at {server.url}", flush=True)
        schedule = [(args.kill_at, kill_worker)] + ([] if args.no_restart else [(args.restart_at, restart_postgres)])
        load.run(args.seconds, schedule)
        server.wait_ready()
        report = analyse(load, faults, url, args)
        report["server_log_tracebacks"] = server.log_path.read_text().count("Traceback")
    finally:
        if server is not None:
            server.stop()
        drop_database(url)

    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print_report(report)
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")
    return 0 if report["passed"] else 1


def analyse(load: Load, faults: list[Fault], url, args) -> dict:
    calls = load.calls
    acked_ideas = {c.key[0] for c in calls if c.acked and c.kind == "idea"}
    acked_supports = {c.key for c in calls if c.acked and c.kind == "support"}
    with connect(url) as conn:
        stored_ideas = {r[0] for r in conn.execute("SELECT id FROM ideas")}
        stored_supports = set(conn.execute("SELECT idea_id, user_id FROM supports").fetchall())
        drifted = conn.execute(
            "SELECT count(*) FROM ideas i WHERE i.supporters_count <> "
            "(SELECT count(*) FROM supports s WHERE s.idea_id = i.id)"
        ).fetchone()[0]

    def overlaps(call: Call, fault: Fault) -> bool:
        lo, hi = fault.window()
        return call.start <= hi and call.end >= lo

    failures = [c for c in calls if not c.acked]
    per_fault = {f.name: 0 for f in faults}
    outside = []
    for call in failures:
        hit = next((f for f in faults if overlaps(call, f)), None)
        if hit:
            per_fault[hit.name] += 1
            # How long clients saw errors: from the fault to the end of its last failed request.
            hit.detail["errors_until_s"] = round(max(hit.detail.get("errors_until_s", 0), call.end - hit.start), 2)
        else:
            outside.append(call)
    found = len(acked_ideas & stored_ideas) + len(acked_supports & stored_supports)
    acked = len(acked_ideas) + len(acked_supports)
    statuses: dict[str, int] = {}
    for call in failures:
        label = str(call.status) if call.status else call.error
        statuses[label] = statuses.get(label, 0) + 1
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "settings": {"threads": args.threads, "seconds": args.seconds, "workers": 2, "grace_s": GRACE,
                     "database": url.database},
        "requests": len(calls),
        "acknowledged_requests": sum(c.acked for c in calls),
        "acknowledged_writes": acked,
        "acknowledged_ideas": len(acked_ideas),
        "acknowledged_supports": len(acked_supports),
        "acknowledged_found": found,
        "acknowledged_missing": acked - found,
        "ideas_with_drifted_counts": drifted,
        "failures": len(failures),
        "failures_by_fault": per_fault,
        "failures_outside_faults": len(outside),
        "failure_kinds": statuses,
        "outside_examples": [asdict(c) for c in outside[:5]],
        "faults": [asdict(f) for f in faults],
        "throughput_rps": round(len(calls) / args.seconds, 1),
        "passed": acked == found and not outside and drifted == 0 and len(faults) == (1 if args.no_restart else 2),
    }


def print_report(r: dict) -> None:
    rows = [
        ("requests sent", r["requests"]),
        ("throughput (req/s)", r["throughput_rps"]),
        ("acknowledged requests (2xx)", r["acknowledged_requests"]),
        ("acknowledged writes (distinct rows)", f'{r["acknowledged_writes"]} ({r["acknowledged_ideas"]} ideas, {r["acknowledged_supports"]} supports)'),
        ("acknowledged writes found afterwards", r["acknowledged_found"]),
        ("acknowledged writes missing", r["acknowledged_missing"]),
        ("ideas whose count drifted from its rows", r["ideas_with_drifted_counts"]),
        ("failed requests", r["failures"]),
    ]
    for fault in r["faults"]:
        detail = ", ".join(f"{k} {v}" for k, v in fault["detail"].items())
        rows.append((f'  in window: {fault["name"]} at {fault["start"]:.1f}s ({detail})',
                     r["failures_by_fault"][fault["name"]]))
    rows.append(("  outside every fault window", r["failures_outside_faults"]))
    rows.append(("failure kinds", ", ".join(f"{k}: {v}" for k, v in r["failure_kinds"].items()) or "none"))
    rows.append(("result", "PASS" if r["passed"] else "FAIL"))
    width = max(len(k) for k, _ in rows)
    print()
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    sys.exit(main())
