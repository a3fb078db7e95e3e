"""Volume data for benchmarks: many organisations' worth of people, ideas, supports and responses.

``seed`` writes with bulk inserts (executemany in chunks), never one ORM
object at a time. Every stored count of an idea (supporters, teams,
responders, ``first_response_at``, ``heard_at`` under the current hearing
settings, the per-team support and responders tables) is then derived from
the rows by ``ideas.counters.derive_all``, the module that keeps those
counts for the services too; the trend is summed as the rows are made, and
the insights roll-ups (``team_flows``, ``giver_months``) are filled by one
aggregate query each. The result is what the services would have produced.
Ideas are spread over every stage and three years; parked and declined ones
were heard first and carry their reasons, and ideas in a project or
delivered belong to projects.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select, text

from ideashub.challenges.models import Challenge, ChallengeEntry
from ideashub.extensions import db
from ideashub.ideas import counters
from ideashub.ideas import rules as idea_rules
from ideashub.ideas.models import (
    Idea,
    IdeaTag,
    Response,
    Stage,
    Support,
    Tag,
)
from ideashub.ideas.services import hearing_settings
from ideashub.people.models import Organisation, OrganisationDomain, Role, Team, User
from ideashub.projects.models import Project, ProjectIdea, ProjectMember

CHUNK = 2_000  # ideas generated and written per round
ROWS = 20_000  # rows per executemany

ORGANISATIONS = [
    ("Northmoor Borough Council", "northmoor.gov.uk"),
    ("Northmoor Health Board", "northmoor-health.nhs.uk"),
    ("Valley Housing Association", "valleyhousing.org.uk"),
    ("County Fire and Rescue", "countyfire.gov.uk"),
    ("Northmoor Community Trust", "northmoortrust.org.uk"),
]
TEAMS = [
    "Housing Repairs", "Adult Social Care", "Children's Services", "Waste and Recycling", "Digital",
    "Customer Contact", "Finance", "Planning", "Highways", "Libraries", "Public Health", "District Nursing",
    "Tenancy Support", "Community Safety", "Parks", "Benefits", "Procurement", "People and HR",
]
VERBS = ["Share", "Book", "Pilot", "Simplify", "Join up", "Publish", "Automate", "Train staff for", "Map",
         "Text residents about", "Open up", "Co-locate", "Measure", "Cut the paperwork for", "Bring forward"]
THINGS = ["repair appointments", "hospital discharge plans", "bin collection changes", "school transport",
          "blue badge renewals", "food bank referrals", "damp and mould reports", "council tax reminders",
          "home adaptations", "carers' assessments", "street lighting faults", "library events",
          "tenancy start visits", "fire safety checks", "fuel poverty advice", "volunteer drivers"]
WAYS = ["with one shared calendar", "across the partnership", "on a single form", "by text message",
        "in community hubs", "for older residents", "in Welsh and English", "through the app",
        "with the health board", "at the first visit", "before winter", "with local charities"]
TAGS = ["housing", "health", "digital", "climate", "customer", "waste", "care", "safety", "money", "data",
        "transport", "community"]
KINDS = ["build", "build", "build", "question", "concern", "offer"]
STAGE_MIX = [(Stage.BEING_HEARD, 40), (Stage.SHORTLISTED, 10), (Stage.IN_PROJECT, 10), (Stage.DELIVERED, 8),
             (Stage.PARKED, 16), (Stage.NOT_TAKEN_FORWARD, 16)]


@dataclass
class Counts:
    organisations: int = 0
    teams: int = 0
    users: int = 0
    ideas: int = 0
    supports: int = 0
    responses: int = 0
    projects: int = 0
    challenges: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _write(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), ROWS):
        db.session.execute(insert(model.__table__), rows[start:start + ROWS])


def _next_id(model) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def _skewed(rnd: random.Random, mean: float) -> int:
    """A count with a long tail: most ideas get a few, some get many."""
    return int(rnd.expovariate(1 / mean)) if mean > 0 else 0


def _people(rnd, n_users: int, now: datetime, password_hash: str, counts: Counts):
    org_ids, team_rows = [], []
    for name, domain in ORGANISATIONS:
        existing = db.session.scalar(select(Organisation.id).where(Organisation.name == name))
        if existing is None:
            existing = db.session.execute(insert(Organisation).values(name=name, created_at=now)
                                          .returning(Organisation.id)).scalar_one()
            db.session.execute(insert(OrganisationDomain).values(organisation_id=existing, domain=domain))
            counts.organisations += 1
        org_ids.append((existing, domain))
    teams = []  # (team id, organisation id, domain)
    for org_id, domain in org_ids:
        for team in rnd.sample(TEAMS, 8):
            team_id = db.session.scalar(select(Team.id).where(Team.organisation_id == org_id, Team.name == team))
            if team_id is None:
                team_id = db.session.execute(insert(Team).values(organisation_id=org_id, name=team, created_at=now)
                                             .returning(Team.id)).scalar_one()
                counts.teams += 1
            teams.append((team_id, org_id, domain))
    first = _next_id(User)
    users = []  # (user id, team id, organisation id)
    for i in range(n_users):
        team_id, org_id, domain = teams[i % len(teams)]
        uid = first + i
        role = Role.MODERATOR if i % 50 == 0 else Role.EXECUTIVE if i % 97 == 0 else Role.MEMBER
        team_rows.append({"id": uid, "email": f"volume{uid}@{domain}", "name": f"Volume Person {uid}",
                          "team_id": team_id, "role": role, "bio": "", "skills": "", "password_hash": password_hash,
                          "active": True, "created_at": now - timedelta(days=1200), "session_version": 1})
        users.append((uid, team_id, org_id))
    _write(User, team_rows)
    counts.users += n_users
    return teams, users


def _tags() -> dict[str, int]:
    ids = dict(db.session.execute(select(Tag.name, Tag.id)).all())
    missing = [t for t in TAGS if t not in ids]
    if missing:
        _write(Tag, [{"name": t} for t in missing])
        ids = dict(db.session.execute(select(Tag.name, Tag.id)).all())
    return ids


def seed(users: int, ideas: int, supports: int, responses: int, challenges: int, now: datetime,
         password_hash: str, seed_value: int = 2026, progress: Callable[[str], None] | None = None) -> Counts:
    """Add ``ideas`` ideas (with about ``supports`` supports and ``responses`` responses) by ``users`` new people."""
    rnd = random.Random(seed_value)
    counts = Counts()
    settings = hearing_settings()
    say = progress or (lambda _message: None)
    _, people = _people(rnd, users, now, password_hash, counts)
    tag_ids = _tags()
    moderators = [p for i, p in enumerate(people) if i % 50 == 0]
    span_days = 3 * 365
    support_mean = supports / max(ideas, 1)
    response_mean = responses / max(ideas, 1)
    stages = [s for s, weight in STAGE_MIX for _ in range(weight)]
    idea_id, response_id = _next_id(Idea), _next_id(Response)
    project_id = _next_id(Project)
    first_idea = idea_id
    project_queue: list[tuple[int, datetime, int, str]] = []  # ideas waiting to be grouped into projects

    for start in range(0, ideas, CHUNK):
        idea_rows, support_rows, response_rows, tag_rows = [], [], [], []
        project_rows, link_rows, member_rows = [], [], []
        for _ in range(min(CHUNK, ideas - start)):
            author, team_id, org_id = rnd.choice(people)
            created = now - timedelta(days=rnd.random() ** 1.6 * span_days, seconds=rnd.randrange(86400))
            stage = rnd.choice(stages)
            trend = idea_rules.trend_term(created, "post")
            # Supports: distinct people, after the idea was posted.
            n_support = min(_skewed(rnd, support_mean), len(people) - 1)
            supporters = rnd.sample(people, n_support + 1)
            for user_id, s_team, _org in [p for p in supporters if p[0] != author][:n_support]:
                at = created + timedelta(seconds=rnd.randrange(1, max(2, int((now - created).total_seconds()))))
                support_rows.append({"idea_id": idea_id, "user_id": user_id, "team_id": s_team, "created_at": at})
                trend = idea_rules.trend_add(trend, idea_rules.trend_term(at, "support"))
            # Responses: parked and declined ideas were heard first.
            n_resp = _skewed(rnd, response_mean)
            if stage in (Stage.PARKED, Stage.NOT_TAKEN_FORWARD):
                n_resp = max(n_resp, settings.min_responses + 1)
            times = sorted(created + timedelta(seconds=rnd.randrange(60, max(61, int((now - created).total_seconds()))))
                           for _ in range(n_resp))
            heard_fix = stage in (Stage.PARKED, Stage.NOT_TAKEN_FORWARD)
            for k, at in enumerate(times):
                who, r_team, _org = rnd.choice(people)
                while heard_fix and who == author:
                    who, r_team, _org = rnd.choice(people)
                if heard_fix and k == 0:  # someone from another team answers first
                    who, r_team, _org = next(p for p in people if p[1] != team_id and p[0] != author)
                kind = rnd.choice(KINDS)
                response_rows.append({
                    "id": response_id, "idea_id": idea_id, "author_id": who, "team_id": r_team, "parent_id": None,
                    "kind": kind, "body": f"Yes, and {rnd.choice(THINGS)} could work {rnd.choice(WAYS)}.",
                    "suggestion": "Try it in one area for a month first." if kind == "concern" else None,
                    "hours": float(rnd.choice([2, 4, 8])) if kind == "offer" else None, "created_at": at,
                    "hidden_at": None, "hidden_by_id": None, "hidden_reason": None})
                response_id += 1
                trend = idea_rules.trend_add(trend, idea_rules.trend_term(at, "response"))
            decided = None
            if stage != Stage.BEING_HEARD:  # decided once heard: after its days and its responses
                earliest = max(created + timedelta(days=settings.days), times[-1] if times else created)
                decided = min(now, earliest + timedelta(days=rnd.randrange(1, 30)))
            row = {
                "id": idea_id, "title": f"{rnd.choice(VERBS)} {rnd.choice(THINGS)} {rnd.choice(WAYS)}"[:150],
                "problem": f"Residents and staff lose time over {rnd.choice(THINGS)}; teams repeat the same work.",
                "proposal": f"{rnd.choice(VERBS)} {rnd.choice(THINGS)} {rnd.choice(WAYS)}, starting with one team.",
                "benefit": f"About {rnd.randrange(20, 400)} hours a month saved.", "stage": stage,
                "author_id": author, "team_id": team_id, "organisation_id": org_id,
                "created_at": created, "updated_at": created, "stage_changed_at": decided or created,
                # The stored counts are derived from the rows at the end (ideas.counters.derive_all).
                "supporters_count": 0, "supporting_teams_count": 0, "cross_team_supporters_count": 0,
                "responses_count": 0, "responders_count": 0, "other_team_responders_count": 0,
                "first_response_at": None, "heard_at": None, "trend": trend,
                "withdrawn_at": None, "hidden_at": None, "hidden_by_id": None, "hidden_reason": None,
                "merged_into_id": None, "decision_reason": None, "revisit_on": None, "decided_at": None,
                "decided_by_id": None, "version": 1,
            }
            if stage in (Stage.PARKED, Stage.NOT_TAKEN_FORWARD):
                row.update(decided_at=decided, decided_by_id=rnd.choice(moderators)[0],
                           decision_reason="Heard and discussed at the triage meeting; the budget for this year "
                                           "is committed, so we will look at it again with next year's plans.")
                if stage == Stage.PARKED:
                    row["revisit_on"] = (decided + timedelta(days=rnd.randrange(30, 200))).date()
            idea_rows.append(row)
            for tag in rnd.sample(TAGS, rnd.randrange(0, 3)):
                tag_rows.append({"idea_id": idea_id, "tag_id": tag_ids[tag]})
            if stage in (Stage.IN_PROJECT, Stage.DELIVERED):
                project_queue.append((idea_id, decided, author, stage))
            idea_id += 1
        # Projects: up to three ideas each, led by an author, with members from two teams.
        while len(project_queue) >= 3 or (project_queue and start + CHUNK >= ideas):
            group, project_queue = project_queue[:3], project_queue[3:]
            started = min(d for _i, d, _a, _s in group)
            delivered = all(s == Stage.DELIVERED for _i, _d, _a, s in group)
            lead = group[0][2]
            project_rows.append({"id": project_id, "name": f"Project {project_id}: {rnd.choice(THINGS)}"[:150],
                                 "goal": f"{rnd.choice(VERBS)} {rnd.choice(THINGS)} {rnd.choice(WAYS)}.",
                                 "status": "delivered" if delivered else "active", "lead_id": lead,
                                 "created_by_id": moderators[0][0], "created_at": started, "updated_at": started,
                                 "challenge_id": None})
            link_rows.extend({"project_id": project_id, "idea_id": i} for i, _d, _a, _s in group)
            for user_id, m_team, _org in rnd.sample(people, 2):
                member_rows.append({"project_id": project_id, "user_id": user_id, "team_id": m_team,
                                    "hours_per_week": float(rnd.choice([1, 2, 4])), "joined_at": started})
            project_id += 1
        _write(Idea, idea_rows)
        _write(IdeaTag, tag_rows)
        _write(Support, support_rows)
        _write(Response, response_rows)
        _write(Project, project_rows)
        _write(ProjectIdea, link_rows)
        _write(ProjectMember, member_rows)
        counts.ideas += len(idea_rows)
        counts.supports += len(support_rows)
        counts.responses += len(response_rows)
        counts.projects += len(project_rows)
        say(f"{counts.ideas:,} ideas, {counts.supports:,} supports, {counts.responses:,} responses")

    _challenges(rnd, challenges, first_idea, idea_id, moderators, people, now, counts)
    say("deriving every idea's counts from its rows")
    counters.derive_all(settings)
    _rollups(first_idea)
    _fix_sequences()
    # Fresh statistics, so the query planners pick the indexes a hub this size needs.
    db.session.execute(text("ANALYZE"))
    return counts


def vacuum() -> None:
    """After a bulk load (outside any transaction): compact the ideas and refresh statistics.

    The counts are derived after the rows are written (``counters.derive_all``), which
    updates every idea once more: without compacting, the table and its indexes would
    stay half dead rows, and every read slower than on a hub that grew by use. On
    PostgreSQL a table is also not answerable from its indexes alone until vacuumed
    (its visibility map is empty): at 100,000 ideas the board's column counts took
    13-14 ms before and about 1.5 ms after.
    """
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM FULL ideas"))
            connection.execute(text("VACUUM ANALYZE"))
        return
    # SQLite: on the driver's own connection, which runs in autocommit mode (see core.db), as
    # VACUUM refuses to run inside the transaction SQLAlchemy would begin.
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("VACUUM")
        cursor.execute("ANALYZE")
        cursor.close()
    finally:
        raw.close()


def _challenges(rnd, n: int, first_idea: int, end_idea: int, moderators, people, now, counts: Counts) -> None:
    """Finished sprints of the past, each with ten of the new ideas entered."""
    if not n:
        return
    entered = rnd.sample(range(first_idea, end_idea), min(end_idea - first_idea, n * 10))
    for c in range(n):
        starts = (now - timedelta(days=30 + 14 * c)).date()
        starts -= timedelta(days=starts.weekday())  # a Monday
        challenge_id = db.session.execute(insert(Challenge).values(
            title=f"Sprint {c + 1}: {rnd.choice(THINGS)}"[:150],
            question=f"How might we {rnd.choice(VERBS).lower()} {rnd.choice(THINGS)} {rnd.choice(WAYS)}?"[:300],
            background="", sponsor_id=rnd.choice(people)[0], facilitator_id=rnd.choice(moderators)[0],
            starts_on=starts, timezone="Europe/London", holidays="", votes_per_person=3,
            created_by_id=moderators[0][0], created_at=now - timedelta(days=40 + 14 * c),
        ).returning(Challenge.id)).scalar_one()
        rows = [{"challenge_id": challenge_id, "idea_id": i, "added_by_id": moderators[0][0],
                 "added_at": datetime.combine(starts, datetime.min.time(), UTC), "brought_in": True,
                 "votes_count": 0, "writeup": ""} for i in entered[c * 10:(c + 1) * 10]]
        _write(ChallengeEntry, rows)
        counts.challenges += 1


def _month(column: str) -> str:
    if db.session.get_bind().dialect.name == "postgresql":
        return f"CAST(date_trunc('month', {column}) AS date)"
    return f"date({column}, 'start of month')"


def _rollups(first_idea: int) -> None:
    """Add the new ideas' supports and responses to the monthly roll-ups, in two aggregate queries."""
    s_month, r_month = _month("s.created_at"), _month("r.created_at")
    flows = f"""
        SELECT month, from_team, to_team, SUM(supports) AS supports, SUM(responses) AS responses FROM (
            SELECT {s_month} AS month, s.team_id AS from_team, i.team_id AS to_team, 1 AS supports, 0 AS responses
            FROM supports s JOIN ideas i ON i.id = s.idea_id
            WHERE i.id >= :first AND s.team_id IS NOT NULL
            UNION ALL
            SELECT {r_month}, r.team_id, i.team_id, 0, 1
            FROM responses r JOIN ideas i ON i.id = r.idea_id
            WHERE i.id >= :first AND r.team_id IS NOT NULL AND r.author_id != i.author_id
        ) AS flows GROUP BY month, from_team, to_team"""  # nosec B608 - constants only

    givers = f"""
        SELECT month, user_id, SUM(supports) AS supports, SUM(builds) AS builds, SUM(offers) AS offers FROM (
            SELECT {s_month} AS month, s.user_id AS user_id, 1 AS supports, 0 AS builds, 0 AS offers
            FROM supports s JOIN ideas i ON i.id = s.idea_id
            WHERE i.id >= :first AND s.team_id IS NOT NULL AND s.team_id != i.team_id
            UNION ALL
            SELECT {r_month}, r.author_id, 0, CASE WHEN r.kind = 'build' THEN 1 ELSE 0 END,
                   CASE WHEN r.kind = 'offer' THEN 1 ELSE 0 END
            FROM responses r JOIN ideas i ON i.id = r.idea_id
            WHERE i.id >= :first AND r.team_id IS NOT NULL AND r.team_id != i.team_id
              AND r.kind IN ('build', 'offer') AND r.author_id != i.author_id
        ) AS given GROUP BY month, user_id"""  # nosec B608 - constants only
    # Add to what is there (the demo or an earlier volume run may have filled the same months).
    db.session.execute(text(f"""
        INSERT INTO team_flows (month, from_team_id, to_team_id, supports, responses)
        SELECT month, from_team, to_team, supports, responses FROM ({flows}) AS f WHERE true
        ON CONFLICT (month, from_team_id, to_team_id) DO UPDATE
        SET supports = team_flows.supports + excluded.supports, responses = team_flows.responses + excluded.responses
    """), {"first": first_idea})  # nosec B608 - the subquery above is constant
    db.session.execute(text(f"""
        INSERT INTO giver_months (month, user_id, supports, builds, offers)
        SELECT month, user_id, supports, builds, offers FROM ({givers}) AS g WHERE true
        ON CONFLICT (month, user_id) DO UPDATE
        SET supports = giver_months.supports + excluded.supports, builds = giver_months.builds + excluded.builds,
            offers = giver_months.offers + excluded.offers
    """), {"first": first_idea})  # nosec B608 - the subquery above is constant


def _fix_sequences() -> None:
    """Explicit ids were written: move PostgreSQL's sequences past them."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for model in (User, Idea, Response, Project):
        table = model.__tablename__
        db.session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 1))"  # nosec B608 - table names from our models
        ))


def rollup_mismatches() -> int:
    """Team pairs whose roll-up differs from a recount of supports (0 when consistent)."""
    return db.session.scalar(text("""
        SELECT COUNT(*) FROM (
            SELECT s.team_id AS a, i.team_id AS b, COUNT(*) AS n
            FROM supports s JOIN ideas i ON i.id = s.idea_id
            WHERE s.team_id IS NOT NULL AND i.stage != 'merged' GROUP BY s.team_id, i.team_id
        ) AS counted
        FULL OUTER JOIN (
            SELECT from_team_id AS a, to_team_id AS b, SUM(supports) AS n FROM team_flows
            GROUP BY from_team_id, to_team_id HAVING SUM(supports) != 0
        ) AS rolled ON counted.a = rolled.a AND counted.b = rolled.b
        WHERE counted.n IS NULL OR rolled.n IS NULL OR counted.n != rolled.n
    """)) if db.session.get_bind().dialect.name == "postgresql" else _rollup_mismatches_sqlite()


def _rollup_mismatches_sqlite() -> int:
    counted = dict(((a, b), n) for a, b, n in db.session.execute(text(
        "SELECT s.team_id, i.team_id, COUNT(*) FROM supports s JOIN ideas i ON i.id = s.idea_id "
        "WHERE s.team_id IS NOT NULL AND i.stage != 'merged' GROUP BY s.team_id, i.team_id")))
    rolled = dict(((a, b), n) for a, b, n in db.session.execute(text(
        "SELECT from_team_id, to_team_id, SUM(supports) FROM team_flows GROUP BY from_team_id, to_team_id "
        "HAVING SUM(supports) != 0")))
    return sum(1 for key in set(counted) | set(rolled) if counted.get(key) != rolled.get(key))

