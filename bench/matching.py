"""make bench (matching): how well and how fast the hub finds similar ideas and people who could help.

For each database (SQLite, PostgreSQL), in this process:

1. Quality: a fresh database with some background (``seed-volume``'s generator: 2,000 ideas by
   300 people, with responses and projects), then the evaluation set
   (tests/data/matching_eval.json); recall@5 and mean reciprocal rank for similar ideas and for
   helpers, and the share of false pairs scored above ``SIMILAR_THRESHOLD``.
2. Speed: a fresh database with 100,000 ideas and 10,000 people (the same generator, each
   person then given skills and a bio), plus the evaluation set; ``similar_ideas`` for typed
   titles (each evaluation idea's title alone, then title and problem), ``similar_to_idea``, and
   ``helpers_for`` on evaluation and volume ideas: p50 and p95 in ms, each call timed alone
   after a warm-up pass.

Writes bench/matching.json and prints a table. Settings (environment): BENCH_DATABASES (default
"sqlite,postgresql"), BENCH_PG (default postgresql://postgres@127.0.0.1:5432),
BENCH_MATCHING_IDEAS (default 100000), BENCH_MATCHING_PEOPLE (default 10000), BENCH_MATCHING_REUSE
(1: time again on the 100,000-idea databases the last run seeded).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select, update  # noqa: E402

from ideashub import create_app  # noqa: E402
from ideashub.demo import volume  # noqa: E402
from ideashub.extensions import db  # noqa: E402
from ideashub.ideas.models import Idea  # noqa: E402
from ideashub.matching import engine, evaluation  # noqa: E402
from ideashub.people.models import User  # noqa: E402

WORK = ROOT / "bench" / ".work"
DATABASES = [d for d in os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",") if d]
PG = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
IDEAS = int(os.environ.get("BENCH_MATCHING_IDEAS", "100000"))
# BENCH_MATCHING_REUSE=1: measure again on the databases a previous run seeded (speed only).
REUSE = os.environ.get("BENCH_MATCHING_REUSE") == "1"
PEOPLE = int(os.environ.get("BENCH_MATCHING_PEOPLE", "10000"))
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TARGETS = {"similar_typed_title_p95_ms": 30.0, "helpers_p95_ms": 50.0}

SKILLS = ["procurement", "contract management", "data analysis", "dashboards", "route planning", "GIS",
          "recycling", "waste contracts", "hospital discharge", "care packages", "patient flow", "rostering",
          "digital inclusion", "web development", "online forms", "payments", "damp and mould", "surveying",
          "energy management", "solar PV", "electric vehicles", "accounts payable", "telephony", "web chat",
          "Welsh translation", "winter maintenance", "telecare", "occupational therapy", "vaccination",
          "clinic booking", "volunteer recruitment", "community transport", "biodiversity", "tree planting",
          "single sign-on", "medicines management", "council tax", "benefits advice", "social work recruitment",
          "planning applications", "food poverty", "parking permits", "facilities management", "child health",
          "induction", "chatbots", "tenancy sustainment", "project management", "service design", "user research"]
BIOS = ["I have worked in {a} for {n} years and lead on {b}.", "Team lead for {a}; interested in {b}.",
        "I run {a} across the partnership and helped set up {b}.", "Specialist in {a}, often asked about {b}."]


def log(message: str) -> None:
    print(message, flush=True)


def database(kind: str, name: str, reuse: bool = False) -> str:
    WORK.mkdir(parents=True, exist_ok=True)
    if reuse:
        return f"sqlite:///{WORK / (name + '.db')}" if kind == "sqlite" else \
            f"{PG.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
    if kind == "sqlite":
        for leftover in WORK.glob(f"{name}.db*"):
            leftover.unlink()
        return f"sqlite:///{WORK / (name + '.db')}"
    subprocess.run(["psql", PG + "/postgres", "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=True)
    subprocess.run(["psql", PG + "/postgres", "-qc", f'CREATE DATABASE "{name}"'], check=True)
    return f"{PG.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"


def hub(url: str):
    os.environ.setdefault("SECRET_KEY", "bench-secret-key-0123456789abcdef")
    (WORK / "instance-matching").mkdir(parents=True, exist_ok=True)
    os.environ["INSTANCE_PATH"] = str(WORK / "instance-matching")
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "DELIVERY_MODE": "inline"})


def migrate(app) -> None:
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()


def seed(users: int, ideas: int) -> None:
    started = time.monotonic()
    volume.seed(users, ideas, supports=ideas * 2, responses=ideas * 3, challenges=0, now=NOW, password_hash="!",
                progress=lambda m: log(f"    {m} ({time.monotonic() - started:.0f} s)"))
    db.session.commit()
    rnd = random.Random(16)
    ids = list(db.session.scalars(select(User.id)))
    rows = []
    for user_id in ids:
        picked = rnd.sample(SKILLS, rnd.randint(1, 4))
        rows.append({"id": user_id, "skills": ", ".join(picked),
                     "bio": rnd.choice(BIOS).format(a=picked[0], b=rnd.choice(SKILLS), n=rnd.randint(2, 20))})
    for start in range(0, len(rows), 2000):
        db.session.execute(update(User), rows[start:start + 2000])
    db.session.commit()
    volume.vacuum()
    log(f"    seeded {ideas:,} ideas and {users:,} people in {time.monotonic() - started:.0f} s")


def quality(kind: str) -> dict:
    app = hub(database(kind, "bench_matching_quality"))
    migrate(app)
    with app.app_context():
        seed(300, 2000)
        loaded = evaluation.load(evaluation.read(), NOW)
        db.session.commit()
        figures = evaluation.evaluate(loaded)
        db.session.remove()
        db.engine.dispose()
    return figures


def _timed(calls) -> dict:
    times = []
    for call in calls:
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"n": len(times), "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 2), "max_ms": round(times[-1], 2)}


def speed(kind: str) -> dict:
    app = hub(database(kind, "bench_matching_speed", reuse=REUSE))
    migrate(app)
    with app.app_context():
        if not REUSE:
            seed(PEOPLE, IDEAS)
        # The evaluation set on top, in a transaction rolled back at the end (so a run can reuse the data).
        loaded = evaluation.load(evaluation.read(), NOW, tag=f"s{time.time_ns()}")
        pairs = [i for pair in loaded.duplicates for i in pair]
        texts = {i.id: (i.title, i.problem) for i in db.session.scalars(select(Idea).where(Idea.id.in_(pairs)))}
        rnd = random.Random(7)
        volume_ids = rnd.sample(list(db.session.scalars(select(Idea.id).where(Idea.id.not_in(pairs)))), 100)
        helper_ids = [c[0] for c in loaded.cases] + volume_ids[:68]
        titles = [texts[i][0] for i in pairs]
        volume_titles = list(db.session.scalars(select(Idea.title).where(Idea.id.in_(volume_ids))))

        for title in titles[:20]:  # warm up caches and the database's pages
            engine.similar_ideas(title)
        result = {
            "similar_typed_title": _timed([lambda t=t: engine.similar_ideas(t) for t in titles + volume_titles]),
            "similar_typed_title_and_problem": _timed(
                [lambda t=t: engine.similar_ideas(*texts[t]) for t in pairs]),
            "similar_to_idea": _timed([lambda i=i: engine.similar_to_idea(db.session.get(Idea, i))
                                       for i in pairs[:100] + volume_ids]),
            "helpers_for": _timed([lambda i=i: engine.helpers_for(db.session.get(Idea, i)) for i in helper_ids]),
        }
        db.session.rollback()
        db.session.remove()
        db.engine.dispose()
    return result


def main() -> int:
    results = {"ideas": IDEAS, "people": PEOPLE, "threshold": engine.SIMILAR_THRESHOLD, "databases": {}}
    for kind in DATABASES:
        log(f"{kind}: quality on the evaluation set (with 2,000 background ideas)")
        figures = quality(kind)
        log(f"{kind}: speed at {IDEAS:,} ideas and {PEOPLE:,} people")
        timings = speed(kind)
        results["databases"][kind] = {"quality": figures, "speed": timings}
    checks = []
    for kind, found in results["databases"].items():
        checks.append((f"{kind}: similar ideas for a typed title p95 <= 30 ms",
                       found["speed"]["similar_typed_title"]["p95_ms"] <= TARGETS["similar_typed_title_p95_ms"]))
        checks.append((f"{kind}: helpers for an idea p95 <= 50 ms",
                       found["speed"]["helpers_for"]["p95_ms"] <= TARGETS["helpers_p95_ms"]))
    results["targets"] = [{"target": name, "met": met} for name, met in checks]
    out = ROOT / "bench" / "matching.json"
    if out.exists():  # a run on one database keeps the other's last figures
        earlier = json.loads(out.read_text())
        for kind, found in earlier.get("databases", {}).items():
            if kind not in results["databases"]:
                results["databases"][kind] = found
                results["targets"] += [t for t in earlier.get("targets", []) if t["target"].startswith(kind + ":")]
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print_table(results)
    return 0 if all(met for _, met in checks) else 1


def print_table(results: dict) -> None:
    print(f"\nMatching at {results['ideas']:,} ideas and {results['people']:,} people "
          f"(threshold {results['threshold']})")
    print(f"{'':12} {'similar R@5':>11} {'MRR':>6} {'Welsh R@5':>9} {'false>th':>8} {'helpers R@5':>11} {'MRR':>6}")
    for kind, found in results["databases"].items():
        q = found["quality"]
        print(f"{kind:12} {q['similar']['recall_at_5']:>11} {q['similar']['mrr']:>6} "
              f"{q['similar_welsh']['recall_at_5']:>9} {q['false_pairs_above_threshold']:>8} "
              f"{q['helpers']['recall_at_5']:>11} {q['helpers']['mrr']:>6}")
    print(f"\n{'':12} {'call':32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, found in results["databases"].items():
        for name, t in found["speed"].items():
            print(f"{kind:12} {name:32} {t['p50_ms']:>8} {t['p95_ms']:>8} {t['max_ms']:>8}")
    print()
    for check in results["targets"]:
        print(("met     " if check["met"] else "MISSED  ") + check["target"])


if __name__ == "__main__":
    raise SystemExit(main())
