"""The matching engine measured on its evaluation set (tests/data/matching_eval.json).

``load`` writes the set into the current database (organisations, teams, people with their
skills and bios, the ideas, and the people's responses, offers and project work on past ideas);
``evaluate`` then asks the engine and reports, for similar ideas and for helpers, recall@5 (the
share of expected matches found in the top five) and the mean reciprocal rank (MRR: 1 for a
match ranked first, 1/2 second, ... 0 when not in the top five), and the share of false pairs
(ideas sharing words but proposing different things) scored above ``SIMILAR_THRESHOLD``.

The benchmark (bench/matching.py) and the suite (tests/services/test_matching_eval.py) both run it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ideashub.extensions import db
from ideashub.ideas.models import Idea, Response, ResponseKind
from ideashub.matching import engine
from ideashub.people.models import Organisation, OrganisationDomain, Team, User
from ideashub.projects.models import Project, ProjectIdea, ProjectMember

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "matching_eval.json"
TOP = 5
_NO_SIGN_IN = "!"  # matches no password: the set's people cannot sign in


def read(path: Path = DATA) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class Loaded:
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # (idea a, idea b)
    false_pairs: list[tuple[int, int]] = field(default_factory=list)
    cases: list[tuple[int, set[int]]] = field(default_factory=list)  # (idea, expected people)
    languages: list[str] = field(default_factory=list)  # of each duplicate pair


class _Writer:
    def __init__(self, now: datetime, tag: str):
        self.now = now
        self.tag = tag  # keeps the set's names apart from anything already in the database
        self.orgs: dict[str, Organisation] = {}
        self.teams: dict[tuple[str, str], Team] = {}
        self.authors: dict[tuple[str, str], User] = {}
        self.n = 0

    def org(self, name: str) -> Organisation:
        if name not in self.orgs:
            org = db.session.scalar(select(Organisation).where(Organisation.name == name))
            if org is None:
                org = Organisation(name=name, created_at=self.now)
                db.session.add(org)
                db.session.flush()
                db.session.add(OrganisationDomain(organisation_id=org.id, domain=f"eval{org.id}{self.tag}.example.org"))
            self.orgs[name] = org
        return self.orgs[name]

    def team(self, name: str, organisation: str) -> Team:
        key = (name, organisation)
        if key not in self.teams:
            org = self.org(organisation)
            team = db.session.scalar(select(Team).where(Team.organisation_id == org.id, Team.name == name))
            if team is None:
                team = Team(organisation_id=org.id, name=name, created_at=self.now)
                db.session.add(team)
                db.session.flush()
            self.teams[key] = team
        return self.teams[key]

    def user(self, name: str, team: Team, skills: str = "", bio: str = "") -> User:
        self.n += 1
        user = User(email=f"eval{self.n}.{self.tag}@example.org", name=name, team_id=team.id, role="member",
                    bio=bio, skills=skills, password_hash=_NO_SIGN_IN, created_at=self.now)
        db.session.add(user)
        db.session.flush()
        return user

    def author(self, team: str, organisation: str) -> User:
        key = (team, organisation)
        if key not in self.authors:
            self.authors[key] = self.user(f"Author in {team}", self.team(team, organisation))
        return self.authors[key]

    def idea(self, side: dict[str, Any]) -> Idea:
        author = self.author(side["team"], side["organisation"])
        idea = Idea(title=side["title"], problem=side["problem"], proposal=side.get("proposal", ""),
                    benefit="", author_id=author.id, team_id=author.team_id,
                    organisation_id=author.team.organisation_id, created_at=self.now, updated_at=self.now,
                    stage_changed_at=self.now)
        db.session.add(idea)
        db.session.flush()
        return idea


def load(data: dict[str, Any], now: datetime, tag: str = "m") -> Loaded:
    """Write the evaluation set into the database (flushed, not committed)."""
    w = _Writer(now, tag)
    loaded = Loaded()
    for pair in data["duplicates"]:
        loaded.duplicates.append((w.idea(pair["a"]).id, w.idea(pair["b"]).id))
        loaded.languages.append(pair["lang"])
    for pair in data["false_pairs"]:
        loaded.false_pairs.append((w.idea(pair["a"]).id, w.idea(pair["b"]).id))
    past = {p["key"]: w.idea(p) for p in data["past_ideas"]}
    people: dict[str, User] = {}
    for p in data["people"]:
        person = w.user(p["name"], w.team(p["team"], p["organisation"]), p["skills"], p["bio"])
        people[p["key"]] = person
        for work in p["work"]:
            idea = past[work["idea"]]
            if work["kind"] == "project":
                project = Project(name=work["project"], goal=idea.title, lead_id=person.id, created_by_id=person.id,
                                  created_at=now, updated_at=now)
                db.session.add(project)
                db.session.flush()
                db.session.add(ProjectIdea(project_id=project.id, idea_id=idea.id))
                db.session.add(ProjectMember(project_id=project.id, user_id=person.id, team_id=person.team_id,
                                             hours_per_week=4, joined_at=now))
            else:
                kind = ResponseKind.OFFER if work["kind"] == "offer" else ResponseKind.BUILD
                db.session.add(Response(idea_id=idea.id, author_id=person.id, team_id=person.team_id, kind=kind,
                                        body="I have done this before and can help.", created_at=now))
    for case in data["helper_cases"]:
        idea = w.idea(case)
        loaded.cases.append((idea.id, {people[k].id for k in case["expected"]}))
    db.session.flush()
    return loaded


def _rank(found: list[int], wanted: set[int]) -> int | None:
    for n, item in enumerate(found[:TOP], start=1):
        if item in wanted:
            return n
    return None


def _figures(ranks: list[int | None]) -> dict[str, float]:
    if not ranks:
        return {"recall_at_5": 0.0, "mrr": 0.0, "n": 0}
    return {"recall_at_5": round(sum(r is not None for r in ranks) / len(ranks), 3),
            "mrr": round(sum(1 / r for r in ranks if r) / len(ranks), 3), "n": len(ranks)}


def evaluate(loaded: Loaded) -> dict[str, Any]:
    """The figures, and each miss for reading."""
    ideas = {i.id: i for i in db.session.scalars(select(Idea).where(Idea.id.in_(
        [i for pair in loaded.duplicates + loaded.false_pairs for i in pair] + [c[0] for c in loaded.cases])))}
    ranks, welsh, misses = [], [], []
    for (a, b), lang in zip(loaded.duplicates, loaded.languages, strict=True):
        for query, target in ((a, b), (b, a)):
            found = [m.idea.id for m in engine.similar_ideas(ideas[query].title, ideas[query].problem,
                                                             limit=TOP, exclude=[query])]
            rank = _rank(found, {target})
            ranks.append(rank)
            if lang == "cy":
                welsh.append(rank)
            if rank is None:
                misses.append(f"{ideas[query].title} -/-> {ideas[target].title}")
    above, false_hits = 0, []
    for a, b in loaded.false_pairs:
        for query, target in ((a, b), (b, a)):
            found = engine.similar_ideas(ideas[query].title, ideas[query].problem, limit=50, exclude=[query])
            hit = next((m for m in found if m.idea.id == target), None)
            if hit is not None:
                above += 1
                false_hits.append(f"{ideas[query].title} ~ {ideas[target].title} ({hit.score}: {hit.reason})")
    helper_ranks, helper_recall, helper_misses = [], [], []
    for idea_id, expected in loaded.cases:
        found = [h.user.id for h in engine.helpers_for(ideas[idea_id], limit=TOP)]
        helper_ranks.append(_rank(found, expected))
        helper_recall.append(len(expected & set(found[:TOP])) / len(expected))
        if not expected <= set(found[:TOP]):
            helper_misses.append(ideas[idea_id].title)
    helpers = _figures(helper_ranks)
    helpers["recall_at_5"] = round(sum(helper_recall) / len(helper_recall), 3) if helper_recall else 0.0
    return {
        "similar": _figures(ranks),
        "similar_welsh": _figures(welsh),
        "false_pairs_above_threshold": round(above / (2 * len(loaded.false_pairs)), 3) if loaded.false_pairs else 0.0,
        "helpers": helpers,
        "threshold": engine.SIMILAR_THRESHOLD,
        "misses": misses,
        "false_hits": false_hits,
        "helper_misses": helper_misses,
    }
