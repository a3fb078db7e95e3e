"""The board and the API's lists are rendered once and shared (core.shared): each person still sees
their own supports, name, notifications and CSRF token, and every change shows on the next page
served, to every role, without waiting for a clock."""

import re
import uuid

import pytest

from ideashub.core import cache, shared
from ideashub.extensions import db as _db
from ideashub.ideas.models import Stage
from tests.web.test_query_counts import counted


def column_of(page: str, idea_id: int) -> str | None:
    """The stage of the column the idea's card is in on a board page (None: not on the page)."""
    for stage, body in re.findall(r'<section class="column column--(\w+)".*?>(.*?)</section>', page, re.S):
        if f'data-idea-id="{idea_id}"' in body:
            return stage
    return None


def card_of(page: str, idea_id: int) -> str:
    found = re.search(rf'<article class="card[^"]*"[^>]*data-idea-id="{idea_id}".*?</article>', page, re.S)
    assert found, f"idea {idea_id} is not on the board"
    return found.group(0)


@pytest.fixture
def people(app, db, make_user, make_team):
    """A member and a moderator, each signed in in their own browser, in different teams."""
    from tests.conftest import AuthActions

    out = {}
    for role in ("member", "moderator"):
        person = make_user(role=role, name=f"{role.title()} Person")
        browser = app.test_client()
        AuthActions(browser).login(person)
        browser.get("/ideas/")  # the welcome message is read: the next boards are shared ones
        out[role] = (person, browser)
    return out


def boards(people) -> dict[str, str]:
    """Each person's board, the page's nonce (new on every request) left out."""
    return {role: re.sub(r'nonce="[^"]+"', 'nonce=""', browser.get("/ideas/").get_data(as_text=True))
            for role, (_person, browser) in people.items()}


def test_a_kept_board_is_each_persons_own(app, db, make_user, make_idea, people, api):
    idea = make_idea(title="Shared benches in the park")
    other = make_idea(title="Late library hours")
    member, _browser = people["member"]
    assert api(member).put(f"/api/v1/ideas/{idea.id}/support").status_code in (200, 201)
    first = boards(people)
    with counted() as statements:
        again = boards(people)
    # Served from what was kept: no column, card or count read again, nor what each supports
    # (one statement each: the person, with their notifications and the pages' generation).
    assert len(statements) <= 2, statements
    assert "You support this" in card_of(again["member"], idea.id)
    assert "You support this" not in card_of(again["member"], other.id)
    assert "You support this" not in again["moderator"]
    assert "Member Person" in again["member"] and "Moderator Person" not in again["member"]
    assert "Moderator Person" in again["moderator"]
    # Moderators get their "Move to" forms; members never do.
    assert "data-movable" in again["moderator"] and "data-movable" not in again["member"]
    assert first == again
    assert "\ue000" not in again["member"] + again["moderator"]
    # What they support was kept with the page; their own next support lets it go.
    assert api(member).put(f"/api/v1/ideas/{other.id}/support").status_code in (200, 201)
    now = boards(people)
    assert "You support this" in card_of(now["member"], other.id)
    assert "You support this" not in now["moderator"]


def test_the_compact_view_says_you_support_it_in_its_own_line(app, db, api, make_idea, people):
    member, browser = people["member"]
    idea = make_idea(title="Shared benches in the park")
    assert api(member).put(f"/api/v1/ideas/{idea.id}/support").status_code in (200, 201)
    assert browser.post("/ideas/view", data={"view": "compact", "next": "/ideas/"}).status_code == 302
    browser.get("/ideas/")  # the board the choice returns to
    for _ in range(2):  # rendered, then kept
        card = card_of(browser.get("/ideas/").get_data(as_text=True), idea.id)
        assert "card--compact" in card and '<span class="card__mine">· ✓ You support this</span>' in card
        assert '<p class="card__mine">' not in card


def test_the_csrf_token_and_nonce_are_the_persons_own(app, db, make_idea, people, csrf_on):
    make_idea(title="A card to see")
    pages = boards(people)
    tokens = {role: set(re.findall(r'name="csrf_token" value="([^"]+)"', page)) for role, page in pages.items()}
    assert all(len(found) == 1 for found in tokens.values()), tokens
    assert tokens["member"] != tokens["moderator"]
    _member, browser = people["member"]
    answer = browser.get("/ideas/")
    nonce = re.search(r"'nonce-([^']+)'", answer.headers["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in answer.get_data(as_text=True)
    # The token works: choosing the compact view with it is accepted.
    token = re.search(r'name="csrf_token" value="([^"]+)"', answer.get_data(as_text=True)).group(1)
    chosen = browser.post("/ideas/view", data={"csrf_token": token, "view": "compact", "next": "/ideas/"})
    assert chosen.status_code == 302
    assert "board--compact" in browser.get("/ideas/").get_data(as_text=True)


def test_a_slot_cannot_be_written_into_an_idea(app, db, make_idea, people):
    """Someone who types the slots' own character into a title gets it back as text, never a filled slot."""
    forged = make_idea(title="Forged \ue000csrf\ue000 and \ue000account\ue000 here")
    page = boards(people)["member"]
    assert "Forged \ue000csrf\ue000 and \ue000account\ue000 here" in card_of(page, forged.id)


def _moderator_api(api, people):
    return api(people["moderator"][0])


def _move(api, people, idea, stage):
    answer = _moderator_api(api, people).post(f"/api/v1/ideas/{idea.id}/stage", json={"stage": stage, "reason": "Agreed at triage."})
    assert answer.status_code == 200, answer.get_json()


CHANGES = {
    # name: (what to do, how every role's next board must read)
    "posted": (
        lambda api, people, idea, make_user: api(make_user()).post(
            "/api/v1/ideas", json={"title": "Water fountains in town", "problem": "People carry plastic bottles everywhere.",
                                   "proposal": "Refill points at the library and station.", "tags": []}),
        lambda page, idea: "Water fountains in town" in page,
    ),
    "supported": (
        lambda api, people, idea, make_user: api(make_user()).put(f"/api/v1/ideas/{idea.id}/support"),
        lambda page, idea: '<span class="stat__n">1</span>' in card_of(page, idea.id),
    ),
    "responded": (
        lambda api, people, idea, make_user: api(make_user()).post(
            f"/api/v1/ideas/{idea.id}/responses", json={"kind": "build", "body": "Yes, and the station has water."}),
        lambda page, idea: re.search(r'stat__n">1</span>\s*response<', card_of(page, idea.id)) is not None,
    ),
    "edited": (
        lambda api, people, idea, make_user: api(idea.author).patch(f"/api/v1/ideas/{idea.id}", json={"title": "Benches, shaded"}),
        lambda page, idea: "Benches, shaded" in card_of(page, idea.id),
    ),
    "hidden": (
        lambda api, people, idea, make_user: _moderator_api(api, people).post(
            f"/api/v1/ideas/{idea.id}/hide", json={"reason": "Names a member of staff."}),
        lambda page, idea: column_of(page, idea.id) is None,
    ),
    "withdrawn": (
        lambda api, people, idea, make_user: idea.author and _withdraw(idea),
        lambda page, idea: column_of(page, idea.id) is None,
    ),
    "settings": (
        lambda api, people, idea, make_user: api(make_user(role="admin")).put(
            "/api/v1/settings", json={"hearing_min_responses": 7, "reason": "More voices."}),
        lambda page, idea: "of 7 people" in card_of(page, idea.id),
    ),
    "team renamed": (
        lambda api, people, idea, make_user: _rename(idea.team_id),
        lambda page, idea: "Parks and Open Spaces" in card_of(page, idea.id),
    ),
}


def _withdraw(idea):
    from ideashub.core import clock
    from ideashub.ideas import services

    services.withdraw_idea(idea.author, idea.id, clock.now(), "Done another way.")
    _db.session.commit()
    return True


def _rename(team_id):
    from ideashub.admin import services
    from ideashub.core import clock
    from ideashub.people.models import User

    admin = _db.session.scalar(_db.select(User).where(User.role == "admin"))
    services.rename_team(admin, team_id, "Parks and Open Spaces", clock.now())
    _db.session.commit()
    return True


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_each_change_shows_on_the_next_board_for_every_role(change, app, db, api, make_user, make_idea, people):
    make_user(role="admin")
    idea = make_idea(title="Shared benches in the park")
    do, shows = CHANGES[change]
    before = boards(people)
    assert all(not shows(page, idea) for page in before.values())
    answer = do(api, people, idea, make_user)
    assert answer is True or answer.status_code < 300, answer.get_json()
    after = boards(people)
    assert all(shows(page, idea) for page in after.values()), change


def test_a_move_shows_on_the_next_board_for_every_role(app, db, api, make_idea, people):
    idea = make_idea(title="Shared benches in the park")
    idea.stage = Stage.SHORTLISTED
    _db.session.commit()
    assert {column_of(page, idea.id) for page in boards(people).values()} == {"shortlisted"}
    _move(api, people, idea, "in_project")
    assert {column_of(page, idea.id) for page in boards(people).values()} == {"in_project"}


def test_the_api_list_is_shared_with_each_readers_supported(app, db, api, make_user, make_idea):
    idea = make_idea(title="Shared benches in the park")
    supporter, other = api(make_user()), api(make_user())
    assert supporter.put(f"/api/v1/ideas/{idea.id}/support").status_code in (200, 201)
    for _ in range(2):  # rendered, then kept
        mine = {i["id"]: i for i in supporter.get("/api/v1/ideas?sort=top").get_json()["items"]}
        theirs = {i["id"]: i for i in other.get("/api/v1/ideas?sort=top").get_json()["items"]}
        assert mine[idea.id]["supported"] is True and theirs[idea.id]["supported"] is False
        assert mine[idea.id]["supporters"] == theirs[idea.id]["supporters"] == 1
    assert other.put(f"/api/v1/ideas/{idea.id}/support").status_code in (200, 201)
    theirs = {i["id"]: i for i in other.get("/api/v1/ideas?sort=top").get_json()["items"]}
    assert theirs[idea.id]["supported"] is True and theirs[idea.id]["supporters"] == 2


def test_the_hearings_words_change_with_the_clock_alone(app, db, clock, make_idea, people):
    """Nothing is written, yet "5 days to go" must become "4 days to go" the next day: a kept board
    carries the moment its first card reads differently."""
    idea = make_idea(title="Shared benches in the park")
    first = card_of(boards(people)["member"], idea.id)
    clock.advance(days=1)
    later = card_of(boards(people)["member"], idea.id)
    assert first != later
    clock.advance(days=30)
    heard_or_waiting = card_of(boards(people)["member"], idea.id)
    assert "to go" not in heard_or_waiting


def test_personal_views_are_never_shared(app, db, api, make_idea, people):
    """"My ideas" and "Ideas I support" are each person's own list."""
    member, member_browser = people["member"]
    moderator, moderator_browser = people["moderator"]
    mine = make_idea(author=member, title="Ideas from the member")
    theirs = make_idea(author=moderator, title="Ideas from the moderator")
    assert "Ideas from the member" in member_browser.get("/ideas/?mine=1").get_data(as_text=True)
    page = moderator_browser.get("/ideas/?mine=1").get_data(as_text=True)
    assert "Ideas from the moderator" in page and "Ideas from the member" not in page
    assert api(member).put(f"/api/v1/ideas/{theirs.id}/support").status_code in (200, 201)
    assert "Ideas from the moderator" in member_browser.get("/ideas/?supported=1").get_data(as_text=True)
    assert "Ideas from the moderator" not in moderator_browser.get("/ideas/?supported=1").get_data(as_text=True)
    assert mine.id


def test_a_message_for_the_person_is_shown_once_on_their_board(app, db, make_idea, people):
    """A board with the person's messages on it is theirs alone; the next one is shared again."""
    _member, browser = people["member"]
    make_idea(title="A card to see")
    with browser.session_transaction() as session:
        session["_flashes"] = [("success", "Your view is saved.")]
    assert "Your view is saved." in browser.get("/ideas/").get_data(as_text=True)
    assert "Your view is saved." not in browser.get("/ideas/").get_data(as_text=True)
    _moderator, other = people["moderator"]
    assert "Your view is saved." not in other.get("/ideas/").get_data(as_text=True)


def test_switched_off_every_board_is_rendered_afresh(app, db, make_idea, people, monkeypatch):
    monkeypatch.setitem(app.config, "PAGE_CACHE_SIZE", 0)
    idea = make_idea(title="Shared benches in the park")
    pages = boards(people)
    assert "You support this" not in pages["member"] and column_of(pages["member"], idea.id) == "being_heard"
    with counted() as statements:
        boards(people)
    assert len(statements) > 10  # columns, cards and counts read for each


def test_a_page_kept_in_redis_serves_another_worker_and_a_dead_redis_is_only_a_miss(app, db, api, make_user, make_idea, people, monkeypatch):
    """With REDIS_URL set, what one worker rendered another serves (its own memory is empty)."""
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/0").ping()
    except redis.ConnectionError:
        pytest.fail("Redis must run at 127.0.0.1:6379 (.ci/run starts it)")
    prefix = f"test-{uuid.uuid4().hex}"
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setitem(app.config, "RATELIMIT_KEY_PREFIX", prefix)
    idea = make_idea(title="Shared benches in the park")
    first = boards(people)["member"]
    shared.clear_local()  # the other worker
    with counted() as statements:
        again = boards(people)["member"]
    assert again == first and column_of(again, idea.id) == "being_heard"
    assert len(statements) <= 4  # each person, and what they support (this worker had not kept it)
    assert api(make_user()).put(f"/api/v1/ideas/{idea.id}/support").status_code in (200, 201)
    assert '<span class="stat__n">1</span>' in card_of(boards(people)["member"], idea.id)
    client = cache.redis_client()
    client.delete(*client.keys(prefix + ":*"))
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens there
    shared.clear_local()
    assert column_of(boards(people)["member"], idea.id) == "being_heard"


# --- The idea page's responses ------------------------------------------------------------------


def response_of(page: str, response_id: int) -> str:
    found = re.search(rf'<article class="response[^"]*" id="response-{response_id}".*?</article>', page, re.S)
    assert found, f"response {response_id} is not on the page"
    return found.group(0)


def test_responses_are_shared_with_each_persons_own_links(app, db, make_user, make_idea, make_response, people):
    member, member_browser = people["member"]
    _moderator, moderator_browser = people["moderator"]
    idea = make_idea(title="Shared benches in the park")
    own = make_response(idea, author=member, body="Yes, and benches by the pond.")
    other = make_response(idea, body="Yes, and a bench by the playground.")
    for _ in range(2):  # rendered, then kept
        as_member = member_browser.get(f"/ideas/{idea.id}").get_data(as_text=True)
        as_moderator = moderator_browser.get(f"/ideas/{idea.id}").get_data(as_text=True)
        mine, theirs = response_of(as_member, own.id), response_of(as_member, other.id)
        assert f"/responses/{own.id}/edit" in mine and "Report this response" not in mine
        assert f"/responses/{other.id}/edit" not in theirs and "Report this response" in theirs
        assert "Hide this response" not in as_member
        # The moderator wrote neither: Report on both, Edit on neither, and Hide on both.
        for response in (own, other):
            seen = response_of(as_moderator, response.id)
            assert "Report this response" in seen and "Hide this response" in seen and "/edit" not in seen
        assert "\ue000" not in as_member + as_moderator


def test_a_new_response_or_an_edit_shows_on_the_next_idea_page(app, db, api, make_user, make_idea, make_response, people):
    member, browser = people["member"]
    idea = make_idea(title="Shared benches in the park")
    first = make_response(idea, author=member, body="Yes, and benches by the pond.")
    assert "benches by the pond" in browser.get(f"/ideas/{idea.id}").get_data(as_text=True)
    writer = make_user(name="Rhys Evans")
    posted = api(writer).post(f"/api/v1/ideas/{idea.id}/responses", json={"kind": "question", "body": "Who would mend them?"})
    assert posted.status_code == 201
    page = browser.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Who would mend them?" in page and "Rhys Evans" in page
    edited = api(member).patch(f"/api/v1/responses/{first.id}", json={"body": "Yes, and benches by the lake."})
    assert edited.status_code == 200, edited.get_json()
    assert "benches by the lake" in response_of(browser.get(f"/ideas/{idea.id}").get_data(as_text=True), first.id)


def test_a_hidden_response_reads_by_role_in_the_shared_section(app, db, api, make_idea, make_response, people):
    _member, member_browser = people["member"]
    moderator, moderator_browser = people["moderator"]
    idea = make_idea(title="Shared benches in the park")
    response = make_response(idea, body="Names someone who should be sacked.")
    member_browser.get(f"/ideas/{idea.id}")  # kept before the hide
    hidden = api(moderator).post(f"/api/v1/responses/{response.id}/hide", json={"reason": "Names a person."})
    assert hidden.status_code == 200, hidden.get_json()
    as_member = response_of(member_browser.get(f"/ideas/{idea.id}").get_data(as_text=True), response.id)
    as_moderator = response_of(moderator_browser.get(f"/ideas/{idea.id}").get_data(as_text=True), response.id)
    assert "should be sacked" not in as_member and "Hidden by a moderator: Names a person." in as_member
    assert "should be sacked" in as_moderator and "Make visible again" in as_moderator


def test_when_a_response_was_written_moves_on_with_the_clock(app, db, clock, make_idea, make_response, people):
    _member, browser = people["member"]
    idea = make_idea(title="Shared benches in the park")
    response = make_response(idea, body="Yes, and benches by the pond.")
    assert "just now" in response_of(browser.get(f"/ideas/{idea.id}").get_data(as_text=True), response.id)
    clock.advance(minutes=2)
    assert "2 minutes ago" in response_of(browser.get(f"/ideas/{idea.id}").get_data(as_text=True), response.id)


def test_a_writers_new_name_shows_on_the_kept_responses(app, db, make_user, make_idea, make_response, people):
    _member, browser = people["member"]
    writer = make_user(name="Rhys Evans")
    idea = make_idea(title="Shared benches in the park")
    make_response(idea, author=writer, body="Yes, and benches by the pond.")
    assert "Rhys Evans" in browser.get(f"/ideas/{idea.id}").get_data(as_text=True)
    writer.name = "Rhys Evans-Morgan"
    db.session.commit()
    assert "Rhys Evans-Morgan" in browser.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_time_ago_changes_when_its_words_do():
    from datetime import UTC, datetime, timedelta

    from ideashub.core.templating import time_ago_changes_at

    posted = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert time_ago_changes_at(posted, posted + timedelta(seconds=10)) == posted + timedelta(minutes=1)
    assert time_ago_changes_at(posted, posted + timedelta(minutes=5, seconds=3)) == posted + timedelta(minutes=6)
    assert time_ago_changes_at(posted, posted + timedelta(hours=23, minutes=59)) == posted + timedelta(days=1)
    assert time_ago_changes_at(posted, posted + timedelta(days=29, hours=1)) == posted + timedelta(days=30)
    assert time_ago_changes_at(posted, posted + timedelta(days=31)) is None  # the date shows, and stays


def test_a_hearings_words_change_when_its_days_or_end_do():
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from ideashub.ideas.hearing import HearingFacts, HearingSettings, hearing_status

    posted = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    settings = HearingSettings(days=5, min_responses=3)
    london = ZoneInfo("Europe/London")
    now = posted + timedelta(days=1, hours=2)  # 17:00 on 3 March
    status = hearing_status(HearingFacts(posted, 0, 0), settings, now, london)
    # The calendar's day turns first (midnight), before the next whole day of the period (15:00).
    assert status.changes_at(now, london) == datetime(2026, 3, 4, 0, 0, tzinfo=UTC)
    late = posted + timedelta(days=4, hours=23)
    assert hearing_status(HearingFacts(posted, 0, 0), settings, late, london).changes_at(late, london) == posted + timedelta(days=5)
    ended = posted + timedelta(days=6)
    assert hearing_status(HearingFacts(posted, 0, 0), settings, ended, london).changes_at(ended, london) is None
