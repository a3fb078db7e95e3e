"""The people directory and profiles: skills are links to the directory filtered by that skill;
one search box over names, skills, bios, teams and organisations; offers of help name their ideas."""

from __future__ import annotations

import pytest

from ideashub.extensions import db as _db
from ideashub.people import services


@pytest.fixture
def people(db, make_user, make_team, make_org):
    board = make_org(name="Riverside Health Board")
    falls = make_team(name="Falls prevention", organisation=board)
    priya = make_user(name="Priya Shah", team=falls)
    priya.skills, priya.bio = "Procurement, data analysis", "I buy the equipment for community teams."
    tom = make_user(name="Tom Evans")
    tom.skills, tom.bio = "data", "Repairs scheduling and bookings."
    gone = make_user(name="Gone Person")
    gone.skills, gone.active = "procurement", False
    mari = make_user(name="Mari Jones")
    mari.skills = "procurement law"
    _db.session.commit()
    return priya, tom, gone, mari


def _names(found) -> list[str]:
    return [p.name for p in found]


def test_a_skill_filter_finds_the_whole_skill_in_any_case_and_never_deactivated_people(people):
    assert _names(services.search_people(skill="procurement")) == ["Priya Shah"]  # not "procurement law"
    assert _names(services.search_people(skill="DATA")) == ["Tom Evans"]  # not "data analysis"
    assert _names(services.search_people(skill="Data analysis")) == ["Priya Shah"]
    assert services.search_people(skill="knitting") == []


@pytest.mark.parametrize(("q", "expected"), [
    ("priya", ["Priya Shah"]),  # a name
    ("procurement", ["Mari Jones", "Priya Shah"]),  # skills
    ("equipment", ["Priya Shah"]),  # a bio
    ("falls", ["Priya Shah"]),  # a team
    ("health board", ["Priya Shah"]),  # an organisation, every word somewhere
    ("data repairs", ["Tom Evans"]),  # every word must match
    ("100%", []), ("_", []),  # typed characters, never wildcards
])
def test_one_search_box_searches_names_skills_bios_teams_and_organisations(people, q, expected):
    assert _names(services.search_people(q)) == expected


def test_search_and_skill_combine(people):
    assert _names(services.search_people("riverside", skill="procurement")) == ["Priya Shah"]
    assert services.search_people("tom", skill="procurement") == []


def test_skills_on_a_profile_and_a_card_link_to_the_directory_filtered_by_them(client, auth, people):
    priya = people[0]
    auth.login(people[1])
    page = client.get(f"/people/{priya.id}").get_data(as_text=True)
    assert 'href="/people/?skill=Procurement"' in page and 'href="/people/?skill=data+analysis"' in page
    page = client.get("/people/?skill=Procurement").get_data(as_text=True)
    assert "Showing people with the skill <strong>Procurement</strong>" in page
    assert "Priya Shah" in page and "Mari Jones" not in page and "Gone Person" not in page
    assert "1 person found with the skill “Procurement”." in page
    assert 'name="skill" value="Procurement"' in page  # searching keeps the skill chosen
    page = client.get("/people/?q=equipment").get_data(as_text=True)
    assert "1 person found for “equipment”." in page and "Priya Shah" in page


def test_a_search_with_nothing_found_says_so(client, auth, people):
    auth.login(people[1])
    page = client.get("/people/?q=zzzz").get_data(as_text=True)
    assert "0 people found" in page and "Nobody matches that yet." in page


def test_offers_of_help_name_their_ideas(client, auth, people, make_idea, make_response):
    idea = make_idea(title="Shared equipment store")
    offer = make_response(idea, author=people[0], kind="offer", body="I can lend a day a week.", hours=4)
    auth.login(people[1])
    page = client.get(f"/people/{people[0].id}").get_data(as_text=True)
    assert f'<a href="/ideas/{idea.id}#response-{offer.id}">Shared equipment store</a>: 4 hours a week.' in page
