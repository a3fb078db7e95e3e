"""Challenges and projects in Welsh: the sprint's days, counts, refusals and the transform wall."""

import pytest

from tests.conftest import read_in


@pytest.fixture
def welsh(app, client):
    """Pages in Welsh: the language cookie, as the switch sets it."""
    read_in(client, "cy")


def test_the_challenge_list_and_page_are_in_welsh(client, auth, welsh, make_challenge, make_user, sprint_day):
    challenge = make_challenge()
    sprint_day(challenge, 3)
    auth.login(make_user())
    listing = client.get("/challenges/").get_data(as_text=True)
    assert "Yn rhedeg nawr" in listing and "Diwrnod 3 o 5: Penderfynu" in listing
    assert "Running now" not in listing and "Day 3 of 5" not in listing and "sponsored by" not in listing
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "Heddiw yw diwrnod 3: <strong>Penderfynu</strong>" in page
    assert "Mae diwrnod 4 yn dechrau ymhen 12 awr." in page
    assert "Mae gennych <strong>3 o 3</strong> pleidlais ar ôl" in page
    assert "Profi a phenderfynu" in page and "Prototeip" in page
    for english in ("Today is day", "Dot voting", "votes left", "Test and decide", "Questions and what we know"):
        assert english not in page


def test_a_refusal_and_the_summary_are_in_welsh(client, auth, welsh, make_challenge, make_user, sprint_day):
    challenge = make_challenge()
    sprint_day(challenge, 1)
    auth.login(make_user())
    page = client.get(f"/challenges/{challenge.id}/summary").get_data(as_text=True)
    assert "Syniadau, pleidleisiau a phenderfyniadau" in page and "Her bum diwrnod" in page
    assert "Ideas, votes and decisions" not in page and "Five-day challenge" not in page
    shortlisted = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "Diwrnod 1" in shortlisted and "Deall" in shortlisted and "Understand" not in shortlisted


def test_the_transform_wall_is_in_welsh(client, auth, welsh, make_user):
    auth.login(make_user(role="moderator"))
    wall = client.get("/projects/").get_data(as_text=True)
    assert "Y wal trawsnewid" in wall and "Creu prosiect" in wall and "Unrhyw statws" in wall
    assert "The transform wall" not in wall and "Make a project" not in wall
    form = client.get("/projects/new").get_data(as_text=True)
    assert "Enw&#39;r prosiect" in form or "Enw'r prosiect" in form
    assert "Project name" not in form
