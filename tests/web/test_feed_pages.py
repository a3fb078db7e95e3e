"""The Feeds tab of Your account, and the Atom feeds a feed reader fetches without signing in."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from ideashub.admin import services as admin
from ideashub.core.serverlog import redact
from ideashub.hearing import services as hearing

ATOM = "{http://www.w3.org/2005/Atom}"
HUB_URL = "http://127.0.0.1:5000"  # the suite's HUB_URL (the default)
REASON = "It names a resident, so a moderator has hidden it for now."


def _make_address(client, auth, person) -> str:
    """Sign in, make a feed address on the Feeds tab and sign out; the secret shown once."""
    auth.login(person)
    page = client.post("/account/feeds/new")
    assert page.status_code == 200
    found = re.search(r"/feeds/(ihf_[A-Za-z0-9_-]+)/board\.atom", page.get_data(as_text=True))
    assert found, "the new address is shown"
    auth.logout()
    return found.group(1)


def _feed(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert "no-store" in response.headers["Cache-Control"] and "private" in response.headers["Cache-Control"]
    return ET.fromstring(response.data)


def _entries(root) -> list[dict]:
    found = []
    for entry in root.findall(f"{ATOM}entry"):
        found.append({
            "id": entry.findtext(f"{ATOM}id"),
            "title": entry.findtext(f"{ATOM}title"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "content": entry.findtext(f"{ATOM}content"),
            "content_type": entry.find(f"{ATOM}content").get("type"),
        })
    return found


RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def test_the_feeds_tab_makes_an_address_shows_it_once_and_stops_it(client, auth, make_user):
    person = make_user()
    auth.login(person)
    page = client.get("/account/feeds").get_data(as_text=True)
    assert 'aria-current="page">Feeds<' in page and "Make my feed address" in page
    made = client.post("/account/feeds/new").get_data(as_text=True)
    secret = re.search(r"/feeds/(ihf_[A-Za-z0-9_-]+)/board\.atom", made).group(1)
    assert f"{HUB_URL}/feeds/{secret}/ideas/" in made and f"{HUB_URL}/feeds/{secret}/challenges/" in made
    again = client.get("/account/feeds").get_data(as_text=True)
    assert secret not in again  # shown once only
    assert "Make a new feed address" in again and "Stop all my feeds" in again and "No feed reader has used it yet" in again
    assert client.get(f"/feeds/{secret}/board.atom").status_code == 200
    assert "A feed reader last used it" in client.get("/account/feeds").get_data(as_text=True)
    stopped = client.post("/account/feeds/stop", follow_redirects=True).get_data(as_text=True)
    assert "Your feeds are stopped" in stopped and "Make my feed address" in stopped
    assert client.get(f"/feeds/{secret}/board.atom").status_code == 404


def test_the_feeds_tab_is_for_signed_in_people(client):
    assert client.get("/account/feeds").headers["Location"].startswith("/login")
    assert client.post("/account/feeds/new").headers["Location"].startswith("/login")


def test_the_board_feed_is_valid_atom_with_absolute_links_and_no_sign_in(client, auth, make_user, make_idea):
    author = make_user(name="Grace Mensah")
    idea = make_idea(author=author, title="Book repairs <online>", tags=["repairs"],
                     problem="Residents **wait** weeks. <script>alert(1)</script>")
    secret = _make_address(client, auth, make_user())
    root = _feed(client, f"/feeds/{secret}/board.atom?tag=repairs")
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id").startswith(HUB_URL) and secret not in root.findtext(f"{ATOM}id")
    assert root.findtext(f"{ATOM}title") and RFC3339.match(root.findtext(f"{ATOM}updated"))
    assert root.find(f"{ATOM}link").get("href") == f"{HUB_URL}/ideas/?tag=repairs"  # the board, filtered alike
    (entry,) = _entries(root)
    assert entry["title"] == "Book repairs <online>"  # escaped in the XML, read back as written
    assert entry["id"] == f"{HUB_URL}/ideas/{idea.id}" and entry["link"] == f"{HUB_URL}/ideas/{idea.id}"
    assert RFC3339.match(entry["updated"]) and entry["author"] == "Grace Mensah"
    assert entry["summary"].startswith("Residents wait weeks.")
    assert entry["content_type"] == "html" and "<strong>wait</strong>" in entry["content"]
    assert "<script>" not in entry["content"]  # the safe renderer's output, not the raw text


def test_the_board_feed_reads_the_boards_filters(client, auth, make_user, make_idea):
    reader = make_user()
    make_idea(title="Plant more trees", tags=["parks"])
    mine = make_idea(author=reader, title="Mine about parks", tags=["parks"])
    secret = _make_address(client, auth, reader)
    assert [e["title"] for e in _entries(_feed(client, f"/feeds/{secret}/board.atom?tag=parks&mine=1"))] == [mine.title]
    assert len(_entries(_feed(client, f"/feeds/{secret}/board.atom?tag=parks"))) == 2
    refused = client.get(f"/feeds/{secret}/board.atom?team=zero")
    assert refused.status_code == 400 and refused.mimetype == "text/plain" and "team must be a number" in refused.get_data(as_text=True)


def test_unknown_stopped_and_deactivated_addresses_are_not_found_alike(client, auth, db, make_user, make_idea):
    person, boss = make_user(), make_user(role="admin", team=None)
    idea = make_idea()
    stopped = _make_address(client, auth, person)
    live = _make_address(client, auth, person)  # a new address stops the old
    answers = {
        "unknown": client.get("/feeds/ihf_madeUpSecret123/board.atom"),
        "stopped": client.get(f"/feeds/{stopped}/ideas/{idea.id}.atom"),
        "no such idea": client.get(f"/feeds/{live}/ideas/{idea.id + 1000}.atom"),
    }
    assert client.get(f"/feeds/{live}/ideas/{idea.id}.atom").status_code == 200
    admin.set_active(boss, person.id, False, "Left the council in March.", boss.created_at)
    db.session.commit()
    answers["deactivated"] = client.get(f"/feeds/{live}/board.atom")
    bodies = set()
    for why, response in answers.items():
        assert response.status_code == 404, why
        assert response.mimetype == "text/plain", why  # a short text, not a page
        bodies.add(response.get_data(as_text=True))
    assert len(bodies) == 1  # nothing tells one refusal from another


def test_the_idea_feed_leaves_out_hidden_responses_and_a_hidden_idea_is_not_found(client, auth, db, clock, make_user, make_idea, make_response):
    moderator = make_user(role="moderator")
    idea = make_idea(title="Book repairs online")
    make_response(idea, body="Yes, and we could pilot it in one ward.")
    gone = make_response(idea, body="Something naming a resident.")
    hearing.hide_response(moderator, gone.id, REASON, clock.now())
    db.session.commit()
    for reader in (make_user(), moderator):
        secret = _make_address(client, auth, reader)
        root = _feed(client, f"/feeds/{secret}/ideas/{idea.id}.atom")
        text = ET.tostring(root, encoding="unicode")
        assert "pilot it in one ward" in text and "naming a resident" not in text
        entries = _entries(root)
        assert entries and all(e["id"] and e["title"] and RFC3339.match(e["updated"]) and e["link"].startswith(HUB_URL) for e in entries)
        assert root.find(f"{ATOM}link").get("href") == f"{HUB_URL}/ideas/{idea.id}"
    hearing.hide_idea(moderator, idea.id, REASON, clock.now())
    db.session.commit()
    assert client.get(f"/feeds/{secret}/ideas/{idea.id}.atom").status_code == 404  # the moderator's too


def test_a_members_idea_feed_has_no_moderators_entries(client, auth, db, clock, make_user, make_idea):
    idea = make_idea()
    hearing.report(make_user(), idea.id, "This repeats an idea from last week, please merge them.", clock.now())
    db.session.commit()
    member = _make_address(client, auth, make_user())
    moderator = _make_address(client, auth, make_user(role="moderator"))
    assert b"repeats an idea from last week" not in client.get(f"/feeds/{member}/ideas/{idea.id}.atom").data
    assert b"repeats an idea from last week" in client.get(f"/feeds/{moderator}/ideas/{idea.id}.atom").data


def test_the_challenge_feed_is_atom_of_the_sprint(client, auth, make_user, make_challenge, sprint_day):
    challenge = make_challenge(title="Tell us once")
    sprint_day(challenge, 2)
    secret = _make_address(client, auth, make_user())
    root = _feed(client, f"/feeds/{secret}/challenges/{challenge.id}.atom")
    assert root.findtext(f"{ATOM}subtitle") == challenge.question
    assert [e["title"] for e in _entries(root)] == ["Day 2 of “Tell us once”: Ideas", "Day 1 of “Tell us once”: Understand"]
    assert client.get(f"/feeds/{secret}/challenges/{challenge.id + 1000}.atom").status_code == 404


@pytest.mark.parametrize(("line", "logged"), [
    ("GET /feeds/ihf_s3cr3T-x_y/board.atom?tag=repairs HTTP/1.1", "GET /feeds/[redacted]/board.atom?tag=repairs HTTP/1.1"),
    ('"https://hub/feeds/ihf_s3cr3T/ideas/4.atom"', '"https://hub/feeds/[redacted]/ideas/4.atom"'),
    ("GET /account/feeds HTTP/1.1", "GET /account/feeds HTTP/1.1"),
])
def test_feed_secrets_are_redacted_from_log_lines(line, logged):
    assert redact(line) == logged


def test_idea_and_challenge_pages_point_to_their_feed_but_a_hidden_idea_does_not(client, auth, db, clock, make_user, make_idea, make_challenge):
    moderator = make_user(role="moderator")
    idea, challenge = make_idea(), make_challenge()
    auth.login(make_user())
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert 'href="/account/feeds">Follow this idea in a feed reader' in page and f"<code>/ideas/{idea.id}.atom</code>" in page
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "Follow this challenge in a feed reader" in page and f"<code>/challenges/{challenge.id}.atom</code>" in page
    hearing.hide_idea(moderator, idea.id, REASON, clock.now())
    db.session.commit()
    assert "Follow this idea in a feed reader" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
