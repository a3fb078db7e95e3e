"""Signing in with an organisation's own accounts (OpenID Connect, authorization code flow with PKCE).

The flow, each step checked:

1. ``start``: the person's email domain names the organisation, and so its provider. A random
   ``state``, ``nonce`` and PKCE verifier are kept in the hub's session (signed cookie) and the
   person goes to the provider's authorization endpoint, ``redirect_uri`` = HUB_URL + /sso/callback.
2. ``finish``: the answer's ``state`` must be the session's (used once); the code is exchanged
   with the verifier; the ID token's signature is checked against the provider's JWKS (fetched
   again once when a key id is new), then its issuer, audience, expiry and nonce.
3. The person: found by the provider's subject, or linked to an existing account with the same
   address only when the provider vouches for it, or created in the organisation (the team from a
   claim through the admin's mapping, or picked once). Roles follow the group claim through the
   organisation's mapping at every sign-in, audited.

Every refusal is a ``SignInRefused`` (400 or 403, a message for a person), recorded in the audit
log, and creates nothing. The client secret is read from the environment variable the
configuration names, and never logged or shown.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import logging
import os
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from joserfc import jwt
from joserfc.errors import BadSignatureError, JoseError
from joserfc.jwk import KeySet
from sqlalchemy import select

from ideashub.core import activity
from ideashub.core.activity import SECURITY
from ideashub.core.errors import Invalid, ServiceError
from ideashub.core.i18n import _, _l
from ideashub.extensions import db
from ideashub.people import rules, services
from ideashub.people.models import Organisation, OrganisationDomain, Role, Team, User
from ideashub.people.sso_models import DEFAULT_SCOPES, ExternalIdentity, IdentityProvider

log = logging.getLogger(__name__)

CALLBACK_PATH = "/sso/callback"
HTTP_TIMEOUT = 10
DISCOVERY_TTL = timedelta(hours=1)
# Roles a group may give. Admin is never given by a provider: it stays a decision of the hub's admins.
MAPPABLE_ROLES = (Role.MODERATOR.value, Role.EXECUTIVE.value)
ROLE_ORDER = {Role.MEMBER.value: 0, Role.MODERATOR.value: 1, Role.EXECUTIVE.value: 2}
UNUSABLE_PASSWORD = "!sso"  # noqa: S105 - marks an account with no password (not a hash)
SIGN_IN_WITH_ORGANISATION = _l("Sign in with your organisation")
LOOPBACK_NAMES = {"localhost"}
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"


class SignInRefused(ServiceError, status=400, code="sign_in_refused"):
    """The provider's answer cannot sign anyone in; the message says what to do."""


class SignInForbidden(SignInRefused, status=403, code="sign_in_forbidden"):
    """The answer is genuine but this person may not come in this way."""


class ProviderDown(SignInRefused, status=503, code="provider_unavailable"):
    """The provider does not answer."""


def refuse(reason: str, message: str, now: datetime, *, provider: IdentityProvider | None = None,
           forbidden: bool = False, cls: type[SignInRefused] | None = None, **data) -> SignInRefused:
    """Record the refusal in the audit log (admins read it) and return the error to raise."""
    activity.record(None, "auth.sso_refused", now, visibility=SECURITY,
                    subject_type="organisation" if provider else None,
                    subject_id=provider.organisation_id if provider else None,
                    data={"reason": reason, **{k: str(v)[:200] for k, v in data.items()}})
    kind = cls or (SignInForbidden if forbidden else SignInRefused)
    return kind(str(message))


# --- Configuration ---------------------------------------------------------------------------


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# What ``check_url`` checks, named in its refusal.
_URL_REFUSALS = {
    "issuer": _l("The issuer must be an https:// address (http:// is accepted only on this computer, "
                 "for tests and development)."),
    "provider": _l("The provider's address must be an https:// address (http:// is accepted only on this "
                   "computer, for tests and development)."),
}


def check_url(url: str, what: str = "issuer") -> str:
    """``url`` if it is https://, or http:// on loopback (tests and development); Invalid otherwise."""
    url = (url or "").strip().rstrip("/")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and is_loopback(parts.hostname):
        return url
    message = str(_URL_REFUSALS[what])
    raise Invalid(message, {"issuer": message})


def find_organisation(ref) -> Organisation:
    """An organisation by id or exact name (the CLI's ORGANISATION)."""
    organisation = None
    if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
        organisation = db.session.get(Organisation, int(ref))
    if organisation is None and isinstance(ref, str):
        organisation = db.session.scalar(select(Organisation).where(Organisation.name == ref.strip()))
    if organisation is None:
        raise Invalid(_("There is no organisation called %(name)s.", name=ref), {"organisation": _("No such organisation.")})
    return organisation


def provider_of(organisation_id: int) -> IdentityProvider | None:
    return db.session.scalar(select(IdentityProvider).where(IdentityProvider.organisation_id == organisation_id))


def provider_for_email(email: str) -> IdentityProvider | None:
    """The provider of the organisation the address's domain belongs to, if it has one."""
    domain = rules.email_domain(email or "")
    if not domain:
        return None
    return db.session.scalar(
        select(IdentityProvider)
        .join(OrganisationDomain, OrganisationDomain.organisation_id == IdentityProvider.organisation_id)
        .where(OrganisationDomain.domain == domain)
    )


def password_refused_for(email: str) -> IdentityProvider | None:
    """The provider when the address's organisation has turned password sign-in off."""
    provider = provider_for_email(email)
    return provider if provider is not None and not provider.password_sign_in else None


def any_provider() -> bool:
    return db.session.scalar(select(IdentityProvider.id).limit(1)) is not None


@dataclass
class ProviderSettings:
    issuer: str
    client_id: str
    client_secret_env: str
    scopes: str = DEFAULT_SCOPES
    team_claim: str | None = None
    role_claim: str = "groups"
    role_map: dict | None = None
    team_map: dict | None = None
    authoritative: bool = True
    password_sign_in: bool = True


ENV_NAME_MAX = 100


def parse_role_map(pairs) -> dict[str, str]:
    """``GROUP=ROLE`` lines (or a list of them) as a dict; Invalid names the bad line."""
    result: dict[str, str] = {}
    for raw in pairs or []:
        line = raw.strip()
        if not line:
            continue
        group, sep, role = line.rpartition("=")
        group, role = group.strip(), role.strip().lower()
        if not sep or not group or role not in MAPPABLE_ROLES:
            message = _("Write each group as GROUP=moderator or GROUP=executive, not %(line)s.", line=repr(line))
            raise Invalid(message, {"role_map": message})
        result[group[:255]] = role
    return result


def parse_team_map(pairs, organisation: Organisation) -> dict[str, int]:
    """``VALUE=TEAM NAME`` lines: a team claim's value to one of the organisation's teams."""
    teams = {t.name.lower(): t for t in organisation.teams}
    result: dict[str, int] = {}
    for raw in pairs or []:
        line = raw.strip()
        if not line:
            continue
        value, sep, team_name = line.partition("=")
        team = teams.get(team_name.strip().lower())
        if not sep or not value.strip() or team is None:
            message = _("Write each team as VALUE=one of %(organisation)s's teams, not %(line)s.",
                        organisation=organisation.name, line=repr(line))
            raise Invalid(message, {"team_map": message})
        result[value.strip()[:255]] = team.id
    return result


def configure(actor, organisation: Organisation, settings: ProviderSettings, now: datetime) -> IdentityProvider:
    """Create or change the organisation's provider (an admin, or the CLI with ``actor`` None)."""
    issuer = check_url(settings.issuer)
    client_id = (settings.client_id or "").strip()
    if not client_id or len(client_id) > 255:
        raise Invalid(_("Give the client id the provider gave the hub."), {"client_id": _("Give the client id.")})
    env_name = (settings.client_secret_env or "").strip()
    if not env_name or len(env_name) > ENV_NAME_MAX or not env_name.replace("_", "a").isalnum() or env_name[0].isdigit():
        message = _("Give the NAME of the environment variable that holds the client secret, such as SSO_COUNCIL_SECRET.")
        raise Invalid(message, {"client_secret_env": message})
    scopes = " ".join((settings.scopes or DEFAULT_SCOPES).split())
    if "openid" not in scopes.split():
        scopes = "openid " + scopes
    claims = {}
    for name, value, default in (("team_claim", settings.team_claim, None), ("role_claim", settings.role_claim, "groups")):
        value = (value or "").strip() or default
        if value is not None and (len(value) > 100 or any(c.isspace() for c in value)):
            message = _("A claim is one word, such as groups.")
            raise Invalid(message, {name: message})
        claims[name] = value
    provider = provider_of(organisation.id)
    created = provider is None
    if created:
        provider = IdentityProvider(organisation_id=organisation.id, created_at=now)
        db.session.add(provider)
    provider.issuer, provider.client_id, provider.client_secret_env = issuer, client_id, env_name
    provider.scopes = scopes
    provider.team_claim, provider.role_claim = claims["team_claim"], claims["role_claim"]
    provider.role_map = dict(settings.role_map or {})
    provider.team_map = dict(settings.team_map or {})
    provider.authoritative = bool(settings.authoritative)
    provider.password_sign_in = bool(settings.password_sign_in)
    provider.email_claim = provider.email_claim or "email"
    provider.name_claim = provider.name_claim or "name"
    provider.verified_claim = provider.verified_claim or "email_verified"
    provider.updated_at = now
    db.session.flush()
    _DISCOVERY.pop(issuer, None)
    activity.record(actor, "organisation.sign_in_set", now, subject_type="organisation", subject_id=organisation.id,
                    visibility=SECURITY,
                    data={"issuer": issuer, "client_id": client_id, "client_secret_env": env_name,
                          "password_sign_in": provider.password_sign_in, "authoritative": provider.authoritative,
                          "created": created})
    return provider


def remove(actor, organisation: Organisation, now: datetime) -> None:
    """The organisation signs in with passwords again; people linked keep their accounts."""
    provider = provider_of(organisation.id)
    if provider is None:
        return
    for identity in db.session.scalars(select(ExternalIdentity).where(ExternalIdentity.provider_id == provider.id)):
        db.session.delete(identity)
    db.session.delete(provider)
    db.session.flush()
    activity.record(actor, "organisation.sign_in_removed", now, subject_type="organisation",
                    subject_id=organisation.id, visibility=SECURITY)


def secret_is_set(provider: IdentityProvider) -> bool:
    return bool(os.environ.get(provider.client_secret_env))


# --- Talking to the provider -----------------------------------------------------------------

_DISCOVERY: dict[str, tuple[datetime, dict]] = {}
_JWKS: dict[str, KeySet] = {}


def _http_json(url: str, data: dict | None = None, auth: tuple[str, str] | None = None) -> tuple[int, dict]:
    """GET (or POST a form to) ``url``; its status and JSON body. OSError when nobody answers."""
    check_url(url, "provider")
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Accept": "application/json"})  # noqa: S310 - https or loopback only
    if auth is not None:
        pair = f"{urllib.parse.quote(auth[0], safe='')}:{urllib.parse.quote(auth[1], safe='')}"
        request.add_header("Authorization", "Basic " + base64.b64encode(pair.encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as answer:  # noqa: S310  # nosec B310 - check_url above: https, or http on loopback only
            status, raw = answer.status, answer.read(1_000_000)
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read(100_000)
    try:
        parsed = json.loads(raw or b"{}")
    except ValueError:
        parsed = {}
    return status, parsed if isinstance(parsed, dict) else {}


# Tests replace this to answer as a provider would (tests/support/oidc.py); the hub uses HTTP.
http_json = _http_json


def discovery(provider: IdentityProvider, now: datetime) -> dict:
    """The provider's discovery document (cached an hour); ProviderDown when it cannot be read."""
    cached = _DISCOVERY.get(provider.issuer)
    if cached and now - cached[0] < DISCOVERY_TTL:
        return cached[1]
    try:
        status, document = http_json(provider.issuer + "/.well-known/openid-configuration")
    except (OSError, Invalid) as error:
        raise refuse("provider_down", _down_message(provider), now, provider=provider, cls=ProviderDown,
                     error=type(error).__name__) from None
    needed = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
    if status != 200 or any(not isinstance(document.get(k), str) for k in needed):
        raise refuse("provider_down", _down_message(provider), now, provider=provider, cls=ProviderDown, status=status)
    if document["issuer"].rstrip("/") != provider.issuer:
        raise refuse("issuer_mismatch", _down_message(provider), now, provider=provider, cls=ProviderDown,
                     published=document["issuer"])
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        try:
            check_url(document[key], "provider")
        except Invalid:
            raise refuse("insecure_endpoint", _down_message(provider), now, provider=provider,
                         cls=ProviderDown, endpoint=key) from None
    _DISCOVERY[provider.issuer] = (now, document)
    return document


def _down_message(provider: IdentityProvider) -> str:
    return _("%(organisation)s's sign-in service is not answering just now, so you cannot sign in with it. "
             "Try again in a few minutes; if it goes on, tell your IT service desk.",
             organisation=provider.organisation.name)


def _keys(provider: IdentityProvider, document: dict, now: datetime, refresh: bool = False) -> KeySet:
    uri = document["jwks_uri"]
    if refresh or uri not in _JWKS:
        try:
            status, data = http_json(uri)
            if status != 200:
                raise OSError(f"JWKS answered {status}")
            _JWKS[uri] = KeySet.import_key_set(data)
        except (OSError, ValueError, JoseError):
            raise refuse("provider_down", _down_message(provider), now, provider=provider, cls=ProviderDown) from None
    return _JWKS[uri]


def _kid(token: str) -> str | None:
    try:
        header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    except (ValueError, IndexError):
        return None
    return header.get("kid") if isinstance(header, dict) else None


def verify_jwt(provider: IdentityProvider, token: str, now: datetime, what: str = "id_token") -> dict:
    """The claims of a JWT signed by one of the provider's keys (JWKS, fetched again for a new kid)."""
    document = discovery(provider, now)
    keys = _keys(provider, document, now)
    kid = _kid(token)
    if kid is not None and all(k.kid != kid for k in keys.keys):
        keys = _keys(provider, document, now, refresh=True)  # the provider rolled its keys
    try:
        decoded = jwt.decode(token, keys, algorithms=ALGORITHMS)
    except (BadSignatureError, JoseError, ValueError) as error:
        raise refuse("bad_signature", BAD_ANSWER, now, provider=provider, what=what,
                     error=type(error).__name__) from None
    return dict(decoded.claims)


BAD_ANSWER = _l("Your organisation's sign-in sent an answer the hub cannot trust, so you are not signed in. "
                "Start again; if it happens again, tell your IT service desk.")


def check_claims(provider: IdentityProvider, claims: dict, now: datetime, nonce: str | None) -> None:
    """Issuer, audience, expiry and (for an ID token) nonce."""
    if claims.get("iss", "").rstrip("/") != provider.issuer:
        raise refuse("wrong_issuer", BAD_ANSWER, now, provider=provider, iss=claims.get("iss"))
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if provider.client_id not in audiences or (len(audiences) > 1 and claims.get("azp") != provider.client_id):
        raise refuse("wrong_audience", BAD_ANSWER, now, provider=provider, aud=audience)
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or exp <= now.timestamp():
        raise refuse("expired", _("Your organisation's sign-in answer has expired. Start again."), now, provider=provider)
    if nonce is not None and not hmac.compare_digest(str(claims.get("nonce", "")), nonce):
        raise refuse("wrong_nonce", BAD_ANSWER, now, provider=provider)
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise refuse("no_subject", BAD_ANSWER, now, provider=provider)


# --- Starting and finishing a sign-in -------------------------------------------------------


def redirect_uri() -> str:
    return current_app.config["HUB_URL"] + CALLBACK_PATH


def _pkce_challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


@dataclass
class Started:
    url: str
    pending: dict


def start(provider: IdentityProvider, email: str, next_path: str, now: datetime) -> Started:
    """Where to send the person, and what the session keeps until they come back."""
    if not secret_is_set(provider):
        raise refuse("no_client_secret", _("%(organisation)s's sign-in is not fully set up in the hub yet, so you "
                                           "cannot sign in with it. Tell the hub's admins.",
                                           organisation=provider.organisation.name), now, provider=provider,
                     cls=ProviderDown, variable=provider.client_secret_env)
    document = discovery(provider, now)
    state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(48)
    query = {
        "response_type": "code",
        "client_id": provider.client_id,
        "redirect_uri": redirect_uri(),
        "scope": provider.scopes,
        "state": state,
        "nonce": nonce,
        "code_challenge": _pkce_challenge(verifier),
        "code_challenge_method": "S256",
    }
    if email:
        query["login_hint"] = email
    endpoint = document["authorization_endpoint"]
    url = endpoint + ("&" if "?" in endpoint else "?") + urllib.parse.urlencode(query)
    activity.record(None, "auth.sso_started", now, subject_type="organisation", subject_id=provider.organisation_id,
                    visibility=SECURITY, data={"email": (email or "")[:254]})
    pending = {"state": state, "nonce": nonce, "verifier": verifier, "provider_id": provider.id,
               "next": next_path or "", "at": now.timestamp()}
    return Started(url, pending)


PENDING_LIFETIME = timedelta(minutes=30)


@dataclass
class Verified:
    """What a provider told us about a person, checked."""

    provider_id: int
    subject: str
    email: str
    name: str
    email_verified: bool
    groups: list[str]
    team_value: str | None
    sid: str | None
    id_token: str


def finish(pending: dict | None, args: dict, now: datetime) -> Verified:
    """Check the provider's answer (``args``: the callback's query) against the session's ``pending``."""
    state = args.get("state") or ""
    if not pending or not state or not hmac.compare_digest(str(pending.get("state", "")), state):
        raise refuse("bad_state", _("This sign-in was not started here, or it was started in another browser "
                                    "or tab. Start again from the sign-in page."), now, provider=None)
    provider = db.session.get(IdentityProvider, pending.get("provider_id") or 0)
    if provider is None:
        raise refuse("no_provider", _("Your organisation no longer signs in this way. Start again."), now)
    if now.timestamp() - float(pending.get("at", 0)) > PENDING_LIFETIME.total_seconds():
        raise refuse("late", _("This sign-in took too long. Start again."), now, provider=provider)
    if args.get("error"):
        raise refuse("provider_error", _("%(organisation)s's sign-in did not let you in. If you think it should "
                                         "have, tell your IT service desk.", organisation=provider.organisation.name),
                     now, provider=provider,
                     forbidden=True, error=args.get("error"))
    code = args.get("code") or ""
    if not code or len(code) > 4096:
        raise refuse("no_code", BAD_ANSWER, now, provider=provider)
    document = discovery(provider, now)
    secret = os.environ.get(provider.client_secret_env, "")
    try:
        status, answer = http_json(document["token_endpoint"], {
            "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri(),
            "code_verifier": pending.get("verifier", ""), "client_id": provider.client_id,
        }, auth=(provider.client_id, secret))
    except (OSError, Invalid):
        raise refuse("provider_down", _down_message(provider), now, provider=provider, cls=ProviderDown) from None
    if status >= 500:
        raise refuse("provider_down", _down_message(provider), now, provider=provider, cls=ProviderDown, status=status)
    id_token = answer.get("id_token")
    if status != 200 or not isinstance(id_token, str):
        # invalid_grant: the code was used already (a replay) or has expired.
        raise refuse("code_refused", _("This sign-in has already been used or has expired. Start again from "
                                       "the sign-in page."), now, provider=provider, status=status, error=answer.get("error"))
    claims = verify_jwt(provider, id_token, now)
    check_claims(provider, claims, now, pending.get("nonce"))
    if not claims.get(provider.email_claim) and isinstance(answer.get("access_token"), str):
        claims = {**_userinfo(provider, document, answer["access_token"], claims["sub"]), **claims}
    return _verified(provider, claims, id_token, now)


def _userinfo(provider: IdentityProvider, document: dict, access_token: str, subject: str) -> dict:
    """More claims from the userinfo endpoint (only when the ID token lacks the email)."""
    endpoint = document.get("userinfo_endpoint")
    if not isinstance(endpoint, str):
        return {}
    request = urllib.request.Request(endpoint, headers={"Authorization": f"Bearer {access_token}",  # noqa: S310
                                                        "Accept": "application/json"})
    try:
        check_url(endpoint)
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as answer:  # noqa: S310  # nosec B310 - check_url above: https, or http on loopback only
            info = json.loads(answer.read(1_000_000))
    except (OSError, ValueError, Invalid):
        return {}
    return info if isinstance(info, dict) and info.get("sub") == subject else {}


def _verified(provider: IdentityProvider, claims: dict, id_token: str, now: datetime) -> Verified:
    raw_email = claims.get(provider.email_claim)
    try:
        email = services.clean_email(raw_email if isinstance(raw_email, str) else "")
    except Invalid:
        raise refuse("no_email", _("%(organisation)s's sign-in did not give the hub your email address, so it "
                                   "cannot find your account. Ask your IT service desk to release the email claim "
                                   "to the hub.", organisation=provider.organisation.name), now, provider=provider, forbidden=True) from None
    name = claims.get(provider.name_claim)
    name = name if isinstance(name, str) and name.strip() else email.split("@")[0]
    groups = claims.get(provider.role_claim) or []
    # Only the groups the mapping names matter (an Entra ID token may list hundreds); they are kept
    # in the session while a new person picks a team, which must stay a small cookie.
    groups = [str(g) for g in (groups if isinstance(groups, list) else [groups]) if str(g) in provider.role_map][:50]
    team_value = claims.get(provider.team_claim) if provider.team_claim else None
    if isinstance(team_value, list):
        team_value = team_value[0] if team_value else None
    verified = claims.get(provider.verified_claim)
    return Verified(provider.id, claims["sub"][:255], email, services.normalise_name(name)[:rules.NAME_MAX] or email,
                    verified is True or verified == "true", groups,
                    str(team_value)[:255] if team_value not in (None, "") else None,
                    claims.get("sid") if isinstance(claims.get("sid"), str) else None, id_token)


@dataclass
class Outcome:
    """A signed-in person, or (``needs_team``) someone new who picks a team first."""

    user: User | None
    needs_team: bool = False


def sign_in(verified: Verified, now: datetime, team_id: int | None = None) -> Outcome:
    """Find, link or create the person the provider vouched for; apply the group mapping."""
    provider = db.session.get(IdentityProvider, verified.provider_id)
    if provider is None:
        raise refuse("no_provider", _("Your organisation no longer signs in this way. Start again."), now)
    organisation = provider.organisation
    domain = rules.email_domain(verified.email)
    owner = db.session.scalar(select(OrganisationDomain).where(OrganisationDomain.domain == domain))
    if owner is not None and owner.organisation_id != organisation.id:
        raise refuse("other_organisation", _("%(email)s belongs to %(owner)s, not %(organisation)s: sign in with "
                                             "%(owner)s's accounts instead.", email=verified.email,
                                             owner=owner.organisation.name, organisation=organisation.name),
                     now, provider=provider, forbidden=True, email=verified.email)
    identity = db.session.scalar(select(ExternalIdentity).where(
        ExternalIdentity.provider_id == provider.id, ExternalIdentity.subject == verified.subject))
    user = identity.user if identity is not None else None
    if user is None:
        user = services.find_user_by_email(verified.email)
        if user is not None:
            vouched = verified.email_verified or (provider.authoritative and owner is not None)
            if not vouched:
                raise refuse("unverified_link", _("An account with %(email)s exists already, and %(organisation)s's "
                                                  "sign-in did not confirm that the address is yours. Sign in with "
                                                  "your password, or ask an admin.", email=verified.email,
                                                  organisation=organisation.name), now, provider=provider, forbidden=True,
                             email=verified.email)
            if user.organisation is not None and user.organisation.id != organisation.id:
                raise refuse("other_organisation", _("The account with %(email)s belongs to %(organisation)s.",
                                                     email=verified.email, organisation=user.organisation.name), now, provider=provider, forbidden=True, email=verified.email)
    if user is not None and user.imported_at is not None:
        user.imported_at = None  # an imported person claims their account by signing in (see ``imports``)
    if user is not None and not user.active:
        raise refuse("deactivated", _("Your account in the hub is closed. If you think it should not be, ask an "
                                      "admin."), now, provider=provider, forbidden=True, user_id=user.id)
    if user is None:
        team = _team_for(provider, verified, team_id)
        if team is None:
            return Outcome(None, needs_team=True)
        user = User(email=verified.email, name=verified.name, team_id=team.id, role=Role.MEMBER,
                    password_hash=UNUSABLE_PASSWORD, created_at=now)
        db.session.add(user)
        db.session.flush()
        activity.record(user, "user.registered", now, subject=user, visibility=SECURITY,
                        data={"through": "sso", "organisation_id": organisation.id})
    elif user.team_id is None and user.role != Role.ADMIN:
        team = _team_for(provider, verified, team_id)
        if team is None:
            return Outcome(None, needs_team=True)
        user.team_id = team.id
    if identity is None:
        identity = ExternalIdentity(provider_id=provider.id, user_id=user.id, subject=verified.subject, created_at=now)
        db.session.add(identity)
        activity.record(user, "auth.sso_linked", now, subject=user, visibility=SECURITY,
                        data={"organisation_id": organisation.id})
    identity.last_sign_in_at, identity.last_sid = now, verified.sid
    _apply_roles(provider, user, verified.groups, now)
    db.session.flush()
    activity.record(user, "auth.signin", now, subject=user, visibility=SECURITY, data={"through": "sso"})
    return Outcome(user)


def _team_for(provider: IdentityProvider, verified: Verified, team_id: int | None) -> Team | None:
    """The team from the claim through the mapping (or a team of that exact name), else the one picked."""
    if verified.team_value is not None:
        mapped = provider.team_map.get(verified.team_value)
        team = db.session.get(Team, mapped) if mapped else db.session.scalar(
            select(Team).where(Team.organisation_id == provider.organisation_id, Team.name == verified.team_value))
        if team is not None and team.organisation_id == provider.organisation_id:
            return team
    if team_id is None:
        return None
    team = db.session.get(Team, team_id)
    if team is None or team.organisation_id != provider.organisation_id:
        message = _("Choose one of %(organisation)s's teams.", organisation=provider.organisation.name)
        raise Invalid(message, {"team_id": message})
    return team


def _apply_roles(provider: IdentityProvider, user: User, groups: list[str], now: datetime) -> None:
    """The role the groups give through the mapping (the highest), at each sign-in, audited.

    Without a mapping, roles are left to the admins; an admin is never changed by a provider.
    """
    if not provider.role_map or user.role == Role.ADMIN:
        return
    given = [provider.role_map[g] for g in groups if provider.role_map.get(g) in MAPPABLE_ROLES]
    role = max(given, key=ROLE_ORDER.__getitem__) if given else Role.MEMBER.value
    if role != user.role:
        before = user.role
        user.role = role
        activity.record(None, "user.role", now, subject=user, visibility=SECURITY,
                        reason="From the groups your organisation's sign-in gave.",
                        data={"from": before, "to": role, "through": "sso", "groups": groups[:20]})


# --- Signing out --------------------------------------------------------------------------


def end_session_url(provider_id: int, id_token: str | None, now: datetime) -> str | None:
    """The provider's RP-initiated logout address (back to the sign-in page), when it has one."""
    provider = db.session.get(IdentityProvider, provider_id)
    if provider is None:
        return None
    try:
        document = discovery(provider, now)
    except SignInRefused:
        return None
    endpoint = document.get("end_session_endpoint")
    if not isinstance(endpoint, str):
        return None
    try:
        check_url(endpoint)
    except Invalid:
        return None
    query = {"client_id": provider.client_id, "post_logout_redirect_uri": current_app.config["HUB_URL"] + "/login"}
    if id_token:
        query["id_token_hint"] = id_token
    return endpoint + ("&" if "?" in endpoint else "?") + urllib.parse.urlencode(query)


def backchannel_logout(logout_token: str, now: datetime) -> int:
    """End the sessions of the person a provider's logout token names; how many accounts it ended.

    The token is checked as an ID token is (signature, issuer, audience, expiry) and must carry the
    back-channel logout event, a ``sub`` or ``sid``, and no nonce.
    """
    issuer = _unverified_issuer(logout_token)
    provider = db.session.scalar(select(IdentityProvider).where(IdentityProvider.issuer == issuer)) if issuer else None
    if provider is None:
        raise refuse("logout_unknown_issuer", "The logout token names no provider of this hub.", now, iss=issuer)
    claims = verify_jwt(provider, logout_token, now, what="logout_token")
    if claims.get("iss", "").rstrip("/") != provider.issuer:
        raise refuse("wrong_issuer", BAD_ANSWER, now, provider=provider)
    audience = claims.get("aud")
    if provider.client_id not in (audience if isinstance(audience, list) else [audience]):
        raise refuse("wrong_audience", BAD_ANSWER, now, provider=provider)
    exp = claims.get("exp")
    if isinstance(exp, int | float) and exp <= now.timestamp():
        raise refuse("expired", BAD_ANSWER, now, provider=provider)
    events = claims.get("events")
    if not isinstance(events, dict) or BACKCHANNEL_EVENT not in events or "nonce" in claims:
        raise refuse("not_a_logout_token", BAD_ANSWER, now, provider=provider)
    sub, sid = claims.get("sub"), claims.get("sid")
    if not sub and not sid:
        raise refuse("not_a_logout_token", BAD_ANSWER, now, provider=provider)
    stmt = select(ExternalIdentity).where(ExternalIdentity.provider_id == provider.id)
    stmt = stmt.where(ExternalIdentity.subject == sub) if sub else stmt.where(ExternalIdentity.last_sid == sid)
    ended = 0
    for identity in db.session.scalars(stmt).all():
        services.end_sessions(identity.user)
        activity.record(None, "auth.sso_logout", now, subject=identity.user, visibility=SECURITY,
                        data={"through": "backchannel", "organisation_id": provider.organisation_id})
        ended += 1
    return ended


def _unverified_issuer(token: str) -> str | None:
    """The ``iss`` a JWT claims (only to choose whose keys check it)."""
    try:
        payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    except (ValueError, IndexError):
        return None
    iss = payload.get("iss") if isinstance(payload, dict) else None
    return iss.rstrip("/") if isinstance(iss, str) else None


def form_action_origins() -> list[str]:
    """The origins the sign-in form may send people on to (its Content-Security-Policy)."""
    origins = set()
    for issuer in db.session.scalars(select(IdentityProvider.issuer)):
        urls = [issuer]
        cached = _DISCOVERY.get(issuer)
        if cached:
            urls.append(cached[1].get("authorization_endpoint") or issuer)
        for url in urls:
            parts = urllib.parse.urlsplit(url)
            origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)


def refuse_password(provider: IdentityProvider, email: str, now: datetime) -> None:
    """A password sign-in for an organisation that turned passwords off: recorded, never checked."""
    activity.record(None, "auth.signin_failed", now, subject_type="organisation", subject_id=provider.organisation_id,
                    visibility=SECURITY, data={"email": (email or "")[:254], "reason": "password_sign_in_off"})
