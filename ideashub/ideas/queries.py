"""Reading ideas: the board's columns, lists for the API, the idea page.

Every read here issues a fixed, small number of queries whatever the number
of ideas: columns are fetched with one UNION of per-column LIMIT queries
(each served by an index of ``ideas``), cards are loaded by id with their
team and organisation joined, and tags come in one more query.

The board reads its cards as plain rows (``Card``), only the columns a card
shows: building whole ORM ideas with their authors, and every timestamp of
each, was a third of the board's time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from sqlalchemy import Integer, String, bindparam, cast, func, literal, null, select, union_all
from sqlalchemy.orm import joinedload, lazyload, load_only, selectinload

from ideashub.core import clock
from ideashub.core.activity import PUBLIC, Activity
from ideashub.core.db import UTCDateTime
from ideashub.core.errors import ServiceError
from ideashub.core.i18n import _, _l
from ideashub.core.words import number
from ideashub.extensions import db
from ideashub.ideas import wellbeing
from ideashub.ideas.hearing import HearingSettings
from ideashub.ideas.models import (
    BOARD_STAGES,
    RESPONSE_KIND_ORDER,
    STAGE_LABELS,
    Idea,
    IdeaRevision,
    IdeaTag,
    IdeaTeamSupport,
    Response,
    ResponseKind,
    Stage,
    Support,
    Tag,
)
from ideashub.ideas.search import search_clause, search_query
from ideashub.people import profiles
from ideashub.people.models import Organisation, Team, User
from ideashub.people.permissions import can_moderate

SORTS = {
    "top": _l("Most supported"),
    "new": _l("Newest"),
    "trending": _l("Trending"),
    "fair": _l("Least heard first"),
}
# Offset pagination stops here; past it, narrow the filters (or use the export).
MAX_OFFSET = 10_000
MAX_PER_PAGE = 100
# A list's total is exact up to here; past it the API says total_capped (paging stops at MAX_OFFSET anyway).
TOTAL_CAP = MAX_OFFSET + MAX_PER_PAGE


MAX_AUTHOR_WORDS = 4


class BadQuery(ServiceError):
    status = 400
    code = "bad_request"


def order_by(sort: str):
    if sort == "new":
        return [Idea.created_at.desc(), Idea.id.desc()]
    if sort == "trending":
        return [Idea.trend.desc(), Idea.id.desc()]
    if sort == "fair":
        # The quietest ideas first: fewest people heard them, then the oldest.
        return [Idea.responders_count.asc(), Idea.created_at.asc(), Idea.id.asc()]
    return [Idea.supporters_count.desc(), Idea.id.desc()]


def default_sort(stage: str) -> str:
    return "fair" if stage == Stage.BEING_HEARD else "top"


def filter_clauses(shape: tuple[bool, ...], dialect: str, values: Mapping | None = None) -> list:
    """WHERE conditions for the filters set in ``shape``, as named bound parameters.

    With ``values`` the parameters carry them; without, they are required at
    execution, so a statement built once per shape can serve every request.
    """
    values = values or {}

    def param(name: str, type_):
        value = values.get(name)
        return bindparam(name, value, type_=type_, required=value is None)

    has_org, has_team, has_author, has_tag, has_search, has_supporter, has_author_name, has_from, has_to, has_goal = shape
    conds = []
    if has_org:
        conds.append(Idea.organisation_id == param("f_organisation", Integer))
    if has_team:
        conds.append(Idea.team_id == param("f_team", Integer))
    if has_author:
        conds.append(Idea.author_id == param("f_author", Integer))
    if has_tag:
        conds.append(
            Idea.id.in_(
                select(IdeaTag.idea_id).join(Tag, Tag.id == IdeaTag.tag_id).where(Tag.name == param("f_tag", String))
            )
        )
    if has_search:
        conds.append(search_clause(Idea.id, dialect, values.get("search")))
    if has_supporter:
        conds.append(Idea.id.in_(select(Support.idea_id).where(Support.user_id == param("f_supporter", Integer))))
    if has_author_name:
        # Each word typed (``has_author_name`` of them) anywhere in the author's name, in any case.
        named = [
            func.lower(User.name).like(param(f"f_author_{i}", String), escape="\\") for i in range(has_author_name)
        ]
        conds.append(Idea.author_id.in_(select(User.id).where(*named)))
    # Posted between two days (the insights charts link here), as UTC moments of local midnights.
    if has_from:
        conds.append(Idea.created_at >= param("f_from", UTCDateTime()))
    if has_to:
        conds.append(Idea.created_at < param("f_to", UTCDateTime()))
    # Linked to a well-being goal (only with WELLBEING_GOALS on; see filters_from_args).
    if has_goal:
        conds.append(Idea.id.in_(wellbeing.with_goal(param("f_goal", String))))
    return conds


def author_patterns(name: str) -> list[str]:
    """LIKE patterns for the words of an author's name, each matched literally anywhere in it."""
    words = name.lower().split()[:MAX_AUTHOR_WORDS]
    return ["%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for w in words]


@dataclass(frozen=True)
class IdeaFilters:
    organisation_id: int | None = None
    team_id: int | None = None
    tag: str | None = None
    q: str = ""
    sort: str | None = None  # None: each column's own default
    author_id: int | None = None
    supporter_id: int | None = None  # the board's "Ideas I support"
    author: str = ""  # the board's search by the author's name
    mine: bool = False  # the board's "My ideas" (author_id is the viewer's)
    # Posted on or after / on or before these days, in the organisation's time zone (the board only).
    posted_from: date | None = None
    posted_to: date | None = None
    goal: str | None = None  # a well-being goal's code (WELLBEING_GOALS)

    @property
    def active(self) -> bool:
        return bool(
            self.organisation_id or self.team_id or self.tag or self.q or self.author_id
            or self.supporter_id or author_patterns(self.author)
            or self.posted_from or self.posted_to or self.goal
        )

    def conditions(self) -> list:
        """The filters as WHERE conditions carrying their values."""
        dialect = db.session.get_bind().dialect.name
        return filter_clauses(self.shape(dialect), dialect, self.params(dialect))

    def shape(self, dialect: str) -> tuple[bool, ...]:
        """Which filters are set: statements of the same shape differ only in their parameters."""
        return (
            bool(self.organisation_id),
            bool(self.team_id),
            bool(self.author_id),
            bool(self.tag),
            search_query(self.q, dialect) is not None,
            bool(self.supporter_id),
            len(author_patterns(self.author)),
            self.posted_from is not None,
            self.posted_to is not None,
            bool(self.goal),
        )

    def params(self, dialect: str) -> dict:
        """The values of the bound parameters of ``filter_clauses``."""
        return {
            "f_organisation": self.organisation_id,
            "f_team": self.team_id,
            "f_author": self.author_id,
            "f_tag": self.tag,
            "search": search_query(self.q, dialect),
            "f_supporter": self.supporter_id,
            **{f"f_author_{i}": pattern for i, pattern in enumerate(author_patterns(self.author))},
            "f_from": _local_midnight(self.posted_from) if self.posted_from else None,
            "f_to": _local_midnight(self.posted_to + timedelta(days=1)) if self.posted_to else None,
            "f_goal": self.goal,
        }

    def query_args(self, **overrides) -> dict:
        args = {
            "organisation": self.organisation_id,
            "team": self.team_id,
            "tag": self.tag,
            "q": self.q or None,
            "sort": self.sort,
            "mine": "1" if self.mine else None,
            "supported": "1" if self.supporter_id else None,
            "author": self.author or None,
            "from": self.posted_from.isoformat() if self.posted_from else None,
            "to": self.posted_to.isoformat() if self.posted_to else None,
            "goal": self.goal,
        }
        args.update(overrides)
        return {k: v for k, v in args.items() if v not in (None, "")}


def _local_midnight(day: date) -> datetime:
    """The moment a day begins in the organisation's time zone."""
    return datetime.combine(day, time(0), tzinfo=clock.org_timezone())


def _date_arg(args: Mapping, name: str) -> date | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        raise BadQuery(_("%(name)s must be a date like 2026-03-31.", name=name), {name: _("Give a date like 2026-03-31.")}) from None
    if not 2000 <= value.year <= 2999:
        raise BadQuery(_("%(name)s is out of range.", name=name), {name: _("Out of range.")})
    return value


def posted_range_from_args(filters: IdeaFilters, args: Mapping) -> IdeaFilters:
    """The board's filters with the days of posting (``from``, ``to``) the insights charts link to."""
    posted_from, posted_to = _date_arg(args, "from"), _date_arg(args, "to")
    if posted_from and posted_to and posted_to < posted_from:
        raise BadQuery(_("to is before from."), {"to": _("The last day comes before the first.")})
    return replace(filters, posted_from=posted_from, posted_to=posted_to)


def _int_arg(args: Mapping, name: str) -> int | None:
    raw = args.get(name)
    if raw in (None, ""):
        return None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise BadQuery(_("%(name)s must be a number.", name=name), {name: _("Must be a whole number.")}) from None
    if value < 1 or value > 2**31 - 1:
        raise BadQuery(_("%(name)s is out of range.", name=name), {name: _("Out of range.")})
    return value


def filters_from_args(args: Mapping, strict: bool = True, viewer_id: int | None = None) -> IdeaFilters:
    """Filters from query-string arguments, checked against allow-lists.

    ``strict`` (the API) refuses unknown sorts with a 400; the board falls
    back to its default instead, so an old bookmark still opens. With a
    ``viewer_id`` (the board) a person's own filters are read too: ``mine``
    (ideas they posted), ``supported`` (ideas they support) and ``author``
    (words of an author's name).
    """
    sort = (args.get("sort") or "").strip() or None
    if sort is not None and sort not in SORTS:
        if strict:
            raise BadQuery(
                _("sort must be one of: %(values)s", values=", ".join(SORTS)),
                {"sort": _("Choose top, new, trending or fair.")},
            )
        sort = None
    q = (args.get("q") or "").strip()[:200]
    tag = (args.get("tag") or "").strip().lower()[:40] or None
    own = {}
    if viewer_id is not None:
        mine = _flag(args, "mine")
        own = {
            "mine": mine,
            "author_id": viewer_id if mine else None,
            "supporter_id": viewer_id if _flag(args, "supported") else None,
            "author": " ".join((args.get("author") or "").split())[:100],
        }
    return IdeaFilters(
        organisation_id=_int_arg(args, "organisation"),
        team_id=_int_arg(args, "team"),
        tag=tag,
        q=q,
        sort=sort,
        goal=_goal_arg(args, strict),
        **own,
    )


def _goal_arg(args: Mapping, strict: bool) -> str | None:
    """The well-being goal asked for (``goal``), when the hub shows them: an unknown code is a
    400 for the API (``strict``) and no filter for the board, as an unknown sort."""
    code = (args.get("goal") or "").strip()
    if not code or not wellbeing.enabled():
        return None
    if code not in wellbeing.GOALS:
        if strict:
            raise BadQuery(_("goal must be one of: %(codes)s", codes=", ".join(wellbeing.GOALS)),
                           {"goal": _("Unknown well-being goal.")})
        return None
    return code


def _flag(args: Mapping, name: str) -> bool:
    """A check box of a GET form: ticked sends ``1`` (anything but empty, 0 or no counts as ticked)."""
    return (args.get(name) or "").strip().lower() not in ("", "0", "no", "false")


def page_args(args: Mapping, default_per_page: int = 20) -> tuple[int, int]:
    page = _int_arg(args, "page") or 1
    per_page = _int_arg(args, "per_page") or default_per_page
    if per_page > MAX_PER_PAGE:
        raise BadQuery(_("per_page can be at most %(max)s.", max=MAX_PER_PAGE), {"per_page": _("Too large.")})
    if (page - 1) * per_page > MAX_OFFSET:
        raise BadQuery(
            _("That page is too deep; narrow the filters instead."),
            {"page": _("Pages reach %(max)s ideas deep.", max=number(MAX_OFFSET))},
        )
    return page, per_page


def load_cards(ids: list[int]) -> dict[int, Idea]:
    """Ideas by id with their team, organisation and tags, in two queries."""
    if not ids:
        return {}
    # The author, team and organisation are shown by id and name only: building
    # whole people (with their own team and its organisation) was most of the cost.
    names = [lazyload("*")]
    ideas = db.session.scalars(
        select(Idea)
        .where(Idea.id.in_(ids))
        .options(
            joinedload(Idea.author).options(load_only(User.id, User.name), *names),
            joinedload(Idea.team).options(load_only(Team.id, Team.name), *names),
            joinedload(Idea.organisation).options(load_only(Organisation.id, Organisation.name), *names),
        )
    ).unique().all()
    return {idea.id: idea for idea in ideas}


@dataclass(frozen=True, slots=True)
class Card:
    """What a card on the board shows of an idea (and what its hearing status needs)."""

    id: int
    title: str
    stage: str
    version: int
    team_name: str
    organisation_name: str
    supporters_count: int
    supporting_teams_count: int
    responses_count: int
    responders_count: int
    other_team_responders_count: int
    created_at: datetime
    revisit_on: date | None
    language: str = "en"  # the language the idea is written in: its title carries lang=
    tags: tuple[str, ...] = ()


_CARD_COLUMNS = (
    Idea.id,
    Idea.title,
    Idea.stage,
    Idea.version,
    Team.name.label("team_name"),
    Organisation.name.label("organisation_name"),
    Idea.supporters_count,
    Idea.supporting_teams_count,
    Idea.responses_count,
    Idea.responders_count,
    Idea.other_team_responders_count,
    Idea.created_at,
    Idea.revisit_on,
    Idea.language,
)


@lru_cache(maxsize=4)
def _cards_statement(dialect: str):
    # Each card's tags, joined into one column: "," is never in a tag (core.text.normalise_tag).
    joined = func.string_agg(Tag.name, literal(",")) if dialect == "postgresql" else func.group_concat(Tag.name, ",")
    tags = (
        select(joined).select_from(IdeaTag).join(Tag, Tag.id == IdeaTag.tag_id)
        .where(IdeaTag.idea_id == Idea.id).scalar_subquery()
    )
    return (
        select(*_CARD_COLUMNS, tags)
        .join(Team, Team.id == Idea.team_id)
        .join(Organisation, Organisation.id == Idea.organisation_id)
        .where(Idea.id.in_(bindparam("ids", expanding=True)))
    )


def load_card_rows(ids: list[int]) -> dict[int, Card]:
    """The board's cards by id, with their team, organisation and tags, in one statement."""
    if not ids:
        return {}
    rows = db.session.execute(_cards_statement(_dialect()), {"ids": list(ids)})
    return {row[0]: Card(*row[:-1], tags=tuple(sorted(row[-1].split(","))) if row[-1] else ()) for row in rows}


_SUPPORTED = select(Support.idea_id).where(
    Support.user_id == bindparam("user_id"), Support.idea_id.in_(bindparam("ids", expanding=True))
)


def supported_by(user_id: int, ids: list[int]) -> set[int]:
    """Which of ``ids`` the person supports (built once: a kept board asks this on every view)."""
    if not ids:
        return set()
    return set(db.session.scalars(_SUPPORTED, {"user_id": user_id, "ids": list(ids)}))


# --- The board ---------------------------------------------------------------


@dataclass
class Column:
    stage: str
    label: str
    sort: str
    page: int
    ideas: list[Card]
    total: int
    has_more: bool

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def total_label(self) -> str:
        return f"{COUNT_CAP:,}+" if self.total > COUNT_CAP else f"{self.total:,}"


@dataclass
class Board:
    columns: list[Column]
    filters: IdeaFilters
    supported: set[int] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(column.total for column in self.columns)

    @property
    def capped(self) -> bool:
        return any(column.total > COUNT_CAP for column in self.columns)


COUNT_CAP = 1000


def _dialect() -> str:
    return db.session.get_bind().dialect.name


# The board's statements are built once per shape (orders, which filters are
# set, page size) and run with each request's values: building and keying a
# UNION of six ordered subqueries cost more than running it.
@lru_cache(maxsize=256)
def _columns_statement(sorts: tuple[str, ...], shape: tuple[bool, ...], per_column: int, dialect: str, cap: int):
    """Each column's page of ids in its order, then how many each column holds (counted to
    ``cap`` + 1): rows (id, stage, NULL) and then (NULL, stage, count), in one statement.

    The board shows "1,000+" past the cap: counting every idea of a 100,000-idea hub on
    each view would make the board slower the bigger the hub grows.
    """
    conds = [Idea.is_listed, *filter_clauses(shape, dialect)]
    parts = []
    for stage, sort in zip(BOARD_STAGES, sorts, strict=True):
        sub = (
            select(Idea.id.label("id"), Idea.stage.label("stage"))
            .where(*conds, Idea.stage == stage)
            .order_by(*order_by(sort))
            .limit(per_column + 1)
            .offset(bindparam(f"offset_{stage}", type_=Integer, required=True))
            .subquery()
        )
        parts.append(select(sub.c.id, sub.c.stage, cast(null(), Integer).label("n")))
    for stage in BOARD_STAGES:
        counted = select(Idea.id).where(*conds, Idea.stage == stage).limit(cap + 1).subquery()
        parts.append(
            select(cast(null(), Integer).label("id"), literal(stage.value).label("stage"), cast(func.count(), Integer).label("n"))
            .select_from(counted)
        )
    return union_all(*parts)


def board(filters: IdeaFilters, pages: Mapping[str, int], per_column: int, viewer_id: int | None) -> Board:
    """The board's columns, each one page of cards in its own order; with ``viewer_id``, what they support."""
    dialect = _dialect()
    sorts = tuple(filters.sort or default_sort(stage) for stage in BOARD_STAGES)
    params = filters.params(dialect)
    params.update({f"offset_{stage}": (pages.get(stage, 1) - 1) * per_column for stage in BOARD_STAGES})
    # Two statements: the columns with their counts, then their cards.
    statement = _columns_statement(sorts, filters.shape(dialect), per_column, dialect, COUNT_CAP)
    by_stage: dict[str, list[int]] = {stage: [] for stage in BOARD_STAGES}
    counts: dict[str, int] = {}
    for idea_id, stage, n in db.session.execute(statement, params):
        if idea_id is None:
            counts[stage] = n
        else:
            by_stage[stage].append(idea_id)
    all_ids = [i for ids in by_stage.values() for i in ids]
    cards = load_card_rows(all_ids)
    columns = []
    for stage, sort in zip(BOARD_STAGES, sorts, strict=True):
        ids = by_stage[stage]
        columns.append(
            Column(
                stage=stage,
                label=STAGE_LABELS[stage],
                sort=sort,
                page=pages.get(stage, 1),
                ideas=[cards[i] for i in ids[:per_column] if i in cards],
                total=counts.get(stage, 0),
                has_more=len(ids) > per_column,
            )
        )
    return Board(columns=columns, filters=filters,
                 supported=supported_by(viewer_id, all_ids) if viewer_id is not None else set())


def board_pages(args: Mapping) -> dict[str, int]:
    """Each column's page from the query string (``being_heard_page=2``)."""
    pages = {}
    for stage in BOARD_STAGES:
        raw = args.get(f"{stage}_page")
        try:
            page = int(raw) if raw else 1
        except ValueError:
            page = 1
        pages[stage] = min(max(page, 1), 200)
    return pages


# --- The hearing in SQL ------------------------------------------------------------


def past_hearing_days(settings: HearingSettings, now: datetime):
    """SQL: the idea has been on the board for its hearing days (the clock's half of "heard")."""
    return Idea.created_at <= now - timedelta(days=settings.days)


def needs_hearing(settings: HearingSettings, now: datetime) -> list:
    """SQL conditions for an idea waiting for a hearing: listed, being heard, past its hearing
    days, and not yet answered by enough people (``heard_at``, kept by ``ideas.counters``)."""
    return [
        Idea.is_listed,
        Idea.stage == Stage.BEING_HEARD,
        past_hearing_days(settings, now),
        Idea.heard_at.is_(None),
    ]


# --- Lists (API) -------------------------------------------------------------


@lru_cache(maxsize=256)
def _list_statements(stage: str | None, sort: str, shape: tuple[bool, ...], dialect: str):
    """A page of ids in order, and how many match, built once per shape like the board's."""
    if stage == Stage.MERGED:
        conds = [Idea.stage == Stage.MERGED, Idea.is_visible]
    else:
        conds = [Idea.is_listed]
        if stage:
            conds.append(Idea.stage == stage)
    conds += filter_clauses(shape, dialect)
    listing = (
        select(Idea.id)
        .where(*conds)
        .order_by(*order_by(sort))
        .limit(bindparam("limit", type_=Integer, required=True))
        .offset(bindparam("offset", type_=Integer, required=True))
    )
    # Counted up to what paging can reach: beyond it the cost would grow with the hub.
    matching = select(Idea.id).where(*conds).limit(TOTAL_CAP + 1).subquery()
    return listing, select(func.count()).select_from(matching)


def list_ideas(filters: IdeaFilters, stage: str | None, page: int, per_page: int):
    """One page of ideas and the total matching; without a stage, every listed idea."""
    if stage is not None and stage not in {s.value for s in Stage}:
        raise BadQuery(
            _("stage must be one of: %(values)s", values=", ".join(s.value for s in Stage)),
            {"stage": _("Unknown stage.")},
        )
    sort = filters.sort or (default_sort(stage) if stage else "top")
    dialect = _dialect()
    listing, counting = _list_statements(stage, sort, filters.shape(dialect), dialect)
    params = filters.params(dialect)
    ids = list(db.session.scalars(listing, {**params, "limit": per_page, "offset": (page - 1) * per_page}))
    total = min(db.session.scalar(counting, params), TOTAL_CAP + 1)
    cards = load_cards(ids)
    return [cards[i] for i in ids if i in cards], total


# --- The idea page -----------------------------------------------------------


@dataclass
class Thread:
    response: Response
    replies: list[Response]


@dataclass
class IdeaPage:
    idea: Idea
    groups: list[tuple[str, list[Thread]]]
    teams: list[tuple[str, int]]
    activity: list[Activity]
    revisions: int
    supported: bool
    merged_in: list[tuple[int, str, int]]


def merged_in(idea_id: int) -> list[tuple[int, str, int]]:
    """Ideas merged into this one: (id, title, responses)."""
    rows = db.session.execute(
        select(Idea.id, Idea.title, Idea.responses_count)
        .where(Idea.merged_into_id == idea_id)
        .order_by(Idea.id)
    )
    return [tuple(r) for r in rows]


def responses_of(idea_id: int) -> list[Response]:
    return list(
        db.session.scalars(
            select(Response).where(Response.idea_id == idea_id).order_by(Response.created_at, Response.id)
            .options(selectinload(Response.mentions))
        )
    )


def threads(responses: list[Response]) -> list[tuple[str, list[Thread]]]:
    """Top-level responses grouped by kind (builds and offers first), replies under each."""
    replies: dict[int, list[Response]] = {}
    for r in responses:
        if r.parent_id is not None:
            replies.setdefault(r.parent_id, []).append(r)
    groups = []
    for kind in RESPONSE_KIND_ORDER:
        items = [
            Thread(r, replies.get(r.id, []))
            for r in responses
            if r.parent_id is None and r.kind == kind
        ]
        groups.append((kind.value, items))
    return groups


def supporting_teams(idea_id: int) -> list[tuple[str, int]]:
    rows = db.session.execute(
        select(Team.name, Organisation.name, IdeaTeamSupport.supporters)
        .join(Team, Team.id == IdeaTeamSupport.team_id)
        .join(Organisation, Organisation.id == Team.organisation_id)
        .where(IdeaTeamSupport.idea_id == idea_id, IdeaTeamSupport.supporters > 0)
        .order_by(IdeaTeamSupport.supporters.desc(), Team.name)
    )
    return [(f"{team} ({org})", n) for team, org, n in rows]


def idea_activity(idea_id: int, include_moderators: bool = False, limit: int = 100) -> list[Activity]:
    visible = [PUBLIC, "moderators"] if include_moderators else [PUBLIC]
    return list(
        db.session.scalars(
            select(Activity)
            .where(Activity.idea_id == idea_id, Activity.visibility.in_(visible))
            .order_by(Activity.at.desc(), Activity.id.desc())
            .limit(limit)
        )
    )


def idea_page(idea: Idea, viewer, with_responses: bool = True) -> IdeaPage:
    """What the idea page shows beside the idea; its responses only ``with_responses`` (else they
    come from a shared rendering, ideas.views)."""
    return IdeaPage(
        idea=idea,
        groups=threads(responses_of(idea.id)) if with_responses else [],
        teams=supporting_teams(idea.id),
        activity=idea_activity(idea.id, include_moderators=can_moderate(viewer)),
        revisions=db.session.scalar(
            select(func.count()).select_from(IdeaRevision).where(IdeaRevision.idea_id == idea.id)
        ),
        supported=bool(supported_by(viewer.id, [idea.id])),
        merged_in=merged_in(idea.id) if with_responses else [],
    )


def revisions_of(idea_id: int) -> list[IdeaRevision]:
    return list(
        db.session.scalars(
            select(IdeaRevision)
            .where(IdeaRevision.idea_id == idea_id)
            .order_by(IdeaRevision.created_at.desc(), IdeaRevision.id.desc())
        )
    )


def all_tags(limit: int = 200) -> list[str]:
    return list(db.session.scalars(select(Tag.name).order_by(Tag.name).limit(limit)))



# --- On a person's profile -------------------------------------------------------


@profiles.section
def on_profile(person) -> dict:
    """The ideas a person posted (newest first) and the help they offered, for their profile."""
    ideas, _total = list_ideas(IdeaFilters(author_id=person.id, sort="new"), None, 1, 20)
    offers = db.session.scalars(
        select(Response)
        .join(Idea, Idea.id == Response.idea_id)
        .where(
            Response.author_id == person.id,
            Response.kind == ResponseKind.OFFER,
            Response.hidden_at.is_(None),
            Idea.hidden_at.is_(None),
        )
        .order_by(Response.created_at.desc(), Response.id.desc())
        .limit(20)
    ).all()
    # Each offer names its idea (one query for them all).
    ids = {r.idea_id for r in offers}
    titles = {i: t for i, t in db.session.execute(select(Idea.id, Idea.title).where(Idea.id.in_(ids)))} if ids else {}
    return {"ideas": ideas, "offers": offers, "offer_titles": titles}
