"""What every API module shares: reading JSON bodies, paging, and the JSON shapes of people."""

from __future__ import annotations

from datetime import date

from flask import g, request, url_for

from ideashub.api.openapi import validator
from ideashub.core.errors import Invalid, ServiceError
from ideashub.core.security import has_nul
from ideashub.core.words import plural


class BadRequest(ServiceError):
    """The request itself is malformed: ServiceError's own 400, ``bad_request``."""


class UnsupportedMediaType(ServiceError):
    """A body that is not sent as JSON."""

    status, code = 415, "unsupported_media_type"


def _message(error) -> str:
    kind = error.validator
    if kind == "required":
        return "This field is required."
    if kind == "maxLength":
        return f"Use at most {plural(error.validator_value, 'character', 'characters')}."
    if kind == "minLength":
        return f"Use at least {plural(error.validator_value, 'character', 'characters')}."
    if kind in ("maximum", "exclusiveMaximum"):
        return f"Must be at most {error.validator_value}."
    if kind in ("minimum", "exclusiveMinimum"):
        return f"Must be at least {error.validator_value}."
    if kind == "enum":
        return "Must be one of: " + ", ".join(str(v) for v in error.validator_value) + "."
    if kind == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return f"Must be of type {expected}."
    if kind == "maxItems":
        return f"Use at most {error.validator_value} items."
    if kind == "minItems":
        return f"Give at least {plural(error.validator_value, 'item', 'items')}."
    if kind == "additionalProperties":
        return "Unknown field."
    if kind == "format":
        return f"Must be a valid {error.validator_value}."
    if kind == "not":  # the one "not" of the document: no NUL character (ideashub/api/openapi.py)
        return "Contains a NUL character (\\0), which cannot be stored."
    if kind == "pattern":
        return error.schema.get("x-pattern-message") or "Not valid."
    return "Not valid."


def json_body(schema_name: str) -> dict:
    """The request's JSON object, checked against a schema of the OpenAPI document.

    400 for a body that is not JSON or not an object, 415 for another
    content type, 422 with a message per field for values that break the
    schema (or hold a NUL character). Unknown fields are refused, never assigned.
    """
    if not request.is_json:
        raise UnsupportedMediaType("Send JSON with Content-Type: application/json.")
    data = request.get_json(silent=True)
    if data is None:
        raise BadRequest("The body is not valid JSON.")
    if not isinstance(data, dict):
        raise BadRequest("The body must be a JSON object.")
    errors = sorted(validator(schema_name).iter_errors(data), key=lambda e: list(e.path))
    fields: dict[str, str] = {}
    for error in errors:
        if error.validator == "required":
            for name in error.validator_value:
                if name not in data:
                    fields.setdefault(name, "This field is required.")
        elif error.validator == "additionalProperties":
            # The object that has the unknown field: the body, or one inside it ("email.sms").
            inside = "".join(f"{p}." for p in error.path)
            for name in error.instance:
                if name not in (error.schema.get("properties") or {}):
                    fields.setdefault(inside + name, "Unknown field.")
        else:
            name = ".".join(str(p) for p in error.path) or "body"
            fields.setdefault(name, _message(error))
    for name, value in data.items():
        # No text of the hub has a use for NUL, and PostgreSQL refuses to store or compare it.
        if has_nul(value):
            fields.setdefault(name, "Contains a NUL character (\\0), which cannot be stored.")
    if fields:
        raise Invalid("Some fields are not valid: " + ", ".join(sorted(fields)) + ".", fields)
    return _whole_numbers(data)


def _whole_numbers(value):
    """JSON has one kind of number: 24.0 is the whole number 24 (as the schema's ``integer`` says), so read it so."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(v) for v in value]
    return value


def optional_date(value, field: str) -> date | None:
    """A YYYY-MM-DD date from a JSON body, None when absent or empty; 422 naming ``field`` otherwise."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Invalid("Dates look like 2026-03-31.", {field: "Use the form YYYY-MM-DD."}) from None


def actor():
    return g.api_user


def attrs(obj, *names: str) -> dict:
    """The named attributes of ``obj`` as JSON fields of the same names, in that order, values as they are."""
    return {name: getattr(obj, name) for name in names}


def ref(obj) -> dict | None:
    """``{id, name}`` for a team, an organisation or a person (no emails)."""
    if obj is None:
        return None
    return {"id": obj.id, "name": obj.name}


def iso(moment) -> str | None:
    if moment is None:
        return None
    return moment.isoformat().replace("+00:00", "Z")


def user_json(user, with_email: bool = False) -> dict:
    data = {
        **attrs(user, "id", "name", "role"),
        "team": ref(user.team),
        "organisation": ref(user.organisation),
        "bio": user.bio,
        "skills": user.skill_list,
    }
    if with_email:
        data["email"] = user.email
    return data


def team_json(team) -> dict:
    return {"id": team.id, "name": team.name, "organisation": ref(team.organisation)}


def next_page_url(endpoint: str, page: int, per_page: int, total: int, **args) -> str | None:
    if page * per_page >= total:
        return None
    args = {k: v for k, v in args.items() if v not in (None, "")}
    return url_for(endpoint, page=page + 1, per_page=per_page, **args)


def refuse_long_args(**most: int) -> None:
    """400 for a query parameter longer than the API document allows.

    Pages cut an over-long search short and carry on; the API says so
    instead, as its document promises (``maxLength``).
    """
    for name, limit in most.items():
        if len(request.args.get(name) or "") > limit:
            raise BadRequest(f"{name} can be at most {limit} characters.", {name: f"At most {limit} characters."})
