"""The hostile corpus (tests/support/hostile.py) through every field a person can write.

Each test pushes payloads through the real forms (and the API), then reads
every page, email, export and JSON answer that shows the field. On each:

- no active content (``active_content(page, page=True)``: no script, frame,
  style, base or object element, no ``on*`` attribute, no javascript:/data:
  address in an href, src, action or srcdoc);
- the payload is shown as text: the stored value is in the page once entities
  are decoded, and (when it has markup) not in the raw HTML, so its ``<`` went
  out as ``&lt;``;
- template syntax is shown as typed, never evaluated (no ``tq49tq``);
- the CSV export starts no cell with ``= + - @``, tab or CR;
- a payload a field refuses (too long, too short, invalid) gets a 4xx or a
  form error, and no row is written.

The full corpus goes through the fields most pages show (idea title, body and
tags, responses, display names, team and organisation names, search); every
other field gets ``SAMPLE`` (one or two payloads of each kind), or the whole
corpus packed into a few long texts. Rate limits stay on, raised for the
module (their own tests keep the real figures).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import timedelta
from functools import lru_cache
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from ideashub.core.text import clean_line, clean_text
from ideashub.ideas.models import Idea, Response
from ideashub.insights.exports import safe_cell
from tests.support import hostile
from tests.support.hostile import (
    PAYLOADS,
    QUERY_EXTRAS,
    QUERY_VALUES,
    SAMPLE,
    csv_formula,
    form_encode,
)
from tests.support.html_safety import active_content

RAISED_LIMITS = {
    name: "100000 per minute"
    for name in (
        "RATELIMIT_SIGN_IN", "RATELIMIT_SIGN_IN_ACCOUNT", "RATELIMIT_REGISTER", "RATELIMIT_RESET",
        "RATELIMIT_RESET_ACCOUNT", "RATELIMIT_IDEAS", "RATELIMIT_RESPONSES", "RATELIMIT_SUPPORTS",
    )
}
ALERT = re.compile(r"(?:alert|msgbox)\(\d+\)")


@pytest.fixture(autouse=True)
def _roomy(app, monkeypatch):
    for name, value in RAISED_LIMITS.items():
        monkeypatch.setitem(app.config, name, value)
    monkeypatch.setitem(app.config, "BOARD_COLUMN_SIZE", 100)  # every card on one page of the board


# --- Helpers -----------------------------------------------------------------------


def sign_in(client, user) -> None:
    """Sign in without the form (which has its own tests and a limit per address)."""
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


def safe_page(client, url: str, status: int = 200) -> str:
    """GET ``url``; the page must have the status and no active content."""
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    page = response.get_data(as_text=True)
    assert_no_active_content(page, url)
    assert client.application.config["SECRET_KEY"] not in page, f"{url}: the secret key leaked"
    return page


def assert_no_active_content(page: str, where: str) -> None:
    """Nothing that runs, and no template syntax evaluated (tq{{7*7}}tq would show as tq49tq)."""
    assert active_content(page, page=True) == [], where
    assert "tq49tq" not in page and "tq123tq" not in page, f"{where}: template syntax in user text was evaluated"
    assert "&lt;Config" not in page and "<Config" not in page, f"{where}: the app's config leaked"


@lru_cache(maxsize=16)
def decoded(page: str) -> str:
    """The page with its entities decoded (a page is checked for many payloads: decode it once)."""
    return html.unescape(page)


def assert_shown_as_text(page: str, stored: str, where: str) -> None:
    """``stored`` is on the page as text: present once entities are decoded, never as raw markup."""
    assert stored in decoded(page), f"{where}: {stored[:60]!r} is missing"
    if "<" in stored:
        assert stored not in page, f"{where}: {stored[:60]!r} is in the page unescaped"


def assert_markdown_shown_safely(page: str, source: str, where: str) -> None:
    """Markdown ``source`` was rendered (its script calls are on the page as text) and none of its markup got out."""
    for call in set(ALERT.findall(source)):
        assert call in decoded(page), f"{where}: {call} from {source[:60]!r} is missing"
    if "<" in source:
        assert clean_text(source) not in page, f"{where}: {source[:60]!r} is in the page unescaped"


def line(payload) -> str:
    """What a one-line field stores for the payload (as a browser would send it)."""
    return clean_line(form_encode(str(payload)))


def text(payload) -> str:
    return clean_text(form_encode(str(payload)))


NUL_PAYLOADS = [p for p in PAYLOADS if "\x00" in p.text]


def assert_refused_nul(response, payload) -> None:
    """A NUL is refused before anything is read or written: PostgreSQL cannot hold one."""
    assert response.status_code == 400, (payload.name, response.status_code)
    assert "NUL character" in response.get_data(as_text=True), payload.name


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def csv_rows(body: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))


def assert_csv_neutralised(body: str, where: str) -> list[list[str]]:
    rows = csv_rows(body)
    for row in rows:
        for cell in row:
            assert not csv_formula(cell), f"{where}: {cell[:40]!r} would run as a formula"
    return rows


def assert_json_safe(response, where: str) -> dict:
    """JSON answers carry text unchanged, as JSON a browser will not sniff into HTML."""
    assert response.status_code == 200, (where, response.status_code)
    assert response.mimetype == "application/json", where
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    return response.get_json()


def api_items(reader, url: str) -> list[dict]:
    """Every item of an API list, following its ``next`` links."""
    items = []
    while url:
        page = assert_json_safe(reader.get(url), url)
        items += page["items"]
        url = page.get("next")
    return items


def _query(**params) -> str:
    """A query string, as a browser would send it."""
    return urlencode({k: form_encode(v) for k, v in params.items()})


def attempt_all(client, url: str, payload, variants: list[dict], db, model, what: str) -> int | None:
    """POST each variant of a form in turn until one is accepted; every refusal must be clean.

    Returns how many variants were refused before one was accepted, or None if all were.
    A refusal is a 409 or 422 with the form shown again (or, the pattern of the admin and
    one-button forms, a redirect carrying an error message), a 400 for a NUL character; the
    answer has no active content and does not echo markup unescaped, and no row is written.
    """
    for refusals, data in enumerate(variants):
        before = count(db, model) if model is not None else None
        response = client.post(url, data={k: form_encode(v) if isinstance(v, str) else v for k, v in data.items()})
        if any("\x00" in str(v) for v in data.values()):
            assert_refused_nul(response, payload)
        elif response.status_code == 302 and not flashed_error(client):
            return refusals
        else:
            assert response.status_code in (302, 409, 422), (what, payload.name, response.status_code)
        body = response.get_data(as_text=True)
        assert_no_active_content(body, f"{what} refusing {payload.name}")
        if "<" in payload.text:
            assert form_encode(payload.text) not in body, f"{what}: {payload.name} echoed unescaped"
        if model is not None:
            assert count(db, model) == before, f"{what}: {payload.name} left a row behind"
    return None


def flashed_error(client) -> bool:
    with client.session_transaction() as session:
        flashes = session.get("_flashes", [])
        session.pop("_flashes", None)
    return any(category == "error" for category, _ in flashes)


# --- Ideas: title, problem, proposal, benefit, tags -------------------------------------


def post_idea(client, title, body, tags) -> object:
    # "looked": past the similar-ideas check step (these payloads are alike); that step's own
    # handling of hostile titles is tested in tests/web/test_similar_ideas.py.
    return client.post("/ideas/new", data={
        "title": form_encode(title), "problem": form_encode(body), "proposal": form_encode(body),
        "benefit": form_encode(body[:5000]), "tags": form_encode(tags), "looked": "1",
    })


def test_every_payload_in_every_idea_field_is_shown_as_text(app, client, make_user, make_team, make_response, db, api, outbox, runner, clock):
    from ideashub.hearing import services as hearing

    author = make_user()
    sign_in(client, author)
    posted: dict[int, object] = {}
    titles: dict[int, str] = {}  # what each title must be stored as
    refused: dict[str, list[str]] = {}
    for n, payload in enumerate(PAYLOADS):
        if "\x00" in payload.text:
            assert_refused_nul(client.post("/ideas/new", data={"title": payload.text, "problem": "p", "proposal": "q"}), payload)
            continue
        # Every field carries the payload; what a field refuses is refused with a form error
        # (the form shown again, the text escaped), nothing is written, and it is tried again
        # with that field plain.
        attempts = [
            (payload.text, payload.text, payload.text),
            (f"Hostile body number {n}", payload.text[:10_000], payload.text),
            (f"Hostile body number {n}", payload.text[:10_000], "plain"),
        ]
        for title, body, tags in attempts:
            before = count(db, Idea)
            response = post_idea(client, title, body, tags)
            if response.status_code == 302:
                idea_id = int(response.headers["Location"].rsplit("/", 1)[1])
                posted[idea_id] = payload
                titles[idea_id] = line(title)
                break
            assert response.status_code == 422, (payload.name, response.status_code)
            form_page = response.get_data(as_text=True)
            assert_no_active_content(form_page, f"form error for {payload.name}")
            if "<" in payload.text:
                assert form_encode(payload.text) not in form_page, f"{payload.name} echoed unescaped"
            assert count(db, Idea) == before, payload.name
            refused.setdefault(payload.name, []).append(re.findall(r'id="(\w+)-error"', form_page) or ["?"])
        else:
            pytest.fail(f"{payload.name}: no version of the idea was accepted")
    assert len(posted) == len(PAYLOADS) - len(NUL_PAYLOADS)
    assert {"just-too-long-title", "five-thousand", "twenty-thousand"} <= set(refused), refused

    # Edits: the edit form shows the stored text back (inputs and textareas); the history keeps both versions.
    for (idea_id, _first), payload in zip(list(posted.items())[: len(SAMPLE)], SAMPLE, strict=True):
        safe_page(client, f"/ideas/{idea_id}/edit")
        changed = {"title": payload.text, "problem": payload.text, "proposal": payload.text, "benefit": "", "tags": payload.text}
        variants = [changed, {**changed, "title": f"Edited idea {idea_id}", "tags": ""}]
        refusals = attempt_all(client, f"/ideas/{idea_id}/edit", payload, variants, db, None, "edit idea")
        if refusals is not None:
            posted[idea_id], titles[idea_id] = payload, line(variants[refusals]["title"])
        safe_page(client, f"/ideas/{idea_id}/edit")
        safe_page(client, f"/ideas/{idea_id}/history")

    ideas = {i.id: i for i in db.session.scalars(select(Idea).where(Idea.id.in_(posted))).unique()}
    for idea_id in posted:
        idea = ideas[idea_id]
        assert idea.title == titles[idea_id]  # stored as typed, after normalisation
        for tag in idea.tag_names:  # tags are words and hyphens only
            assert re.fullmatch(r"[\w-]{1,40}", tag), tag

    # Responses and support from another team, so the ideas rank and show up across the insights;
    # reports and moves, so they are on the moderators' pages and in their author's notifications.
    moderator = make_user(role="moderator")
    for n, idea_id in enumerate(list(posted)[:12]):
        make_response(db.session.get(Idea, idea_id), author=make_user(team=make_team()))
        hearing.report(make_user(), idea_id, "Reported so that its title is on the moderators' page.", clock.now())
        if n % 2:
            hearing.move_idea(moderator, idea_id, hearing.Move(stage="shortlisted"), clock.now())
    db.session.commit()

    # The idea page: every field.
    for idea_id, payload in posted.items():
        idea = ideas[idea_id]
        page = safe_page(client, f"/ideas/{idea_id}")
        assert_shown_as_text(page, idea.title, f"idea {payload.name}")
        assert_markdown_shown_safely(page, text(payload.text[:10_000]), f"idea body {payload.name}")
        for tag in idea.tag_names:
            assert tag in page

    # The board, with every card on it, as a member and as a moderator (whose cards carry a move form).
    board = safe_page(client, "/ideas/") + safe_page(client, "/ideas/?being_heard_page=2")
    safe_page(client, "/hearing/notifications")  # the author hears of the moves, titles and all
    sign_in(client, moderator)
    moderator_board = safe_page(client, "/ideas/?sort=new") + safe_page(client, "/ideas/?sort=new&being_heard_page=2")
    for idea in ideas.values():
        assert_shown_as_text(board, idea.title, "board")
        assert_shown_as_text(moderator_board, idea.title, "board (moderator)")

    # Search finds them and shows them as text.
    for payload in SAMPLE:
        safe_page(client, "/ideas/?" + _query(q=payload.text, tag=payload.text), 400 if "\x00" in payload.text else 200)

    # Top ideas, the author's profile, the moderators' pages (a week on: the quiet ideas need a hearing).
    clock.advance(days=6)
    for url in ("/insights/top", "/insights/top?by=trending", f"/people/{author.id}", "/hearing/queue", "/hearing/reports", "/hearing/log"):
        safe_page(client, url)
    queue = safe_page(client, "/hearing/queue")
    assert sum(f"/ideas/{i}\"" in queue for i in ideas) >= 10, "the queue lists the quiet hostile ideas"
    executive = make_user(role="executive")
    sign_in(client, executive)
    for url in ("/insights/", "/insights/brief", "/insights/top?by=cross_team&period=all"):
        safe_page(client, url)

    # The CSV export: every title there, none able to run as a formula.
    export = client.get("/insights/ideas.csv")
    assert export.status_code == 200 and export.mimetype == "text/csv"
    rows = assert_csv_neutralised(export.get_data(as_text=True), "ideas.csv")
    exported = {row[0]: row[1] for row in rows[1:]}
    for idea in ideas.values():
        expected = safe_cell(idea.title)
        assert exported[str(idea.id)] == expected
        if csv_formula(idea.title):
            assert expected.startswith("'")

    # The API: the same text, unchanged, as JSON.
    reader = api(executive)
    by_id = {item["id"]: item for item in api_items(reader, "/api/v1/ideas?per_page=100&sort=new")}
    for idea in ideas.values():
        assert by_id[idea.id]["title"] == idea.title
        assert by_id[idea.id]["tags"] == idea.tag_names
    one_id, one = next(iter(ideas.items()))
    assert assert_json_safe(reader.get(f"/api/v1/ideas/{one_id}"), "API idea")["problem"] == one.problem
    api_csv = reader.get("/api/v1/insights/ideas.csv")
    assert api_csv.status_code == 200
    assert_csv_neutralised(api_csv.get_data(as_text=True), "API ideas.csv")

    # The weekly digest email lists the week's top new ideas.
    assert runner.invoke(args=["send-digest", "--to", "digest.reader@hub.example.org"]).exit_code == 0
    digest = outbox.messages("digest.reader@hub.example.org")[-1]
    digest_html = digest.get_body(("html",)).get_content()
    assert_no_active_content(digest_html, "digest email")
    shown = [i for i in ideas.values() if f"/ideas/{i.id}\"" in digest_html]
    assert shown, "the digest lists none of the hostile ideas"
    for idea in shown:
        assert_shown_as_text(digest_html, idea.title, "digest email")


# --- Responses -------------------------------------------------------------------------


KINDS = ("build", "question", "concern", "offer")


def test_every_payload_as_a_response_is_shown_as_text(app, client, make_user, make_idea, db, api):
    author = make_user()
    idea = make_idea(author=author, title="Somewhere to respond")
    responder = make_user()
    sign_in(client, responder)
    accepted: list[tuple[object, str]] = []
    for n, payload in enumerate(PAYLOADS):
        kind = KINDS[n % 4]
        form = {"kind": kind, "body": payload.text, "suggestion": payload.text if kind == "concern" else "",
                "hours": "2" if kind == "offer" else ""}
        fits = len(form_encode(payload.text)) <= 5000 and text(payload)
        refusals = attempt_all(client, f"/ideas/{idea.id}/responses", payload, [form] if fits else [form, {**form, "body": payload.text[:200], "suggestion": "Try it first."}], db, Response, "respond")
        if refusals is not None:
            accepted.append((payload, kind))
            assert refusals == (0 if fits else 1), payload.name
    assert len(accepted) >= len(PAYLOADS) - len(NUL_PAYLOADS) - 2

    page = safe_page(client, f"/ideas/{idea.id}")
    for payload, _kind in accepted:
        sent = payload.text if len(form_encode(payload.text)) <= 5000 else payload.text[:200]
        assert_markdown_shown_safely(page, text(sent), f"response {payload.name}")

    # Replies with hostile parent ids are replies to nothing: posted as responses, never a 500.
    for parent in ("²", "-1", "1e9", "9" * 30, "<script>", "１２"):
        reply = client.post(f"/ideas/{idea.id}/responses", data={"kind": "build", "body": "A reply", "parent_id": parent})
        assert reply.status_code in (302, 404, 422), (parent, reply.status_code)

    safe_page(client, f"/people/{responder.id}")  # their offers, each cut to 120 characters
    sign_in(client, author)
    safe_page(client, "/hearing/notifications")

    listed = assert_json_safe(api(author).get(f"/api/v1/ideas/{idea.id}/responses"), "API responses")
    bodies = {r["body"] for r in listed["items"]}
    for payload, _kind in accepted:
        if len(text(payload)) <= 5000:
            assert text(payload) in bodies, payload.name


# --- Display names, bios and skills; registration -------------------------------------


def test_every_payload_as_a_display_name_is_shown_as_text(app, client, make_user, make_team, make_idea, make_response, db, api, clock):
    from ideashub.ideas import services as idea_services
    from ideashub.people.models import User

    team = make_team()
    idea = make_idea(title="Somewhere to be named")
    people: dict[int, object] = {}
    for n, payload in enumerate(PAYLOADS):
        person = make_user(team=team, name=f"Person {n}")
        sign_in(client, person)
        variants = [
            {"name": payload.text, "bio": payload.text, "skills": payload.text},
            {"name": f"Person {n}", "bio": payload.text[:2000], "skills": payload.text[:500]},
        ]
        refusals = attempt_all(client, "/account", payload, variants, db, None, "account")
        db.session.expire_all()
        stored = db.session.get(User, person.id)
        if refusals == 0:
            assert stored.name == line(payload), payload.name
            people[person.id] = payload
        else:
            assert stored.name == f"Person {n}", f"{payload.name}: a refused name was stored"
        make_response(idea, author=stored, body=f"Yes, and {n}")
        idea_services.support_idea(stored, idea.id, clock.now())
    assert len(people) >= len(PAYLOADS) - len(NUL_PAYLOADS) - 6
    names = {uid: db.session.get(User, uid).name for uid in people}

    viewer = make_user(role="admin", team=None)
    sign_in(client, viewer)
    pages = {
        "directory": safe_page(client, "/people/"),
        "idea": safe_page(client, f"/ideas/{idea.id}"),
        "admin people": "".join(safe_page(client, f"/admin/people?page={p}") for p in (1, 2, 3)),
    }
    for where, page in pages.items():
        for name in names.values():
            assert_shown_as_text(page, name, where)
    for uid, name in names.items():
        assert_shown_as_text(safe_page(client, f"/people/{uid}"), name, "profile")
    for uid in list(names)[:10]:
        safe_page(client, f"/admin/people/{uid}")
    for payload in SAMPLE:
        status = 400 if "\x00" in payload.text else 200
        safe_page(client, "/people/?" + _query(q=payload.text), status)
        safe_page(client, "/admin/people?" + _query(q=payload.text), status)
    safe_page(client, "/admin/audit")
    safe_page(client, "/insights/")  # the givers

    reader = api(viewer)
    authors = {r["author"]["name"] for r in assert_json_safe(reader.get(f"/api/v1/ideas/{idea.id}/responses"), "API")["items"]}
    assert set(names.values()) <= authors
    listed = {u["name"] for u in api_items(reader, "/api/v1/users")}
    assert set(names.values()) <= listed


def test_registering_with_hostile_names(app, make_org, make_team, db, outbox):
    from ideashub.people.models import User

    organisation = make_org(domain="hostile-register.gov.uk")
    team = make_team(organisation=organisation)
    client = app.test_client()
    for n, payload in enumerate(SAMPLE):
        email = f"new.person{n}@hostile-register.gov.uk"
        response = client.post("/register", data={
            "name": form_encode(payload.text), "email": email, "team_id": team.id,
            "password": "a long enough password here", "confirm": "a long enough password here"})
        if "\x00" in payload.text:
            assert_refused_nul(response, payload)
            continue
        page = response.get_data(as_text=True)
        assert_no_active_content(page, f"register {payload.name}")
        if response.status_code == 422:
            assert len(line(payload)) > 100 or not line(payload), payload.name
            continue
        assert response.status_code == 200, (payload.name, response.status_code)
        link = outbox.link(email, "/register/finish/")
        finished = client.post(link)
        assert finished.status_code == 302, payload.name
        user = db.session.scalar(select(User).where(User.email == email))
        assert user is not None and user.name == line(payload), payload.name
        assert_shown_as_text(safe_page(client, f"/people/{user.id}"), user.name, "profile after registering")
        with client.session_transaction() as session:
            session.clear()
    # Hostile values in the other registration fields: refused with a form error.
    for field in ("email", "team_id", "password"):
        for payload in SAMPLE[:8]:
            data = {"name": "Someone", "email": "someone@hostile-register.gov.uk", "team_id": team.id,
                    "password": "a long enough password here", "confirm": "a long enough password here"}
            data[field] = form_encode(payload.text)
            if field == "password":
                data["confirm"] = data["password"]
            response = client.post("/register", data=data)
            # A password may be any text that is long enough (then the usual "check your email").
            allowed = (200, 422) if field == "password" else (422,)
            assert response.status_code in allowed, (field, payload.name, response.status_code)
            assert_no_active_content(response.get_data(as_text=True), f"register {field}")


# --- Team and organisation names (admin) ------------------------------------------------


def test_every_payload_as_a_team_or_organisation_name_is_shown_as_text(app, client, make_user, make_org, make_idea, db, api, clock):
    from ideashub.ideas import services as idea_services
    from ideashub.people.models import Organisation, Team

    admin = make_user(role="admin", team=None)
    sign_in(client, admin)
    home = make_org(name="Home of hostile teams", domain="hostile-teams.gov.uk")
    orgs, teams = [], []
    for payload in PAYLOADS:
        if attempt_all(client, "/admin/organisations/new", payload, [{"name": payload.text}], db, Organisation, "add organisation") == 0:
            orgs.append(db.session.scalar(select(Organisation).order_by(Organisation.id.desc()).limit(1)))
        if attempt_all(client, f"/admin/organisations/{home.id}/teams", payload, [{"name": payload.text}], db, Team, "add team") == 0:
            teams.append(db.session.scalar(select(Team).order_by(Team.id.desc()).limit(1)))
    assert len(orgs) >= len(PAYLOADS) - len(NUL_PAYLOADS) - 6 and len(teams) >= len(orgs) - 2
    for n, payload in enumerate(SAMPLE):  # renames: the audit log keeps the before and after
        attempt_all(client, f"/admin/organisations/{orgs[0].id}/name", payload, [{"name": f"{payload.text} {n}"}], db, None, "rename organisation")
        attempt_all(client, f"/admin/teams/{teams[0].id}/name", payload, [{"name": f"{payload.text} {n}", "organisation_id": home.id}], db, None, "rename team")
    db.session.expire_all()
    org_names = [db.session.get(Organisation, o.id).name for o in orgs]
    team_names = [db.session.get(Team, t.id).name for t in teams]

    # People in the hostile teams support each other's ideas: the cross-team matrix names them.
    people = [make_user(team=db.session.get(Team, t.id)) for t in teams[:12]]
    ideas = [make_idea(author=p, title=f"Idea from team {i}") for i, p in enumerate(people)]
    for i, person in enumerate(people):
        idea_services.support_idea(person, ideas[(i + 1) % len(ideas)].id, clock.now())

    pages = {
        "admin organisations": safe_page(client, "/admin/organisations"),
        "board filters": safe_page(client, "/ideas/"),
        "top ideas filters": safe_page(client, "/insights/top"),
        "project wall filters": safe_page(client, "/projects/"),
    }
    for where, page in pages.items():
        for name in (*team_names, *org_names) if where == "admin organisations" else team_names:
            assert_shown_as_text(page, name, where)
    dashboard = safe_page(client, "/insights/")  # the heat map (SVG) and its table
    for name in team_names[:12]:
        assert_shown_as_text(dashboard, name, "insights")
    safe_page(client, "/insights/brief")
    safe_page(client, "/people/")
    safe_page(client, f"/ideas/{ideas[0].id}")
    safe_page(client, "/admin/audit")
    for url in ("/insights/matrix.csv", "/insights/ideas.csv"):
        export = client.get(url)
        assert export.status_code == 200, url
        assert_csv_neutralised(export.get_data(as_text=True), url)
    anonymous = app.test_client()
    register = safe_page(anonymous, "/register")
    for name in team_names:
        assert_shown_as_text(register, name, "register page")

    reader = api(admin)
    listed = {t["name"] for t in assert_json_safe(reader.get("/api/v1/teams"), "API teams")["items"]}
    assert set(team_names) <= listed
    listed = {o["name"] for o in assert_json_safe(reader.get("/api/v1/organisations"), "API organisations")["items"]}
    assert set(org_names) <= listed
    for payload in SAMPLE[:10]:  # domains: refused unless they are domains
        response = client.post(f"/admin/organisations/{home.id}/domains", data={"domain": form_encode(payload.text)})
        assert response.status_code == 302 and flashed_error(client), f"{payload.name} was taken as a domain"
    safe_page(client, "/admin/organisations")


# --- Challenges: title, question, background, posts, updates, write-ups, decisions ------------


SENTENCE = "The reason, in a sentence of its own: "


def test_challenge_fields_show_payloads_as_text(app, client, make_user, make_idea, make_response, db, api, sprint_day):
    from ideashub.challenges import services as challenges
    from ideashub.challenges.models import Challenge, ChallengeEntry, ChallengePost

    facilitator, sponsor = make_user(role="moderator"), make_user(role="executive")
    sign_in(client, facilitator)
    backgrounds = hostile.packed(10_000)
    made = []
    for n, payload in enumerate(SAMPLE):
        form = {"title": payload.text, "question": f"How might we {payload.text}?", "background": backgrounds[n % len(backgrounds)],
                "starts_on": "2026-03-09", "sponsor_id": sponsor.id, "facilitator_id": facilitator.id}
        variants = [form, {**form, "title": f"Sprint {n}"}, {**form, "title": f"Sprint {n}", "question": f"How might we try number {n}?"}]
        if attempt_all(client, "/challenges/new", payload, variants, db, Challenge, "new challenge") is not None:
            made.append(db.session.scalar(select(Challenge).order_by(Challenge.id.desc()).limit(1)))
    assert len(made) >= len(SAMPLE) - 1
    challenge = made[0]
    sprint_day(challenge, 1)
    member = make_user()
    sign_in(client, member)
    for payload in SAMPLE:  # questions and comments (days 1 and 2), ideas posted into the challenge
        for kind in ("question", "comment"):  # a question, and something we know
            attempt_all(client, f"/challenges/{challenge.id}/posts", payload, [{"kind": kind, "body": payload.text}], db, ChallengePost, "challenge post")
        attempt_all(client, f"/challenges/{challenge.id}/ideas/new", payload,
                    [{"title": payload.text, "problem": payload.text, "proposal": payload.text, "looked": "1"},
                     {"title": "A challenge idea", "problem": payload.text, "proposal": payload.text, "looked": "1"}],
                    db, Idea, "challenge idea")
    entries = db.session.scalars(select(ChallengeEntry).where(ChallengeEntry.challenge_id == challenge.id)).all()
    assert len(entries) >= len(SAMPLE) - 1
    for entry in entries:
        make_response(entry.idea, author=make_user())
    sprint_day(challenge, 3)
    challenges.shortlist(facilitator, challenge.id, [e.idea_id for e in entries], app.extensions["clock"].now())
    db.session.commit()
    sprint_day(challenge, 4)
    sign_in(client, facilitator)
    for n, entry in enumerate(entries):
        payload = SAMPLE[n % len(SAMPLE)]
        attempt_all(client, f"/challenges/{challenge.id}/ideas/{entry.idea_id}/write-up", payload, [{"writeup": payload.text}], db, None, "write-up")
        attempt_all(client, f"/challenges/{challenge.id}/posts", payload, [{"idea_id": entry.idea_id, "body": payload.text}], db, ChallengePost, "update")
    for payload in SAMPLE:  # idea numbers that are not numbers
        for url, data in ((f"/challenges/{challenge.id}/ideas", {"idea_id": payload.text}),
                          (f"/challenges/{challenge.id}/shortlist", {"idea_ids": [payload.text, "²", "-1"]})):
            response = client.post(url, data={k: [form_encode(x) for x in v] if isinstance(v, list) else form_encode(v) for k, v in data.items()})
            assert response.status_code in (302, 400), (url, payload.name, response.status_code)
    sprint_day(challenge, 5)
    outcomes = ("stop", "park", "take_forward")
    for n, entry in enumerate(entries):
        payload = SAMPLE[n % len(SAMPLE)]
        decision = {"outcome": outcomes[n % 3], "reason": SENTENCE + payload.text, "learned": payload.text,
                    "revisit_on": "2026-09-01", "project_name": payload.text, "project_goal": payload.text}
        safe_page(client, f"/challenges/{challenge.id}/ideas/{entry.idea_id}/decide")
        attempt_all(client, f"/challenges/{challenge.id}/ideas/{entry.idea_id}/decide", payload,
                    [decision, {**decision, "project_name": ""}], db, None, "decision")
    decided = db.session.scalars(select(ChallengeEntry).where(ChallengeEntry.challenge_id == challenge.id, ChallengeEntry.outcome.is_not(None))).all()
    assert len(decided) >= len(entries) - 2

    for c in made:
        page = safe_page(client, f"/challenges/{c.id}")
        assert_shown_as_text(page, c.title, "challenge page")
        assert_shown_as_text(page, c.question, "challenge page")
    index = safe_page(client, "/challenges/")
    for c in made:
        assert_shown_as_text(index, c.title, "challenges")
    page = safe_page(client, f"/challenges/{challenge.id}") + safe_page(client, f"/challenges/{challenge.id}/summary")
    for entry in decided:
        assert_markdown_shown_safely(page, entry.decision_reason, "decision reason")
        if entry.learned:
            assert_markdown_shown_safely(page, entry.learned, "what was learned")
    for entry in entries:
        db.session.refresh(entry)
        if entry.writeup:
            assert_markdown_shown_safely(page, entry.writeup, "write-up")
    posts = db.session.scalars(select(ChallengePost).where(ChallengePost.challenge_id == challenge.id)).all()
    assert len(posts) >= 2 * (len(SAMPLE) - 1)
    for post in posts:
        assert_markdown_shown_safely(page, post.body, f"challenge {post.kind}")
    for entry in entries:
        safe_page(client, f"/ideas/{entry.idea_id}")
    safe_page(client, "/projects/")
    sign_in(client, sponsor)
    safe_page(client, "/insights/")
    reader = api(sponsor)
    assert_json_safe(reader.get("/api/v1/challenges"), "API challenges")
    got = assert_json_safe(reader.get(f"/api/v1/challenges/{challenge.id}"), "API challenge")
    assert got["title"] == challenge.title


# --- Projects: name, goal, ideas, lead and members, edits, updates ---------------------------


def test_project_fields_show_payloads_as_text(app, client, make_user, make_idea, db, api, outbox, runner):
    from ideashub.projects.models import Project, ProjectUpdate

    moderator, lead = make_user(role="moderator"), make_user()
    sign_in(client, moderator)
    goals = hostile.packed(2000)
    made = []
    for n, payload in enumerate(SAMPLE):
        idea = make_idea(title=f"Seed idea {n}")
        form = {"name": payload.text, "goal": goals[n % len(goals)], "idea_ids": str(idea.id), "lead": lead.email,
                "status": "proposed", "members-0-email": "", "members-0-hours": ""}
        variants = [form, {**form, "name": f"Project {n}"}]
        if attempt_all(client, "/projects/new", payload, variants, db, Project, "new project") is not None:
            made.append(db.session.scalar(select(Project).order_by(Project.id.desc()).limit(1)))
        # Hostile idea numbers, leads and members are refused with a form error.
        for field in ("idea_ids", "lead", "members-0-email", "members-0-hours"):
            bad = {**form, "name": f"Refused project {n}", field: payload.text}
            assert attempt_all(client, "/projects/new", payload, [bad], db, Project, f"new project ({field})") is None, (field, payload.name)
    assert len(made) >= len(SAMPLE) - 1
    project = made[0]
    for n, payload in enumerate(SAMPLE):
        edit = {"name": f"Project {n}: {payload.text}", "goal": payload.text, "lead": lead.email, "status": "active" if n == 0 else "proposed",
                "add_ideas": "", "reason": payload.text}
        attempt_all(client, f"/projects/{project.id}/edit", payload, [edit, {**edit, "name": f"Project {n}"}], db, None, "edit project")
        attempt_all(client, f"/projects/{project.id}/edit", payload, [{**edit, "name": f"Project {n}", "add_ideas": payload.text}], db, None, "edit project (ideas)")
        response = client.post(f"/projects/{project.id}/members", data={"email": form_encode(payload.text), "hours": "2"})
        if "\x00" in payload.text:
            assert_refused_nul(response, payload)
        else:
            assert response.status_code == 302 and flashed_error(client), f"{payload.name} was taken as a member"
    sign_in(client, lead)
    for payload in SAMPLE:
        attempt_all(client, f"/projects/{project.id}/updates", payload, [{"body": payload.text}], db, ProjectUpdate, "project update")

    wall = safe_page(client, "/projects/")
    for p in made:
        db.session.refresh(p)
        assert_shown_as_text(wall, p.name, "wall")
        page = safe_page(client, f"/projects/{p.id}")
        assert_shown_as_text(page, p.name, "project page")
        assert_markdown_shown_safely(page, p.goal, "project goal")
    page = safe_page(client, f"/projects/{project.id}")
    for update in db.session.scalars(select(ProjectUpdate).where(ProjectUpdate.project_id == project.id)):
        assert_markdown_shown_safely(page, update.body, "project update")
    for idea in project.ideas:
        safe_page(client, f"/ideas/{idea.id}")
    for payload in SAMPLE:
        safe_page(client, "/projects/?" + _query(q=payload.text, status=payload.text), 400 if "\x00" in payload.text else 200)
    sign_in(client, moderator)
    safe_page(client, f"/projects/{project.id}/edit")
    assert runner.invoke(args=["send-digest", "--to", "digest.reader@hub.example.org"]).exit_code == 0
    digest_html = outbox.messages("digest.reader@hub.example.org")[-1].get_body(("html",)).get_content()
    assert_no_active_content(digest_html, "digest email (projects)")
    listed_in_digest = [p for p in made if f"/projects/{p.id}\"" in digest_html]
    assert listed_in_digest, "the digest lists none of the week's new projects"
    for p in listed_in_digest:
        assert_shown_as_text(digest_html, p.name, "digest email (projects)")
    reader = api(lead)
    listed = {p["name"] for p in assert_json_safe(reader.get("/api/v1/projects"), "API projects")["items"]}
    assert {p.name for p in made} <= listed
    assert assert_json_safe(reader.get(f"/api/v1/projects/{project.id}"), "API project")["name"] == project.name


# --- Reasons and notes: decisions, withdrawals, hiding, reports, moderators, admins --------------


def test_reasons_and_notes_show_payloads_as_text(app, client, make_user, make_idea, make_response, db, api, outbox, runner, clock):
    from ideashub.core.activity import Activity
    from ideashub.hearing.models import Report

    admin, moderator, author = make_user(role="admin", team=None), make_user(role="moderator"), make_user()
    sign_in(client, admin)
    for n, payload in enumerate(SAMPLE):  # the settings' reason
        data = {"hearing_days": str(n % 2 + 1), "hearing_min_responses": "1", "reason": payload.text}
        attempt_all(client, "/admin/settings", payload, [data], db, None, "settings")
    # The least hearing there is (a day, one person from another team), so ideas can be decided below.
    least = {"hearing_days": "1", "hearing_min_responses": "1", "reason": "Decide the test ideas after a day."}
    assert client.post("/admin/settings", data=least).status_code == 302

    decided = []
    for n, payload in enumerate(SAMPLE):
        idea = make_idea(author=author, title=f"To be decided {n}", now=clock.now() - timedelta(days=2))
        response = make_response(idea, author=make_user())
        sign_in(client, moderator)
        stage = ("not_taken_forward", "parked")[n % 2]
        move = {"stage": stage, "reason": SENTENCE + payload.text, "revisit_on": "2026-09-01", "version": str(idea.version)}
        bare = {**move, "reason": payload.text}
        refused = attempt_all(client, f"/hearing/ideas/{idea.id}/move", payload, [bare, move], db, None, "move")
        if refused is not None:
            decided.append(idea)
        attempt_all(client, f"/hearing/responses/{response.id}/hide", payload, [{"reason": payload.text}], db, None, "hide response")
        # Hostile numbers, columns and dates in the triage forms are refused (a stale or unreadable
        # version only means "move it anyway", as when the form is sent without one).
        spare = make_idea(title=f"Spare {n}")
        for data in ({"into": payload.text}, {"into": str(spare.id), "version": payload.text},
                     {"stage": payload.text}, {"stage": "parked", "reason": SENTENCE + "x", "revisit_on": payload.text}):
            url = f"/hearing/ideas/{spare.id}/{'merge' if 'into' in data else 'move'}"
            assert attempt_all(client, url, payload, [data], db, None, "triage") is None, (payload.name, data)
        hidden = make_idea(author=author, title=f"To be hidden {n}")
        attempt_all(client, f"/hearing/ideas/{hidden.id}/hide", payload, [{"reason": payload.text}], db, None, "hide idea")
        sign_in(client, author)
        withdrawn = make_idea(author=author, title=f"To be withdrawn {n}")
        attempt_all(client, f"/ideas/{withdrawn.id}/withdraw", payload, [{"reason": payload.text}], db, None, "withdraw")
        reporter = make_user()
        sign_in(client, reporter)
        reported = make_idea(title=f"To be reported {n}")
        attempt_all(client, f"/hearing/ideas/{reported.id}/report", payload, [{"reason": payload.text}], db, Report, "report")
        attempt_all(client, f"/hearing/responses/{make_response(reported).id}/report", payload, [{"reason": payload.text}], db, Report, "report response")
    assert len(decided) >= len(SAMPLE) - 1

    sign_in(client, moderator)
    safe_page(client, "/hearing/reports")
    open_reports = db.session.scalars(select(Report).where(Report.resolved_at.is_(None))).all()
    for report, payload in zip(open_reports, SAMPLE * 2, strict=False):
        attempt_all(client, f"/hearing/reports/{report.id}/dismiss", payload, [{"note": payload.text}], db, None, "dismiss report")
    reports_page = safe_page(client, "/hearing/reports")
    for report in db.session.scalars(select(Report).where(Report.outcome_note.is_not(None))):
        assert_shown_as_text(reports_page, report.outcome_note.split("\n")[0], "closed reports")
    for url in ("/hearing/log", "/hearing/queue", "/ideas/", "/insights/"):
        safe_page(client, url)

    for idea in decided:
        db.session.refresh(idea)
        for viewer in (author, make_user()):
            sign_in(client, viewer)
            page = safe_page(client, f"/ideas/{idea.id}")
            assert_markdown_shown_safely(page, idea.decision_reason, "decision reason")
        safe_page(client, f"/ideas/{idea.id}/history")
    sign_in(client, author)
    safe_page(client, "/hearing/notifications")

    sign_in(client, admin)
    target = make_user()
    for n, payload in enumerate(SAMPLE):  # role, team and account changes, each with its reason in the audit log
        attempt_all(client, f"/admin/people/{target.id}/role", payload, [{"role": ("moderator", "member")[n % 2], "reason": payload.text}], db, None, "role")
        attempt_all(client, f"/admin/people/{target.id}/team", payload, [{"team_id": str(target.team_id), "reason": payload.text}], db, None, "team")
        attempt_all(client, f"/admin/people/{target.id}/{('deactivate', 'reactivate')[n % 2]}", payload, [{"reason": payload.text, "confirmed": "yes"}], db, None, "active")
        response = client.post(f"/admin/people/{target.id}/role", data={"role": form_encode(payload.text)})
        if "\x00" in payload.text:
            assert_refused_nul(response, payload)
        else:
            assert response.status_code == 302 and flashed_error(client), f"{payload.name} was taken as a role"
    audit = safe_page(client, "/admin/audit")
    for entry in db.session.scalars(select(Activity).where(Activity.reason.is_not(None)).order_by(Activity.id.desc()).limit(30)):
        assert_shown_as_text(audit, entry.reason.split("\n")[0], "audit log")
    safe_page(client, f"/admin/people/{target.id}")

    export = client.get("/insights/ideas.csv")
    rows = assert_csv_neutralised(export.get_data(as_text=True), "ideas.csv reasons")
    reasons = {row[0]: row[-1] for row in rows[1:]}
    for idea in decided:
        assert reasons[str(idea.id)] == safe_cell(idea.decision_reason)
    reader = api(admin)
    for idea in decided:
        got = assert_json_safe(reader.get(f"/api/v1/ideas/{idea.id}"), "API idea")
        assert got["decision"]["reason"] == idea.decision_reason
        assert_json_safe(reader.get(f"/api/v1/ideas/{idea.id}/activity"), "API activity")
    assert runner.invoke(args=["send-digest", "--to", "digest.reader@hub.example.org"]).exit_code == 0
    digest_html = outbox.messages("digest.reader@hub.example.org")[-1].get_body(("html",)).get_content()
    assert_no_active_content(digest_html, "digest email")


# --- Search, sort, paging and filter parameters ----------------------------------------------


TEXT_PARAMS = {
    "/ideas/": ["q", "tag", "sort", "author", "mine", "supported", "from", "to"],
    "/insights/top": ["tag", "by", "period"],
    "/insights/": ["period", "tag"],
    "/insights/brief": ["period", "tag"],
    "/insights/ideas.csv": ["period", "tag"],
    "/projects/": ["q", "status"],
    "/people/": ["q"],
    "/admin/people": ["q"],
    "/admin/audit": ["action", "person", "from", "to"],
    "/admin/audit.csv": ["action", "from", "to"],
    "/hearing/log": ["from", "to"],
    "/hearing/log.csv": ["from", "to"],
    "/api/v1/ideas": ["q", "tag", "sort", "stage"],
    "/api/v1/ideas/top": ["by", "tag", "period"],
    "/api/v1/users": ["q"],
    "/api/v1/insights": ["period"],
}
NUMBER_PARAMS = {
    "/ideas/": ["team", "organisation", "being_heard_page", "parked_page"],
    "/insights/top": ["team", "organisation", "challenge"],
    "/insights/": ["team", "organisation", "challenge"],
    "/insights/matrix.csv": ["team", "organisation"],
    "/projects/": ["team", "organisation"],
    "/admin/people": ["page"],
    "/admin/audit": ["before"],
    "/hearing/log": ["before"],
    "/api/v1/ideas": ["page", "per_page", "team", "organisation"],
    "/api/v1/ideas/top": ["limit", "team", "organisation", "challenge"],
    "/api/v1/users": ["page"],
    "/api/v1/insights": ["team", "organisation"],
    "/api/v1/insights/ideas.csv": ["team", "organisation"],
}
# The search boxes get every value; the other pages the sample and what only a URL can carry.
FULL_SEARCH = {"/ideas/", "/api/v1/ideas"}
DATE_FILTERED_LOGS = {"/admin/audit", "/admin/audit.csv", "/hearing/log", "/hearing/log.csv"}


def _check_answer(response, url: str, value: str) -> None:
    where = f"{url} with {value[:40]!r}"
    status = response.status_code
    if "\x00" in value:
        assert status == 400, (where, status)
    if status == 414:  # an address past the hub's limit is refused as too long, as a page or JSON
        from ideashub.core.security import MAX_URL_LENGTH

        assert len(response.request.full_path) > MAX_URL_LENGTH, (where, status)
    elif url in DATE_FILTERED_LOGS:  # the logs show their filter again with the date's error, as forms do
        assert status in (200, 400, 422), (where, status)
    else:
        assert status in (200, 400), (where, status)
    body = response.get_data(as_text=True)
    if response.mimetype == "text/html":
        assert_no_active_content(body, where)
        if "<" in value:
            assert form_encode(value).strip() not in body, f"{where}: echoed unescaped"
    elif response.mimetype == "text/csv":
        assert_csv_neutralised(body, where)
    else:
        assert response.mimetype == "application/json", where
        json.loads(body)


def test_search_sort_paging_and_filter_parameters_never_fail(app, client, make_user, make_idea, make_response, api, db):
    from sqlalchemy import event

    # A value that reached the SQL text itself (not as a bound parameter) would show there:
    # the corpus carries pg_sleep(5), "; DROP TABLE" and the like.
    injected: list[str] = []

    def watch(conn, cursor, statement, parameters, context, executemany):
        if "pg_sleep" in statement.lower() or "drop table" in statement.lower():
            injected.append(statement)

    event.listen(db.engine, "before_cursor_execute", watch)
    admin = make_user(role="admin", team=None)
    for n in range(3):
        make_response(make_idea(title=f"Something to find {n}", tags=["bins"]))
    sign_in(client, admin)
    token = api(admin).token
    sample_values = [p.text for p in SAMPLE] + QUERY_EXTRAS
    number_values = [p.text for p in SAMPLE[::4]] + QUERY_EXTRAS
    requests = 0
    for params, values_for in ((TEXT_PARAMS, lambda url: QUERY_VALUES if url in FULL_SEARCH else sample_values),
                               (NUMBER_PARAMS, lambda url: number_values)):
        for url, names in params.items():
            headers = {"Authorization": f"Bearer {token}"} if url.startswith("/api/") else {}
            for value in values_for(url):
                response = client.get(url + "?" + _query(**{name: value for name in names}), headers=headers)
                _check_answer(response, url, value)
                assert not injected, f"{url} with {value[:40]!r} reached the SQL text: {injected[0][:200]}"
                requests += 1
    # The sign-in page carries ?next= into its form.
    anonymous = app.test_client()
    for value in sample_values:
        response = anonymous.get("/login?" + _query(next=value))
        _check_answer(response, "/login", value)
    event.remove(db.engine, "before_cursor_execute", watch)
    assert requests > 1000


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised():
    for payload in PAYLOADS:
        cell = safe_cell(payload.text)
        assert not csv_formula(cell), payload.name
        if csv_formula(payload.text):
            assert cell == "'" + payload.text
    for lead in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_cell(f"{lead}1+1") == f"'{lead}1+1"
    assert safe_cell("Fine text") == "Fine text" and safe_cell(None) == "" and safe_cell(12) == "12"


def test_the_corpus_is_large_and_varied():
    assert len(PAYLOADS) >= 60
    kinds = {p.kind for p in PAYLOADS}
    assert kinds == {"script", "handler", "attribute", "url", "markdown", "svg", "template", "css", "frame",
                     "unicode", "csv", "long", "control", "sql", "misc"}
    assert {p.kind for p in SAMPLE} >= kinds - {"long", "url", "css"}
    assert any(hostile.nfkc(p.text) != p.text and "<" in hostile.nfkc(p.text) and "<" not in p.text for p in PAYLOADS)


# --- The same fields through the API -------------------------------------------------------


def test_the_api_takes_the_corpus_as_json_and_the_pages_show_it_as_text(app, client, make_user, make_org, db, api):
    from ideashub.people.models import Team

    author, admin = make_user(), make_user(role="admin", team=None)
    writer, boss = api(author), api(admin)
    home = make_org(name="API home of hostile teams")
    made, refused = [], 0
    for payload in PAYLOADS:
        # JSON carries what a form cannot: a lone surrogate is sent as itself (json escapes it).
        body = {"title": payload.text, "problem": payload.text, "proposal": payload.text,
                "benefit": payload.text[:5000], "tags": [payload.text[:40]]}
        before = count(db, Idea)
        response = writer.post("/api/v1/ideas", json=body)
        if "\x00" in payload.text:  # refused, naming the fields, rather than quietly changed
            assert response.status_code == 422, (payload.name, response.status_code)
        if response.status_code == 422:
            fields = response.get_json()["error"]["fields"]
            assert fields, payload.name
            if "\x00" in payload.text:
                assert "NUL" in " ".join(fields.values()), payload.name
            assert count(db, Idea) == before, payload.name
            refused += 1
            continue
        assert response.status_code == 201, (payload.name, response.status_code)
        idea = response.get_json()
        assert idea["title"] == clean_line(payload.text), payload.name
        made.append(idea["id"])
        answer = writer.post(f"/api/v1/ideas/{idea['id']}/responses", json={"kind": "build", "body": payload.text[:5000]})
        assert answer.status_code in (201, 422), (payload.name, answer.status_code)
        team = boss.post(f"/api/v1/organisations/{home.id}/teams", json={"name": payload.text[:120]})
        assert team.status_code in (201, 409, 422), (payload.name, team.status_code)
    assert refused >= len(NUL_PAYLOADS) + 3 and len(made) >= len(PAYLOADS) - refused

    sign_in(client, author)
    for idea_id in made:
        page = safe_page(client, f"/ideas/{idea_id}")
        assert_shown_as_text(page, db.session.get(Idea, idea_id).title, "idea posted through the API")
    safe_page(client, "/ideas/") + safe_page(client, "/ideas/?being_heard_page=2")
    sign_in(client, admin)
    organisations = safe_page(client, "/admin/organisations")
    for team in db.session.scalars(select(Team).where(Team.organisation_id == home.id)):
        assert_shown_as_text(organisations, team.name, "team added through the API")


# --- Responses edited by their authors; replies refused and shown again ---------------------------


def test_every_payload_as_an_edited_response_or_a_refused_reply_is_shown_as_text(client, make_user, make_idea, make_response, db):
    from ideashub.ideas.models import ResponseRevision

    idea = make_idea(title="Somewhere to edit a response")
    writer = make_user()
    response = make_response(idea, author=writer, body="The first version.")
    sign_in(client, writer)
    accepted = []
    for payload in PAYLOADS:
        fits = len(form_encode(payload.text)) <= 5000 and text(payload)
        variants = [{"body": payload.text}] if fits else [{"body": payload.text}, {"body": payload.text[:200]}]
        if attempt_all(client, f"/ideas/responses/{response.id}/edit", payload, variants, db, None, "edit response") is not None:
            accepted.append(payload)
        # The same text as a reply that is refused (too long, or only spaces): shown again in its box, as text.
        refused = client.post(f"/ideas/{idea.id}/responses", data={
            "kind": "build", "parent_id": response.id,
            "body": form_encode(payload.text + " " * 2 + "x" * 5001) if "\x00" not in payload.text else "   "})
        assert refused.status_code == 422, payload.name
        assert_no_active_content(refused.get_data(as_text=True), f"refused reply {payload.name}")
    assert len(accepted) >= len(PAYLOADS) - len(NUL_PAYLOADS) - 2
    assert db.session.query(ResponseRevision).filter_by(response_id=response.id).count() >= len(accepted) - 2
    page = safe_page(client, f"/ideas/{idea.id}")
    history = safe_page(client, f"/ideas/responses/{response.id}/history")
    last = accepted[-1]
    sent = last.text if len(form_encode(last.text)) <= 5000 else last.text[:200]
    assert_markdown_shown_safely(page, text(sent), f"edited response {last.name}")
    for payload in accepted[:-1]:
        sent = payload.text if len(form_encode(payload.text)) <= 5000 else payload.text[:200]
        assert_markdown_shown_safely(history, text(sent), f"earlier version {payload.name}")
