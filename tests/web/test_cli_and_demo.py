"""The command line: create-user and seed-demo."""

import pytest
from sqlalchemy import func, select

from ideashub.ideas.models import BOARD_STAGES, Idea
from ideashub.people.models import User


def test_create_user_with_a_team_by_name_or_id(runner, make_team, db):
    team = make_team(name="Housing Services")
    result = runner.invoke(args=["create-user", "Sam@Riverside.example.org", "--name", "Sam", "--team", "Housing Services", "--role", "moderator", "--password", "a long enough passphrase"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "sam@riverside.example.org"))
    assert (user.role, user.team_id) == ("moderator", team.id)
    by_id = runner.invoke(args=["create-user", "kim@riverside.example.org", "--name", "Kim", "--team", str(team.id), "--role", "member", "--password", "a long enough passphrase"])
    assert by_id.exit_code == 0, by_id.output


def test_an_admin_needs_no_team(runner, db):
    result = runner.invoke(args=["create-user", "admin@riverside.example.org", "--name", "Admin", "--role", "admin", "--password", "a long enough passphrase"])
    assert result.exit_code == 0, result.output


def test_create_user_explains_what_is_wrong(runner, db):
    no_team = runner.invoke(args=["create-user", "m@riverside.example.org", "--name", "M", "--role", "member", "--password", "a long enough passphrase"])
    assert no_team.exit_code != 0 and "team" in no_team.output.lower()
    weak = runner.invoke(args=["create-user", "w@riverside.example.org", "--name", "W", "--role", "admin", "--password", "short"])
    assert weak.exit_code != 0 and "12 characters" in weak.output
    unknown = runner.invoke(args=["create-user", "u@riverside.example.org", "--name", "U", "--team", "Nowhere", "--role", "member", "--password", "a long enough passphrase"])
    assert unknown.exit_code != 0 and "no such team" in unknown.output.lower()


def test_seed_demo_loads_a_realistic_organisation_into_an_empty_hub(runner, db):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Demo logins" in result.output and "ideas-hub-demo-2026" in result.output
    for role in ("member", "moderator", "executive", "admin"):
        assert role in result.output
    by_stage = dict(db.session.execute(select(Idea.stage, func.count()).group_by(Idea.stage)).all())
    assert sum(by_stage.values()) >= 40
    assert all(by_stage.get(stage, 0) > 0 for stage in BOARD_STAGES), by_stage
    assert db.session.scalar(select(func.count()).select_from(User)) >= 25
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code != 0
    quiet = runner.invoke(args=["seed-demo", "--if-empty"])
    assert quiet.exit_code == 0 and "not loaded again" in quiet.output


def test_demo_counts_match_the_rows(runner, db):
    from ideashub.ideas.models import Response, Support

    runner.invoke(args=["seed-demo"])
    mismatched = db.session.execute(
        select(Idea.id)
        .where(
            (Idea.supporters_count != select(func.count()).select_from(Support).where(Support.idea_id == Idea.id).scalar_subquery())
            | (Idea.responses_count != select(func.count()).select_from(Response).where(Response.idea_id == Idea.id).scalar_subquery())
        )
    ).all()
    assert mismatched == []


def test_requests_over_the_size_limit_get_413_and_store_nothing(client, auth, make_user, db):
    auth.login(make_user())
    before = db.session.scalar(select(func.count()).select_from(Idea))
    response = client.post("/ideas/new", data={"title": "Big one", "problem": "x" * 2_000_000, "proposal": "y"})
    assert response.status_code == 413
    assert db.session.scalar(select(func.count()).select_from(Idea)) == before


@pytest.mark.parametrize("today", ["2026-11-21T08:30:00+00:00", "2026-11-23T12:00:00+00:00", "2026-04-07T16:45:00+01:00"])
def test_the_demo_loads_on_any_day_with_a_sprint_on_its_decide_day(runner, db, clock, today):
    from datetime import datetime

    from ideashub.challenges import services as challenges
    from ideashub.challenges.models import Challenge
    from ideashub.projects.models import Project

    clock.set(datetime.fromisoformat(today))
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    phases = sorted(challenges.clock_of(c, clock.now()).phase for c in db.session.scalars(select(Challenge)))
    assert phases == ["decide", "finished"]
    projects = db.session.scalars(select(Project)).unique().all()
    assert {p.status for p in projects} >= {"active", "delivered", "paused", "proposed"}
    assert any(p.challenge_id for p in projects)
