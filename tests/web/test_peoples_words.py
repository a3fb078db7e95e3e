"""People's words on every page and export, walked over the demo organisation in every role:
no dotted event code, no Python representation, no raw Markdown in short text, no "1 offers"."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from sqlalchemy import select

from ideashub.challenges.models import Challenge
from ideashub.core import events
from ideashub.hearing.models import Notification
from ideashub.ideas.models import Idea
from ideashub.people.models import User
from ideashub.projects.models import Project

CODES = sorted(set(events.CATALOGUE) | set(events.RECORDED_ONLY), key=len, reverse=True)
REPRS = re.compile(r"\bNone\b|\{'|\['|'\]|'\}|\bStage\.|\bRole\.|\bStatus\.|<[A-Z]\w+ \d+>")
# A count of one with a plural noun: the mistake the one plural helper prevents.
COUNTED = "supporters|teams|responses|offers|votes|ideas|people|days|hours|minutes|builds|supports|members|replies|recipients"
ONE_PLURAL = re.compile(rf"(?<![\d.,])\b1 (?:more |new |protected )?(?:{COUNTED})\b")
_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


def visible(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(_TAGS.sub(" ", page)))


def regions(page: str) -> str:
    """The parts of a page that are activity lines, log rows and notifications."""
    found = re.findall(r'<ol class="(?:timeline|notification-list)">.*?</ol>|<tbody>.*?</tbody>', page, re.S)
    return visible(" ".join(found))


def problems(text: str, where: str, strict: str = "") -> list[str]:
    found = [f"{where}: code {code}" for code in CODES if code in text]
    found += [f"{where}: “{m.group(0)}”" for m in ONE_PLURAL.finditer(text)]
    found += [f"{where}: repr {m.group(0)}" for m in REPRS.finditer(strict)]
    return found


@pytest.fixture
def demo(runner, db):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return db


def sign_in(client, person) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = person.get_id()
        session["_fresh"] = True


def first(db, role: str) -> User:
    return db.session.scalar(select(User).where(User.role == role).order_by(User.id).limit(1))


def test_no_page_or_export_shows_a_code_a_python_value_or_one_with_a_plural(client, demo):
    db = demo
    ideas = db.session.scalars(select(Idea.id)).all()
    projects = db.session.scalars(select(Project.id)).all()
    challenges = db.session.scalars(select(Challenge.id)).all()
    people = db.session.scalars(select(User.id)).all()
    pages = ["/ideas/", "/projects/", "/challenges/", "/people/", "/insights/", "/insights/brief", "/insights/top",
             "/hearing/queue", "/hearing/reports", "/hearing/log", "/admin/audit", "/admin/settings", "/admin/people",
             "/hearing/notifications",
             *[f"/ideas/{i}" for i in ideas], *[f"/projects/{p}" for p in projects],
             *[f"/challenges/{c}" for c in challenges], *[f"/people/{p}" for p in people[:12]]]
    found = []
    admin = first(db, "admin")
    sign_in(client, admin)
    for url in pages:
        answer = client.get(url)
        assert answer.status_code == 200, url
        page = answer.get_data(as_text=True)
        found += problems(visible(page), url, strict=regions(page))
    for url in ("/hearing/log.csv", "/admin/audit.csv", "/insights/ideas.csv", "/insights/matrix.csv"):
        rows = list(csv.reader(io.StringIO(client.get(url).get_data(as_text=True).lstrip("\ufeff"))))
        assert len(rows) > 1, url
        headings = rows[0]
        assert all(h[:1].isupper() for h in headings if h), (url, headings)
        assert not [h for h in headings if "_" in h], (url, headings)
        what = " | ".join(r[headings.index("What")] for r in rows[1:]) if "What" in headings else ""
        found += problems(" | ".join(",".join(r) for r in rows), url, strict=what)
    # Everyone's notifications, in their own words.
    for person_id in db.session.scalars(select(Notification.user_id).distinct()):
        sign_in(client, db.session.get(User, person_id))
        page = client.get("/hearing/notifications").get_data(as_text=True)
        found += problems(visible(page), f"notifications of {person_id}", strict=regions(page))
    assert found == []


def test_the_idea_page_says_what_happened_by_titles_not_by_codes(client, auth, make_user, make_challenge, sprint_day, db, clock):
    from ideashub.challenges import services as challenges
    from ideashub.ideas.services import IdeaText

    author = make_user(name="Precious Ndlovu")
    challenge = make_challenge(title="Tell us once", team_ids=[author.team_id])
    sprint_day(challenge, 2)
    idea = challenges.post_idea(author, challenge.id, IdeaText("One form for all three", "A problem.", "A proposal."), clock.now())
    db.session.commit()
    auth.login(author)
    text = visible(client.get(f"/ideas/{idea.id}").get_data(as_text=True))
    assert "Precious Ndlovu posted this idea into the challenge “Tell us once”" in text
    assert "Precious Ndlovu posted this idea " in text
    assert "idea.posted" not in text and "idea.challenge" not in text


def test_short_text_is_shown_as_text_not_raw_markdown(client, auth, make_user, make_idea, make_response, db, clock):
    from ideashub.projects import services as projects

    author = make_user(name="Amira Patel")
    idea = make_idea(author=author)
    make_response(idea, author=author, kind="offer", body="I can **map** the [routes](https://example.org) for you.", hours=1)
    moderator = make_user(role="moderator")
    auth.login(moderator)
    profile = visible(client.get(f"/people/{author.id}").get_data(as_text=True))
    assert "I can map the routes for you." in profile and "**" not in profile and "](" not in profile
    assert "1 hour a week" in profile
    if hasattr(projects, "post_update"):
        project = db.session.scalar(select(Project).limit(1))
        if project is not None:
            projects.post_update(moderator, project.id, "We *finished* the [pilot](https://example.org).", clock.now())
            db.session.commit()
            wall = visible(client.get("/projects/").get_data(as_text=True))
            assert "We finished the pilot." in wall and "*finished*" not in wall


def test_the_hearing_rule_reads_the_same_on_the_idea_page_in_a_refusal_and_in_the_settings(client, auth, api, make_idea, make_user):
    rule = ("An idea can be parked or declined only once it has been on the board for 5 days and at least 3 people "
            "other than its author have responded, one or more of them from another team.")
    idea = make_idea()
    auth.login(make_user())
    shown = visible(client.get(f"/ideas/{idea.id}").get_data(as_text=True))
    assert rule in shown and "and beyond" not in shown
    refused = api(make_user(role="moderator")).post(
        f"/api/v1/ideas/{idea.id}/stage", json={"stage": "not_taken_forward", "reason": "It does not fit our plans this year at all."})
    assert refused.status_code == 409
    message = refused.get_json()["error"]["message"]
    assert message.startswith("This idea has not been heard yet: it needs 5 more days on the board and 3 more people need to respond")
    assert message.endswith(rule)
    auth.logout()
    auth.login(make_user(role="admin", team=None))
    assert rule in visible(client.get("/admin/settings").get_data(as_text=True))
