"""Challenges: a question, five working days, the ideas posted into them, votes and decisions.

The sprint's day and phase are never stored: they come from ``starts_on``,
the challenge's time zone and holidays, and the clock (see ``rules``).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideashub.core.db import UTCDateTime
from ideashub.extensions import db


class Challenge(db.Model):
    __tablename__ = "challenges"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(150))
    question: Mapped[str] = mapped_column(String(300))
    background: Mapped[str] = mapped_column(Text, default="")
    sponsor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    starts_on: Mapped[date] = mapped_column(Date)
    # The calendar the sprint keeps, fixed when it is set up.
    timezone: Mapped[str] = mapped_column(String(64))
    holidays: Mapped[str] = mapped_column(String(20), default="")
    votes_per_person: Mapped[int] = mapped_column(Integer, default=3)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    sponsor = relationship("User", foreign_keys=[sponsor_id], lazy="joined")
    facilitator = relationship("User", foreign_keys=[facilitator_id], lazy="joined")
    invites: Mapped[list[ChallengeInvite]] = relationship(lazy="selectin")

    __table_args__ = (Index("ix_challenges_starts_on", "starts_on"),)

    @property
    def invited_team_ids(self) -> set[int]:
        return {i.team_id for i in self.invites if i.team_id}

    @property
    def invited_organisation_ids(self) -> set[int]:
        return {i.organisation_id for i in self.invites if i.organisation_id}


class ChallengeInvite(db.Model):
    """A team or an organisation invited to take part (none at all: everyone)."""

    __tablename__ = "challenge_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))

    team = relationship("Team", lazy="joined")
    organisation = relationship("Organisation", lazy="joined")


class ChallengeEntry(db.Model):
    """An idea in a challenge, and what the sprint made of it."""

    __tablename__ = "challenge_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id"))
    # An idea belongs to one challenge at most.
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), unique=True)
    added_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    brought_in: Mapped[bool] = mapped_column(default=False)
    votes_count: Mapped[int] = mapped_column(Integer, default=0)
    shortlisted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    writeup: Mapped[str] = mapped_column(Text, default="")
    writeup_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    writeup_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Day 5: take_forward | park | stop, with the reasons.
    outcome: Mapped[str | None] = mapped_column(String(20))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    learned: Mapped[str | None] = mapped_column(Text)
    revisit_on: Mapped[date | None] = mapped_column(Date)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    idea = relationship("Idea", lazy="joined")
    decided_by = relationship("User", foreign_keys=[decided_by_id])

    __table_args__ = (Index("ix_challenge_entries_challenge", "challenge_id", "votes_count"),)


class ChallengeParticipant(db.Model):
    """A person's dot votes used in a challenge: the counter that enforces the limit."""

    __tablename__ = "challenge_participants"

    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    votes_used: Mapped[int] = mapped_column(Integer, default=0)


class ChallengeVote(db.Model):
    """One dot vote: at most one per person per idea."""

    __tablename__ = "challenge_votes"

    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ChallengePost(db.Model):
    """A question or comment on the challenge (day 1 and on), or an update on a shortlisted idea."""

    __tablename__ = "challenge_posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id"))
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    kind: Mapped[str] = mapped_column(String(12))  # question | comment | update
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    author = relationship("User", lazy="joined")
    team = relationship("Team", lazy="joined")

    __table_args__ = (Index("ix_challenge_posts_challenge", "challenge_id", "idea_id", "id"),)
