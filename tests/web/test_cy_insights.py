"""The hearing's moderation pages and the insights in Welsh (the ``hub_language`` cookie, or the
person's own choice for what they are told)."""

from datetime import timedelta

import pytest

from ideashub.hearing.models import Notification
from tests.conftest import read_in

REASON = "It duplicates the digital front door work already funded this year."


@pytest.fixture
def welsh(app, client):
    """Pages in Welsh: the language cookie, as the switch sets it."""
    read_in(client, "cy")


@pytest.fixture
def moderator(make_user):
    return make_user(role="moderator")


def test_the_moderators_pages_in_welsh(client, auth, make_idea, moderator, welsh):
    make_idea(title="Bins every week")
    auth.login(moderator)
    queue = client.get("/hearing/queue").get_data(as_text=True)
    assert "Angen gwrandawiad" in queue and "Log y cymedrolwyr" in queue
    assert "Needs a hearing" not in queue and "Parked ideas to look at again" not in queue
    log = client.get("/hearing/log").get_data(as_text=True)
    assert "Dim penderfyniadau eto." in log and "No decisions yet." not in log
    reports = client.get("/hearing/reports").get_data(as_text=True)
    assert "Dim adroddiadau agored." in reports and "No open reports." not in reports


def test_the_insights_and_top_ideas_in_welsh(client, auth, make_idea, make_user, welsh):
    make_idea(title="Bins every week")
    auth.login(make_user(role="executive"))
    page = client.get("/insights/").get_data(as_text=True)
    assert "Y llif gwaith" in page and "Prif syniadau" in page and "Cyfranogiad fesul tîm" in page
    for english in ("The pipeline", "Participation by team", "The givers", "Over the last twelve months"):
        assert english not in page
    top = client.get("/insights/top").get_data(as_text=True)
    assert "Y mwyaf o gefnogaeth" in top and "Most supported" not in top
    csv = client.get("/insights/ideas.csv").get_data(as_text=True)
    assert "Rhif y syniad" in csv.splitlines()[0] and "Idea number" not in csv


def test_a_notification_is_made_in_the_language_of_the_person_told(client, auth, make_idea, make_user, make_response,
                                                                  moderator, clock, db, welsh):
    idea = make_idea(title="Heard idea", now=clock.now() - timedelta(days=6))
    idea.author.language = "cy"
    for author in (make_user(team=idea.team), make_user(), make_user()):
        make_response(idea, author=author)
    read_in(client, "en")  # the moderator reads English
    auth.login(moderator)
    done = client.post(f"/hearing/ideas/{idea.id}/move", data={"stage": "not_taken_forward", "reason": REASON,
                                                               "version": idea.version})
    assert done.status_code == 302
    told = db.session.query(Notification).filter_by(user_id=idea.author_id, kind="idea.moved").one()
    assert told.text.startswith(f"Mae {moderator.name} wedi penderfynu peidio â datblygu eich syniad “Heard idea”")
