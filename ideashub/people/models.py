"""Organisations (with their email domains), their teams, and the people in them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideashub.core.db import UTCDateTime
from ideashub.core.i18n import _l
from ideashub.core.wording import label_values
from ideashub.extensions import db


class Role(StrEnum):
    MEMBER = "member"
    MODERATOR = "moderator"
    EXECUTIVE = "executive"
    ADMIN = "admin"


ROLE_LABELS = {
    Role.MEMBER: _l("Member"),
    Role.MODERATOR: _l("Moderator"),
    Role.EXECUTIVE: _l("Executive"),
    Role.ADMIN: _l("Admin"),
}
label_values("role", ROLE_LABELS)


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    domains: Mapped[list[OrganisationDomain]] = relationship(
        back_populates="organisation", order_by="OrganisationDomain.domain"
    )
    teams: Mapped[list[Team]] = relationship(back_populates="organisation", order_by="Team.name")


class OrganisationDomain(db.Model):
    __tablename__ = "organisation_domains"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    domain: Mapped[str] = mapped_column(String(253), unique=True)

    organisation: Mapped[Organisation] = relationship(back_populates="domains")


class Team(db.Model):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship(back_populates="teams", lazy="joined")

    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    @property
    def label(self) -> str:
        return f"{self.name}, {self.organisation.name}"


# The board's card views: every detail, or a third of the height for scanning.
BOARD_VIEWS = ("full", "compact")


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    role: Mapped[str] = mapped_column(String(20), default=Role.MEMBER)
    bio: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[str] = mapped_column(String(500), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped to end every session and token of this person (sign-out,
    # password change, role change, deactivation): the session cookie carries
    # the version it was issued under.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # How the person likes the board's cards: "full" or "compact" (BOARD_VIEWS). Kept on
    # the person, not in a cookie, so it follows them to every browser.
    board_view: Mapped[str] = mapped_column(String(10), default="full", server_default="full")
    # When the person was erased (ideashub.privacy): their name, email, bio and skills are gone.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Brought in by an import (a Trello member, a CSV author) and not yet claimed: no login
    # until the person signs up or signs in with this address (see ``imports``).
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The language the person reads the hub in, "en" or "cy" (core.i18n); None until they choose,
    # when their browser's preference and DEFAULT_LANGUAGE decide.
    language: Mapped[str | None] = mapped_column(String(5))

    team: Mapped[Team | None] = relationship(lazy="joined")

    __table_args__ = (Index("ix_users_team", "team_id"),)

    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def organisation(self) -> Organisation | None:
        return self.team.organisation if self.team else None

    @property
    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.split(",") if s.strip()]

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(Role(self.role), self.role))


class ApiToken(db.Model):
    """A bearer token for the API. Only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The person's session_version when issued: bumping it revokes the token.
    session_version: Mapped[int] = mapped_column(default=1)

    user: Mapped[User] = relationship(lazy="joined")


class EmailLink(db.Model):
    """A single-use link sent by email: finish registering, or reset a password.

    Only the SHA-256 of the link's token is stored. ``data`` holds what a
    registration needs until the link is opened (name, team, password hash).
    """

    __tablename__ = "email_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    data: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_email_links_email", "email", "purpose"),)
