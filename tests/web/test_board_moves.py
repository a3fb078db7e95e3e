"""Moving ideas between columns is safe: no default column, and a move back asks first."""

import pytest

from ideashub.ideas.models import Idea

JSON = {"Accept": "application/json"}


@pytest.fixture
def moderator(make_user):
    return make_user(role="moderator")


@pytest.fixture
def delivered(make_idea, db):
    idea = make_idea(title="Delivered already")
    idea.stage = "delivered"
    db.session.commit()
    return idea


def _move(client, idea, json=False, **data):
    return client.post(f"/hearing/ideas/{idea.id}/move", data={"version": idea.version, **data}, headers=JSON if json else {})


def _stage(db, idea) -> str:
    db.session.expire_all()
    return db.session.get(Idea, idea.id).stage


def _control(page: str, start: str) -> str:
    control = page[page.index(start):]
    return control[: control.index("</select>")]


def test_the_card_control_starts_with_no_column_chosen(client, auth, delivered, moderator):
    auth.login(moderator)
    control = _control(client.get("/ideas/").get_data(as_text=True), 'class="move-form"')
    first = control[control.index("<option"):]
    assert first.startswith('<option value="">Choose a column</option>')
    assert "selected" not in control


def test_the_idea_page_and_the_move_page_start_with_no_column_chosen(client, auth, delivered, moderator):
    auth.login(moderator)
    for url in (f"/ideas/{delivered.id}", f"/hearing/ideas/{delivered.id}/move"):
        control = _control(client.get(url).get_data(as_text=True), 'name="stage"')
        options = control[control.index("<option"):].replace("<option selected ", "<option ")
        assert options.startswith('<option value="">Choose a column</option>') and "selected" not in options


def test_a_link_naming_a_column_still_chooses_it(client, auth, delivered, moderator):
    auth.login(moderator)
    control = _control(client.get(f"/hearing/ideas/{delivered.id}/move?to=parked").get_data(as_text=True), 'name="stage"')
    assert 'selected value="parked"' in control or 'value="parked" selected' in control


def test_pressing_move_without_choosing_is_refused_with_a_clear_message(client, auth, delivered, moderator, db):
    auth.login(moderator)
    page = _move(client, delivered, stage="")
    assert page.status_code == 422
    assert "Choose the column to move the idea to." in page.get_data(as_text=True)
    script = _move(client, delivered, json=True, stage="")
    assert script.status_code == 422 and script.get_json()["error"]["fields"]["stage"] == "Choose the column to move the idea to."
    assert _stage(db, delivered) == "delivered"


def test_moving_forwards_needs_no_confirmation(client, auth, make_idea, moderator, db):
    idea = make_idea()
    auth.login(moderator)
    moved = _move(client, idea, stage="in_project", next="/ideas/")
    assert moved.status_code == 302 and moved.headers["Location"].endswith("/ideas/")
    assert _stage(db, idea) == "in_project"


def test_moving_backwards_asks_for_confirmation_first(client, auth, delivered, moderator, db):
    auth.login(moderator)
    asked = _move(client, delivered, stage="being_heard", next="/ideas/?sort=new")
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "Yes, move it back to Being heard" in page and "No, keep it in Delivered" in page
    assert 'name="confirm" value="being_heard"' in page and 'href="/ideas/?sort=new"' in page
    assert _stage(db, delivered) == "delivered"
    done = _move(client, delivered, stage="being_heard", confirm="being_heard", next="/ideas/?sort=new")
    assert done.status_code == 302 and done.headers["Location"].endswith("/ideas/?sort=new")
    assert _stage(db, delivered) == "being_heard"


def test_a_confirmation_counts_only_for_the_column_it_was_given_for(client, auth, delivered, moderator, db):
    auth.login(moderator)
    asked = _move(client, delivered, stage="being_heard", confirm="shortlisted")
    assert asked.status_code == 200 and "Yes, move it back to Being heard" in asked.get_data(as_text=True)
    assert _stage(db, delivered) == "delivered"


def test_drag_and_drop_backwards_needs_the_confirmation_too(client, auth, delivered, moderator, db):
    auth.login(moderator)
    refused = _move(client, delivered, json=True, stage="shortlisted")
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "needs_confirmation"
    assert "back from Delivered to Shortlisted" in refused.get_json()["error"]["message"]
    assert _stage(db, delivered) == "delivered"
    moved = _move(client, delivered, json=True, stage="shortlisted", confirm="shortlisted")
    assert moved.status_code == 200 and moved.get_json()["stage"] == "shortlisted"


def test_drag_and_drop_forwards_needs_no_confirmation(client, auth, make_idea, moderator, db):
    idea = make_idea()
    auth.login(moderator)
    assert _move(client, idea, json=True, stage="delivered").status_code == 200
    assert _stage(db, idea) == "delivered"


def test_the_api_keeps_its_contract_for_moves_back(api, delivered, make_user, db):
    moved = api(make_user(role="moderator")).post(f"/api/v1/ideas/{delivered.id}/stage", json={"stage": "being_heard"})
    assert moved.status_code == 200 and moved.get_json()["stage"] == "being_heard"
