"""API: the language an idea or a response is written in ("language": "cy" | "en")."""

from sqlalchemy import func, select

from ideashub.extensions import db as _db
from ideashub.ideas.models import Idea, Response
from tests.api.test_api_ideas import NEW

WELSH = {**NEW, "title": "Un ffurflen atgyfeirio ar gyfer atal cwympiadau", "problem": "Tair ffurflen.",
         "proposal": "Cytuno ar un ffurflen fer.", "language": "cy"}


def test_an_idea_posted_in_welsh_says_so_and_keeps_it(api, make_user):
    client = api(make_user())
    posted = client.post("/api/v1/ideas", json=WELSH)
    assert posted.status_code == 201 and posted.get_json()["language"] == "cy"
    idea_id = posted.get_json()["id"]
    assert client.get(f"/api/v1/ideas/{idea_id}").get_json()["language"] == "cy"
    # A change that leaves the language out leaves it as it was; one that names it changes it.
    assert client.patch(f"/api/v1/ideas/{idea_id}", json={"benefit": "Llai o waith."}).get_json()["language"] == "cy"
    assert client.patch(f"/api/v1/ideas/{idea_id}", json={"language": "en"}).get_json()["language"] == "en"


def test_left_out_the_language_is_the_writers_own(api, make_user):
    welsh_speaker, other = make_user(), make_user()
    welsh_speaker.language = "cy"
    _db.session.commit()
    assert api(welsh_speaker).post("/api/v1/ideas", json=NEW).get_json()["language"] == "cy"
    assert api(other).post("/api/v1/ideas", json=NEW).get_json()["language"] == "en"


def test_an_unknown_language_is_refused_and_nothing_is_stored(api, make_user, make_idea):
    client = api(make_user())
    before = _db.session.scalar(select(func.count()).select_from(Idea))
    refused = client.post("/api/v1/ideas", json={**NEW, "language": "fr"})
    assert refused.status_code == 422 and "language" in refused.get_json()["error"]["fields"]
    assert _db.session.scalar(select(func.count()).select_from(Idea)) == before
    idea = make_idea()
    answer = client.post(f"/api/v1/ideas/{idea.id}/responses", json={"kind": "build", "body": "Ie.", "language": "de"})
    assert answer.status_code == 422
    assert _db.session.scalar(select(func.count()).select_from(Response)) == 0


def test_a_response_carries_its_language(api, make_user, make_idea):
    idea = make_idea()
    client = api(make_user())
    welsh = client.post(f"/api/v1/ideas/{idea.id}/responses", json={"kind": "build", "body": "Ie, a gallem ei dreialu.", "language": "cy"})
    english = client.post(f"/api/v1/ideas/{idea.id}/responses", json={"kind": "build", "body": "Yes, and a pilot."})
    assert welsh.status_code == english.status_code == 201
    assert welsh.get_json()["language"] == "cy" and english.get_json()["language"] == "en"
    listed = {r["body"]: r["language"] for r in client.get(f"/api/v1/ideas/{idea.id}/responses").get_json()["items"]}
    assert listed == {"Ie, a gallem ei dreialu.": "cy", "Yes, and a pilot.": "en"}
