"""make bench: the hub under load at 2,000 and 100,000 ideas, on SQLite and PostgreSQL.

For each database and size it seeds a fresh database with ``seed-volume``,
serves the hub with gunicorn (2 workers, as ``make run``), signs in, and
drives each endpoint with wrk from a second process on loopback
(16 connections, ``BENCH_DURATION`` seconds). It reports requests per
second, p50/p99 latency and errors for each, as ratios to ``/healthz`` and to
a trivial Flask app under the same server in the same run, the workers'
memory before and after, and checks the targets. On PostgreSQL it also runs
two app servers sharing the database and Redis under load at once, then
recounts every idea's supporters from the rows. Results: ``bench/results.json``.

Settings (environment): BENCH_DURATION (s, default 10), BENCH_SIZES
(default "2000,100000"), BENCH_DATABASES (default "sqlite,postgresql"),
BENCH_PG (default postgresql://postgres@127.0.0.1:5432), BENCH_REDIS
(default redis://127.0.0.1:6379/0).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / ".work"
BIN = Path(sys.executable).parent
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "2000,100000").split(",") if s]
DATABASES = [d for d in os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",") if d]
PG = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/0")
CONNECTIONS, THREADS = 16, 2
PASSWORD = "volume-password-2026"
READS = ["healthz", "hello", "board", "idea_50_responses", "api_top", "api_trending", "api_search", "insights"]
WRITES = ["support_toggle", "post_response"]
# Limits stay on (their cost is part of a request) but high enough not to refuse a benchmark.
GENEROUS = {name: "1000000 per minute" for name in (
    "RATELIMIT_SIGN_IN", "RATELIMIT_SIGN_IN_ACCOUNT", "RATELIMIT_IDEAS", "RATELIMIT_RESPONSES", "RATELIMIT_SUPPORTS")}


def log(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hub_env(database_url: str, instance: Path, **extra) -> dict:
    env = dict(os.environ)
    env.update({"DATABASE_URL": database_url, "INSTANCE_PATH": str(instance),
                "SECRET_KEY": "bench-secret-key-0123456789abcdef", **GENEROUS})
    env.update({k: str(v) for k, v in extra.items()})
    return env


def flask(env: dict, *args: str) -> str:
    done = subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


@contextmanager
def gunicorn(app: str, env: dict, log_path: Path):
    port = free_port()
    with open(log_path, "w") as out:
        process = subprocess.Popen(
            [str(BIN / "gunicorn"), app, "--workers", "2", "--bind", f"127.0.0.1:{port}", "--timeout", "30",
             "--max-requests", "50000", "--max-requests-jitter", "5000"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    requests.get(base + ("/healthz" if app == "wsgi:app" else "/"), timeout=2)
                    break
                except requests.RequestException:
                    time.sleep(0.2)
            yield base, process.pid
        finally:
            process.terminate()
            process.wait(timeout=30)


def worker_rss_mb(master: int) -> float:
    children = subprocess.run(["ps", "--ppid", str(master), "-o", "rss="], capture_output=True, text=True).stdout
    return round(sum(int(x) for x in children.split()) / 1024, 1)


def wrk(url: str, headers: dict, script: Path | None = None, duration: int = DURATION) -> dict:
    cmd = ["wrk", "-t", str(THREADS), "-c", str(CONNECTIONS), "-d", f"{duration}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    try:
        return parse_wrk(out)
    except (AttributeError, ValueError):
        raise SystemExit(f"could not read wrk's output for {url}:\n{out}") from None


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)


def parse_wrk(out: str) -> dict:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    http_errors = int(non2xx.group(1)) if non2xx else 0
    # Connect/read/write/timeout errors: e.g. a connection cut when gunicorn recycles a worker
    # after --max-requests (as make run does); a failed request all the same.
    socket = dict(zip(("connect", "read", "write", "timeout"), map(int, socket_errors.groups()), strict=True)) if socket_errors else {}
    return {"rps": round(rps, 1), "p50_ms": p50, "p99_ms": p99, "requests": total,
            "errors": http_errors + sum(socket.values()), "http_errors": http_errors, "socket_errors": socket}


def sign_in(base: str, email: str) -> str:
    """The session cookie of a person signed in through the form."""
    with requests.Session() as http:
        page = http.get(base + "/login", timeout=10).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        reply = http.post(base + "/login", data={"csrf_token": token, "email": email, "password": PASSWORD},
                          allow_redirects=False, timeout=10)
        assert reply.status_code == 302, reply.text[:300]
        # Land where the sign-in leads, as a browser does: its welcome message is shown there and
        # leaves the session cookie (a cookie still holding it would make every board a personal one).
        http.get(base + reply.headers["Location"], timeout=30)
        return http.cookies.get("ideashub_session")


def api_token(base: str, email: str) -> str:
    reply = requests.post(base + "/api/v1/tokens", json={"email": email, "password": PASSWORD}, timeout=10)
    assert reply.status_code == 201, reply.text
    return reply.json()["token"]


def lua_writes(path: Path, kind: str, idea_ids: list[int]) -> Path:
    ids = ",".join(map(str, idea_ids))
    if kind == "support_toggle":
        body = f"""
local ids = {{{ids}}}
request = function()
  local id = ids[math.random(#ids)]
  local method = (math.random(2) == 1) and "PUT" or "DELETE"
  return wrk.format(method, "/api/v1/ideas/" .. id .. "/support")
end
"""
    else:
        body = f"""
local ids = {{{ids}}}
wrk.headers["Content-Type"] = "application/json"
request = function()
  local id = ids[math.random(#ids)]
  return wrk.format("POST", "/api/v1/ideas/" .. id .. "/responses", nil,
    '{{"kind": "build", "body": "Yes, and we could try it in the north locality first."}}')
end
"""
    path.write_text(body)
    return path


def people(env: dict) -> dict:
    """A member, an executive and ideas to aim at, read from the seeded database."""
    script = """
import json
from sqlalchemy import select, func
from wsgi import app
from ideashub.extensions import db
from ideashub.ideas.models import Idea, Stage
from ideashub.people.models import User
with app.app_context():
    member = db.session.execute(select(User.id, User.email).where(User.role == "member", User.email.like("volume%")).limit(1)).one()
    executive = db.session.scalar(select(User.email).where(User.role == "executive").limit(1))
    moderator = db.session.scalar(select(User.email).where(User.role == "moderator", User.email.like("volume%")).limit(1))
    # Ideas the member may support (never their own: the hub refuses that, rightly, with a 403).
    ids = db.session.scalars(select(Idea.id).where(Idea.stage == Stage.BEING_HEARD, Idea.author_id != member.id)
                             .order_by(Idea.id.desc()).limit(200)).all()
    print(json.dumps({"member": member.email, "executive": executive, "moderator": moderator, "ideas": list(ids)}))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def idea_with_50_responses(base: str, emails: list[str], idea_id: int) -> None:
    for i in range(50):
        token = api_token(base, emails[i % len(emails)])
        reply = requests.post(f"{base}/api/v1/ideas/{idea_id}/responses", timeout=10,
                              headers={"Authorization": f"Bearer {token}"},
                              json={"kind": "build", "body": f"Yes, and here is build number {i + 1} on it."})
        assert reply.status_code == 201, reply.text


def recount(env: dict) -> dict:
    script = """
import json
from wsgi import app
from ideashub.demo import volume
from ideashub.ideas import counters
from ideashub.ideas.services import hearing_settings
with app.app_context():
    print(json.dumps({"ideas": counters.mismatches(hearing_settings()), "rollups": volume.rollup_mismatches()}))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def database_for(kind: str, size: int) -> str:
    if kind == "sqlite":
        path = WORK / f"hub-{size}.db"
        for leftover in WORK.glob(f"hub-{size}.db*"):
            leftover.unlink()
        return f"sqlite:///{path}"
    name = f"bench_{size}"
    subprocess.run(["psql", PG + "/postgres", "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=True)
    subprocess.run(["psql", PG + "/postgres", "-qc", f'CREATE DATABASE "{name}"'], check=True)
    return f"{PG}/{name}"


def run_size(kind: str, size: int, hello_base: str) -> dict:
    url = database_for(kind, size)
    instance = WORK / f"instance-{kind}-{size}"
    instance.mkdir(parents=True, exist_ok=True)
    # PostgreSQL as in production: with Redis for limits and the caches (shared pages, figures).
    extra = {"RATELIMIT_STORAGE_URI": REDIS, "REDIS_URL": REDIS, "RATELIMIT_KEY_PREFIX": f"bench-{kind}-{size}-{time.time_ns()}"} \
        if kind == "postgresql" else {}
    env = hub_env(url, instance, **extra)
    flask(env, "db", "upgrade")
    started = time.monotonic()
    flask(env, "seed-volume", "--users", str(max(200, size // 20)), "--ideas", str(size),
          "--supports", str(size * 10), "--responses", str(size * 3), "--challenges", "3")
    seed_s = round(time.monotonic() - started, 1)
    log(f"  seeded {size:,} ideas ({size * 10:,} supports) in {seed_s} s")
    who = people(env)
    result: dict = {"database": kind, "ideas": size, "seed_seconds": seed_s, "endpoints": {}}
    with gunicorn("wsgi:app", env, instance / "gunicorn.log") as (base, master):
        cookie = {"Cookie": f"ideashub_session={sign_in(base, who['member'])}"}
        exec_cookie = {"Cookie": f"ideashub_session={sign_in(base, who['executive'])}"}
        bearer = {"Authorization": f"Bearer {api_token(base, who['member'])}"}
        target = who["ideas"][0]
        volunteers = [p for p in people_emails(env, 50)]
        idea_with_50_responses(base, volunteers, target)
        result["insights_computed_ms"] = insights_computed(base, exec_cookie)
        log("  insights, figures computed: " + ", ".join(f"{k} {v} ms" for k, v in result["insights_computed_ms"].items()))
        for path in ("/ideas/", f"/ideas/{target}", "/insights/", "/api/v1/ideas?sort=top"):  # warm up
            for _ in range(3):
                requests.get(base + path, headers={**(exec_cookie if "insights" in path else cookie), **bearer}, timeout=30)
        result["board_bytes"] = len(requests.get(base + "/ideas/", headers=cookie, timeout=30).content)
        rss_before = worker_rss_mb(master)
        plan = {
            "healthz": (base + "/healthz", {}, None),
            "hello": (hello_base + "/", {}, None),
            "board": (base + "/ideas/", cookie, None),
            "idea_50_responses": (f"{base}/ideas/{target}", cookie, None),
            "api_top": (base + "/api/v1/ideas?sort=top", bearer, None),
            "api_trending": (base + "/api/v1/ideas?sort=trending", bearer, None),
            "api_search": (base + "/api/v1/ideas?q=repair", bearer, None),
            "insights": (base + "/insights/", exec_cookie, None),
            "support_toggle": (base, bearer, lua_writes(instance / "support.lua", "support_toggle", who["ideas"])),
            "post_response": (base, bearer, lua_writes(instance / "respond.lua", "post_response", who["ideas"])),
        }
        for name, (address, headers, script) in plan.items():
            figures = wrk(address, headers, script)
            result["endpoints"][name] = figures
            log(f"  {name:18} {figures['rps']:8.1f} req/s  p50 {figures['p50_ms']:7.2f} ms  "
                f"p99 {figures['p99_ms']:7.2f} ms  errors {figures['errors']}")
        result["worker_rss_mb"] = {"before": rss_before, "after": worker_rss_mb(master)}
        result["staleness"] = staleness(base, cookie, who)
        log(f"  staleness under load: {result['staleness']['writes']} writes, {result['staleness']['boards']} boards "
            f"read after them, {result['staleness']['stale']} stale")
    server_log = (instance / "gunicorn.log").read_text()
    result["database_locked"] = server_log.count("database is locked")
    result["server_errors_logged"] = server_log.count("Unhandled error")
    result["recount"] = recount(env)
    if kind == "postgresql" and size == max(SIZES):
        result["two_servers"] = two_servers(env, instance, who)
    health = result["endpoints"]["healthz"]["rps"]
    hello = result["endpoints"]["hello"]["rps"]
    for figures in result["endpoints"].values():
        figures["vs_healthz"] = round(figures["rps"] / health, 3) if health else None
        figures["vs_hello"] = round(figures["rps"] / hello, 3) if hello else None
    return result


CARD = re.compile(r'<article class="card[^"]*"[^>]*data-idea-id="(\d+)".*?</article>', re.S)
COLUMN = re.compile(r'<section class="column column--(\w+)".*?</section>', re.S)
SUPPORTERS = re.compile(r'class="stat__n">([\d,]+)</span>')


def board_cards(html: str) -> dict[int, tuple[str, int]]:
    """Every card on a board page: its column and the supporters it shows."""
    cards = {}
    for column in COLUMN.finditer(html):
        for card in CARD.finditer(column.group(0)):
            shown = SUPPORTERS.search(card.group(0))
            cards[int(card.group(1))] = (column.group(1), int(shown.group(1).replace(",", "")) if shown else -1)
    return cards


def staleness(base: str, reader: dict, who: dict) -> dict:
    """While wrk reads the board, supports and moves go in; every board served after a write's
    response must show that write. Each write is followed by four boards read on fresh
    connections (so both workers answer), as another person."""
    load = subprocess.Popen(["wrk", "-t", "1", "-c", "8", "-d", f"{DURATION}s", "--latency", "-H", f"Cookie: {reader['Cookie']}",
                             base + "/ideas/"], stdout=subprocess.PIPE, text=True)
    supporter = {"Authorization": f"Bearer {api_token(base, who['member'])}"}
    moderator = {"Authorization": f"Bearer {api_token(base, who['moderator'])}"}
    looker = {"Cookie": f"ideashub_session={sign_in(base, who['executive'])}"}
    writes = boards = stale = 0
    examples = []

    def read_after(idea_id: int, shows: Callable[[tuple[str, int] | None], bool], wrote: str) -> None:
        """Four boards read after a write's answer: each must show it."""
        nonlocal boards, stale
        for _ in range(4):
            boards += 1
            seen = board_cards(requests.get(base + "/ideas/", headers=looker, timeout=10).text).get(idea_id)
            if not shows(seen):
                stale += 1
                examples.append({"idea": idea_id, "wrote": wrote, "saw": seen})

    deadline = time.monotonic() + DURATION - 2
    while time.monotonic() < deadline:
        cards = board_cards(requests.get(base + "/ideas/", headers=looker, timeout=10).text)
        hearing = [i for i, (stage, _n) in cards.items() if stage == "being_heard"]
        listed = [i for i, (stage, _n) in cards.items() if stage == "shortlisted"]
        for idea_id in hearing[:4]:
            method = requests.delete if requests.get(f"{base}/api/v1/ideas/{idea_id}", headers=supporter, timeout=10).json()["supported"] else requests.put
            answer = method(f"{base}/api/v1/ideas/{idea_id}/support", headers=supporter, timeout=10)
            if answer.status_code != 200:
                continue  # their own idea: refused, nothing written
            writes += 1
            expected = answer.json()["supporters"]  # the idea as the write left it
            read_after(idea_id, lambda seen, n=expected: seen is not None and seen[1] == n, f"{expected} supporters")
        for idea_id in listed[:1]:
            answer = requests.post(f"{base}/api/v1/ideas/{idea_id}/stage", headers=moderator, timeout=10,
                                   json={"stage": "in_project", "reason": "Staffed for the pilot."})
            if answer.status_code != 200:
                continue
            writes += 1
            # Off the first page of its new column is fine; still in its old one is stale.
            read_after(idea_id, lambda seen: seen is None or seen[0] == "in_project", "moved to in_project")
    reads = parse_wrk(load.communicate()[0])
    return {"writes": writes, "boards": boards, "stale": stale, "examples": examples[:5], "load": reads}


def insights_computed(base: str, headers: dict) -> dict:
    """How long the insights page takes when its figures are computed, not reused from the cache.

    Under wrk the page's figures come from the cache after the first request
    (INSIGHTS_CACHE_SECONDS); this is what the first person to open a view
    waits. Both workers first render the page for other scopes, so the times
    are the figures' queries and the page, not a cold worker.
    """
    for warm in ("period=90d", "period=90d&organisation=2", "organisation=3", "organisation=4"):
        requests.get(f"{base}/insights/?{warm}", headers=headers, timeout=60)
    out = {}
    for query in ("", "period=all", "period=30d", "organisation=1", "team=1", "challenge=1"):
        started = time.perf_counter()
        answer = requests.get(f"{base}/insights/?{query}", headers=headers, timeout=60)
        out[query or "default"] = round((time.perf_counter() - started) * 1000, 1) if answer.ok else None
    return out


def people_emails(env: dict, n: int) -> list[str]:
    script = f"""
import json
from sqlalchemy import select
from wsgi import app
from ideashub.extensions import db
from ideashub.people.models import User
with app.app_context():
    print(json.dumps(db.session.scalars(select(User.email).where(User.email.like("volume%")).limit({n})).all()))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def two_servers(env: dict, instance: Path, who: dict) -> dict:
    """Two app servers on one PostgreSQL and one Redis, loaded at once; then every count recounted."""
    env = {**env, "RATELIMIT_STORAGE_URI": REDIS}
    with gunicorn("wsgi:app", env, instance / "a.log") as (a, _), gunicorn("wsgi:app", env, instance / "b.log") as (b, _):
        scripts = []
        for n, base in enumerate((a, b)):
            emails = people_emails(env, 2)
            token = api_token(base, emails[n])
            scripts.append(subprocess.Popen(
                ["wrk", "-t", "1", "-c", "8", "-d", f"{DURATION}s", "--latency", "-H", f"Authorization: Bearer {token}",
                 "-s", str(lua_writes(instance / f"two-{n}.lua", "support_toggle", who["ideas"][:20])), base],
                stdout=subprocess.PIPE, text=True))
        figures = [parse_wrk(p.communicate()[0]) for p in scripts]
    counted = recount(env)
    exact = all(v == 0 for v in counted["ideas"].values()) and counted["rollups"] == 0
    log(f"  two servers: {figures[0]['rps'] + figures[1]['rps']:.1f} req/s together, "
        f"errors {figures[0]['errors'] + figures[1]['errors']}, counts exact afterwards: {exact}")
    return {"servers": figures, "recount": counted, "exact": exact}


def targets(results: list[dict]) -> list[tuple[str, bool, str]]:
    checks = []
    big = max(SIZES)
    for kind in DATABASES:
        rows = {r["ideas"]: r for r in results if r["database"] == kind}
        if big not in rows:
            continue
        e = rows[big]["endpoints"]
        for name in ("board", "api_top"):
            checks.append((f"{kind}: {name} ≥ 0.35 of /healthz at {big:,}", e[name]["vs_healthz"] >= 0.35,
                           f"{e[name]['vs_healthz']}"))
        if min(SIZES) in rows and min(SIZES) != big:
            small = rows[min(SIZES)]["endpoints"]["board"]["rps"]
            ratio = round(e["board"]["rps"] / small, 3)
            checks.append((f"{kind}: board at {big:,} ≥ 0.8 of board at {min(SIZES):,}", ratio >= 0.8, f"{ratio}"))
        for name in READS[2:]:
            if name != "insights":
                checks.append((f"{kind}: {name} p99 < 50 ms", e[name]["p99_ms"] < 50, f"{e[name]['p99_ms']} ms"))
        checks.append((f"{kind}: insights p99 < 300 ms", e["insights"]["p99_ms"] < 300, f"{e['insights']['p99_ms']} ms"))
        computed = rows[big]["insights_computed_ms"]
        slowest = max((v for v in computed.values() if v is not None), default=None)
        checks.append((f"{kind}: insights with its figures computed < 300 ms (every scope tried)",
                       slowest is not None and None not in computed.values() and slowest < 300, f"slowest {slowest} ms"))
        for name in WRITES:
            checks.append((f"{kind}: {name} without errors", e[name]["errors"] == 0, f"{e[name]['errors']} errors"))
        checks.append((f"{kind}: no 'database is locked'", rows[big]["database_locked"] == 0, str(rows[big]["database_locked"])))
        rss = rows[big]["worker_rss_mb"]
        checks.append((f"{kind}: worker memory steady (< +50%)", rss["after"] < rss["before"] * 1.5,
                       f"{rss['before']} → {rss['after']} MB"))
        recounted = rows[big]["recount"]
        checks.append((f"{kind}: the board's HTML under 50 KB (48 cards, full view)", rows[big]["board_bytes"] < 50_000,
                       f"{rows[big]['board_bytes']:,} bytes"))
        fresh = rows[big]["staleness"]
        checks.append((f"{kind}: every board served after a write shows it (under load)",
                       fresh["stale"] == 0 and fresh["writes"] > 0, f"{fresh['writes']} writes, {fresh['stale']} stale boards"))
        checks.append((f"{kind}: reads without errors", all(e[n]["errors"] == 0 for n in READS), "errors"))
        checks.append((f"{kind}: counts equal a recount after the load",
                       all(v == 0 for v in recounted["ideas"].values()) and recounted["rollups"] == 0, "recounted"))
        if "two_servers" in rows[big]:
            checks.append((f"{kind}: two servers sharing the database and Redis, counts exact",
                           rows[big]["two_servers"]["exact"], "recounted"))
    return checks


def print_table(results: list[dict]) -> None:
    log("\n| database | ideas | endpoint | req/s | p50 ms | p99 ms | errors | vs healthz | vs hello |")
    log("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        for name, f in r["endpoints"].items():
            log(f"| {r['database']} | {r['ideas']:,} | {name} | {f['rps']} | {f['p50_ms']} | {f['p99_ms']} | "
                f"{f['errors']} | {f['vs_healthz']} | {f['vs_hello']} |")


def main() -> int:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk (make bench does this)")
    WORK.mkdir(parents=True, exist_ok=True)
    results = []
    with gunicorn("bench.hello:app", dict(os.environ), WORK / "hello.log") as (hello_base, _):
        for kind in DATABASES:
            for size in SIZES:
                log(f"== {kind}, {size:,} ideas")
                results.append(run_size(kind, size, hello_base))
    print_table(results)
    checks = targets(results)
    log("\nTargets:")
    for label, ok, detail in checks:
        log(f"  {'PASS' if ok else 'MISS'}  {label}: {detail}")
    out = {"duration_s": DURATION, "connections": CONNECTIONS, "results": results,
           "targets": [{"target": t, "met": ok, "value": d} for t, ok, d in checks]}
    (ROOT / "bench" / "results.json").write_text(json.dumps(out, indent=2))
    log("Written to bench/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
