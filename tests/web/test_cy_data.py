"""Privacy, moving out and in, mail-in, matching and the API's messages in Welsh: pages read with
the ``hub_language=cy`` cookie, the API by its request's Accept-Language."""

from __future__ import annotations

import pytest

from tests.conftest import read_in


def test_the_privacy_page_in_welsh(client, db):
    read_in(client, "cy")
    page = client.get("/privacy").get_data(as_text=True)
    assert "Sut mae'r hwb yn defnyddio eich data" in page and "Eich hawliau" in page
    assert "How the hub uses your data" not in page and "Your rights" not in page


def test_your_data_and_asking_to_be_erased_in_welsh(client, db, auth, make_user):
    auth.login(make_user())
    read_in(client, "cy")
    data = client.get("/account/data").get_data(as_text=True)
    assert "Lawrlwytho fy nata (JSON)" in data and "Eich proffil" in data
    assert "Download my data" not in data and "Your profile" not in data
    erase = client.get("/account/erase").get_data(as_text=True)
    assert "Ni ellir dadwneud dileu." in erase and "Gofyn i weinyddwr fy nileu" in erase
    assert "Erasing cannot be undone." not in erase


def test_the_admins_pages_in_welsh(client, db, auth, make_user):
    auth.login(make_user(role="admin"))
    read_in(client, "cy")
    move_in = client.get("/admin/import").get_data(as_text=True)
    assert "Symud i mewn: dewch â'ch syniadau yma" in move_in and "Bwrdd Trello" in move_in
    assert "Move in: bring your ideas here" not in move_in
    export = client.get("/admin/export").get_data(as_text=True)
    assert "Allforio popeth" in export and "Beth sy'n aros ar ôl" in export
    assert "What stays behind" not in export and "Organisations." not in export


def test_invitations_tab_in_welsh(client, db, auth, make_user):
    auth.login(make_user())
    read_in(client, "cy")
    page = client.get("/account/invitations").get_data(as_text=True)
    assert "Nid oes neb wedi eich gwahodd i glywed syniad eto." in page
    assert "Nobody has invited you" not in page


@pytest.mark.parametrize(("language", "says", "not_said"), [
    ("cy", "Nid yw rhai meysydd yn ddilys: title.", "Some fields are not valid"),
    ("en", "Some fields are not valid: title.", "Nid yw rhai meysydd"),
])
def test_the_apis_messages_follow_accept_language(api, make_user, language, says, not_said):
    client = api(make_user())
    body = {"title": "x" * 151, "problem": "Three forms for one referral.", "proposal": "Agree one short form."}
    response = client.post("/api/v1/ideas", json=body, headers={"Accept-Language": language})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and set(error["fields"]) == {"title"}
    assert error["message"] == says and not_said not in error["message"]
    field = error["fields"]["title"]
    assert field == ("Defnyddiwch 150 nod ar y mwyaf." if language == "cy" else "Use at most 150 characters.")
