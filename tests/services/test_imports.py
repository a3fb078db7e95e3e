"""Moving in from Trello: every mapping, a second import adding nothing, the command, bad files.

``tests/data/trello_kanban_board.json`` is a real board exported as JSON by Trello (see
tests/data/README.md): lists, labels, a member, cards and their createCard actions. It has
no comments and no votes (no public export with both was found), so ``enriched`` adds
records in exactly the shape Trello exports them (a commentCard and a voteOnCard action,
idMembersVoted on the card, an attachment, an archived card, a second member) to a copy.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ideashub.core.activity import Activity
from ideashub.ideas import counters
from ideashub.ideas import rules as idea_rules
from ideashub.ideas.models import Idea, Response, Stage, Support
from ideashub.ideas.services import hearing_settings
from ideashub.imports import rules, services
from ideashub.imports.models import ImportRecord
from ideashub.people.models import User

DATA = Path(__file__).resolve().parent.parent / "data" / "trello_kanban_board.json"
UCD, JENKINS = "58487efdfdedd23534be018c", "5849a049e746caa1d3b70fb1"
DANNY = "57dadf98777eec8e39595043"
PRIYA = "5a1b2c3d4e5f60718293a4b5"
LIST_TRIAGE, LIST_REFINED, LIST_DONE = "58487ef55414be087e667eb8", "584985de7a5f132f3c571359", "584985e2bcbd2d6587dd07d6"


def real() -> dict:
    return json.loads(DATA.read_text())


def enriched() -> dict:
    """The real board plus a comment, a vote, an attachment, an archived card and a second member."""
    doc = copy.deepcopy(real())
    doc["members"].append({"id": PRIYA, "fullName": "Priya Shah", "username": "priyashah", "initials": "PS"})
    ucd = next(c for c in doc["cards"] if c["id"] == UCD)
    ucd["idMembersVoted"] = [PRIYA, DANNY]  # Danny made the card: his own vote is not a support
    jenkins = next(c for c in doc["cards"] if c["id"] == JENKINS)
    jenkins["attachments"] = [{"id": "5849a1000000000000000001", "name": "Pipeline notes",
                               "url": "https://example.org/pipeline.pdf"},
                              {"id": "5849a1000000000000000002", "name": "bad", "url": "javascript:alert(1)"},
                              {"id": "5849a1000000000000000003", "name": "odd", "url": "https://example.org/\ud800\"><b>"}]
    done = copy.deepcopy(jenkins)
    done.update(id="5849b0000000000000000001", name="Deliver the new build server", idList=LIST_DONE,
                desc="The builds were slow.\n\nWe moved them to a bigger machine.", attachments=[],
                idMembersVoted=[], idMembers=[DANNY])
    archived = copy.deepcopy(done)
    archived.update(id="5849b0000000000000000002", name="An old idea we archived", idList=LIST_TRIAGE, closed=True,
                    desc="Nobody picked it up.")
    doc["cards"] += [done, archived]
    board = {"id": doc["id"], "name": doc["name"], "shortLink": doc["shortLink"]}
    doc["actions"] += [
        {"id": "5849c0000000000000000001", "idMemberCreator": PRIYA, "type": "commentCard",
         "date": "2016-12-09T10:00:00.000Z",
         "data": {"text": "We could run it on the spare server first.", "board": board,
                  "card": {"id": UCD, "name": "UCD", "idShort": 1, "shortLink": "Toa4ZQvS"},
                  "list": {"id": LIST_TRIAGE, "name": "Triage"}},
         "memberCreator": {"id": PRIYA, "fullName": "Priya Shah", "username": "priyashah"}},
        {"id": "5849c0000000000000000002", "idMemberCreator": PRIYA, "type": "voteOnCard",
         "date": "2016-12-09T11:00:00.000Z",
         "data": {"voted": True, "board": board, "card": {"id": UCD, "name": "UCD", "idShort": 1}},
         "memberCreator": {"id": PRIYA, "fullName": "Priya Shah", "username": "priyashah"}},
    ]
    return doc


def as_bytes(doc) -> bytes:
    return json.dumps(doc).encode()


def board_of(doc) -> rules.Board:
    return rules.parse_board(rules.read_json(as_bytes(doc)))


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def setup(db, make_team, make_user):
    team = make_team(name="Digital")
    admin = make_user(role="admin", team=None)
    return team, admin


def run_import(db, admin, team, doc, clock, **choices):
    board = board_of(doc)
    stages = {**services.default_stages(board), **choices.pop("stages", {})}
    options = services.TrelloOptions(team.organisation, team, stages, choices.pop("archived", "park"))
    report = services.import_trello(admin, board, options, clock.now())
    db.session.commit()
    return report


def idea(db, title) -> Idea:
    return db.session.scalar(select(Idea).where(Idea.title == title))


def test_the_real_board_becomes_ideas_tags_and_an_imported_person(db, setup, clock):
    team, admin = setup
    report = run_import(db, admin, team, real(), clock)
    assert report.added["ideas"] == 2 and report.added["people imported"] == 1
    ucd, jenkins = idea(db, "UCD (Trello card)"), idea(db, "Jenkins")
    # Name to title (too short for the hub, so it says where it came from); description to the problem.
    assert ucd.problem == "HELLO SWAPNIL" and "https://trello.com/c/Toa4ZQvS/1-ucd" in ucd.proposal
    assert jenkins.problem.startswith("Brought over from the list “Refined” of the Trello board “Kanban”")
    # Labels to tags; lists to the stage their names suggest (Triage, Refined: the first stage).
    assert ucd.tag_names == ["ucd"] and jenkins.tag_names == ["jenkins"]
    assert ucd.stage == jenkins.stage == Stage.BEING_HEARD
    # Dates: made when its createCard action says; last active when the card says.
    assert ucd.created_at == datetime(2016, 12, 7, 21, 28, 29, 88000, tzinfo=UTC)
    assert ucd.updated_at == datetime(2016, 12, 8, 16, 4, 40, 420000, tzinfo=UTC)
    # The member, not found, is an imported person of the chosen team, without a login; the ideas are his team's.
    danny = db.session.get(User, ucd.author_id)
    assert (danny.name, danny.team_id, danny.imported_at, danny.password_hash) == ("Danny Gosain", team.id, clock.now(), "!imported")
    assert ucd.team_id == team.id and ucd.organisation_id == team.organisation_id
    # Audited, in words.
    entry = db.session.scalar(select(Activity).where(Activity.action == "import.trello"))
    assert entry.actor_id == admin.id and entry.data["ideas"] == 2


def test_importing_the_same_board_again_adds_nothing(db, setup, clock):
    team, admin = setup
    run_import(db, admin, team, enriched(), clock)
    before = {m.__name__: count(db, m) for m in (Idea, Response, Support, User, ImportRecord)}
    clock.advance(days=3)
    again = run_import(db, admin, team, enriched(), clock)
    assert {m.__name__: count(db, m) for m in (Idea, Response, Support, User, ImportRecord)} == before
    assert sum(again.added.values()) == 0
    assert again.already["ideas"] == 4 and again.already["responses"] == 1 and again.already["supports"] == 1


def test_only_what_is_new_is_added_to_a_board_imported_before(db, setup, clock):
    team, admin = setup
    run_import(db, admin, team, real(), clock)
    report = run_import(db, admin, team, enriched(), clock)
    assert report.added["ideas"] == 2 and report.already["ideas"] == 2
    assert report.added["responses"] == 1 and report.added["supports"] == 1
    assert count(db, Idea) == 4


def test_comments_votes_attachments_and_people_found(db, setup, clock, make_user):
    team, admin = setup
    other_team = make_user(team="new").team  # Priya is already in the hub, in another team
    priya = make_user(team=other_team, name="Priya Shah")
    other_team.organisation_id = team.organisation_id
    db.session.commit()
    report = run_import(db, admin, team, enriched(), clock)
    assert report.added["people found"] == 1 and report.added["people imported"] == 1
    ucd = idea(db, "UCD (Trello card)")
    # commentCard -> a response by its writer, with its date, counted on the idea.
    [response] = db.session.scalars(select(Response).where(Response.idea_id == ucd.id)).all()
    assert (response.author_id, response.body, response.kind) == (priya.id, "We could run it on the spare server first.", "build")
    assert response.created_at == datetime(2016, 12, 9, 10, 0, tzinfo=UTC)
    assert ucd.responses_count == 1 and ucd.responders_count == 1 and ucd.other_team_responders_count == 1
    # A vote -> a support (dated by its voteOnCard action); the author's own vote is not one.
    [support] = db.session.scalars(select(Support).where(Support.idea_id == ucd.id)).all()
    assert (support.user_id, support.team_id, support.created_at) == (priya.id, other_team.id, datetime(2016, 12, 9, 11, 0, tzinfo=UTC))
    assert ucd.supporters_count == 1 and ucd.cross_team_supporters_count == 1
    assert any("its author's own" in why for _what, why in report.skipped)
    # Attachments kept as links (web addresses only).
    jenkins = idea(db, "Jenkins")
    assert "[Pipeline notes](https://example.org/pipeline.pdf)" in jenkins.proposal and "javascript:" not in jenkins.proposal and "odd" not in jenkins.proposal
    # A Done list -> Delivered; a description of two paragraphs -> problem and proposal.
    done = idea(db, "Deliver the new build server")
    assert (done.stage, done.problem, done.proposal) == (Stage.DELIVERED, "The builds were slow.", "We moved them to a bigger machine.")
    # An archived card -> Parked, with a reason, a date to look again, and who decided.
    parked = idea(db, "An old idea we archived")
    assert parked.stage == Stage.PARKED and "Archived on the Trello board" in parked.decision_reason
    assert parked.revisit_on > clock.now().date() and parked.decided_by_id == admin.id and parked.decided_at is not None


def test_archived_cards_can_be_left_out_and_lists_mapped_by_hand(db, setup, clock):
    team, admin = setup
    report = run_import(db, admin, team, enriched(), clock, archived="skip", stages={LIST_REFINED: Stage.SHORTLISTED.value})
    assert idea(db, "An old idea we archived") is None
    assert any("archived on Trello" in why for _what, why in report.skipped)
    assert idea(db, "Jenkins").stage == Stage.SHORTLISTED


@pytest.mark.parametrize(("name", "stage"), [
    ("Done", Stage.DELIVERED), ("Delivered ✅", Stage.DELIVERED), ("Parked", Stage.PARKED), ("On hold", Stage.PARKED),
    ("Doing", Stage.IN_PROJECT), ("In progress", Stage.IN_PROJECT), ("Ideas", Stage.BEING_HEARD), ("Triage", Stage.BEING_HEARD),
    ("Undone business", Stage.BEING_HEARD),
])
def test_a_lists_name_suggests_its_stage(name, stage):
    assert rules.suggest_stage(name) == stage


def test_the_command_imports_prints_the_report_and_a_dry_run_stores_nothing(runner, db, setup, tmp_path):
    team, _admin = setup
    path = tmp_path / "board.json"
    path.write_bytes(as_bytes(enriched()))
    dry = runner.invoke(args=["import-trello", str(path), "--organisation", team.organisation.name, "--team", "Digital", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Dry run: nothing stored" in dry.output and "Would add 4 ideas" in dry.output
    assert count(db, Idea) == 0 and count(db, ImportRecord) == 0
    done = runner.invoke(args=["import-trello", str(path), "--organisation", str(team.organisation_id), "--team", str(team.id)])
    assert done.exit_code == 0, done.output
    assert "Added 4 ideas" in done.output and "Added 1 responses" in done.output and "Added 1 supports" in done.output
    assert count(db, Idea) == 4
    again = runner.invoke(args=["import-trello", str(path), "--organisation", str(team.organisation_id), "--team", "Digital"])
    assert "Added 0 ideas (4 already imported earlier)" in again.output and count(db, Idea) == 4


def test_the_command_refuses_an_unknown_team_or_a_bad_file_and_stores_nothing(runner, db, setup, tmp_path):
    team, _admin = setup
    path = tmp_path / "board.json"
    path.write_bytes(as_bytes(real()))
    wrong = runner.invoke(args=["import-trello", str(path), "--organisation", team.organisation.name, "--team", "Nope"])
    assert wrong.exit_code != 0 and "has no team called Nope" in wrong.output
    path.write_bytes(as_bytes(real())[:5000])
    cut = runner.invoke(args=["import-trello", str(path), "--organisation", team.organisation.name, "--team", "Digital"])
    assert cut.exit_code != 0 and "cut short" in cut.output and "Nothing was stored" in cut.output
    assert count(db, Idea) == 0 and count(db, User) == 1


@pytest.mark.parametrize(("raw", "message"), [
    (b"", "empty"),
    (b'{"name": "My board", "items": []}', "not a Trello board export"),
    (b"[1, 2, 3]", "not a Trello board export"),
    (b"\xff\xfe\x00garbage", "not text in UTF-8"),
    (b"[" * 200_000 + b"]" * 200_000, "nests its data too deeply"),
    (b'{"id": "x", "lists": [], "cards": [', "cut short"),
    (b'{"id": "x", "lists": [], "cards": [}', "not valid JSON"),
])
def test_files_that_are_not_a_trello_export_are_refused_by_name(raw, message):
    with pytest.raises(rules.BadFile, match=message):
        rules.parse_board(rules.read_json(raw))


def test_a_file_past_the_limit_is_refused_before_it_is_parsed():
    with pytest.raises(rules.BadFile, match="the largest that can be imported is 1 MB"):
        rules.read_json(b" " * (1024 * 1024 + 1), limit=1024 * 1024)


def test_hostile_shapes_inside_a_board_are_refused_by_name():
    doc = real()
    doc["cards"][0]["name"] = {"$gt": ""}
    with pytest.raises(rules.BadFile, match="its name should be text"):
        board_of(doc)
    doc = real()
    doc["cards"][0]["name"] = "x" * 20_000
    with pytest.raises(rules.BadFile, match="20,000 characters long"):
        board_of(doc)
    doc = real()
    doc["cards"].append(copy.deepcopy(doc["cards"][0]))
    with pytest.raises(rules.BadFile, match="share one id"):
        board_of(doc)
    doc = real()
    doc["cards"][0]["idList"] = "nowhere"
    with pytest.raises(rules.BadFile, match="in a list the file does not have"):
        board_of(doc)


def test_a_long_description_is_shortened_and_said_so(db, setup, clock):
    team, admin = setup
    doc = real()
    doc["cards"][0]["desc"] = "Long. " * 5_000
    report = run_import(db, admin, team, doc, clock)
    ucd = idea(db, "UCD (Trello card)")
    assert len(ucd.problem) <= 10_000 and ucd.problem.endswith("(Shortened on import: the original was longer.)")
    assert any("fitted to the hub's limits" in why for _what, why in report.skipped)


def test_a_new_ideas_trend_counts_the_responses_and_supports_it_came_with(db, setup, clock):
    team, admin = setup
    run_import(db, admin, team, enriched(), clock)
    ucd = idea(db, "UCD (Trello card)")
    expected = idea_rules.trend_term(ucd.created_at, "post")
    expected = idea_rules.trend_add(expected, idea_rules.trend_term(datetime(2016, 12, 9, 10, 0, tzinfo=UTC), "response"))
    expected = idea_rules.trend_add(expected, idea_rules.trend_term(datetime(2016, 12, 9, 11, 0, tzinfo=UTC), "support"))
    assert ucd.trend == pytest.approx(expected)
    assert idea(db, "Jenkins").trend == pytest.approx(idea_rules.trend_term(idea(db, "Jenkins").created_at, "post"))


def test_ids_and_addresses_with_control_characters_are_refused_or_left_out(db, setup, clock):
    doc = real()
    doc["cards"][0]["id"] = "58487efd\x00dd23534be018c"
    with pytest.raises(rules.BadFile, match="not an id as Trello writes them"):
        board_of(doc)
    doc = real()
    doc["members"][0]["email"] = "danny gosain@example.org"
    assert board_of(doc).members[DANNY].email is None
    doc["members"][0]["email"] = "danny\x00@example.org"  # control characters are cleaned out
    assert board_of(doc).members[DANNY].email == "danny@example.org"
    doc["members"][0]["email"] = " Danny@Example.org "
    assert board_of(doc).members[DANNY].email == "danny@example.org"


def test_every_stored_count_agrees_with_the_rows_after_imports_into_a_hub_in_use(db, setup, clock, make_idea, make_response):
    team, admin = setup
    before = make_idea()
    make_response(before)
    run_import(db, admin, team, real(), clock)
    run_import(db, admin, team, enriched(), clock)  # adds a response and a support to an idea imported before
    assert set(counters.mismatches(hearing_settings()).values()) == {0}
    db.session.refresh(before)
    assert before.responses_count == 1


def test_imported_votes_and_comments_count_in_the_insights_between_teams(db, setup, clock, make_user):
    """The team-to-team figures and the givers of each month count an imported board's votes and
    comments as they count support given in the hub, in the months they were given; once."""
    from datetime import date

    from ideashub.insights.models import GiverMonth, TeamFlow

    team, admin = setup
    other_team = make_user(team="new").team
    priya = make_user(team=other_team, name="Priya Shah")
    other_team.organisation_id = team.organisation_id
    db.session.commit()
    assert count(db, TeamFlow) == 0
    run_import(db, admin, team, enriched(), clock)
    ucd = idea(db, "UCD (Trello card)")
    december = date(2016, 12, 1)
    flow = db.session.get(TeamFlow, (december, other_team.id, ucd.team_id))
    assert (flow.supports, flow.responses) == (1, 1)  # Priya's vote and comment, from her team to the idea's
    giver = db.session.get(GiverMonth, (december, priya.id))
    assert (giver.supports, giver.builds) == (1, 1)
    run_import(db, admin, team, enriched(), clock)  # again: nothing new, nothing counted twice
    db.session.refresh(flow)
    assert (flow.supports, flow.responses) == (1, 1)
