"""The Well-being of Future Generations (Wales) Act 2015 in the hub (WELLBEING_GOALS): both sides
of every rule. Off: no fields, no filter, no section, no `wellbeing` in the API, the CSV a 404.
On: linking on posting and editing, the idea page's chips, the board's filter, the insights'
counts and CSV, the API's round trip and its 422 for an unknown code."""

import csv
import io
import re

import pytest

from ideashub.core.errors import Invalid
from ideashub.extensions import db as _db
from ideashub.ideas import services, wellbeing
from ideashub.ideas.wellbeing import IdeaWellbeing, Links
from tests.conftest import read_in


@pytest.fixture
def goals_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WELLBEING_GOALS", True)


@pytest.fixture
def goals_off(app, monkeypatch):
    monkeypatch.setitem(app.config, "WELLBEING_GOALS", False)


def _titles(page: str) -> set[str]:
    return set(re.findall(r'id="card-\d+-title"><a href="[^"]+">([^<]+)</a>', page))


def _link(idea, goals=(), ways=()):
    wellbeing.set_links(idea.id, wellbeing.checked(goals, ways))
    _db.session.commit()


FORM = {
    "title": "Walking groups for people waiting for surgery",
    "problem": "People lose strength while they wait.",
    "proposal": "Run weekly walking groups with the leisure trust.",
    "benefit": "",
    "tags": "",
}


# --- Off -------------------------------------------------------------------------------


def test_off_nothing_shows_on_the_form_the_idea_page_or_the_board(client, auth, make_user, make_idea, goals_off):
    author = make_user()
    idea = make_idea(author=author, title="Linked before the setting went off")
    _link(idea, ["healthier"], ["prevention"])
    auth.login(author)
    form = client.get("/ideas/new").get_data(as_text=True)
    assert 'name="goals"' not in form and "Well-being goals" not in form
    assert 'name="goals"' not in client.get(f"/ideas/{idea.id}/edit").get_data(as_text=True)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "A healthier Wales" not in page and "Well-being" not in page
    board = client.get("/ideas/").get_data(as_text=True)
    assert 'name="goal"' not in board
    # A goal in the address is no filter at all when off.
    assert "Linked before the setting went off" in _titles(client.get("/ideas/?goal=equal").get_data(as_text=True))


def test_off_posting_ignores_ticked_boxes(client, auth, make_user, goals_off):
    auth.login(make_user())
    response = client.post("/ideas/new", data={**FORM, "goals": ["healthier"], "looked": "1"})
    assert response.status_code == 302
    assert _db.session.query(IdeaWellbeing).count() == 0


def test_off_no_insights_section_and_the_csv_is_a_404(client, auth, make_user, goals_off):
    auth.login(make_user(role="executive"))
    page = client.get("/insights/").get_data(as_text=True)
    assert "By well-being goal" not in page and "wellbeing.csv" not in page
    assert client.get("/insights/wellbeing.csv").status_code == 404


def test_off_the_api_shows_no_wellbeing_and_takes_none(api, make_user, make_idea, goals_off):
    author = make_user()
    client = api(author)
    idea = make_idea(author=author)
    assert "wellbeing" not in client.get(f"/api/v1/ideas/{idea.id}").get_json()
    # Schema-valid, so accepted (as a ticked box on the form when off), but not taken.
    posted = client.post("/api/v1/ideas", json={**_new(), "wellbeing": {"goals": ["healthier"]}})
    assert posted.status_code == 201 and "wellbeing" not in posted.get_json()
    assert client.patch(f"/api/v1/ideas/{idea.id}", json={"wellbeing": {"ways": ["prevention"]}}).status_code == 200
    assert _db.session.query(IdeaWellbeing).count() == 0


# --- On: posting, editing, the idea page ------------------------------------------------------


def test_on_the_form_has_both_groups_and_posting_links_the_idea(client, auth, make_user, goals_on):
    auth.login(make_user())
    form = client.get("/ideas/new").get_data(as_text=True)
    assert form.count("<fieldset") >= 2 and "<legend" in form
    assert "Well-being goals (optional)" in form and "Ways of working (optional)" in form
    assert 'value="culture"' in form and 'value="involvement"' in form
    response = client.post("/ideas/new", data={**FORM, "goals": ["equal", "healthier"], "ways": ["prevention"], "looked": "1"})
    assert response.status_code == 302
    idea_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    assert wellbeing.links_for([idea_id])[idea_id] == Links(goals=("healthier", "equal"), ways=("prevention",))
    page = client.get(f"/ideas/{idea_id}").get_data(as_text=True)
    assert "A healthier Wales" in page and "A more equal Wales" in page and "Prevention" in page
    assert "/ideas/?goal=healthier" in page


def test_on_the_links_are_optional(client, auth, make_user, goals_on):
    auth.login(make_user())
    response = client.post("/ideas/new", data={**FORM, "looked": "1"})
    assert response.status_code == 302
    assert _db.session.query(IdeaWellbeing).count() == 0


def test_on_an_unknown_code_on_the_form_is_refused_and_nothing_is_stored(client, auth, make_user, goals_on):
    auth.login(make_user())
    response = client.post("/ideas/new", data={**FORM, "goals": ["atlantis"], "looked": "1"})
    assert response.status_code in (200, 422)
    assert "field--error" in response.get_data(as_text=True)
    assert _db.session.query(IdeaWellbeing).count() == 0


def test_on_editing_shows_the_links_ticked_and_changes_them(client, auth, make_user, make_idea, goals_on):
    author = make_user()
    idea = make_idea(author=author)
    _link(idea, ["global"], ["long_term"])
    auth.login(author)
    form = client.get(f"/ideas/{idea.id}/edit").get_data(as_text=True)
    assert re.search(r'value="global" id="[^"]+"[^>]*checked', form)
    assert not re.search(r'value="equal" id="[^"]+"[^>]*checked', form)
    data = {"title": idea.title, "problem": idea.problem, "proposal": idea.proposal, "benefit": idea.benefit,
            "tags": "", "goals": ["resilient"]}
    assert client.post(f"/ideas/{idea.id}/edit", data=data).status_code == 302
    assert wellbeing.links_for([idea.id])[idea.id] == Links(goals=("resilient",), ways=())


# --- On: the board ------------------------------------------------------------------------


def test_on_the_board_filters_by_goal(client, auth, make_user, make_idea, goals_on):
    healthy, equal, neither = make_idea(title="Healthy idea"), make_idea(title="Equal idea"), make_idea(title="Neither idea")
    _link(healthy, ["healthier"])
    _link(equal, ["equal", "cohesive"], ["collaboration"])
    auth.login(make_user())
    board = client.get("/ideas/").get_data(as_text=True)
    assert '<select' in board and 'name="goal"' in board and "All well-being goals" in board
    assert {"Healthy idea", "Equal idea", "Neither idea"} <= _titles(board)
    filtered = client.get("/ideas/?goal=healthier").get_data(as_text=True)
    assert _titles(filtered) == {"Healthy idea"}
    assert re.search(r'<option value="healthier" selected', filtered)
    assert _titles(client.get("/ideas/?goal=cohesive").get_data(as_text=True)) == {"Equal idea"}
    # An unknown goal (an old bookmark) is no filter, as an unknown sort.
    assert neither.title in _titles(client.get("/ideas/?goal=atlantis").get_data(as_text=True))


# --- On: insights ----------------------------------------------------------------------------


def _counted_world(make_idea, make_user, clock):
    a, b, c = make_idea(title="Idea A"), make_idea(title="Idea B"), make_idea(title="Idea C")
    _link(a, ["healthier", "equal"])
    _link(b, ["healthier"])
    _link(c, [], ["prevention"])  # a way of working only: under no goal
    for idea, supporters in ((a, 2), (b, 3), (c, 4)):
        for _ in range(supporters):
            services.support_idea(make_user(), idea.id, clock.now())
    b.stage = "shortlisted"
    _db.session.commit()


def test_on_the_dashboard_counts_ideas_supports_and_decisions_by_goal(client, auth, make_user, make_idea, clock, goals_on):
    _counted_world(make_idea, make_user, clock)
    auth.login(make_user(role="executive"))
    page = client.get("/insights/").get_data(as_text=True)
    assert "By well-being goal" in page
    section = page[page.index('id="wellbeing-h"'):]
    rows = dict(re.findall(r'goal=(\w+)">[^<]+</a></th>((?:<td class="num">[^<]*</td>){3})', section))
    cells = {code: re.findall(r">([^<]*)</td>", tds) for code, tds in rows.items()}
    assert cells["healthier"] == ["2", "5", "1"]
    assert cells["equal"] == ["1", "2", "0"]
    assert cells["global"] == ["0", "0", "0"]
    assert len(cells) == 7
    assert "/insights/wellbeing.csv" in section


def test_on_the_csv_has_the_same_numbers_for_those_who_may_read_insights(client, auth, make_user, make_idea, clock, goals_on):
    _counted_world(make_idea, make_user, clock)
    auth.login(make_user())
    assert client.get("/insights/wellbeing.csv").status_code == 403
    auth.logout()
    auth.login(make_user(role="moderator"))
    response = client.get("/insights/wellbeing.csv?period=all")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "wellbeing-goals-" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Well-being goal", "Code", "Ideas", "Supports", "Decisions"]
    by_code = {row[1]: row for row in rows[1:]}
    assert len(by_code) == 7
    assert by_code["healthier"] == ["A healthier Wales", "healthier", "2", "5", "1"]
    assert by_code["equal"][2:] == ["1", "2", "0"]
    assert by_code["culture"][0] == "A Wales of vibrant culture and thriving Welsh language"


def test_on_the_csv_headings_and_goals_are_in_welsh_for_welsh_readers(client, auth, make_user, make_idea, clock, goals_on):
    _counted_world(make_idea, make_user, clock)
    read_in(client, "cy")
    auth.login(make_user(role="executive"))
    text = client.get("/insights/wellbeing.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Nod llesiant", "Cod", "Syniadau", "Cefnogaeth", "Penderfyniadau"]
    assert {row[1]: row[0] for row in rows[1:]}["healthier"] == "Cymru iachach"


# --- On: the API -----------------------------------------------------------------------------


def _new(**extra):
    return {"title": "One shared referral form for falls prevention", "problem": "Three forms for one referral.",
            "proposal": "Agree one short form.", **extra}


def test_on_the_api_round_trip(api, make_user, goals_on):
    client = api(make_user())
    posted = client.post("/api/v1/ideas", json=_new(wellbeing={"goals": ["global", "healthier"], "ways": ["involvement"]}))
    assert posted.status_code == 201
    idea = posted.get_json()
    assert idea["wellbeing"] == {"goals": ["healthier", "global"], "ways": ["involvement"]}
    assert client.get(f"/api/v1/ideas/{idea['id']}").get_json()["wellbeing"] == idea["wellbeing"]
    # An edit replaces the lists it names and keeps the others.
    edited = client.patch(f"/api/v1/ideas/{idea['id']}", json={"wellbeing": {"goals": ["equal"]}})
    assert edited.status_code == 200
    assert edited.get_json()["wellbeing"] == {"goals": ["equal"], "ways": ["involvement"]}
    cleared = client.patch(f"/api/v1/ideas/{idea['id']}", json={"wellbeing": {"goals": [], "ways": []}})
    assert cleared.get_json()["wellbeing"] == {"goals": [], "ways": []}
    # Without it, a new idea has none, and the list filters by goal.
    plain = client.post("/api/v1/ideas", json=_new(title="Another idea, with no goals")).get_json()
    assert plain["wellbeing"] == {"goals": [], "ways": []}
    client.patch(f"/api/v1/ideas/{idea['id']}", json={"wellbeing": {"goals": ["culture"]}})
    listed = client.get("/api/v1/ideas?goal=culture").get_json()["items"]
    assert [i["id"] for i in listed] == [idea["id"]]
    assert client.get("/api/v1/ideas?goal=atlantis").status_code == 400


@pytest.mark.parametrize("links", [{"goals": ["atlantis"]}, {"ways": ["long-term"]}, {"goals": "healthier"}, {"colour": []}])
def test_on_the_api_refuses_an_unknown_code_with_422_and_stores_nothing(api, make_user, make_idea, links, goals_on):
    author = make_user()
    client = api(author)
    refused = client.post("/api/v1/ideas", json=_new(wellbeing=links))
    assert refused.status_code == 422
    idea = make_idea(author=author)
    assert client.patch(f"/api/v1/ideas/{idea.id}", json={"wellbeing": links}).status_code == 422
    assert _db.session.query(IdeaWellbeing).count() == 0


def test_checked_refuses_unknown_codes_and_orders_the_known(app):
    with app.test_request_context(), pytest.raises(Invalid) as caught:
        wellbeing.checked(["healthier", "mars"], [])
    assert caught.value.status == 422 and "mars" in caught.value.fields["goals"]
    assert wellbeing.checked(["global", "prosperous", "global"], ["involvement", "long_term"]) == Links(
        goals=("prosperous", "global"), ways=("long_term", "involvement"))


def test_on_the_pages_speak_welsh_to_welsh_readers(client, auth, make_user, make_idea, goals_on):
    author = make_user()
    idea = make_idea(author=author)
    _link(idea, ["culture"], ["long_term"])
    read_in(client, "cy")
    auth.login(author)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Cymru â diwylliant bywiog lle mae&#39;r Gymraeg yn ffynnu" in page and "Hirdymor" in page
    assert "A Wales of vibrant culture" not in page and "Long term" not in page
    form = client.get(f"/ideas/{idea.id}/edit").get_data(as_text=True)
    assert "Nodau llesiant (dewisol)" in form and "Ffyrdd o weithio (dewisol)" in form and "Cymru lewyrchus" in form
    assert "Well-being goals (optional)" not in form and "A prosperous Wales" not in form
    board = client.get("/ideas/").get_data(as_text=True)
    assert "Pob nod llesiant" in board and "All well-being goals" not in board
