"""Schemathesis fuzzes every operation of the API from its own OpenAPI document.

The document is read as served at ``/api/v1/openapi.json`` and the requests go
to the suite's app in-process (WSGI). Each operation gets the document's
examples, schemathesis' coverage phase (boundary and just-invalid values,
missing and bad tokens, other methods) and ``MAX_EXAMPLES`` generated cases,
valid and invalid, derandomised and with no example database, so a run is the
same on every machine. Every answer must:

- never be a server error (``not_a_server_error``; in tests an unexpected
  exception propagates, and fails the case with its traceback),
- carry a status the document lists for the operation (``status_code_conformance``),
- match the schema the document gives for that status (``response_schema_conformance``),
- have the content type the document gives (``content_type_conformance``),
- refuse a request without its token or with a wrong one (``ignored_auth``).

(``negative_data_rejection`` is left out: it expects unknown query parameters to be
refused, where the API ignores them as most do, and it cannot tell our added token
from one it removed. What it found that mattered, a search or tag longer than the
document allows being cut short instead of refused, is fixed and tested in
tests/api/test_api_ideas.py.)

Two callers, each with a bearer token: a seeded admin (who may do what
moderators do, so the most code is reached) and a member (so every refusal is
checked against the document too). Generated ids are mapped onto the seeded
world's ids (or one that exists nowhere), so requests reach the services and
not only the 404. Rate limits stay on, raised for the run: a fuzzer's thousands
of requests a minute are not what they are for (their own tests keep the real
figures).

The world is built once per module in a transaction; each operation runs in a
savepoint rolled back afterwards; on SQLite and PostgreSQL alike. (The schema
is loaded at collection time from a throwaway app rather than through
``schemathesis.pytest.from_fixture``, whose lazy loader does not work with
pytest 9.)
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
import schemathesis
import schemathesis.specs.openapi.checks
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS as ALL_CHECKS
from sqlalchemy.orm import sessionmaker

from ideashub.core.routing import ID_MAX
from ideashub.core.text import _INVISIBLE as INVISIBLE
from ideashub.extensions import db as _db
from ideashub.ideas.queries import MAX_OFFSET
from ideashub.people.rules import password_problem
from tests.conftest import START, _TestSession

MAX_EXAMPLES = 10
CHECKS = ALL_CHECKS.get_all()
NOWHERE = 2_000_000_000  # an id no seeded row has
WORKING_DAY = "2026-03-16"  # a Monday after the world's clock (START), no holiday
LIMITS = {
    name: "100000 per minute"
    for name in (
        "RATELIMIT_SIGN_IN", "RATELIMIT_SIGN_IN_ACCOUNT", "RATELIMIT_REGISTER", "RATELIMIT_RESET",
        "RATELIMIT_RESET_ACCOUNT", "RATELIMIT_IDEAS", "RATELIMIT_RESPONSES", "RATELIMIT_SUPPORTS",
    )
}
BODY_IDS = {"idea_id": "ideas", "challenge_id": "challenges", "into": "ideas", "idea_ids": "ideas", "add_idea_ids": "ideas", "parent_id": "responses",
            "lead_id": "users", "sponsor_id": "executives", "facilitator_id": "facilitators", "team_id": "teams", "team_ids": "teams", "user_id": "users", "user_ids": "users",
            "organisation_ids": "organisations", "organisation_id": "organisations"}
PATH_IDS = {"idea_id": "ideas", "response_id": "responses", "challenge_id": "challenges", "project_id": "projects", "team_id": "teams",
            "user_id": "users", "organisation_id": "organisations"}


def _build_world(now):
    from ideashub.challenges import services as challenges
    from ideashub.hearing import services as hearing
    from ideashub.ideas import services as ideas
    from ideashub.people.models import Organisation, OrganisationDomain, Team, User
    from ideashub.people.services import hash_password, issue_token
    from ideashub.projects import services as projects

    session = _db.session
    password = hash_password("correct horse battery staple")

    def org(name, domain):
        o = Organisation(name=name, created_at=now)
        session.add(o)
        session.flush()
        session.add(OrganisationDomain(organisation_id=o.id, domain=domain))
        return o

    def team(name, organisation):
        t = Team(organisation_id=organisation.id, name=name, created_at=now)
        session.add(t)
        session.flush()
        return t

    def person(role, t, name):
        u = User(email=f"{name.lower().replace(' ', '.')}@fuzz.gov.uk", name=name, team_id=t.id, role=role,
                 password_hash=password, created_at=now)
        session.add(u)
        session.flush()
        return u

    home, away = org("Fuzz Council", "fuzz.gov.uk"), org("Fuzz Health Board", "fuzz.nhs.uk")
    housing, care, lab = team("Fuzz housing", home), team("Fuzz care", away), team("Fuzz lab", home)
    admin = person("admin", lab, "Ada Admin")
    moderator = person("moderator", housing, "Mo Moderator")
    executive = person("executive", care, "Ed Executive")
    members = [person("member", t, f"Member {i}") for i, t in enumerate((housing, care, lab, care))]

    def idea(author, title, tags=()):
        return ideas.post_idea(author, ideas.IdeaText(title=title, problem="Residents wait weeks for a repair.",
                                                      proposal="Let the repairs team book slots online.",
                                                      benefit="Fewer calls.", tags=list(tags)), now)

    posted = [idea(members[i % 4], f"Fuzz idea number {i}", tags=["fuzz", f"t{i}"]) for i in range(5)]
    posted.append(idea(admin, "The admin's own idea"))
    responses = [
        ideas.respond(members[(i + 1) % 4], posted[i].id,
                      ideas.ResponseText(kind="build", body="Yes, and we could pilot it.", suggestion="", hours=None, parent_id=None), now)
        for i in range(3)
    ]
    ideas.support_idea(members[1], posted[0].id, now)
    hearing.report(members[2], posted[1].id, "This looks like a duplicate of another idea.", now)
    challenge = challenges.create_challenge(admin, challenges.ChallengeDraft(
        title="Fuzz sprint", question="How might we check every operation?", background="Background.",
        starts_on=date(2026, 3, 9), sponsor_id=executive.id, facilitator_id=admin.id), now)
    challenges.bring_in(admin, challenge.id, posted[2].id, now)
    project = projects.create_project(admin, projects.ProjectDraft(
        name="Fuzz project", goal="Show that projects survive fuzzing.", idea_ids=[posted[3].id], lead_id=members[0].id,
        members=[{"user_id": members[1].id, "hours_per_week": 2}]), now)
    tokens = {"admin": issue_token(admin, now), "member": issue_token(members[0], now)}
    session.commit()
    return SimpleNamespace(
        tokens=tokens,
        ids={
            "ideas": [i.id for i in posted],
            "responses": [r.id for r in responses],
            "challenges": [challenge.id],
            "projects": [project.id],
            "users": [admin.id, moderator.id, executive.id, *(m.id for m in members)],
            "executives": [executive.id],
            "facilitators": [admin.id, moderator.id],
            "organisations": [home.id, away.id],
            "teams": [housing.id, care.id, lab.id],
        },
    )


@pytest.fixture(scope="module")
def fuzz_world(app):
    """The world in a transaction of its own for this module; limits raised for the run."""
    the_clock = app.extensions["clock"]
    the_clock.set(START)
    settings_for_the_run = {**LIMITS, "WEBHOOK_ALLOWED_TARGETS": "127.0.0.1:9"}
    saved = {name: app.config.get(name) for name in settings_for_the_run}
    app.config.update(settings_for_the_run)
    with app.app_context():
        connection = _db.engine.connect()
        outer = connection.begin()
        original = _db.session
        _db.session = _TestSession(sessionmaker(bind=connection, join_transaction_mode="create_savepoint"))
        built = _build_world(START)
    # No app context is left open: each request the fuzzer sends pushes its own, as in production.
    built.connection = connection
    _seeded.update(built.ids)
    try:
        yield built
    finally:
        _db.session.registry().close()
        _db.session = original
        outer.rollback()
        connection.close()
        _seeded.clear()
        app.config.update(saved)
        the_clock.set(START)


@pytest.fixture(params=["admin", "member"])
def caller(request, fuzz_world, app):
    """Who calls: an admin (who may do what moderators do, so the most code is reached) and a member
    (so every refusal is checked against the document too). What one operation's cases change is
    rolled back before the next."""
    from ideashub.extensions import limiter

    limiter.reset()
    app.extensions["clock"].set(START)
    savepoint = fuzz_world.connection.begin_nested()
    _token["value"] = fuzz_world.tokens[request.param]
    yield request.param
    _token.pop("value", None)
    _db.session.registry().close()
    if savepoint.is_active:
        savepoint.rollback()


def _served_document_app():
    # The document is the same for every app the factory makes: read it, as served, from a
    # throwaway app at collection time, so the operations can parametrise the test.
    from ideashub import create_app

    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x" * 32})


# The page-scripts operations are page endpoints (session cookie and CSRF token, not a bearer token).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _served_document_app()).exclude(tag="page-scripts")
schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True, database="none")
_seeded: dict[str, list[int]] = {}  # the ids of the world this run built (set by the fixture)
_token: dict[str, str] = {}  # the bearer token of the caller of the running test


@schema.auth(refresh_interval=None)
class CallerToken:
    """The caller's bearer token, given to schemathesis as the API's authentication (not as a header
    it may mutate), so its negative cases and ``ignored_auth`` know which part is the credential."""

    def get(self, case, ctx):
        return _token.get("value", "not-signed-in")  # asked once at collection, before any caller

    def set(self, case, data, ctx):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


def _pick(kind: str, value, nowhere: bool = True):
    """A generated id, made one of the seeded rows (or one that exists nowhere), chosen by its value.

    Anything that is not a valid id (a string, 0, a negative, past 2**31 - 1) is
    left as generated: those are the cases that test the refusals.
    """
    if isinstance(value, float) and value.is_integer():  # JSON's 7.0 is the whole number 7
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= ID_MAX:
        return value
    known = [*_seeded[kind], NOWHERE] if nowhere else _seeded[kind]
    return known[value % len(known)]


def _ground_body(value, nowhere: bool) -> None:
    if isinstance(value, list):
        for item in value:
            _ground_body(item, nowhere)
    elif isinstance(value, dict):
        for name, item in value.items():
            kind = BODY_IDS.get(name)
            if kind is None:
                _ground_body(item, nowhere)
            elif isinstance(item, list):
                value[name] = [_pick(kind, v, nowhere) for v in item]
            else:
                value[name] = _pick(kind, item, nowhere)


def _ground(case) -> None:
    """Point the case's ids at the seeded world, so requests reach the services, not only the 404.

    A schema-valid case must be accepted (``positive_data_acceptance``), so it is also kept
    clear of the rules a schema cannot state, which the API answers with a field's message
    (422) or a 400: an id in the body that names no row, merging an idea into itself, replying
    to a response on another idea, a person outside every team, a page past the paging depth.
    An address's id may still name nothing: that is a 404, which the check accepts.
    """
    for name, value in (case.path_parameters or {}).items():
        if name in PATH_IDS:
            case.path_parameters[name] = _pick(PATH_IDS[name], value)
    _ground_body(case.body, nowhere=_negative(case))
    _keep_to_the_rules(case)


def _visible(value):
    """The document says the hub drops control and invisible characters from text it stores; a
    schema-valid case is sent with each one written as a plain character instead, so its lengths
    and patterns still hold."""
    if isinstance(value, dict):
        for name, item in value.items():
            value[name] = _visible(item)
    elif isinstance(value, list):
        value[:] = [_visible(item) for item in value]
    elif isinstance(value, str):
        # A space for one that patterns read as a space (\x1c-\x1f), a letter for the others.
        return INVISIBLE.sub(lambda m: " " if m.group().isspace() else "x", value)
    return value


def _negative(case) -> bool:
    return case.meta is not None and case.meta.generation.mode.is_negative


def _keep_to_the_rules(case) -> None:
    """A schema-valid case kept clear of the rules between fields that a schema cannot state."""
    if _negative(case) or (not isinstance(case.body, dict) and case.query is None):
        return
    body, path = case.body if isinstance(case.body, dict) else {}, case.path_parameters or {}
    if body.get("into") is not None and body.get("into") == path.get("idea_id"):
        body["into"] = next(i for i in _seeded["ideas"] if i != path.get("idea_id"))
    if body.get("parent_id") is not None:
        body["parent_id"] = None  # a reply's parent must be on the same idea: replies have their own tests
    if "team_id" in body and body["team_id"] is None and body.get("role") != "admin":
        body["team_id"] = _seeded["teams"][0]
    if "starts_on" in body:
        body["starts_on"] = WORKING_DAY  # a sprint starts on a working day: its own tests cover the calendar
    if case.path.startswith("/webhooks"):
        _one_webhook_scope(case, body)
    if isinstance(body.get("members"), list):  # each person joins a project once
        seen: set = set()
        body["members"] = [m for m in body["members"]
                           if not isinstance(m, dict) or (m.get("user_id") not in seen and not seen.add(m.get("user_id")))]
    _visible(body)
    if isinstance(body.get("password"), str) and password_problem(body["password"], str(body.get("email") or ""),
                                                                   str(body.get("name") or "")):
        body["password"] = "a long enough password for the fuzzer"  # not the person's name nor a common one: own tests
    for name, value in list((case.query or {}).items()):
        if isinstance(value, float) and value.is_integer():
            case.query[name] = int(value)  # sent as "7", as a client writes a whole number
    query = case.query or {}
    page, per_page = query.get("page"), query.get("per_page")
    per_page = per_page if isinstance(per_page, int) else 20  # absent or empty: the default
    if isinstance(page, int) and (page - 1) * per_page > MAX_OFFSET:
        query["page"] = 1


WEBHOOK_SCOPES = ("organisation_id", "team_id", "tag", "challenge_id")
FUZZ_WEBHOOK = "http://127.0.0.1:9/fuzz"  # port 9 (discard): connections are refused


def _one_webhook_scope(case, body) -> None:
    """A webhook's address must resolve to a public one (tests/unit/test_safehttp.py), and it has
    exactly one scope (its own tests): a schema-valid case gets a public address and one scope."""
    if "url" in body:
        body["url"] = FUZZ_WEBHOOK  # allowed for the run; nothing listens there, so a test fails at once
    given = [name for name in WEBHOOK_SCOPES if name in body]
    for name in given[1:]:
        del body[name]
    if not given and case.method.upper() == "POST":
        body["tag"] = "fuzz"


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case, app, caller):
    _ground(case)
    # The in-process transport does not undo gzip as an HTTP client would: ask for plain bodies.
    case.call_and_validate(app=app, headers={"Accept-Encoding": "identity"}, checks=CHECKS)


# --- Stateful: operations chained by the document's links -------------------------------
# POST /ideas links to getting, editing, supporting, answering and triaging the idea it made,
# POST .../responses to reporting and hiding the response, POST /challenges, /projects,
# /organisations and /users to what can be done with what they made. schemathesis follows the
# links with the ids the API gave back, so the stateful checks (use_after_free,
# ensure_resource_availability) run on real resources, with every other check on each step.
STATEFUL_EXAMPLES = 10
_stateful_app: dict[str, object] = {}


class LinkedOperations(schema.as_state_machine()):
    def before_call(self, case):
        # Ids the links carry are left alone; generated ones in a body are grounded as above.
        _ground_body(case.body, nowhere=_negative(case))
        _keep_to_the_rules(case)

    def get_call_kwargs(self, case):
        return {"app": _stateful_app["app"], "headers": {"Accept-Encoding": "identity"}}


def test_linked_operations_answer_as_documented(app, caller):
    _stateful_app["app"] = app
    try:
        LinkedOperations.run(settings=settings(
            max_examples=STATEFUL_EXAMPLES, derandomize=True, database=None, deadline=None,
            stateful_step_count=6, suppress_health_check=list(HealthCheck)))
    finally:
        _stateful_app.clear()
