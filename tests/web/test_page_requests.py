"""One way to run a page request, and one decision of "wants JSON" for the whole app.

Every page view runs its service through ``ideashub.core.handlers``: a success is
committed once, field errors come back under their fields with 422, a refusal of
the rules is shown with its own status and leaves nothing behind, and 403 / 404
reach the app's error handlers, which answer JSON to a script and a page to a browser.
"""

import pytest
from sqlalchemy import func, select

from ideashub.core.activity import Activity
from ideashub.ideas.models import Idea
from ideashub.projects.models import Project

JSON = {"Accept": "application/json"}
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture
def moderator(make_user):
    return make_user(role="moderator")


def assert_json_error(response, status: int, code: str):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["code"] == code and error["message"] and isinstance(error["fields"], dict)


def assert_error_page(response, status: int):
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert "<html" in response.get_data(as_text=True).lower()


# --- "Wants JSON": one decision --------------------------------------------------


def test_a_script_moving_an_unknown_idea_gets_a_json_404(client, auth, moderator):
    auth.login(moderator)
    response = client.post("/hearing/ideas/999999/move", data={"stage": "shortlisted", "version": 1}, headers=JSON)
    assert_json_error(response, 404, "not_found")


def test_a_script_supporting_an_unknown_idea_gets_a_json_404(client, auth, make_user):
    auth.login(make_user())
    assert_json_error(client.post("/ideas/999999/support", headers=JSON), 404, "not_found")
    assert_json_error(client.post("/ideas/999999/unsupport", headers=JSON), 404, "not_found")


@pytest.mark.parametrize("headers", [BROWSER, {}], ids=["browser", "no-accept"])
def test_a_browser_posting_to_an_unknown_idea_gets_a_404_page(client, auth, moderator, headers):
    auth.login(moderator)
    move = client.post("/hearing/ideas/999999/move", data={"stage": "shortlisted", "version": 1}, headers=headers)
    assert_error_page(move, 404)
    assert_error_page(client.post("/ideas/999999/support", headers=headers), 404)


def test_unknown_page_urls_answer_in_the_kind_the_request_prefers(client, auth, make_user):
    auth.login(make_user())
    assert_json_error(client.get("/ideas/999999", headers=JSON), 404, "not_found")
    assert_error_page(client.get("/ideas/999999", headers=BROWSER), 404)


def test_the_api_and_health_check_answer_json_whatever_the_accept_header(client):
    assert_json_error(client.get("/api/v1/no-such-thing", headers=BROWSER), 404, "not_found")
    assert client.get("/healthz", headers=BROWSER).mimetype == "application/json"


def test_a_script_signed_out_gets_a_json_401_and_a_form_a_redirect(client, make_idea):
    idea = make_idea()
    assert_json_error(client.post(f"/ideas/{idea.id}/support", headers=JSON), 401, "unauthorised")
    assert client.post(f"/ideas/{idea.id}/support", headers=BROWSER).status_code == 302


def test_a_script_refused_for_who_it_is_gets_a_json_403_and_the_refusal_is_audited(client, auth, make_idea, make_user, db):
    idea = make_idea()
    member = make_user(role="member")
    auth.login(member)
    response = client.post(f"/hearing/ideas/{idea.id}/move", data={"stage": "shortlisted", "version": idea.version}, headers=JSON)
    assert_json_error(response, 403, "forbidden")
    denied = db.session.scalar(
        select(func.count()).select_from(Activity).where(Activity.action == "authz.denied", Activity.actor_id == member.id)
    )
    assert denied == 1
    db.session.refresh(idea)
    assert idea.stage == "being_heard"


def test_a_script_posting_an_incomplete_move_gets_the_field_messages(client, auth, make_idea, moderator):
    idea = make_idea()
    auth.login(moderator)
    response = client.post(f"/hearing/ideas/{idea.id}/move", data={"version": idea.version}, headers=JSON)
    assert_json_error(response, 422, "invalid")
    assert "stage" in response.get_json()["error"]["fields"]


# --- The page request runner: commit once or roll back -------------------------------


def test_a_valid_form_is_committed_once_and_the_person_is_sent_on(client, auth, make_user, db):
    auth.login(make_user())
    data = {"title": "Book repairs online", "problem": "Residents wait weeks.", "proposal": "Online slots.", "benefit": ""}
    response = client.post("/ideas/new", data=data)
    assert response.status_code == 302 and "/ideas/" in response.headers["Location"]
    assert db.session.scalar(select(Idea).where(Idea.title == "Book repairs online")) is not None


def test_values_breaking_a_rule_show_under_their_field_with_422_and_nothing_is_written(client, auth, moderator, db):
    auth.login(moderator)
    before = db.session.scalar(select(func.count()).select_from(Project))
    response = client.post("/projects/new", data={"name": "Project", "goal": "Goal", "idea_ids": "twelve", "lead": "nobody@nowhere.example"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Use numbers separated by commas" in page
    assert db.session.scalar(select(func.count()).select_from(Project)) == before


def test_a_rule_saying_not_now_is_shown_on_the_form_with_its_status_and_rolled_back(client, auth, make_idea, moderator, db):
    a, b, c = make_idea(), make_idea(), make_idea()
    auth.login(moderator)
    assert client.post(f"/hearing/ideas/{b.id}/merge", data={"into": c.id, "version": b.version, "confirmed": "yes"}).status_code == 302
    refused = client.post(f"/hearing/ideas/{a.id}/merge", data={"into": b.id, "version": a.version, "confirmed": "yes"})
    assert refused.status_code == 409
    assert "has already been merged into another idea" in refused.get_data(as_text=True)
    db.session.refresh(a)
    assert a.stage == "being_heard" and a.merged_into_id is None


def test_a_one_click_refusal_is_flashed_on_the_page_it_came_from(client, auth, make_idea, moderator):
    idea = make_idea()
    auth.login(moderator)
    response = client.post(f"/hearing/ideas/{idea.id}/unhide")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/ideas/{idea.id}")
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "notice--error" in page


def test_a_one_click_success_is_committed_and_flashed(client, auth, make_idea, make_user, db):
    idea = make_idea()
    auth.login(make_user())
    response = client.post(f"/ideas/{idea.id}/support")
    assert response.status_code == 302
    assert "Thanks for your support." in client.get(response.headers["Location"]).get_data(as_text=True)
    db.session.refresh(idea)
    assert idea.supporters_count == 1


# --- Stage names in the page scripts come from the page ------------------------------


def test_the_board_tells_its_script_which_columns_need_a_reason(client, auth, make_idea, make_user, moderator):
    from ideashub.ideas.models import CLOSING_STAGES as CLOSING

    make_idea()
    auth.login(moderator)
    page = client.get("/ideas/").get_data(as_text=True)
    assert f'data-needs-reason="{" ".join(sorted(CLOSING))}"' in page
    auth.logout()
    auth.login(make_user(role="member"))
    assert "data-needs-reason" not in client.get("/ideas/").get_data(as_text=True)


def test_no_page_script_spells_a_stage_of_its_own():
    from pathlib import Path

    from ideashub.ideas.models import Stage

    scripts = Path(__file__).resolve().parents[2] / "static" / "js"
    for script in scripts.glob("**/*.js"):
        text = script.read_text()
        for stage in Stage:
            assert f'"{stage.value}"' not in text and f"'{stage.value}'" not in text, (script.name, stage.value)
