"""SCIM 2.0 (RFC 7643, 7644) for joiners and leavers: /scim/v2/Users and the discovery endpoints.

The bearer token decides the organisation (one token per organisation, stored as its SHA-256), so a
directory only ever sees and changes the people it provisioned. ``active: false`` deactivates the
person at once (their sessions and API tokens end); DELETE does the same and the resource then
answers 404. People are never deleted: the hub keeps what they wrote.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime

from flask import Blueprint, current_app, g, jsonify, request
from sqlalchemy import func, select
from werkzeug.exceptions import HTTPException

from ideashub.core import activity, clock
from ideashub.core.activity import SECURITY
from ideashub.core.errors import Invalid
from ideashub.core.security import public
from ideashub.core.text import normalise_name
from ideashub.extensions import db
from ideashub.people import rules, services
from ideashub.people.models import Organisation, Role, Team, User
from ideashub.people.sso import UNUSABLE_PASSWORD, provider_of
from ideashub.people.sso_models import ScimToken, ScimUser

bp = Blueprint("scim", __name__, url_prefix="/scim/v2")

TOKEN_PREFIX = "scim_"  # noqa: S105 - a visible prefix, not a secret
MEDIA_TYPE = "application/scim+json"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
MAX_PAGE = 200


class ScimError(Exception):
    def __init__(self, status: int, detail: str, scim_type: str | None = None):
        super().__init__(detail)
        self.status, self.detail, self.scim_type = status, detail, scim_type


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(actor, organisation: Organisation, now: datetime) -> str:
    """A new SCIM token for the organisation (shown once); the previous one stops working."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = db.session.scalar(select(ScimToken).where(ScimToken.organisation_id == organisation.id))
    if token is None:
        token = ScimToken(organisation_id=organisation.id)
        db.session.add(token)
    token.token_hash, token.created_at = _hash(raw), now
    db.session.flush()
    activity.record(actor, "organisation.scim_token", now, subject_type="organisation", subject_id=organisation.id,
                    visibility=SECURITY)
    return raw


def token_of(organisation_id: int) -> ScimToken | None:
    return db.session.scalar(select(ScimToken).where(ScimToken.organisation_id == organisation_id))


def _organisation_for_request() -> Organisation:
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    raw = raw.strip()
    if scheme.lower() != "bearer" or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        raise ScimError(401, "Send the organisation's SCIM token as Authorization: Bearer <token>.")
    token = db.session.scalar(select(ScimToken).where(ScimToken.token_hash == _hash(raw)))
    if token is None or not hmac.compare_digest(token.token_hash, _hash(raw)):
        raise ScimError(401, "This SCIM token is not (or no longer) valid.")
    return token.organisation


@bp.before_request
def authenticate():
    try:
        g.scim_organisation = _organisation_for_request()
    except ScimError as error:
        response = _error(error)
        response.headers["WWW-Authenticate"] = 'Bearer realm="scim"'
        _audit_refusal(None, error)
        db.session.commit()
        return response
    return None


def _error(error: ScimError):
    body = {"schemas": [ERROR_SCHEMA], "status": str(error.status), "detail": error.detail}
    if error.scim_type:
        body["scimType"] = error.scim_type
    response = jsonify(body)
    response.status_code = error.status
    response.mimetype = MEDIA_TYPE
    return response


def _audit_refusal(organisation: Organisation | None, error: ScimError) -> None:
    activity.record(None, "scim.refused", clock.now(), visibility=SECURITY,
                    subject_type="organisation" if organisation else None,
                    subject_id=organisation.id if organisation else None,
                    data={"status": error.status, "detail": error.detail[:200], "method": request.method,
                          "path": request.path[:200]})


@bp.errorhandler(ScimError)
def scim_error(error: ScimError):
    db.session.rollback()
    _audit_refusal(g.get("scim_organisation"), error)
    db.session.commit()
    return _error(error)


def _answer(body: dict, status: int = 200, location: str | None = None):
    response = jsonify(body)
    response.status_code = status
    response.mimetype = MEDIA_TYPE
    if location:
        response.headers["Location"] = location
    return response


def _base() -> str:
    return current_app.config["HUB_URL"] + "/scim/v2"


def _time(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def _resource(link: ScimUser) -> dict:
    user = link.user
    body = {
        "schemas": [USER_SCHEMA],
        "id": str(user.id),
        "userName": link.user_name,
        "displayName": user.name,
        # One address: the one the person signs in with (whatever type or primary flag was sent).
        "emails": [{"value": user.email}],
        "active": bool(user.active),
        "meta": {"resourceType": "User", "created": _time(link.created_at), "lastModified": _time(link.updated_at),
                 "location": f"{_base()}/Users/{user.id}"},
    }
    if link.external_id:
        body["externalId"] = link.external_id
    return body


ALWAYS_RETURNED = {"id", "schemas", "meta"}


def _attribute_names(raw: str | None) -> set[str]:
    """``attributes`` / ``excludedAttributes``: top-level names, with or without the schema's URN."""
    names = set()
    for item in (raw or "").split(","):
        item = item.strip()
        if item.lower().startswith(USER_SCHEMA.lower() + ":"):
            item = item[len(USER_SCHEMA) + 1:]
        if item:
            names.add(item.split(".")[0].lower())
    return names


def _shaped(body: dict, attributes: str | None, excluded: str | None) -> dict:
    """The resource with only the attributes asked for (RFC 7644 3.9); id, schemas and meta always."""
    wanted, unwanted = _attribute_names(attributes), _attribute_names(excluded)
    if wanted:
        return {k: v for k, v in body.items() if k in ALWAYS_RETURNED or k.lower() in wanted}
    if unwanted:
        return {k: v for k, v in body.items() if k in ALWAYS_RETURNED or k.lower() not in unwanted}
    return body


def _json_body() -> dict:
    body = request.get_json(silent=True, force=True)
    if not isinstance(body, dict):
        raise ScimError(400, "Send a JSON object.", "invalidSyntax")
    return body


def _text(value, what: str, maximum: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ScimError(400, f"{what} must be a string.", "invalidValue")
    if "\x00" in value or len(value) > maximum:
        raise ScimError(400, f"{what} is too long or holds a character the hub cannot keep.", "invalidValue")
    return value.strip()


def _primary_email(emails) -> str | None:
    if emails is None:
        return None
    if not isinstance(emails, list) or any(not isinstance(e, dict) for e in emails):
        raise ScimError(400, "emails must be a list of {value, type, primary}.", "invalidValue")
    chosen = next((e for e in emails if e.get("primary") is True), emails[0] if emails else None)
    return _text(chosen.get("value"), "emails.value", 254) if chosen else None


def _looks_like_email(value: str | None) -> bool:
    return bool(value) and "@" in value


def _values(body: dict) -> dict:
    """What a full User resource (POST, PUT) says, checked."""
    user_name = _text(body.get("userName"), "userName", 254)
    if not user_name:
        raise ScimError(400, "userName is required.", "invalidValue")
    name = body.get("name") if isinstance(body.get("name"), dict) else {}
    display = _text(body.get("displayName"), "displayName", 200) or _text(name.get("formatted"), "name.formatted", 200)
    if not display:
        parts = [_text(name.get("givenName"), "name.givenName", 100), _text(name.get("familyName"), "name.familyName", 100)]
        display = " ".join(p for p in parts if p)
    email = _primary_email(body.get("emails"))
    if not email and _looks_like_email(user_name):
        email = user_name
    if not email:
        raise ScimError(400, "Give the person's email address (emails, or a userName that is one).", "invalidValue")
    active = body.get("active", True)
    if not isinstance(active, bool):
        raise ScimError(400, "active must be true or false.", "invalidValue")
    enterprise = body.get(ENTERPRISE_SCHEMA) if isinstance(body.get(ENTERPRISE_SCHEMA), dict) else {}
    return {
        "user_name": user_name,
        "email": email,
        "name": display or email.split("@")[0],
        "active": active,
        "external_id": _text(body.get("externalId"), "externalId", 255),
        "department": _text(enterprise.get("department"), "department", 120),
    }


def _clean_email(raw: str) -> str:
    try:
        return services.clean_email(raw)
    except Invalid as error:
        raise ScimError(400, error.message, "invalidValue") from None


def _team(organisation: Organisation, department: str | None) -> Team | None:
    if not department:
        return None
    provider = provider_of(organisation.id)
    mapped = provider.team_map.get(department) if provider is not None else None
    if mapped:
        team = db.session.get(Team, mapped)
        if team is not None and team.organisation_id == organisation.id:
            return team
    return db.session.scalar(select(Team).where(Team.organisation_id == organisation.id,
                                                func.lower(Team.name) == department.lower()))


def _link(organisation: Organisation, user_id: str) -> ScimUser:
    if not user_id.isdigit() or len(user_id) > 18:
        raise ScimError(404, "There is no such user.")
    link = db.session.scalar(select(ScimUser).where(ScimUser.organisation_id == organisation.id,
                                                    ScimUser.user_id == int(user_id), ScimUser.deleted.is_(False)))
    if link is None:
        raise ScimError(404, "There is no such user.")
    return link


def _name_taken(organisation: Organisation, user_name: str, but: ScimUser | None = None) -> bool:
    stmt = select(ScimUser.id).where(ScimUser.organisation_id == organisation.id,
                                     func.lower(ScimUser.user_name) == user_name.lower())
    if but is not None:
        stmt = stmt.where(ScimUser.id != but.id)
    return db.session.scalar(stmt) is not None


def _set_active(link: ScimUser, active: bool, now: datetime, why: str) -> None:
    user = link.user
    if user.active == active:
        return
    user.active = active
    db.session.flush()
    if not active:
        services.end_sessions(user)  # their sessions and API tokens end now
    activity.record(None, "user.deactivated" if not active else "user.reactivated", now, subject=user,
                    visibility=SECURITY, reason=why, data={"through": "scim", "organisation_id": link.organisation_id})


def _apply(link: ScimUser, values: dict, now: datetime) -> None:
    """Replace what the directory keeps about the person (PUT, and PATCH through it)."""
    organisation = db.session.get(Organisation, link.organisation_id)  # the token's, whatever the address
    user = link.user
    if _name_taken(organisation, values["user_name"], but=link):
        raise ScimError(409, "Another user of this organisation has that userName.", "uniqueness")
    email = _clean_email(values["email"])
    if email != user.email:
        other = services.find_user_by_email(email)
        if other is not None:
            raise ScimError(409, "Another account uses that email address.", "uniqueness")
        user.email = email
    name = normalise_name(values["name"])[: rules.NAME_MAX]
    user.name = name or user.name
    team = _team(organisation, values.get("department"))
    if team is not None and team.id != user.team_id:
        user.team_id = team.id
    link.user_name, link.external_id, link.updated_at = values["user_name"], values["external_id"], now
    db.session.flush()
    _set_active(link, values["active"], now, "The organisation's directory says so.")


def list_users():
    return _list(request.args.to_dict())


def search_users():
    """POST /Users/.search: the same query as a list, in the body (RFC 7644 3.4.3)."""
    body = _json_body()
    return _list({"filter": body.get("filter"), "startIndex": body.get("startIndex"), "count": body.get("count"),
                  "attributes": ",".join(body.get("attributes") or []) if isinstance(body.get("attributes"), list) else None,
                  "excludedAttributes": ",".join(body.get("excludedAttributes") or [])
                  if isinstance(body.get("excludedAttributes"), list) else None})


def _list(params: dict):
    organisation = g.scim_organisation
    stmt = select(ScimUser).where(ScimUser.organisation_id == organisation.id, ScimUser.deleted.is_(False))
    raw_filter = params.get("filter")
    if raw_filter:
        if not isinstance(raw_filter, str):
            raise ScimError(400, "filter must be a string.", "invalidFilter")
        match = re.fullmatch(r'\s*(userName|externalId|emails\.value|emails)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*',
                             raw_filter, re.IGNORECASE)
        if match is None:
            raise ScimError(400, 'The hub filters on userName, externalId or emails with eq, such as '
                            'userName eq "ann@council.gov.uk".', "invalidFilter")
        attribute, value = match.group(1).lower(), match.group(2).replace('\\"', '"').replace("\\\\", "\\")
        if attribute == "username":
            stmt = stmt.where(func.lower(ScimUser.user_name) == value.lower())
        elif attribute == "externalid":
            stmt = stmt.where(ScimUser.external_id == value)
        else:
            stmt = stmt.join(User, User.id == ScimUser.user_id).where(User.email == value.strip().lower())
    start = _whole(params.get("startIndex"), 1, "startIndex")
    count = min(_whole(params.get("count"), MAX_PAGE, "count", low=0), MAX_PAGE)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = db.session.scalars(stmt.order_by(ScimUser.user_id).offset(start - 1).limit(count)).all()
    return _answer({"schemas": [LIST_SCHEMA], "totalResults": total, "startIndex": start, "itemsPerPage": len(rows),
                    "Resources": [_shaped(_resource(link), params.get("attributes"), params.get("excludedAttributes"))
                                  for link in rows]})


def _whole(raw, default: int, what: str, low: int = 1) -> int:
    if raw in (None, ""):
        return default
    try:
        return max(int(raw), low)
    except (TypeError, ValueError):
        raise ScimError(400, f"{what} must be a whole number.", "invalidValue") from None


def create_user():
    organisation = g.scim_organisation
    values = _values(_json_body())
    now = clock.now()
    email = _clean_email(values["email"])
    if _name_taken(organisation, values["user_name"]):
        raise ScimError(409, "A user of this organisation has that userName already.", "uniqueness")
    user = services.find_user_by_email(email)
    if user is not None:
        # An account that signed up with a password joins the directory's care: only within the organisation.
        taken = db.session.scalar(select(ScimUser).where(ScimUser.user_id == user.id))
        if taken is not None or (user.organisation is not None and user.organisation.id != organisation.id):
            raise ScimError(409, "An account with that email address exists already.", "uniqueness")
    else:
        user = User(email=email, name=normalise_name(values["name"])[: rules.NAME_MAX] or email, role=Role.MEMBER,
                    password_hash=UNUSABLE_PASSWORD, created_at=now)
        db.session.add(user)
        db.session.flush()
        activity.record(None, "user.created", now, subject=user, visibility=SECURITY,
                        data={"through": "scim", "organisation_id": organisation.id})
    link = ScimUser(organisation_id=organisation.id, user_id=user.id, user_name=values["user_name"],
                    external_id=values["external_id"], created_at=now, updated_at=now)
    db.session.add(link)
    db.session.flush()
    _apply(link, values, now)
    db.session.commit()
    return _answer(_resource(link), 201, location=f"{_base()}/Users/{user.id}")


def get_user(user_id: str):
    body = _resource(_link(g.scim_organisation, user_id))
    return _answer(_shaped(body, request.args.get("attributes"), request.args.get("excludedAttributes")))


def replace_user(user_id: str):
    link = _link(g.scim_organisation, user_id)
    _apply(link, _values(_json_body()), clock.now())
    db.session.commit()
    return _answer(_resource(link))


def _current_values(link: ScimUser) -> dict:
    user = link.user
    return {"user_name": link.user_name, "email": user.email, "name": user.name, "active": user.active,
            "external_id": link.external_id, "department": user.team.name if user.team else None}


PATCH_PATHS = {
    "username": "user_name", "externalid": "external_id", "displayname": "name", "name.formatted": "name",
    "active": "active", "emails": "emails", 'emails[type eq "work"].value': "email", "emails.value": "email",
    (ENTERPRISE_SCHEMA + ":department").lower(): "department", "name.givenname": "given", "name.familyname": "family",
}


def patch_user(user_id: str):
    link = _link(g.scim_organisation, user_id)
    body = _json_body()
    operations = body.get("Operations")
    if PATCH_SCHEMA not in (body.get("schemas") or []) or not isinstance(operations, list) or not operations:
        raise ScimError(400, "Send a PatchOp with its Operations.", "invalidSyntax")
    values = _current_values(link)
    for operation in operations:
        if not isinstance(operation, dict):
            raise ScimError(400, "Each operation is an object.", "invalidSyntax")
        op = str(operation.get("op", "")).lower()
        if op not in ("add", "replace", "remove"):
            raise ScimError(400, "op is add, replace or remove.", "invalidSyntax")
        path = operation.get("path")
        value = operation.get("value")
        if path is None:
            if op == "remove" or not isinstance(value, dict):
                raise ScimError(400, "Without a path, give the attributes to change as an object.", "noTarget")
            for key, item in value.items():
                _patch_one(values, key, item, "replace")
        else:
            _patch_one(values, str(path), value, op)
    _apply(link, _values_from(values), clock.now())
    db.session.commit()
    return _answer(_resource(link))


def _patch_one(values: dict, path: str, value, op: str) -> None:
    key = PATCH_PATHS.get(path.strip().lower().removeprefix(USER_SCHEMA.lower() + ":"))
    if key is None:
        if path.strip().lower() == "name" and (isinstance(value, dict) or op == "remove"):
            if op == "remove":
                return
            if value.get("formatted"):
                values["name"] = value["formatted"]
            return
        raise ScimError(400, f"The hub does not keep {path}.", "invalidPath")
    if op == "remove":
        if key in ("given", "family"):
            return  # the hub keeps one name, the displayName
        if key in ("external_id", "department"):
            values[key] = None
            return
        raise ScimError(400, f"{path} cannot be removed.", "mutability")
    if key == "emails":
        email = _primary_email(value if isinstance(value, list) else [value])
        if email:
            values["email"] = email
        return
    if key in ("given", "family"):
        return  # the hub keeps one name: the formatted name or displayName
    if key == "active" and isinstance(value, str) and value.lower() in ("true", "false"):
        value = value.lower() == "true"  # Entra ID sends "False" as a string
    values[key] = value


def _values_from(values: dict) -> dict:
    body = {"userName": values["user_name"], "displayName": values["name"], "emails": [{"value": values["email"],
            "primary": True}], "active": values["active"], "externalId": values["external_id"]}
    if values.get("department"):
        body[ENTERPRISE_SCHEMA] = {"department": values["department"]}
    return _values(body)


def delete_user(user_id: str):
    link = _link(g.scim_organisation, user_id)
    now = clock.now()
    _set_active(link, False, now, "The organisation's directory deleted them (kept, deactivated).")
    link.deleted, link.updated_at = True, now
    activity.record(None, "scim.deleted", now, subject=link.user, visibility=SECURITY,
                    data={"organisation_id": link.organisation_id})
    db.session.commit()
    return "", 204


# --- Discovery ---------------------------------------------------------------------------------


def _attribute(name: str, type_: str = "string", *, required: bool = False, multi: bool = False,
               mutability: str = "readWrite", uniqueness: str = "none", sub: list | None = None,
               returned: str = "default") -> dict:
    attribute = {"name": name, "type": type_, "multiValued": multi, "description": name, "required": required,
                 "caseExact": False, "mutability": mutability, "returned": returned, "uniqueness": uniqueness}
    if sub is not None:
        attribute["subAttributes"] = sub
    return attribute


def _user_schema() -> dict:
    # Required here is what the hub needs of everyone: an address, a name shown to others, and
    # whether they may sign in. (A POST without a name or active is still accepted: the address's
    # first part is the name, and a new person is active.)
    return {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": USER_SCHEMA, "name": "User", "description": "A person of the organisation",
        "attributes": [
            _attribute("userName", required=True, uniqueness="server"),
            _attribute("displayName", required=True),
            _attribute("emails", "complex", required=True, multi=True, sub=[
                _attribute("value", required=True)]),
            _attribute("active", "boolean", required=True),
        ],
        "meta": {"resourceType": "Schema", "location": f"{_base()}/Schemas/{USER_SCHEMA}"},
    }


def _resource_type() -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        "id": "User", "name": "User", "endpoint": "/Users", "description": "People of the organisation",
        "schema": USER_SCHEMA, "schemaExtensions": [],
        "meta": {"resourceType": "ResourceType", "location": f"{_base()}/ResourceTypes/User"},
    }


def service_provider_config():
    return _answer({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        "documentationUri": current_app.config["HUB_URL"] + "/",
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_PAGE},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [{"type": "oauthbearertoken", "name": "Bearer token",
                                   "description": "The organisation's SCIM token", "primary": True}],
        "meta": {"resourceType": "ServiceProviderConfig", "location": f"{_base()}/ServiceProviderConfig"},
    })


def _listed(resources: list[dict]):
    return _answer({"schemas": [LIST_SCHEMA], "totalResults": len(resources), "startIndex": 1,
                    "itemsPerPage": len(resources), "Resources": resources})


def resource_types():
    return _listed([_resource_type()])


def resource_type(name: str):
    if name != "User":
        raise ScimError(404, "The hub has only the User resource type.")
    return _answer(_resource_type())


def schemas():
    return _listed([_user_schema()])


def schema(schema_id: str):
    found = {USER_SCHEMA: _user_schema}.get(schema_id)
    if found is None:
        raise ScimError(404, "There is no such schema.")
    return _answer(found())


def not_supported():
    raise ScimError(501, "The hub keeps people only (no groups, no bulk changes).")


def unknown(rest: str):
    """Nothing here: 404, or 405 where the address exists for other methods (a SCIM error either way)."""
    adapter = current_app.url_map.bind_to_environ(request.environ)
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        try:
            endpoint, _ = adapter.match(request.path, method=method)
        except HTTPException:
            continue
        if endpoint != "scim.unknown":
            raise ScimError(405, f"{request.method} is not answered at this address.")
    raise ScimError(404, "There is nothing at this address.")


URLS = [
    ("/ServiceProviderConfig", "service_provider_config", service_provider_config, ["GET"]),
    ("/ResourceTypes", "resource_types", resource_types, ["GET"]),
    ("/ResourceTypes/<name>", "resource_type", resource_type, ["GET"]),
    ("/Schemas", "schemas", schemas, ["GET"]),
    ("/Schemas/<path:schema_id>", "schema", schema, ["GET"]),
    ("/Users", "list_users", list_users, ["GET"]),
    ("/Users", "create_user", create_user, ["POST"]),
    ("/Users/.search", "search_users", search_users, ["POST"]),
    ("/.search", "search", search_users, ["POST"]),
    ("/Users/<user_id>", "get_user", get_user, ["GET"]),
    ("/Users/<user_id>", "replace_user", replace_user, ["PUT"]),
    ("/Users/<user_id>", "patch_user", patch_user, ["PATCH"]),
    ("/Users/<user_id>", "delete_user", delete_user, ["DELETE"]),
    ("/Groups", "groups", not_supported, ["GET", "POST"]),
    ("/Bulk", "bulk", not_supported, ["POST"]),
    ("/<path:rest>", "unknown", unknown, ["GET", "POST", "PUT", "PATCH", "DELETE"]),
]
for rule, endpoint, view, methods in URLS:
    # Open to the gate of signed-in people: the SCIM token is checked for every request (authenticate).
    bp.add_url_rule(rule, endpoint, public(view), methods=methods)
