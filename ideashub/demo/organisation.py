"""The demo organisation: loaded into an empty hub by ``make run`` and ``seed-demo``.

Everything goes through the same services people use, with ``now`` set to
the moment each thing happened: ideas are posted (some into challenges),
answered and supported; moderators triage them under the hearing rule and
make projects; one sprint finished with its decisions and one is on its
Decide day today, whatever the date. Counts, hearing progress, trending,
roll-ups and every timeline are exactly what real use would have produced.
The content itself lives in ``ideashub.demo.content``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, select

from ideashub.challenges import rules as sprint
from ideashub.challenges import services as challenges
from ideashub.core.i18n import _
from ideashub.demo import content
from ideashub.extensions import db
from ideashub.hearing import services as hearing
from ideashub.ideas import services as ideas
from ideashub.ideas.models import Idea, Stage
from ideashub.people.models import Organisation, OrganisationDomain, Team, User
from ideashub.people.services import hash_password
from ideashub.projects import services as projects
from ideashub.projects.models import Project

LOGIN_ROLES = ("member", "moderator", "executive", "admin")


def has_people() -> bool:
    return (db.session.scalar(select(func.count()).select_from(User)) or 0) > 0


def _at(now: datetime, days_ago: float, hour: int = 10) -> datetime:
    """A moment ``days_ago`` days before ``now``, during the working day, never after ``now``."""
    moment = (now - timedelta(days=days_ago)).replace(hour=hour, minute=0, second=0, microsecond=0)
    return min(moment, now - timedelta(minutes=5))


class Loader:
    def __init__(self, now: datetime):
        self.now = now
        self.tz = ZoneInfo(current_app.config["ORG_TIMEZONE"])
        self.today = now.astimezone(self.tz).date()
        self.teams: dict[str, Team] = {}
        self.people: dict[str, User] = {}
        self.ideas: dict[str, Idea] = {}
        self.ideas_data = {i["key"]: i for i in content.IDEAS}
        self.challenges: dict[str, object] = {}
        self.challenge_of: dict[str, str] = {c_idea: c["key"] for c in content.CHALLENGES for c_idea in c["ideas"]}
        self.counts = {"responses": 0, "supports": 0}

    def local(self, day: date, hour: int) -> datetime:
        return datetime.combine(day, time(hour), tzinfo=self.tz)

    def load(self) -> dict[str, int]:
        self.organisations()
        self.persons()
        self.setup_challenges()
        for data in content.IDEAS:
            self.idea(data)
        self.run_challenges()
        self.make_projects()
        self.triage()
        return {
            "organisations": len(content.ORGANISATIONS),
            "teams": len(self.teams),
            "people": len(self.people),
            "ideas": len(self.ideas),
            "responses": self.counts["responses"],
            "supports": self.counts["supports"],
            "projects": len(content.PROJECTS),
            "challenges": len(self.challenges),
        }

    # --- Organisations and people -----------------------------------------------------

    def organisations(self) -> None:
        for org_data in content.ORGANISATIONS:
            org = Organisation(name=org_data["name"], created_at=_at(self.now, 180))
            db.session.add(org)
            db.session.flush()
            for domain in org_data["domains"]:
                db.session.add(OrganisationDomain(organisation_id=org.id, domain=domain))
            for name in org_data["teams"]:
                team = Team(organisation_id=org.id, name=name, created_at=_at(self.now, 180))
                db.session.add(team)
                self.teams[name] = team
        db.session.flush()

    def persons(self) -> None:
        password_hash = hash_password(content.DEMO_PASSWORD)  # everyone shares it: hash once
        for p in content.PEOPLE:
            user = User(
                email=p["email"],
                name=p["name"],
                team_id=self.teams[p["team"]].id if p.get("team") else None,
                role=p["role"],
                bio=p.get("bio", ""),
                skills=", ".join(p.get("skills", [])),
                password_hash=password_hash,
                created_at=_at(self.now, 170),
                language=p.get("language"),
            )
            db.session.add(user)
            self.people[p["key"]] = user
        db.session.flush()
        self.moderator = next(self.people[p["key"]] for p in content.PEOPLE if p["role"] == "moderator")

    # --- Challenges -------------------------------------------------------------------

    def setup_challenges(self) -> None:
        """Set up each sprint so its ideas fall on its first two days."""
        for c in content.CHALLENGES:
            if c["status"] == "running":
                starts_on = self._start_for_day(self.today, 3)
            else:
                earliest = min(_at(self.now, self.ideas_data[k]["days_ago"], 9) for k in c["ideas"])
                starts_on = earliest.astimezone(self.tz).date()
                while not sprint.is_working_day(starts_on):
                    starts_on -= timedelta(days=1)
            facilitator = self.people[c["facilitator"]]
            challenge = challenges.create_challenge(
                facilitator,
                challenges.ChallengeDraft(
                    title=c["title"],
                    question=c["question"],
                    background=c.get("background", ""),
                    starts_on=starts_on,
                    sponsor_id=self.people[c["sponsor"]].id,
                    facilitator_id=facilitator.id,
                ),
                self.local(starts_on - timedelta(days=7), 11),
            )
            self.challenges[c["key"]] = challenge

    def _start_for_day(self, today: date, day: int) -> date:
        start = today
        while not (sprint.is_working_day(start) and sprint.day_number(start, today) == day):
            start -= timedelta(days=1)
        return start

    def _posting_time(self, challenge, wanted: datetime) -> datetime:
        """The wanted moment, moved inside the sprint's first two days if it falls outside them."""
        first, second = sprint.sprint_dates(challenge.starts_on)[:2]
        earliest = self.local(first, 9)
        latest = self.local(second, 17)
        return min(max(wanted, earliest), latest, self.now - timedelta(minutes=30))

    def run_challenges(self) -> None:
        for c in content.CHALLENGES:
            challenge = self.challenges[c["key"]]
            days = sprint.sprint_dates(challenge.starts_on)
            voters = [p for p in self.people.values() if p.team_id is not None][: 18 if c["status"] == "finished" else 9]
            # The running sprint is on its Decide day today: people have started voting.
            on_day3 = self.local(days[2], 10) if c["status"] == "finished" else self.now - timedelta(minutes=10)
            posts = c.get("posts", [])
            for p in posts:
                if p["kind"] != "update":
                    challenges.post(self.people[p["who"]], challenge.id, p["kind"], p["body"],
                                    self.local(days[p["day"]], p["hour"]))
            keys = c["ideas"]
            for i, voter in enumerate(voters):
                for j in range(3):
                    key = keys[(i + j * (1 + i % 2)) % len(keys)]
                    challenges.vote(voter, challenge.id, self.ideas[key].id, on_day3)
            if c["status"] != "finished":
                continue
            facilitator = self.people[c["facilitator"]]
            shortlist = [self.ideas[k].id for k in c["shortlist"]]
            challenges.shortlist(facilitator, challenge.id, shortlist, self.local(days[2], 15))
            for key in c["shortlist"]:
                author = self.ideas[key].author
                challenges.write_up(
                    author, challenge.id, self.ideas[key].id,
                    f"On day 4 we walked through “{self.ideas[key].title}” with the people who would use it, "
                    "and wrote down what it would take to run it for real.",
                    self.local(days[3], 14),
                )
            for p in posts:
                if p["kind"] == "update":
                    challenges.post(self.people[p["who"]], challenge.id, "update", p["body"],
                                    self.local(days[p["day"]], p["hour"]), idea_id=self.ideas[p["idea"]].id)
            for d in c["decisions"]:
                challenges.decide(
                    self.people[c["sponsor"]],
                    challenge.id,
                    self.ideas[d["idea"]].id,
                    self._decision(d),
                    self.local(days[4], 15),
                )

    def _decision(self, d: dict) -> challenges.Decision:
        if d["outcome"] == "take_forward":
            plan = next(p for p in content.PROJECTS if p["key"] == d["project"])
            return challenges.Decision(
                "take_forward",
                d["reason"],
                project_name=plan["name"],
                project_goal=plan["goal"],
                lead_id=self.people[plan["lead"]].id,
                members=[{"user_id": self.people[m["person"]].id, "hours_per_week": m["hours_per_week"]} for m in plan["members"]],
            )
        if d["outcome"] == "park":
            return challenges.Decision("park", d["reason"], revisit_on=self.today + timedelta(days=d.get("revisit_in_days", 30)))
        return challenges.Decision("stop", d["reason"], learned=d.get("learned", ""))

    # --- Ideas, responses and supports ------------------------------------------------

    def idea(self, data: dict) -> None:
        posted = _at(self.now, data["days_ago"], hour=9)
        text = ideas.IdeaText(
            title=data["title"],
            problem=data["problem"],
            proposal=data["proposal"],
            benefit=data.get("benefit", ""),
            tags=data.get("tags", []),
            language=data.get("language", "en"),
        )
        author = self.people[data["author"]]
        challenge_key = self.challenge_of.get(data["key"])
        if challenge_key:
            challenge = self.challenges[challenge_key]
            posted = self._posting_time(challenge, posted)
            idea = challenges.post_idea(author, challenge.id, text, posted)
        else:
            idea = ideas.post_idea(author, text, posted)
        self.ideas[data["key"]] = idea
        for r in data.get("responses", []):
            self.counts["responses"] += self._respond(idea, r, posted, parent_id=None)
        for i, key in enumerate(data.get("supporters", [])):
            when = min(posted + timedelta(hours=2 + i * 5), self.now - timedelta(minutes=1))
            self.counts["supports"] += ideas.support_idea(self.people[key], idea.id, when)

    def _respond(self, idea, r: dict, posted, parent_id) -> int:
        when = max(_at(self.now, r.get("days_ago", 0), hour=14), posted + timedelta(minutes=30))
        when = min(when, self.now - timedelta(minutes=2))
        response = ideas.respond(
            self.people[r["by"]],
            idea.id,
            ideas.ResponseText(
                kind=r["kind"], body=r["body"], suggestion=r.get("suggestion") or "", hours=r.get("hours"), parent_id=parent_id,
                language=r.get("language", "en"),
            ),
            when,
        )
        count = 1
        for reply in r.get("replies", []):
            count += self._respond(idea, reply, when, parent_id=response.id)
        return count

    # --- Projects and triage ------------------------------------------------------------

    def make_projects(self) -> None:
        """The moderator makes each project from its ideas a week after the last was posted."""
        made_by_decision = {d["project"] for c in content.CHALLENGES for d in c.get("decisions", []) if d.get("project")}
        for plan in content.PROJECTS:
            keys = [k for k, data in self.ideas_data.items() if data.get("project") == plan["key"]]
            if plan["key"] in made_by_decision:
                project = next(p for p in self._projects_by_name() if p.name == plan["name"])
            else:
                posted = max(_at(self.now, self.ideas_data[k]["days_ago"], 9) for k in keys)
                oldest_update = max((u["days_ago"] for u in plan.get("updates", [])), default=0)
                made = min(posted + timedelta(days=7), _at(self.now, oldest_update + 1, 9), self.now - timedelta(hours=2))
                made = max(made, posted + timedelta(hours=1))
                project = projects.create_project(
                    self.moderator,
                    projects.ProjectDraft(
                        name=plan["name"],
                        goal=plan["goal"],
                        idea_ids=[self.ideas[k].id for k in keys],
                        lead_id=self.people[plan["lead"]].id,
                        members=[{"user_id": self.people[m["person"]].id, "hours_per_week": m["hours_per_week"]} for m in plan["members"]],
                        status="active" if plan["status"] != "proposed" else "proposed",
                    ),
                    made,
                )
            for u in sorted(plan.get("updates", []), key=lambda u: -u["days_ago"]):
                when = max(_at(self.now, u["days_ago"], 11), project.created_at + timedelta(minutes=30))
                projects.post_update(self.people[u["by"]], project.id, u["body"], min(when, self.now - timedelta(minutes=3)))
            if plan["status"] in ("paused", "delivered", "stopped"):
                if project.status == "proposed":
                    projects.change_project(self.moderator, project.id, projects.ProjectChanges(status="active"), project.updated_at)
                when = min(project.updated_at + timedelta(days=2), self.now - timedelta(hours=1))
                projects.change_project(self.moderator, project.id, projects.ProjectChanges(status=plan["status"]), when)

    def _projects_by_name(self):
        return db.session.scalars(select(Project)).unique().all()

    def triage(self) -> None:
        """Ideas parked or declined by the moderator once heard, with the reason shown."""
        for key, data in self.ideas_data.items():
            stage = data.get("stage")
            idea = self.ideas[key]
            if stage not in (Stage.PARKED, Stage.NOT_TAKEN_FORWARD, Stage.SHORTLISTED) or idea.stage == stage:
                continue
            heard_at = idea.created_at + timedelta(days=ideas.hearing_settings().days, hours=1)
            last_response = db.session.scalar(select(func.max(ideas.Response.created_at)).where(ideas.Response.idea_id == idea.id))
            moved = max(heard_at, (last_response or heard_at) + timedelta(hours=1))
            revisit = None
            if stage == Stage.PARKED:
                revisit = self.today + timedelta(days=data.get("revisit_in_days", 30))
                moved = min(moved, self.local(revisit - timedelta(days=1), 9))
            if stage == Stage.SHORTLISTED:
                moved = min(idea.created_at + timedelta(days=2), self.now - timedelta(hours=1))
            moved = min(moved, self.now - timedelta(hours=1))
            hearing.move_idea(self.moderator, idea.id, hearing.Move(stage, data.get("reason") or "", revisit), moved)


def load(now: datetime) -> dict[str, int]:
    """Create the demo organisations, people, ideas, projects and challenges."""
    return Loader(now).load()


def logins() -> list[tuple[str, str, str]]:
    """(role, email, team) of the first demo person in each role."""
    found = []
    for role in LOGIN_ROLES:
        person = next((p for p in content.PEOPLE if p["role"] == role), None)
        if person and db.session.scalar(select(User.id).where(User.email == person["email"])):
            found.append((role, person["email"], person.get("team") or _("no team")))
    return found


def print_logins(echo: Callable[[str], None]) -> None:
    rows = logins()
    if not rows:
        return
    echo("")
    echo(_("Demo logins (password for all: %(password)s):", password=content.DEMO_PASSWORD))
    for role, email, team in rows:
        echo(f"  {role:<10} {email:<45} {team}")
    echo("")
