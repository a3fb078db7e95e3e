"""Signing in with an organisation's own accounts: its identity provider, who signed in through it,
and the people its directory provisions over SCIM.

The client secret itself is never stored: only the name of the environment variable that holds it.
A SCIM token is stored as its SHA-256 only.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideashub.core.db import UTCDateTime
from ideashub.extensions import db
from ideashub.people.models import Organisation, User

DEFAULT_SCOPES = "openid email profile"


class IdentityProvider(db.Model):
    """One organisation's OpenID Connect provider (at most one per organisation)."""

    __tablename__ = "identity_providers"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), unique=True)
    issuer: Mapped[str] = mapped_column(String(500))
    client_id: Mapped[str] = mapped_column(String(255))
    # The NAME of the environment variable holding the client secret, never the secret.
    client_secret_env: Mapped[str] = mapped_column(String(100))
    scopes: Mapped[str] = mapped_column(String(255), default=DEFAULT_SCOPES)
    email_claim: Mapped[str] = mapped_column(String(100), default="email")
    name_claim: Mapped[str] = mapped_column(String(100), default="name")
    verified_claim: Mapped[str] = mapped_column(String(100), default="email_verified")
    role_claim: Mapped[str] = mapped_column(String(100), default="groups")
    team_claim: Mapped[str | None] = mapped_column(String(100))
    # group -> role ("moderator" or "executive"); claim value -> team id.
    role_map: Mapped[dict] = mapped_column(JSON, default=dict)
    team_map: Mapped[dict] = mapped_column(JSON, default=dict)
    # Authoritative: the provider vouches for every address of the organisation's domains.
    authoritative: Mapped[bool] = mapped_column(Boolean, default=True)
    # Off: password sign-in, registration and reset for the organisation's domains are refused.
    password_sign_in: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship(lazy="joined")


class ExternalIdentity(db.Model):
    """A person as a provider knows them: its subject (``sub``), linked to one account."""

    __tablename__ = "external_identities"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("identity_providers.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    subject: Mapped[str] = mapped_column(String(255))
    # The provider's session id of the last sign-in (back-channel logout may name only it).
    last_sid: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")

    __table_args__ = (
        UniqueConstraint("provider_id", "subject"),
        Index("ix_external_identities_user", "user_id"),
    )


class ScimToken(db.Model):
    """The bearer token an organisation's directory provisions people with (one per organisation)."""

    __tablename__ = "scim_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship(lazy="joined")


class ScimUser(db.Model):
    """A person as an organisation's directory provisioned them (their SCIM userName and externalId).

    ``deleted``: the directory deleted them; the person is kept (deactivated) but the SCIM
    resource answers 404 from then on.
    """

    __tablename__ = "scim_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    user_name: Mapped[str] = mapped_column(String(254))
    external_id: Mapped[str | None] = mapped_column(String(255))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")

    __table_args__ = (UniqueConstraint("organisation_id", "user_name"),)
