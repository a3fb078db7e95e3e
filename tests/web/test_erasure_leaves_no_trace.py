"""After an approved erasure the person's name and email are nowhere the hub shows them: every
page the URL map can render (as each role, as the access table walks it), every API answer,
the emails sent afterwards, the person's own data export, search and suggestions. Before the
erasure the same walk finds them, so the walk is known to look in the right places."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

import pytest
from flask import url_for
from sqlalchemy import select

from ideashub.core import outbox as hub_outbox
from ideashub.extensions import db as _db
from ideashub.hearing.models import Notification
from ideashub.matching.models import Invitation
from ideashub.people.models import User
from ideashub.privacy import queries, services
from tests.conftest import PASSWORD

NAME, EMAIL = "Zebulon Quartermaine", "zebulon.quartermaine@depot-council.gov.uk"
# The surname alone catches the name, the email address and any part of either.
TRACE = re.compile(r"quartermaine", re.IGNORECASE)
ROLES = ("anon", "member", "executive", "moderator", "admin")
SKIPPED_ARGS = {"token", "filename", "rest", "schema_id", "webhook_id", "delivery_id", "erasure_id", "code"}


@pytest.fixture
def world(db, clock, client, make_user, make_team, make_idea, make_response, make_challenge):
    from ideashub.ideas import services as ideas
    from ideashub.people.services import issue_token
    from ideashub.projects import services as projects
    from ideashub.reach import follows

    depot = make_team(name="Depot team")
    zeb = make_user(name=NAME, email=EMAIL, team=depot)
    zeb.bio, zeb.skills = "Zebulon Quartermaine runs the depot rota.", "welsh translation, forklift rotas"
    people = {role: make_user(role=role, name=f"{role.title()} Reader") for role in ROLES[1:]}
    ana = people["member"]
    # Named in plain words (no @) in someone else's idea: the erasure takes the name out of that too.
    theirs = make_idea(author=ana, title="Bins on Tuesdays", tags=["depot"],
                       problem=f"The bins wait all week; {NAME} says the depot could take them on Tuesdays.")
    his = make_idea(author=zeb, title="Lockers at the depot", tags=["depot"])
    his_response = make_response(theirs, author=zeb, body="Yes, and the depot could store the bins.")
    mention = make_response(theirs, author=people["executive"],
                            body=f"Yes, and @{NAME} knows the rota; ask @{EMAIL} too.")
    ideas.support_idea(zeb, theirs.id, clock.now())
    follows.follow(zeb, "idea", theirs.id, clock.now())
    project = projects.create_project(people["moderator"], projects.ProjectDraft(
        name="Depot lockers", goal="Lockers for the rota.", idea_ids=[his.id], lead_id=zeb.id), clock.now())
    challenge = make_challenge(title="Depot week")
    # Invited to hear Ana's idea, straight into the table.
    _db.session.add(Invitation(idea_id=theirs.id, user_id=zeb.id, invited_by_id=ana.id, note="You know the depot.",
                               status="invited", created_at=clock.now()))
    _db.session.commit()
    client.post("/login", data={"email": EMAIL, "password": "not the password"})  # the log keeps the address
    issue_token(zeb, clock.now())
    tokens = {role: issue_token(person, clock.now()) for role, person in people.items()}
    _db.session.commit()
    note = _db.session.scalar(select(Notification.id).where(Notification.user_id == ana.id).order_by(Notification.id))
    return dict(zeb=zeb, people=people, tokens=tokens, ideas=[theirs.id, his.id],
                responses=[his_response.id, mention.id], project=project.id, challenge=challenge.id,
                notification=note, organisation=depot.organisation_id, team=depot.id)


def _value_sets(w) -> list[dict]:
    base = {"user_id": w["zeb"].id, "project_id": w["project"], "challenge_id": w["challenge"],
            "notification_id": w["notification"], "organisation_id": w["organisation"], "team_id": w["team"],
            "name": "depot"}
    return [{**base, "idea_id": w["ideas"][0], "response_id": w["responses"][0]},
            {**base, "idea_id": w["ideas"][0], "response_id": w["responses"][1]},
            {**base, "idea_id": w["ideas"][1], "response_id": w["responses"][0]}]


def _urls(app, w) -> list[str]:
    found = set()
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or set(rule.arguments) & SKIPPED_ARGS or rule.endpoint == "static":
                continue
            for values in _value_sets(w):
                found.add(url_for(rule.endpoint, **{arg: values[arg] for arg in rule.arguments}))
    searches = ["/people/?q=Zebulon", "/people/?q=quartermaine", "/people/suggest?q=zebu", "/people/suggest?q=quarter",
                "/people/?skill=welsh translation", "/ideas/?q=depot", "/?q=depot", "/admin/audit?person=zebulon",
                "/api/v1/users?q=zebulon", "/api/v1/users?q=quartermaine"]
    return sorted(found) + searches


def _sign_in(client, user) -> None:
    with client.session_transaction() as session:
        session.clear()
        if user is not None:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True


def _without_the_question(body: str, url: str) -> str:
    """The answer less the search words it repeats back ("No one matches “quartermaine”")."""
    for value in parse_qs(urlsplit(url).query).values():
        for word in value:
            body = body.replace(word, "").replace(quote_plus(word), "").replace(quote(word), "")
    return body


def traces(app, w) -> set[str]:
    """Every (role, address) whose answer holds the person's name or email; never a server error."""
    hits, client = set(), app.test_client()
    for url in _urls(app, w):
        for role in ROLES:
            person = _db.session.get(User, w["people"][role].id) if role != "anon" else None
            if url.startswith("/api/"):
                headers = {"Authorization": f"Bearer {w['tokens'][role]}"} if person else {}
                response = client.get(url, headers=headers)
            else:
                _sign_in(client, person)
                response = client.get(url)
            assert response.status_code < 500, (role, url, response.status_code)
            if TRACE.search(_without_the_question(response.get_data(as_text=True), url)):
                hits.add(f"{role} {url}")
    return hits


def helpers_and_suggestions(w) -> str:
    from ideashub.ideas.models import Idea
    from ideashub.matching import engine
    from ideashub.people.services import search_people, suggest_people

    idea = _db.session.get(Idea, w["ideas"][0])
    found = [h.user.name + h.user.email + " ".join(h.reasons) for h in engine.helpers_for(idea, limit=20)]
    found += [u.name + u.email for u in suggest_people("zeb") + search_people("quartermaine") + search_people(skill="welsh translation")]
    return " ".join(found)


def emails_sent(clock, outbox) -> str:
    hub_outbox.pump(clock.now())
    return " ".join(m.as_string() + "".join(part.get_content() for part in m.walk() if part.get_content_type().startswith("text/"))
                    for m in outbox.messages())


def test_before_erasure_the_walk_finds_the_person(app, db, clock, outbox, world):
    with app.test_request_context():
        assert TRACE.search(str(queries.data_of(world["zeb"], clock.now())))
    assert TRACE.search(helpers_and_suggestions(world))
    found = traces(app, world)
    assert "member /people/?q=quartermaine" in found and f"admin /people/{world['zeb'].id}" in found
    assert any(hit.endswith(f"/ideas/{world['ideas'][0]}") for hit in found)  # the mention and his response
    assert TRACE.search(emails_sent(clock, outbox))  # "Zebulon Quartermaine responded to your idea"


def test_after_an_approved_erasure_nothing_shows_the_name_or_the_email(app, db, clock, outbox, world):
    zeb, admin = world["zeb"], world["people"]["admin"]
    request = services.request_erasure(zeb, clock.now())
    services.approve_erasure(admin, request.id, clock.now())
    _db.session.commit()
    assert traces(app, world) == set()
    assert not TRACE.search(helpers_and_suggestions(world))
    with app.test_request_context():
        export = str(queries.data_of(_db.session.get(User, zeb.id), clock.now()))
    assert not TRACE.search(export) and "Former colleague (Depot team)" in export
    sent = emails_sent(clock, outbox)
    assert sent and not TRACE.search(sent)  # Ana still hears of the response, from a former colleague
    assert "Former colleague (Depot team)" in sent
    assert outbox.messages(to="erased.invalid") == []  # nothing goes to the placeholder address
    # What he wrote stays, and the mention now names the former colleague.
    from ideashub.ideas.models import Response

    assert _db.session.get(Response, world["responses"][0]).body == "Yes, and the depot could store the bins."
    assert _db.session.get(Response, world["responses"][1]).body.startswith("Yes, and @Former colleague (Depot team) knows")
    # And nobody can sign in as him.
    assert app.test_client().post("/login", data={"email": EMAIL, "password": PASSWORD}).status_code == 401
