"""The shared core in Welsh: the error pages, the JSON errors, the accessibility statement and
the activity lines, for someone who chose Cymraeg (the ``hub_language`` cookie)."""

from __future__ import annotations

from html import unescape

from flask_babel import force_locale

from ideashub.core import events, templating, wording
from ideashub.core.activity import Activity
from tests.conftest import read_in


def test_the_accessibility_statement_in_welsh(client):
    read_in(client, "cy")
    page = unescape(client.get("/accessibility").get_data(as_text=True))
    assert "Datganiad hygyrchedd" in page
    assert "Canllawiau Hygyrchedd Cynnwys y We (WCAG)" in page
    assert "Accessibility statement" not in page
    assert "How we tested this service" not in page


def test_a_missing_page_in_welsh(client, auth, make_user):
    auth.login(make_user())
    read_in(client, "cy")
    response = client.get("/ideas/999999")
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 404
    assert "Heb ddod o hyd i'r dudalen" in page and "Mynd i'r bwrdd" in page
    assert "Page not found" not in page and "Go to the board" not in page


def test_the_api_explains_an_error_in_the_language_asked_for(client):
    answer = client.get("/api/v1/no-such-thing", headers={"Accept-Language": "cy"})
    assert answer.status_code == 404
    assert answer.get_json()["error"] == {
        "code": "not_found", "message": "Doedd dim modd dod o hyd i'r dudalen honno.", "fields": {},
    }
    english = client.get("/api/v1/no-such-thing", headers={"Accept-Language": "en"})
    assert english.get_json()["error"]["message"] == "We could not find that page."


def test_activity_lines_and_times_read_in_welsh(app, clock, make_user, make_idea):
    author = make_user(name="Nia Evans")
    idea = make_idea(author=author, title="Ystafelloedd tawel")
    supported = Activity(action="support.added", subject_type="idea", subject_id=idea.id, idea_id=idea.id,
                         visibility=events.PUBLIC)
    supported.actor = author
    responded = Activity(action="response.added", subject_type="response", subject_id=1, idea_id=idea.id,
                         visibility=events.PUBLIC)
    responded.actor = author
    with app.test_request_context(), force_locale("cy"):
        first, second = wording.describe_all([supported, responded])
        here = wording.describe(supported, here=("idea", idea.id))
        just_now = templating.time_ago(clock.now())
    assert first.sentence == "Nia Evans wedi cefnogi'r syniad “Ystafelloedd tawel”"
    assert second.text == "wedi ymateb i'r syniad “Ystafelloedd tawel”"
    assert here.what_text == "Wedi cefnogi'r syniad hwn"
    assert just_now == "eiliad yn ôl"
    with app.test_request_context():
        assert wording.describe(supported).sentence == "Nia Evans supported the idea “Ystafelloedd tawel”"
