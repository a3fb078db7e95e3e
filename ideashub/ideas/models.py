"""Ideas, their tags, supports, responses and edit history.

Counts shown on every card (supporters, supporting teams, responders) are
stored on the idea and changed by atomic SQL in the same transaction as the
row they count (see ``counters``), so a card never needs an aggregate query
and two people clicking at once can never make a count drift.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from functools import cache

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    and_,
    literal_column,
    text,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideashub.core.db import UTCDateTime
from ideashub.core.i18n import _l
from ideashub.core.wording import label_values
from ideashub.extensions import db


class Stage(StrEnum):
    BEING_HEARD = "being_heard"
    SHORTLISTED = "shortlisted"
    IN_PROJECT = "in_project"
    DELIVERED = "delivered"
    PARKED = "parked"
    NOT_TAKEN_FORWARD = "not_taken_forward"
    MERGED = "merged"


# The board's columns, left to right.
BOARD_STAGES = [
    Stage.BEING_HEARD,
    Stage.SHORTLISTED,
    Stage.IN_PROJECT,
    Stage.DELIVERED,
    Stage.PARKED,
    Stage.NOT_TAKEN_FORWARD,
]

# Parking or declining closes an idea: only once it has been heard, and with a reason.
CLOSING_STAGES = frozenset({Stage.PARKED, Stage.NOT_TAKEN_FORWARD})

STAGE_LABELS = {
    Stage.BEING_HEARD: _l("Being heard"),
    Stage.SHORTLISTED: _l("Shortlisted"),
    Stage.IN_PROJECT: _l("In a project"),
    Stage.DELIVERED: _l("Delivered"),
    Stage.PARKED: _l("Parked"),
    Stage.NOT_TAKEN_FORWARD: _l("Not taken forward"),
    Stage.MERGED: _l("Merged"),
}
label_values("stage", STAGE_LABELS)

# What an idea off the board shows in place of its stage (see ``Idea.state``).
STATE_LABELS = {"withdrawn": _l("Withdrawn"), "hidden": _l("Hidden")}

STAGE_HINTS = {
    Stage.BEING_HEARD: _l("New ideas, waiting to be heard."),  # the board adds the order: "Quietest first."
    Stage.SHORTLISTED: _l("Chosen to work up further."),
    Stage.IN_PROJECT: _l("Being worked on by a project team."),
    Stage.DELIVERED: _l("Done and in use."),
    Stage.PARKED: _l("Held for now, with a date to look again."),
    Stage.NOT_TAKEN_FORWARD: _l("Heard, and decided against, with the reason."),
    Stage.MERGED: _l("Merged into another idea."),
}


class ResponseKind(StrEnum):
    BUILD = "build"
    QUESTION = "question"
    CONCERN = "concern"
    OFFER = "offer"


RESPONSE_KIND_LABELS = {
    ResponseKind.BUILD: _l("Builds on it"),
    ResponseKind.QUESTION: _l("Question"),
    ResponseKind.CONCERN: _l("Concern"),
    ResponseKind.OFFER: _l("Offer of help"),
}
label_values("response_kind", RESPONSE_KIND_LABELS)

# How the fields of an idea are named in sentences ("changed the title and proposal").
IDEA_FIELD_NAMES = {"title": _l("title"), "problem": _l("problem"), "proposal": _l("proposal"), "benefit": _l("expected benefit"),
                    "tags": _l("tags"), "language": _l("language")}
label_values("idea_field", IDEA_FIELD_NAMES)

# The idea page shows what helps an idea grow before what might stop it.
RESPONSE_KIND_ORDER = [
    ResponseKind.BUILD,
    ResponseKind.OFFER,
    ResponseKind.QUESTION,
    ResponseKind.CONCERN,
]


# The partial indexes hold only visible ideas (see Idea.is_visible); SQL text, as index
# definitions need it, and the same condition as the hybrid's.
VISIBLE_SQL = text("withdrawn_at IS NULL AND hidden_at IS NULL")


class Idea(db.Model):
    __tablename__ = "ideas"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(150))
    problem: Mapped[str] = mapped_column(Text)
    proposal: Mapped[str] = mapped_column(Text)
    benefit: Mapped[str] = mapped_column(Text, default="")
    # The language the idea is written in ("en" or "cy"): pages mark it with lang= so a
    # screen reader pronounces it, whatever language the page around it is in.
    language: Mapped[str] = mapped_column(String(5), default="en", server_default="en")
    stage: Mapped[str] = mapped_column(String(20), default=Stage.BEING_HEARD)

    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # The author's team and organisation when the idea was posted: an idea
    # stays with the team it came from even if its author moves on.
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))

    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stage_changed_at: Mapped[datetime] = mapped_column(UTCDateTime)

    supporters_count: Mapped[int] = mapped_column(Integer, default=0)
    supporting_teams_count: Mapped[int] = mapped_column(Integer, default=0)
    cross_team_supporters_count: Mapped[int] = mapped_column(Integer, default=0)
    responses_count: Mapped[int] = mapped_column(Integer, default=0)
    responders_count: Mapped[int] = mapped_column(Integer, default=0)
    other_team_responders_count: Mapped[int] = mapped_column(Integer, default=0)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When enough people had first responded (under the settings of the time).
    heard_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # log of the recency-weighted activity; see rules.trend_term
    trend: Mapped[float] = mapped_column(Float, default=0.0)

    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"))

    # The latest decision: why it was parked or not taken forward, by whom.
    decision_reason: Mapped[str | None] = mapped_column(Text)
    revisit_on: Mapped[date | None] = mapped_column(Date)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    # Optimistic lock: two moderators moving the same idea cannot both win.
    version: Mapped[int] = mapped_column(Integer, default=1)

    author = relationship("User", foreign_keys=[author_id], lazy="joined")
    team = relationship("Team", lazy="joined")
    organisation = relationship("Organisation", lazy="joined")
    tags: Mapped[list[Tag]] = relationship(
        secondary="idea_tags", order_by="Tag.name", lazy="selectin"
    )
    merged_into = relationship("Idea", remote_side=[id], foreign_keys=[merged_into_id])

    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (
        # One index per board sort, each holding only listed ideas.
        Index(
            "ix_ideas_listed_top",
            "stage",
            "supporters_count",
            "id",
            sqlite_where=VISIBLE_SQL,
            postgresql_where=VISIBLE_SQL,
        ),
        Index(
            "ix_ideas_listed_new",
            "stage",
            "created_at",
            "id",
            sqlite_where=VISIBLE_SQL,
            postgresql_where=VISIBLE_SQL,
        ),
        Index(
            "ix_ideas_listed_trend",
            "stage",
            "trend",
            "id",
            sqlite_where=VISIBLE_SQL,
            postgresql_where=VISIBLE_SQL,
        ),
        Index(
            "ix_ideas_listed_fair",
            "stage",
            "responders_count",
            "created_at",
            "id",
            sqlite_where=VISIBLE_SQL,
            postgresql_where=VISIBLE_SQL,
        ),
        # The same orders across every stage (the API's list, top ideas, insights).
        Index(
            "ix_ideas_all_top",
            "supporters_count",
            "id",
            sqlite_where=VISIBLE_SQL,
            postgresql_where=VISIBLE_SQL,
        ),
        Index(
            "ix_ideas_all_cross_team",
            "cross_team_supporters_count",
            "supporters_count",
            "id",
            sqlite_where=VISIBLE_SQL,
            postgresql_where=VISIBLE_SQL,
        ),
        Index(
            "ix_ideas_all_trend",
            "trend",
            "id",
            sqlite_where=VISIBLE_SQL,
            postgresql_where=VISIBLE_SQL,
        ),
        Index("ix_ideas_created", "created_at", "id"),
        Index("ix_ideas_merged_into", "merged_into_id"),
        Index("ix_ideas_author", "author_id", "id"),
        Index("ix_ideas_decided", "decided_at"),
        Index("ix_ideas_team", "team_id", "stage"),
        Index("ix_ideas_organisation", "organisation_id", "stage"),
        # Covers every column the insights figures read, so their scan of a period never
        # touches the table's rows (see insights.queries.idea_groups).
        Index(
            "ix_ideas_insights",
            "stage",
            "created_at",
            "team_id",
            "organisation_id",
            "hidden_at",
            "withdrawn_at",
            "stage_changed_at",
            "heard_at",
            "first_response_at",
        ),
    )

    @property
    def stage_label(self) -> str:
        return str(STAGE_LABELS[Stage(self.stage)])

    @property
    def state(self) -> str:
        """What the idea is now, as its badge says: withdrawn, hidden, or its stage (merged included)."""
        if self.withdrawn_at is not None:
            return "withdrawn"
        if self.hidden_at is not None:
            return "hidden"
        return self.stage

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS.get(self.state) or self.stage_label)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def tag_names(self) -> list[str]:
        return [tag.name for tag in self.tags]

    @hybrid_property
    def is_visible(self) -> bool:
        """Neither withdrawn by its author nor hidden by a moderator (in Python and in SQL)."""
        return self.withdrawn_at is None and self.hidden_at is None

    @is_visible.inplace.expression
    @classmethod
    def _is_visible_sql(cls):
        return and_(cls.withdrawn_at.is_(None), cls.hidden_at.is_(None))

    @hybrid_property
    def is_listed(self) -> bool:
        """On the board and in lists: visible, and not merged into another idea (Python and SQL)."""
        return self.is_visible and self.stage != Stage.MERGED

    @is_listed.inplace.expression
    @classmethod
    def _is_listed_sql(cls):
        # The board's columns named one by one rather than "not merged": the same ideas, and a
        # condition SQLite can match to a covering index column by column (ix_ideas_insights).
        return _listed_sql(cls)


@cache
def _listed_sql(idea):
    """Built once: every list of ideas asks for it, and building it costs more than using it.

    The stages are written into the SQL as constants, not bound values: an expanding IN is
    re-rendered on every run of the board's statements (compiled once, run on every view),
    and PostgreSQL plans a prepared statement's bound values generically, which turned
    the search's plan from 14 to 22 ms at 100,000 ideas. The constants are our own enum.
    """
    board = [literal_column(f"'{stage.value}'", String) for stage in BOARD_STAGES]
    return and_(idea.withdrawn_at.is_(None), idea.hidden_at.is_(None), idea.stage.in_(board))


class Tag(db.Model):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)


class IdeaTag(db.Model):
    __tablename__ = "idea_tags"

    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id"), primary_key=True)

    __table_args__ = (Index("ix_idea_tags_tag", "tag_id", "idea_id"),)


class Support(db.Model):
    """One person's support of one idea: the primary key makes it one at most."""

    __tablename__ = "supports"

    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    # The supporter's team when they supported: the cross-team picture is
    # about where support came from at the time.
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    user = relationship("User", lazy="joined")

    __table_args__ = (
        Index("ix_supports_user", "user_id", "idea_id"),
        Index("ix_supports_team", "team_id"),
    )


class IdeaTeamSupport(db.Model):
    """How many people of each team support an idea (kept by atomic upserts)."""

    __tablename__ = "idea_team_supports"

    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    supporters: Mapped[int] = mapped_column(Integer, default=0)

    team = relationship("Team", lazy="joined")


class Response(db.Model):
    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("responses.id"))
    kind: Mapped[str] = mapped_column(String(12))
    body: Mapped[str] = mapped_column(Text)
    # The language the response is written in ("en" or "cy"), as an idea's.
    language: Mapped[str] = mapped_column(String(5), default="en", server_default="en")
    suggestion: Mapped[str | None] = mapped_column(Text)
    hours: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    # When its author last changed it (its earlier versions are ResponseRevisions).
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author = relationship("User", foreign_keys=[author_id], lazy="joined")
    team = relationship("Team", lazy="joined")
    # Who it @mentions (see ``ideas.mentions``): its body links them from these rows, never
    # from its text alone. Loaded with the responses of a page (``queries.responses_of``).
    mentions = relationship("ResponseMention", viewonly=True, order_by="ResponseMention.user_id")

    # What posting or editing it did with its @mentions (a ``mentions.MentionOutcome``), for the
    # answer to that request only; never stored.
    mention_outcome = None

    __table_args__ = (
        Index("ix_responses_idea", "idea_id", "id"),
        Index("ix_responses_author", "author_id"),
        Index("ix_responses_parent", "parent_id"),
    )

    @property
    def kind_label(self) -> str:
        return str(RESPONSE_KIND_LABELS[ResponseKind(self.kind)])

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class ResponseMention(db.Model):
    """A person @mentioned in a response, once per response (kept in step with its text)."""

    __tablename__ = "response_mentions"

    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    # Mentioned by their name (not only by email): only then does "@Their Name" in the text
    # become a link, so a name two people shared, written beside one's email, stays plain.
    by_name: Mapped[bool] = mapped_column(Boolean, default=False)

    user = relationship("User", lazy="joined")

    __table_args__ = (Index("ix_response_mentions_user", "user_id"),)


class IdeaResponder(db.Model):
    """Each person other than the author who has responded to an idea, once."""

    __tablename__ = "idea_responders"

    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    first_at: Mapped[datetime] = mapped_column(UTCDateTime)


class IdeaRevision(db.Model):
    """The text of an idea as it was before an edit."""

    __tablename__ = "idea_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), index=True)
    editor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    title: Mapped[str] = mapped_column(String(150))
    problem: Mapped[str] = mapped_column(Text)
    proposal: Mapped[str] = mapped_column(Text)
    benefit: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(String(400), default="")

    editor = relationship("User", lazy="joined")


class ResponseRevision(db.Model):
    """The text of a response as it was before its author edited it."""

    __tablename__ = "response_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id"), index=True)
    editor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    body: Mapped[str] = mapped_column(Text)
    suggestion: Mapped[str | None] = mapped_column(Text)
    hours: Mapped[float | None] = mapped_column(Float)
