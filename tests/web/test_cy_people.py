"""Accounts and administration in Welsh: the pages read in Cymraeg with the language cookie."""

import pytest

from tests.conftest import PASSWORD, read_in


@pytest.fixture
def welsh(client):
    read_in(client, "cy")
    return client


def test_sign_in_and_register_read_in_welsh(welsh):
    page = welsh.get("/login").get_data(as_text=True)
    assert "Wedi anghofio eich cyfrinair?" in page and "Cyfeiriad e-bost" in page
    assert "Forgotten your password?" not in page and "Email address" not in page
    page = welsh.get("/register").get_data(as_text=True)
    assert "Creu fy nghyfrif" in page and "Eich tîm" in page and "Dewiswch eich tîm…" in page
    assert "Create my account" not in page and "Your team" not in page


def test_a_refused_sign_in_says_why_in_welsh(welsh, make_user):
    user = make_user()
    response = welsh.post("/login", data={"email": user.email, "password": PASSWORD + "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 401
    assert "cyfrinair hwnnw" in page and "cyfateb i gyfrif" in page
    assert "do not match an account" not in page


def test_account_and_admin_pages_read_in_welsh(welsh, auth, make_user):
    admin = make_user(role="admin", team=None)
    auth.login(admin)
    page = welsh.get("/account").get_data(as_text=True)
    assert "Eich proffil" in page and "Cadw fy mhroffil" in page and "Gweinyddwr" in page
    assert "Save my profile" not in page and "Your profile" not in page
    page = welsh.get("/admin/people").get_data(as_text=True)
    assert "Pobl a rolau" in page and "Gweinyddwr" in page and "Log archwilio" in page
    assert "People and roles" not in page and "Audit log" not in page
    page = welsh.get("/admin/settings").get_data(as_text=True)
    assert "Y gwrandawiad" in page and "Cadw'r gosodiadau" in page.replace("&#39;", "'")
    assert "Save the settings" not in page
