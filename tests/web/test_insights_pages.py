"""Top ideas, the insights dashboard, exports and the brief."""

import csv
import io
from datetime import timedelta

import pytest

from ideashub.ideas import queries as idea_queries
from ideashub.ideas import services as ideas
from ideashub.ideas.queries import IdeaFilters
from ideashub.insights import queries
from ideashub.insights.queries import Scope
from tests.support.html_safety import active_content


@pytest.fixture
def executive(make_user):
    return make_user(role="executive")


def test_top_ideas_for_everyone_ranked_three_ways(client, auth, make_idea, make_user, make_team, clock):
    mine = make_team()
    popular = make_idea(title="Popular at home", author=make_user(team=mine))
    across = make_idea(title="Popular across teams")
    for _ in range(3):
        ideas.support_idea(make_user(team=mine), popular.id, clock.now())
    for _ in range(2):
        ideas.support_idea(make_user(), across.id, clock.now())
    auth.login(make_user())
    by_support = client.get("/insights/top").get_data(as_text=True)
    assert by_support.index("Popular at home") < by_support.index("Popular across teams")
    by_cross = client.get("/insights/top?by=cross_team").get_data(as_text=True)
    assert by_cross.index("Popular across teams") < by_cross.index("Popular at home")
    assert client.get("/insights/top?by=trending").status_code == 200
    assert client.get("/insights/top?period=nonsense").status_code == 400


@pytest.mark.parametrize("role", ["member"])
def test_members_are_refused_the_dashboard_and_exports(client, auth, make_user, role):
    auth.login(make_user(role=role))
    for url in ("/insights/", "/insights/brief", "/insights/ideas.csv", "/insights/matrix.csv"):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["executive", "moderator", "admin"])
def test_executives_moderators_and_admins_see_the_dashboard(client, auth, make_user, make_idea, role):
    make_idea()
    auth.login(make_user(role=role, team=None if role == "admin" else "new"))
    page = client.get("/insights/").get_data(as_text=True)
    for heading in ("The pipeline", "The hearing", "Top ideas", "Across boundaries", "The givers", "Decisions and their reasons", "Challenges"):
        assert heading in page
    assert '<svg class="chart"' in page and "<title id=\"chart-pipeline-title\">" in page


def test_the_pipeline_counts_equal_the_board(db, make_idea, make_user, clock):
    for _ in range(3):
        make_idea()
    shortlisted = make_idea()
    shortlisted.stage = "shortlisted"
    withdrawn = make_idea()
    ideas.withdraw_idea(withdrawn.author, withdrawn.id, clock.now())
    db.session.commit()
    pipeline = {row["stage"]: row["count"] for row in queries.pipeline(Scope(period="all"), clock.now())}
    columns = idea_queries.board(IdeaFilters(), {}, per_column=8, viewer_id=None).columns
    board = {column.stage: column.total for column in columns if column.total}
    assert {k: v for k, v in pipeline.items() if v} == board


def test_pipeline_and_participation_follow_period_team_and_withdrawals(db, make_team, make_user, make_idea, clock):
    team_a, team_b = make_team(), make_team()
    for _ in range(2):
        make_idea(author=make_user(team=team_a))
    make_idea(author=make_user(team=team_a), now=clock.now() - timedelta(days=40))
    make_idea(author=make_user(team=team_b))
    withdrawn = make_idea(author=make_user(team=team_b))
    ideas.withdraw_idea(withdrawn.author, withdrawn.id, clock.now())
    db.session.commit()

    def ideas_by_team(scope):
        return {row["team"]["id"]: row["ideas"] for row in queries.participation(scope, clock.now())}

    assert {k: v for k, v in ideas_by_team(Scope(period="30d")).items() if v} == {team_a.id: 2, team_b.id: 1}
    assert ideas_by_team(Scope(period="all"))[team_a.id] == 3
    everything = {row["stage"]: row for row in queries.pipeline(Scope(period="all"), clock.now())}
    assert everything["being_heard"]["count"] == 4
    assert everything["being_heard"]["average_days"] == 10.0  # (0 + 0 + 40 + 0) / 4 days in the column
    assert everything["shortlisted"] == {"stage": "shortlisted", "count": 0, "average_days": None}
    only_a = {row["stage"]: row["count"] for row in queries.pipeline(Scope(period="all", team_id=team_a.id), clock.now())}
    assert only_a["being_heard"] == 3


def test_a_support_from_a_to_b_adds_one_to_the_cell(db, make_team, make_user, make_idea, clock):
    team_a, team_b = make_team(), make_team()
    idea = make_idea(author=make_user(team=team_b))
    before = queries.matrix(Scope(period="all"), clock.now())
    ideas.support_idea(make_user(team=team_a), idea.id, clock.now())
    after = queries.matrix(Scope(period="all"), clock.now())
    i = [t[0] for t in after.teams].index(team_a.id)
    j = [t[0] for t in after.teams].index(team_b.id)
    old = before.supports[[t[0] for t in before.teams].index(team_a.id)][[t[0] for t in before.teams].index(team_b.id)]
    assert after.supports[i][j] == old + 1
    assert sum(map(sum, after.supports)) == sum(map(sum, before.supports)) + 1


def test_givers_are_people_helping_other_teams(db, make_team, make_user, make_idea, make_response, clock):
    giver, homebody = make_user(name="Generous Giver"), make_user(name="Stays Home")
    for _ in range(2):
        ideas.support_idea(giver, make_idea().id, clock.now())
    make_response(make_idea(), author=giver, kind="build")
    ideas.support_idea(homebody, make_idea(author=make_user(team=homebody.team)).id, clock.now())
    rows = queries.givers(Scope(period="all"), clock.now())
    assert rows[0]["person"].id == giver.id and (rows[0]["supports"], rows[0]["builds"]) == (2, 1)
    assert homebody.id not in [r["person"].id for r in rows]


def test_hearing_figures(db, make_idea, make_user, make_response, clock):
    heard = make_idea(now=clock.now() - timedelta(days=10))
    for person in (make_user(team=heard.team), make_user(), make_user()):
        make_response(heard, author=person, now=clock.now() - timedelta(days=9))
    make_idea(now=clock.now() - timedelta(days=8))  # nobody answered
    make_idea()  # still in its hearing period
    figures = queries.hearing(Scope(period="all"), queries_settings(), clock.now())
    assert figures["ideas_due"] == 2 and figures["heard_in_time"] == 1 and figures["share_heard_in_time"] == 0.5
    assert figures["waiting_for_a_hearing"] == 1
    assert figures["median_days_to_first_response"] == 1.0


def queries_settings():
    from ideashub.ideas.hearing import HearingSettings

    return HearingSettings(days=5, min_responses=3)


def test_ideas_csv_opens_in_a_spreadsheet_and_defuses_formulas(client, auth, make_idea, executive):
    make_idea(title="=HYPERLINK(\"http://evil.example\")")
    make_idea(title="Plain idea, with a comma")
    auth.login(executive)
    response = client.get("/insights/ideas.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Idea number", "Title", "Stage", "Team", "Organisation", "Author", "Supporters", "Teams supporting it",
                       "Responses", "Posted (Europe/London time)", "Decided (Europe/London time)", "Reason for the decision"]
    assert {r[2] for r in rows[1:]} == {"Being heard"}
    titles = [r[1] for r in rows[1:]]
    assert "Plain idea, with a comma" in titles
    assert "'=HYPERLINK(\"http://evil.example\")" in titles


def test_matrix_csv_and_brief(client, auth, make_idea, executive):
    make_idea()
    auth.login(executive)
    matrix = client.get("/insights/matrix.csv")
    assert matrix.status_code == 200 and "Supports from the team in each row" in matrix.get_data(as_text=True)
    brief = client.get("/insights/brief").get_data(as_text=True)
    assert "print.css" in brief and "Recent decisions" in brief


def test_the_brief_has_a_print_button_that_needs_its_script(client, auth, executive):
    auth.login(executive)
    brief = client.get("/insights/brief").get_data(as_text=True)
    # Hidden until static/js/print.js shows it; without scripts the note says how to print.
    assert '<button type="button" class="button" data-print hidden>Print this brief</button>' in brief
    assert "js/print.js" in brief and "Ctrl+P" in brief
    assert "onclick" not in brief
    script = client.get("/static/js/print.js").get_data(as_text=True)
    assert "window.print()" in script and "[data-print]" in script


def test_the_print_stylesheet_hides_the_navigation_and_the_button():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "print.css").read_text()
    hidden_rule = css.split("{ display: none !important; }")[0]
    for selector in (".site-header", ".site-footer", ".skip-link"):
        assert selector in hidden_rule
    assert ".no-print" in css and 'class="print-bar no-print"' in (
        Path(__file__).resolve().parents[2] / "templates" / "insights" / "brief.html"
    ).read_text()


def test_hostile_names_and_titles_stay_text_on_the_dashboard(client, auth, make_team, make_user, make_idea, executive, clock):
    team = make_team(name="<script>alert('team')</script>")
    author = make_user(team=team, name="<img src=x onerror=alert(1)>")
    idea = make_idea(author=author, title="<svg onload=alert(1)> idea")
    ideas.support_idea(make_user(), idea.id, clock.now())
    auth.login(executive)
    for url in ("/insights/", "/insights/top", "/insights/brief"):
        page = client.get(url).get_data(as_text=True)
        assert active_content(page, page=True) == [], url
