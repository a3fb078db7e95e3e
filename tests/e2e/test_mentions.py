"""@mentions in a browser: typing @ and letters offers people, the keyboard chooses one, and the
posted response links them."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from tests.conftest import PASSWORD
from tests.e2e.test_journeys import post_idea


def _rename(hub, email: str, name: str) -> None:
    from ideashub.extensions import db
    from ideashub.people.models import User

    with hub.app.app_context():
        db.session.execute(update(User).where(User.email == email).values(name=name))
        db.session.commit()


@pytest.fixture(scope="module")
def people(hub):
    writer, author, quayle, quartermain, twin_one, twin_two = hub.people(6, teams=2)
    _rename(hub, quayle, "Zephyrine Quayle")
    _rename(hub, quartermain, "Zephyrine Quartermain")
    _rename(hub, twin_one, "Orlaith Brennagh")
    _rename(hub, twin_two, "Orlaith Brennagh")
    return {"writer": writer, "author": author, "quayle": quayle, "quartermain": quartermain, "twin": twin_one}


def test_typing_at_offers_people_and_the_keyboard_chooses_one(web, hub, people):
    idea_id = post_idea(hub, people["author"], "Share the repairs van between the two depots")
    web.sign_in(people["writer"], PASSWORD)
    page = web.go(f"/ideas/{idea_id}")
    box = page.locator("#body")
    box.click()
    box.press_sequentially("Yes, and @zephyr")
    listbox = page.locator("#response-form [role=listbox]")
    listbox.wait_for(state="visible")
    options = listbox.locator("[role=option]")
    assert options.count() == 2
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id")
    assert box.get_attribute("aria-activedescendant") == options.nth(0).get_attribute("id")
    web.accessible("the mention suggestions open")
    box.press("ArrowDown")
    chosen = options.nth(1)
    assert chosen.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == chosen.get_attribute("id")
    name = chosen.inner_text().splitlines()[0].strip()
    box.press("Enter")
    assert listbox.is_hidden()
    assert box.input_value() == f"Yes, and @{name} "

    box.press_sequentially("could ask @orlaith")
    listbox.wait_for(state="visible")
    box.press("Escape")
    assert listbox.is_hidden()
    box.press_sequentially(" b")  # typing on after Escape: no list until a new @
    box.press_sequentially(" and @orlaith")
    listbox.wait_for(state="visible")
    box.press("Tab")  # two people share the name: their email address is inserted
    assert re.search(r"and @person\d+@live\.gov\.uk $", box.input_value())

    page.click("#response-form button[type=submit]")
    page.wait_for_url(re.compile(rf".*/ideas/{idea_id}#response-\d+$"))
    mention = page.locator(f"a.mention[href='/people/{hub.user_id(people['quayle' if 'Quayle' in name else 'quartermain'])}']")
    assert mention.inner_text() == f"@{name}"
    assert page.locator("a.mention").count() == 2
