"""The well-being links and the insights by goal, against the database: links replace each
other, the figures keep to the dashboard's scope, and the export carries the links."""

from datetime import timedelta

import pytest

from ideashub.core.errors import Invalid
from ideashub.extensions import db as _db
from ideashub.ideas import services, wellbeing
from ideashub.ideas.wellbeing import Links
from ideashub.insights import wellbeing as figures
from ideashub.insights.queries import Scope
from ideashub.portability import export


@pytest.fixture(autouse=True)
def _in_a_request(app, db):
    with app.test_request_context():
        yield


def _set(idea, goals=(), ways=()):
    changed = wellbeing.set_links(idea.id, wellbeing.checked(goals, ways))
    _db.session.commit()
    return changed


def test_links_replace_the_earlier_ones_and_say_when_they_changed(make_idea):
    idea = make_idea()
    assert wellbeing.links_of(idea.id) == Links()
    assert _set(idea, ["equal", "prosperous"], ["involvement"]) is True
    assert _set(idea, ["prosperous", "equal"], ["involvement"]) is False  # the same, in another order
    assert _set(idea, ["global"]) is True
    assert wellbeing.links_for([idea.id])[idea.id] == Links(goals=("global",), ways=())


def test_a_wrong_kind_of_code_is_refused(make_idea):
    with pytest.raises(Invalid) as caught:
        wellbeing.checked(["prevention"], ["healthier"])  # a way given as a goal, a goal as a way
    assert set(caught.value.fields) == {"goals", "ways"}
    with pytest.raises(Invalid):
        wellbeing.checked([{"code": "equal"}], [])


def test_the_figures_keep_to_the_scope_and_count_only_listed_ideas(make_idea, make_user, make_team, clock):
    team = make_team()
    here = make_idea(author=make_user(team=team))
    elsewhere = make_idea()
    old = make_idea(now=clock.now() - timedelta(days=400))
    withdrawn = make_idea()
    for idea in (here, elsewhere, old, withdrawn):
        _set(idea, ["cohesive"])
    services.support_idea(make_user(), here.id, clock.now())
    withdrawn.withdrawn_at = clock.now()
    here.stage = "parked"
    _db.session.commit()
    now = clock.now()

    def cohesive(scope):
        return next(f for f in figures.by_goal(scope, now) if f.code == "cohesive")

    assert cohesive(Scope(period="all")) == figures.GoalFigures("cohesive", ideas=3, supports=1, decisions=1)
    assert cohesive(Scope(period="365d")).ideas == 2
    assert cohesive(Scope(period="all", team_id=team.id)) == figures.GoalFigures("cohesive", 1, 1, 1)
    assert [f.code for f in figures.by_goal(Scope(), now)] == list(wellbeing.GOALS)


def test_the_export_carries_the_links(make_idea, clock):
    idea = make_idea()
    _set(idea, ["healthier"], ["prevention"])
    document = "".join(export.chunks(clock.now()))
    assert '"idea_wellbeing"' in document
    assert "healthier" in document and "prevention" in document
