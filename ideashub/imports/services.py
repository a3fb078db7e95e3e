"""Moving in: a Trello board or a CSV file of ideas becomes people, ideas, tags, responses and supports.

Each import is one use case that writes in bulk (executemany inserts, not an ORM object
per row: a 20,000-card board must load in well under a minute), then derives every
stored count from the rows with ``ideas.counters.derive_for``, the same definitions the
services keep them by, so the board, the hearing and the cards agree with what came in.
Nothing commits here: the page or the command commits once, or rolls back for a dry run,
so a file that fails half-way leaves nothing behind. Every outside record is mapped in
``ImportRecord``, so importing the same file again adds only what is new.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select, text

from ideashub.core import activity, events
from ideashub.core.activity import MODERATORS
from ideashub.core.db import dialect_insert
from ideashub.core.errors import Invalid, ensure
from ideashub.core.i18n import _, _l
from ideashub.extensions import db
from ideashub.ideas import counters
from ideashub.ideas import rules as idea_rules
from ideashub.ideas.models import (
    BOARD_STAGES,
    CLOSING_STAGES,
    Idea,
    IdeaTag,
    Response,
    Stage,
    Support,
    Tag,
)
from ideashub.ideas.services import hearing_settings
from ideashub.imports import rules
from ideashub.imports.models import ImportRecord
from ideashub.people.models import Organisation, Role, Team, User
from ideashub.people.rules import can_manage_people

# An imported person has no password until they claim the account (not a hash: nothing matches it).
NO_PASSWORD = "!imported"  # noqa: S105
# A parked idea needs a date to look at it again: imported ones are looked at a quarter after the move.
REVISIT_AFTER = timedelta(days=91)
ROWS = 5_000  # rows per executemany


@dataclass
class Report:
    """What an import did (or, in a dry run, would do): counts per kind, what it left out and why."""

    source: str
    name: str
    dry_run: bool = False
    added: Counter = field(default_factory=Counter)
    already: Counter = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    ORDER = ("ideas", "responses", "supports", "tags", "people found", "people imported")
    # How each kind reads (the codes are the keys of ``added`` and ``as_data``).
    KIND_LABELS = {"ideas": _l("ideas"), "responses": _l("responses"), "supports": _l("supports"), "tags": _l("tags"),
                   "people found": _l("people found"), "people imported": _l("people imported")}
    SOURCE_LABELS = {"Trello board": _l("Trello board"), "CSV file": _l("CSV file")}

    def counts(self) -> list[tuple[str, int, int]]:
        """(kind, added now, there from an earlier import) for every kind, in a fixed order."""
        return [(kind, self.added[kind], self.already[kind]) for kind in self.ORDER]

    def kind_label(self, kind: str) -> str:
        return str(self.KIND_LABELS.get(kind, kind))

    def lines(self) -> list[str]:
        """The report as plain lines (the command prints them; the page shows the same)."""
        source = str(self.SOURCE_LABELS.get(self.source, self.source))
        if self.dry_run:
            out = [_("Dry run: nothing stored. %(source)s “%(name)s”:", source=source, name=self.name)]
        else:
            out = [_("%(source)s “%(name)s”:", source=source, name=self.name)]
        for kind, added, already in self.counts():
            label = self.kind_label(kind)
            if self.dry_run:
                line = _("Would add %(count)s %(kind)s", count=added, kind=label)
            else:
                line = _("Added %(count)s %(kind)s", count=added, kind=label)
            if already:
                line += " " + _("(%(count)s already imported earlier)", count=already)
            out.append("  " + line)
        if self.skipped:
            out.append("  " + _("Skipped %(count)s:", count=len(self.skipped)))
            out.extend(f"    {what}: {why}" for what, why in self.skipped[:200])
            if len(self.skipped) > 200:
                out.append("    " + _("… and %(count)s more", count=len(self.skipped) - 200))
        return out

    def as_data(self) -> dict:
        return {"name": self.name, **{k.replace(" ", "_"): v for k, v in self.added.items()},
                "skipped": len(self.skipped)}


@dataclass
class TrelloOptions:
    """The choices of the preview: where people who are not found go, each list's stage, archived cards."""

    organisation: Organisation
    team: Team
    stages: dict[str, str] = field(default_factory=dict)  # Trello list id -> stage
    archived: str = "park"  # "park" or "skip"


def find_team(organisation: Organisation, ref) -> Team:
    """A team of ``organisation`` by id or exact name (the command's TEAM), or Invalid."""
    text = str(ref).strip()
    team = None
    if text.isdigit() and len(text) < 10:
        team = db.session.get(Team, int(text))
    if team is None:
        team = db.session.scalar(select(Team).where(Team.organisation_id == organisation.id, Team.name == text))
    if team is None or team.organisation_id != organisation.id:
        raise Invalid(_("%(organisation)s has no team called %(team)s.", organisation=organisation.name, team=text),
                      {"team": _("Choose one of the organisation's teams.")})
    return team


def default_stages(board: rules.Board) -> dict[str, str]:
    """Each list's suggested stage (the preview starts from these)."""
    return {item.id: rules.suggest_stage(item.name).value for item in board.lists}


def member_matches(board: rules.Board) -> list[tuple[str, str]]:
    """For the preview: each board member's name and how the import would place them."""
    emails = {m.email.casefold() for m in board.members.values() if m.email}
    found = set(db.session.scalars(select(User.email).where(User.email.in_(emails)))) if emails else set()
    names = {m.full_name.casefold() for m in board.members.values() if m.full_name}
    named = {n.casefold() for n in db.session.scalars(select(User.name))} & names
    rows = []
    for m in board.members.values():
        how = (_("found by email") if m.email and m.email.casefold() in found
               else _("found by name") if m.full_name.casefold() in named
               else _("imported into the chosen team, if they made, voted on or commented on a card"))
        rows.append((m.full_name or m.username, how))
    return rows


def _known(source: str, kinds: tuple[str, ...]) -> dict[tuple[str, str], int]:
    rows = db.session.execute(select(ImportRecord.kind, ImportRecord.external_id, ImportRecord.local_id)
                              .where(ImportRecord.source == source, ImportRecord.kind.in_(kinds)))
    return {(kind, ext): local for kind, ext, local in rows}


def _postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _json_value(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat()  # stored as naive UTC (core.db.UTCDateTime)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _load_postgresql(table, rows: list[dict]) -> None:
    """Insert rows with one statement per chunk, reading them from a JSON document.

    Each executemany row is a statement of its own for PostgreSQL (its triggers keep the
    matching and search documents); one INSERT ... SELECT per 5,000 rows halves the import.
    Table and column names come from our models, never from the file.
    """
    columns = ", ".join(rows[0])
    sql = text(f"INSERT INTO {table.name} ({columns}) SELECT {columns} "  # noqa: S608  # nosec B608 - table and column names from our models, never the file
               f"FROM json_populate_recordset(NULL::{table.name}, CAST(:rows AS json))")
    for start in range(0, len(rows), ROWS):
        chunk = [{k: _json_value(v) for k, v in row.items()} for row in rows[start:start + ROWS]]
        db.session.execute(sql, {"rows": json.dumps(chunk)})


def _write(table, rows: list[dict]) -> None:
    if not rows:
        return
    if _postgresql():
        _load_postgresql(table, rows)
        return
    for start in range(0, len(rows), ROWS):
        db.session.execute(insert(table), rows[start:start + ROWS])


def _insert_returning_ids(model, rows: list[dict]) -> list[int]:
    """Insert rows and return their new ids in order.

    PostgreSQL: the ids are taken from the table's sequence first (safe beside other
    writers), then the rows go in by ``_load_postgresql``. SQLite (whose writers queue
    for one lock): one multi-row INSERT ... RETURNING per chunk.
    """
    if not rows:
        return []
    if _postgresql():
        table = model.__table__
        ids = list(db.session.scalars(text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
                                      {"t": table.name, "n": len(rows)}))
        _load_postgresql(table, [{"id": i, **row} for i, row in zip(ids, rows, strict=True)])
        return ids
    ids: list[int] = []
    for start in range(0, len(rows), ROWS):
        result = db.session.execute(
            insert(model.__table__).returning(model.__table__.c.id, sort_by_parameter_order=True),
            rows[start:start + ROWS])
        ids.extend(row[0] for row in result)
    return ids


class _People:
    """Who each outside person is in the hub: found by email or full name, or imported into a team."""

    def __init__(self, source: str, options_team: Team, organisation: Organisation, now: datetime, report: Report,
                 records: list[dict]):
        self.source, self.team, self.now, self.report, self.records = source, options_team, now, report, records
        self.known = _known(source, ("member",))
        self.by_id: dict[str, tuple[int, int | None]] = {}  # outside id -> (user id, team id)
        rows = db.session.execute(select(User.id, User.email, User.name, User.team_id).outerjoin(Team, User.team_id == Team.id))
        self.by_email, names, self.teams = {}, {}, {}
        org_members = set(db.session.scalars(select(User.id).join(Team, User.team_id == Team.id)
                                             .where(Team.organisation_id == organisation.id)))
        for user_id, email, name, team_id in rows:
            self.by_email[email] = (user_id, team_id)
            self.teams[user_id] = team_id
            if user_id in org_members:
                names.setdefault(name.casefold(), []).append((user_id, team_id))
        # A name shared by two people finds neither: the import cannot tell which is meant.
        self.by_name = {name: found[0] for name, found in names.items() if len(found) == 1}
        self.new: list[tuple[str, dict]] = []

    def resolve(self, ext_id: str, email: str | None, full_name: str, fallback_name: str) -> None:
        if ext_id in self.by_id:
            return
        local = self.known.get(("member", ext_id))
        if local is not None and local in self.teams:
            self.by_id[ext_id] = (local, self.teams[local])
            self.report.already["people found"] += 1
            return
        email = (email or "").strip().casefold() or None
        found = (self.by_email.get(email) if email else None) or (self.by_name.get(full_name.casefold()) if full_name else None)
        if found is not None:
            self.by_id[ext_id] = found
            self.report.added["people found"] += 1
            self.records.append({"kind": "member", "external_id": ext_id, "local_id": found[0]})
            return
        address = email or f"{self.source}-{hashlib.sha256(ext_id.encode()).hexdigest()[:16]}@imported.invalid"
        if address in self.by_email:  # the placeholder of an earlier import whose record is gone
            self.by_id[ext_id] = self.by_email[address]
            return
        self.new.append((ext_id, {
            "email": address, "name": (full_name or fallback_name or "Imported person")[:100], "team_id": self.team.id,
            "role": Role.MEMBER.value, "bio": "", "skills": "", "password_hash": NO_PASSWORD, "active": True,
            "session_version": 1, "created_at": self.now, "board_view": "full", "imported_at": self.now,
        }))
        self.by_email[address] = (None, self.team.id)
        if not email:
            self.report.skipped.append((_("Address of %(name)s", name=full_name or fallback_name),
                                        _("the file gives none: they are imported without one and cannot claim the account "
                                          "until an admin gives them their address")))

    def store(self) -> None:
        """Insert the people not found, as imported people of the chosen team."""
        if self.new:
            ids = _insert_returning_ids(User, [row for _ext, row in self.new])
            for (ext_id, row), user_id in zip(self.new, ids, strict=True):
                self.by_id[ext_id] = (user_id, row["team_id"])
                self.by_email[row["email"]] = (user_id, row["team_id"])
                self.records.append({"kind": "member", "external_id": ext_id, "local_id": user_id})
            self.report.added["people imported"] += len(self.new)
            self.new = []


def _tag_rows(idea_tags: list[tuple[int, list[str]]], report: Report) -> None:
    names = sorted({name for _idea, tags in idea_tags for name in tags})
    if not names:
        return
    existing = set(db.session.scalars(select(Tag.name).where(Tag.name.in_(names))))
    for start in range(0, len(names), ROWS):
        db.session.execute(dialect_insert(Tag).values([{"name": n} for n in names[start:start + ROWS]]).on_conflict_do_nothing())
    report.added["tags"] += len(set(names) - existing)
    report.already["tags"] += len(existing)
    tag_ids = dict(db.session.execute(select(Tag.name, Tag.id).where(Tag.name.in_(names))).all())
    _write(IdeaTag.__table__, [{"idea_id": idea, "tag_id": tag_ids[name]} for idea, tags in idea_tags for name in tags])


def _idea_row(*, title, problem, proposal, benefit, stage, author, team, organisation_id, created, last, actor, reason, now) -> dict:
    closing = stage in CLOSING_STAGES
    return {
        "title": title, "problem": problem, "proposal": proposal, "benefit": benefit, "stage": stage,
        "author_id": author, "team_id": team, "organisation_id": organisation_id,
        "created_at": created, "updated_at": last, "stage_changed_at": last if stage != BOARD_STAGES[0] else created,
        # Every count is derived from the rows once they are in (counters.derive_for).
        "supporters_count": 0, "supporting_teams_count": 0, "cross_team_supporters_count": 0, "responses_count": 0,
        "responders_count": 0, "other_team_responders_count": 0, "first_response_at": None, "heard_at": None,
        "trend": idea_rules.trend_term(created, "post"), "withdrawn_at": None, "hidden_at": None, "hidden_by_id": None,
        "hidden_reason": None, "merged_into_id": None,
        # A parked or declined idea carries its reason, who decided (the person importing) and when.
        "decision_reason": reason if closing else None,
        "revisit_on": (now + REVISIT_AFTER).date() if stage == Stage.PARKED else None,
        "decided_at": last if closing else None, "decided_by_id": getattr(actor, "id", None) if closing else None,
        "version": 1,
    }


def _organisations_of(team_ids) -> dict[int, int]:
    return dict(db.session.execute(select(Team.id, Team.organisation_id).where(Team.id.in_(set(team_ids)))).all())


def _finish(actor, action: str, report: Report, records: list[dict], source: str, now: datetime,
            touched: set[int]) -> Report:
    _write(ImportRecord.__table__, [{**r, "source": source, "created_at": now} for r in records])
    # The counts of the ideas that gained rows, derived from them as the services keep them.
    counters.derive_for(sorted(touched), hearing_settings())
    activity.record(actor, action, now, subject_type="import", data=report.as_data(), visibility=MODERATORS)
    db.session.flush()
    return report


@dataclass
class _TrelloRun:
    """One Trello import under way: what it reads, what it has placed, what it will record."""

    actor: object
    board: rules.Board
    options: TrelloOptions
    now: datetime
    report: Report
    known: dict[tuple[str, str], int]
    people: _People
    records: list[dict]
    idea_of: dict[str, int] = field(default_factory=dict)  # card id -> idea id (earlier imports and this one)
    touched: set[int] = field(default_factory=set)  # ideas that gained rows: their counts are derived again
    supports: list[tuple] = field(default_factory=list)  # (user, team, idea, at) written, for the roll-ups
    responses: list[tuple] = field(default_factory=list)  # (user, team, idea, kind, at) written

    def member(self, member_id: str | None) -> rules.TrelloMember | None:
        return self.board.members.get(member_id) if member_id else None


def import_trello(actor, board: rules.Board, options: TrelloOptions, now: datetime, dry_run: bool = False) -> Report:
    """Bring a Trello board in: lists to stages, labels to tags, members to people, cards to ideas,
    comments to responses, votes to supports; only what an earlier import of it did not bring.

    People are found by email, then by full name within the organisation; the others become
    imported people of ``options.team`` (no login until they claim the account). An idea
    belongs to its author's team. Archived cards are parked or skipped (``options.archived``).
    """
    if actor is not None:  # the command line acts as no one
        ensure(can_manage_people(actor))
    if options.team.organisation_id != options.organisation.id:
        raise Invalid(_("Choose a team of the organisation the board moves into."),
                      {"team": _("Choose a team of that organisation.")})
    report = Report("Trello board", board.name, dry_run)
    report.skipped.extend(board.skipped)
    records: list[dict] = []
    known = _known("trello", ("card", "comment", "vote"))
    it = _TrelloRun(actor, board, options, now, report, known,
                    _People("trello", options.team, options.organisation, now, report, records), records,
                    idea_of={ext: local for (kind, ext), local in known.items() if kind == "card"})
    authors = _trello_people(it)
    _trello_ideas(it, authors)
    _trello_responses(it)
    _trello_supports(it)
    # The insights' monthly roll-ups count what was written, as they count what people give.
    events.rows_imported.send(None, supports=it.supports, responses=it.responses)
    return _finish(actor, "import.trello", report, records, "trello", now, it.touched)


def _trello_people(it: _TrelloRun) -> dict[str, str | None]:
    """Place everyone who made, commented on or voted on a card; each card's author (its maker if known)."""
    board = it.board
    authors: dict[str, str | None] = {}
    for card in board.cards:
        creator = board.created.get(card.id, (None, None))[0]
        authors[card.id] = next((m for m in (creator, *card.member_ids, board.owner) if it.member(m)), None)
    wanted = {a for a in authors.values() if a} | {c.member_id for c in board.comments if it.member(c.member_id)} | {
        v for card in board.cards for v in card.voters if it.member(v)}
    for member_id in sorted(wanted):
        m = board.members[member_id]
        it.people.resolve(member_id, m.email, m.full_name, m.username)
    it.people.store()
    return authors


def _trello_ideas(it: _TrelloRun, authors: dict[str, str | None]) -> None:
    """Cards not imported before become ideas (with their tags), in their list's stage."""
    board, options, report = it.board, it.options, it.report
    lists = {item.id: item for item in board.lists}
    new_cards, rows, tags = [], [], []
    comments: dict[str, list[rules.TrelloComment]] = {}
    for comment in board.comments:
        comments.setdefault(comment.card_id, []).append(comment)
    for card in board.cards:
        title, changed = rules.idea_title(card.name)
        if card.id in it.idea_of:
            report.already["ideas"] += 1
            continue
        archived = card.closed or lists[card.list_id].closed
        if archived and options.archived == "skip":
            report.skipped.append((_("Card “%(title)s”", title=title), _("archived on Trello, and archived cards were to be skipped")))
            continue
        if authors[card.id] is None:
            report.skipped.append((_("Card “%(title)s”", title=title), _("the board has no members to credit it to")))
            continue
        user_id, team_id = it.people.by_id[authors[card.id]]
        list_name = lists[card.list_id].name
        stage = Stage.PARKED.value if archived else options.stages.get(card.list_id) or rules.suggest_stage(list_name).value
        if stage not in {s.value for s in BOARD_STAGES}:
            raise Invalid(_("“%(stage)s” is not a stage the list “%(list)s” can go to.", stage=stage, list=list_name),
                          {"stages": _("Choose a stage for every list.")})
        created, last = rules.card_dates(card, board)
        problem, proposal, cut = rules.idea_text(card, list_name, board.name)
        if changed or cut:
            report.skipped.append((_("Card “%(title)s”", title=title), _("imported, with its title or text fitted to the hub's limits")))
        row = _idea_row(
            title=title, problem=problem, proposal=proposal, benefit="", stage=stage, author=user_id,
            team=team_id or options.team.id, organisation_id=None, created=created, last=last, actor=it.actor,
            now=it.now, reason=rules.decision_reason(stage, list_name, archived))
        row["trend"] = _card_trend(it, card, user_id, created, comments.get(card.id, []))
        rows.append(row)
        new_cards.append(card)
    orgs = _organisations_of(r["team_id"] for r in rows)
    for row in rows:
        row["organisation_id"] = orgs[row["team_id"]]
    if rows:
        for card, idea_id in zip(new_cards, _insert_returning_ids(Idea, rows), strict=True):
            it.idea_of[card.id] = idea_id
            it.touched.add(idea_id)
            it.records.append({"kind": "card", "external_id": card.id, "local_id": idea_id})
            if names := rules.tag_names(card.label_names):
                tags.append((idea_id, names))
        report.added["ideas"] += len(rows)
    _tag_rows(tags, report)


def _card_trend(it: _TrelloRun, card: rules.TrelloCard, author_id: int, created: datetime,
                comments: list[rules.TrelloComment]) -> float:
    """A new idea's trend with the responses and supports it comes with (as the steps below add them),
    so it is written once with the idea instead of updated after."""
    trend = idea_rules.trend_term(created, "post")
    for comment in comments:
        if comment.member_id in it.people.by_id and rules.comment_body(comment.text)[0]:
            trend = idea_rules.trend_add(trend, idea_rules.trend_term(comment.at, "response"))
    voters = {it.people.by_id[v][0]: v for v in card.voters if v in it.people.by_id}
    for user_id, voter in voters.items():
        if user_id != author_id:
            at = it.board.votes_at.get((card.id, voter)) or created
            trend = idea_rules.trend_add(trend, idea_rules.trend_term(at, "support"))
    return trend


def _trello_responses(it: _TrelloRun) -> None:
    """Comments (commentCard actions) -> responses that build on the idea, by their writers, with their dates."""
    report, rows, comment_ids = it.report, [], []
    for comment in it.board.comments:
        if ("comment", comment.id) in it.known:
            report.already["responses"] += 1
            continue
        if comment.card_id not in it.idea_of:
            continue  # its card was skipped (said above)
        if comment.member_id not in it.people.by_id:
            report.skipped.append((_("Comment %(id)s", id=comment.id), _("its writer is not among the board's members")))
            continue
        body, _cut = rules.comment_body(comment.text)
        if not body:
            report.skipped.append((_("Comment %(id)s", id=comment.id), _("it is empty")))
            continue
        user_id, team_id = it.people.by_id[comment.member_id]
        idea_id = it.idea_of[comment.card_id]
        rows.append({
            "idea_id": idea_id, "author_id": user_id, "team_id": team_id, "parent_id": None,
            "kind": "build", "body": body, "suggestion": None, "hours": None, "created_at": comment.at,
            "hidden_at": None, "hidden_by_id": None, "hidden_reason": None, "edited_at": None})
        comment_ids.append(comment.id)
        it.responses.append((user_id, team_id, idea_id, "build", comment.at))
        it.touched.add(idea_id)
    if rows:
        ids = _insert_returning_ids(Response, rows)
        it.records.extend({"kind": "comment", "external_id": c, "local_id": i} for c, i in zip(comment_ids, ids, strict=True))
        report.added["responses"] += len(rows)


def _trello_supports(it: _TrelloRun) -> None:
    """Votes (the Voting Power-Up's idMembersVoted) -> supports; an author's vote for their own card is not one."""
    board, report = it.board, it.report
    ideas = list(it.idea_of.values())
    author_of = dict(db.session.execute(select(Idea.id, Idea.author_id).where(Idea.id.in_(ideas))).all()) if ideas else {}
    existing = set(db.session.execute(select(Support.idea_id, Support.user_id)
                                      .where(Support.idea_id.in_(ideas))).all()) if ideas else set()
    rows, seen = [], set()
    for card in board.cards:
        if card.id not in it.idea_of:
            continue
        idea_id, what = it.idea_of[card.id], _("A vote on “%(title)s”", title=rules.idea_title(card.name)[0])
        for voter in card.voters:
            key = f"{card.id}:{voter}"
            if ("vote", key) in it.known:
                report.already["supports"] += 1
                continue
            if voter not in it.people.by_id:
                report.skipped.append((what, _("the voter is not among the board's members")))
                continue
            user_id, team_id = it.people.by_id[voter]
            if user_id == author_of.get(idea_id):
                report.skipped.append((what, _("its author's own: authors do not support their own ideas")))
                continue
            if (idea_id, user_id) in seen:
                continue
            seen.add((idea_id, user_id))
            it.records.append({"kind": "vote", "external_id": key, "local_id": idea_id})
            if (idea_id, user_id) in existing:  # supported in the hub already: the vote is that support
                continue
            at = board.votes_at.get((card.id, voter)) or rules.card_dates(card, board)[0]
            rows.append({"idea_id": idea_id, "user_id": user_id, "team_id": team_id, "created_at": at})
            it.supports.append((user_id, team_id, idea_id, at))
            it.touched.add(idea_id)
    _write(Support.__table__, rows)
    report.added["supports"] += len(rows)


# --- CSV ------------------------------------------------------------------------------------------


def import_csv(actor, ideas: list[rules.CsvIdea], problems: list[str], organisation: Organisation, team: Team,
               file_name: str, now: datetime, dry_run: bool = False) -> Report:
    """Bring in the ideas of a CSV file (already read under a column mapping): all, or none.

    Any problem (a row without a title, an unknown stage) refuses the whole file, naming each
    row and column. Authors are found by email; the others become imported people of ``team``.
    A row already imported (by its old id, or else by its content) is not added again.
    """
    if actor is not None:
        ensure(can_manage_people(actor))
    if team.organisation_id != organisation.id:
        raise Invalid(_("Choose a team of the organisation the ideas move into."),
                      {"team": _("Choose a team of that organisation.")})
    if problems:
        shown = problems[:20]
        more = " " + _("… and %(count)s more.", count=len(problems) - 20) if len(problems) > 20 else ""
        raise Invalid(_("Nothing was imported. Put these right in the file and upload it again: %(problems)s",
                        problems=" ".join(shown) + more),
                      {"file": " ".join(shown) + more})
    report = Report("CSV file", file_name, dry_run)
    known = _known("csv", ("row",))
    records: list[dict] = []
    people = _People("csv", team, organisation, now, report, records)
    keyed = []
    for idea in ideas:
        key = idea.external_id or hashlib.sha256("\x1f".join(
            [idea.title, idea.problem, idea.proposal, idea.author_email]).encode()).hexdigest()
        if ("row", key) in known or key in {k for k, _ in keyed}:
            report.already["ideas"] += 1
            continue
        keyed.append((key, idea))
        people.resolve(idea.author_email, idea.author_email, "", idea.author_name or idea.author_email.split("@")[0])
    people.store()
    rows = []
    for _key, idea in keyed:
        user_id, team_id = people.by_id[idea.author_email]
        created = idea.created_at or now
        rows.append(_idea_row(
            title=idea.title, problem=idea.problem, proposal=idea.proposal, benefit=idea.benefit, stage=idea.stage,
            author=user_id, team=team_id or team.id, organisation_id=None, created=created, last=created, actor=actor,
            now=now, reason="Decided before the move to the hub (brought in from a CSV file)."))
    orgs = _organisations_of(r["team_id"] for r in rows)
    for row in rows:
        row["organisation_id"] = orgs[row["team_id"]]
    if rows:
        ids = _insert_returning_ids(Idea, rows)
        records.extend({"kind": "row", "external_id": key, "local_id": i} for (key, _), i in zip(keyed, ids, strict=True))
        _tag_rows([(i, idea.tags[:8]) for (_k, idea), i in zip(keyed, ids, strict=True) if idea.tags], report)
        report.added["ideas"] += len(rows)
    return _finish(actor, "import.csv", report, records, "csv", now, {r["local_id"] for r in records if r["kind"] == "row"})
