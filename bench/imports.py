"""Moving in at size (part of ``make bench``): a 20,000-card, ~50 MB Trello export, imported.

A board in Trello's export shape is generated (lists, labels, 300 members, 20,000 cards with
descriptions, labels, votes in ``idMembersVoted`` and attachments; ``createCard``,
``commentCard`` and ``voteOnCard`` actions), written to ``bench/.work/imports/board.json``,
and imported into a fresh hub on SQLite and on PostgreSQL, timed from reading the file to
the commit, as ``flask import-trello`` does it. Then the same file is imported again (it
must add nothing) and timed too. Goal: under a minute for the first import.

Results: the terminal and ``bench/imports.json``. Settings: ``--cards`` (20,000),
``--databases`` (sqlite,postgresql).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from ideashub import create_app
from ideashub.core import clock
from ideashub.extensions import db

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / ".work" / "imports"
RESULTS = ROOT / "bench" / "imports.json"
PG = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
LISTS = ["Ideas", "Triage", "Next up", "Doing", "On hold", "Done", "Delivered", "Rejected"]
WORDS = ["residents", "repairs", "visit", "text", "calendar", "council", "housing", "tenants", "bins", "recycling", "library", "hub", "forms", "online", "booking", "team", "staff", "shared", "data", "report", "weekly", "cost", "saving", "pilot", "scheme", "school", "transport"]


def trello_id(moment: datetime, n: int) -> str:
    return f"{int(moment.timestamp()):08x}{n:016x}"


def sentence(rnd: random.Random, words: int) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(words)).capitalize() + "."


def board(cards: int, seed: int = 2026) -> dict:
    """A Trello board export of ``cards`` cards, shaped as Trello writes it."""
    rnd = random.Random(seed)
    start = datetime(2021, 1, 4, tzinfo=UTC)
    n = iter(range(1, 10**9))
    members = [{"id": trello_id(start, next(n)), "fullName": f"Member {i} {rnd.choice(WORDS).title()}",
                "username": f"member{i}", "initials": "M"} for i in range(300)]
    lists = [{"id": trello_id(start, next(n)), "name": name, "closed": False, "pos": 1024 * i} for i, name in enumerate(LISTS)]
    labels = [{"id": trello_id(start, next(n)), "name": f"{rnd.choice(WORDS)}-{i}", "color": "green"} for i in range(20)]
    doc = {"id": trello_id(start, next(n)), "name": "Ideas board at size", "desc": "", "closed": False,
           "memberships": [{"id": trello_id(start, next(n)), "idMember": members[0]["id"], "memberType": "admin"}],
           "labels": labels, "members": members, "lists": lists, "cards": [], "actions": []}
    for i in range(cards):
        made = start + timedelta(minutes=37 * i)
        author = rnd.choice(members)
        card = {
            "id": trello_id(made, next(n)), "name": f"{sentence(rnd, 6)[:-1]} {i}", "closed": rnd.random() < 0.05,
            "desc": "\n\n".join(sentence(rnd, 25) for _ in range(2)), "idList": rnd.choice(lists)["id"],
            "idLabels": [lab["id"] for lab in rnd.sample(labels, rnd.randrange(0, 3))],
            "idMembers": [author["id"]], "idMembersVoted": [m["id"] for m in rnd.sample(members, rnd.randrange(0, 6))],
            "dateLastActivity": (made + timedelta(days=rnd.randrange(0, 60))).isoformat().replace("+00:00", "Z"),
            "url": f"https://trello.com/c/card{i}", "attachments": [
                {"id": trello_id(made, next(n)), "name": "Notes", "url": f"https://example.org/notes/{i}.pdf"}],
            "badges": {"votes": 0, "comments": 0}, "pos": 1024 * i, "shortUrl": f"https://trello.com/c/card{i}",
        }
        doc["cards"].append(card)
        brief = {"id": card["id"], "name": card["name"]}
        doc["actions"].append({"id": trello_id(made, next(n)), "type": "createCard", "date": made.isoformat().replace("+00:00", "Z"),
                               "idMemberCreator": author["id"], "data": {"card": brief}})
        for k in range(rnd.randrange(0, 4)):
            at = made + timedelta(hours=k + 1)
            writer = rnd.choice(members)
            doc["actions"].append({"id": trello_id(at, next(n)), "type": "commentCard", "date": at.isoformat().replace("+00:00", "Z"),
                                   "idMemberCreator": writer["id"], "data": {"card": brief, "text": sentence(rnd, 20)},
                                   "memberCreator": {"id": writer["id"], "fullName": writer["fullName"]}})
        for voter in card["idMembersVoted"]:
            at = made + timedelta(hours=2)
            doc["actions"].append({"id": trello_id(at, next(n)), "type": "voteOnCard", "date": at.isoformat().replace("+00:00", "Z"),
                                   "idMemberCreator": voter, "data": {"card": brief, "voted": True}})
    return doc


def database(kind: str) -> str:
    WORK.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite":
        for leftover in WORK.glob("hub.db*"):
            leftover.unlink()
        return f"sqlite:///{WORK / 'hub.db'}"
    subprocess.run(["psql", PG + "/postgres", "-qc", 'DROP DATABASE IF EXISTS "bench_imports" WITH (FORCE)'], check=True)
    subprocess.run(["psql", PG + "/postgres", "-qc", 'CREATE DATABASE "bench_imports"'], check=True)
    return f"{PG.replace('postgresql://', 'postgresql+psycopg://', 1)}/bench_imports"


def run(kind: str, path: Path) -> dict:
    from flask_migrate import upgrade

    from ideashub.ideas.models import Idea, Response, Support
    from ideashub.imports import rules, services
    from ideashub.people.models import Organisation, OrganisationDomain, Team, User

    os.environ.setdefault("SECRET_KEY", "bench-secret-key-0123456789abcdef")
    (WORK / f"instance-{kind}").mkdir(parents=True, exist_ok=True)
    os.environ["INSTANCE_PATH"] = str(WORK / f"instance-{kind}")
    app = create_app({"SQLALCHEMY_DATABASE_URI": database(kind), "DELIVERY_MODE": "inline"})
    result: dict = {"database": kind}
    with app.app_context():
        upgrade()
        now = clock.now()
        org = Organisation(name="Northmoor Borough Council", created_at=now)
        db.session.add(org)
        db.session.flush()
        db.session.add(OrganisationDomain(organisation_id=org.id, domain="northmoor.gov.uk"))
        db.session.add(Team(organisation_id=org.id, name="Digital", created_at=now))
        db.session.commit()
        for attempt in ("first", "again"):
            started = time.monotonic()
            parsed = rules.parse_board(rules.read_json(path.read_bytes()))
            read_s = time.monotonic() - started
            organisation = db.session.scalar(select(Organisation))
            options = services.TrelloOptions(organisation, services.find_team(organisation, "Digital"),
                                             services.default_stages(parsed), "park")
            report = services.import_trello(None, parsed, options, clock.now())
            db.session.commit()
            seconds = time.monotonic() - started
            result[attempt] = {"seconds": round(seconds, 1), "read_seconds": round(read_s, 1),
                               "added": dict(report.added), "already": dict(report.already)}
            print(f"  {kind} {attempt}: {seconds:.1f} s (reading {read_s:.1f} s); added {dict(report.added)}", flush=True)
        result["rows"] = {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in (Idea, Response, Support, User)}
        db.session.remove()
        db.engine.dispose()
    result["under_a_minute"] = result["first"]["seconds"] < 60
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / "board.json"
    path.write_text(json.dumps(board(args.cards)))
    size_mb = path.stat().st_size / 1024 / 1024
    print(f"Trello export: {args.cards:,} cards, {size_mb:.1f} MB ({path})", flush=True)
    results = {"cards": args.cards, "file_mb": round(size_mb, 1), "runs": [run(kind, path) for kind in args.databases.split(",") if kind]}
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Written to {RESULTS}", flush=True)


if __name__ == "__main__":
    main()
