"""What every API module shares: reading JSON bodies, paging, and the JSON shapes of people."""

from __future__ import annotations

from datetime import date

from flask import g, request, url_for

from ideashub.api.openapi import validator
from ideashub.core.errors import Invalid, ServiceError
from ideashub.core.i18n import _, _l
from ideashub.core.security import has_nul
from ideashub.core.words import plural


class BadRequest(ServiceError):
    """The request itself is malformed: ServiceError's own 400, ``bad_request``."""


class UnsupportedMediaType(ServiceError):
    """A body that is not sent as JSON."""

    status, code = 415, "unsupported_media_type"


# The schema's own sentences for a broken pattern (x-pattern-message in ideashub/api/openapi/*.yaml).
PATTERN_MESSAGES = {
    "Use at least 2 characters, not counting spaces at either end.":
        _l("Use at least %(count)s characters, not counting spaces at either end.", count=2),
    "Use at least 3 characters, not counting spaces at either end.":
        _l("Use at least %(count)s characters, not counting spaces at either end.", count=3),
    "Give a domain like riverside.gov.uk.": _l("Give a domain like %(example)s.", example="riverside.gov.uk"),
    "Use at least one letter or number.": _l("Use at least one letter or number."),
    "Write more than spaces.": _l("Write more than spaces."),
}


def _message(error) -> str:
    kind = error.validator
    if kind == "required":
        return _("This field is required.")
    if kind == "maxLength":
        return _("Use at most %(characters)s.", characters=plural(error.validator_value, "character", "characters"))
    if kind == "minLength":
        return _("Use at least %(characters)s.", characters=plural(error.validator_value, "character", "characters"))
    if kind in ("maximum", "exclusiveMaximum"):
        return _("Must be at most %(limit)s.", limit=error.validator_value)
    if kind in ("minimum", "exclusiveMinimum"):
        return _("Must be at least %(limit)s.", limit=error.validator_value)
    if kind == "enum":
        return _("Must be one of: %(values)s.", values=", ".join(str(v) for v in error.validator_value))
    if kind == "type":
        expected = error.validator_value
        if isinstance(expected, list) and len(expected) > 1:
            return _("Must be of type %(types)s or %(last)s.", types=", ".join(expected[:-1]), last=expected[-1])
        return _("Must be of type %(type)s.", type=expected[0] if isinstance(expected, list) else expected)
    if kind == "maxItems":
        return _("Use at most %(items)s.", items=plural(error.validator_value, "item", "items"))
    if kind == "minItems":
        return _("Give at least %(items)s.", items=plural(error.validator_value, "item", "items"))
    if kind == "additionalProperties":
        return _("Unknown field.")
    if kind == "format":
        return _("Must be a valid %(format)s.", format=error.validator_value)
    if kind == "not":  # the one "not" of the document: no NUL character (ideashub/api/openapi.py)
        return _nul()
    if kind == "pattern":
        given = error.schema.get("x-pattern-message")
        return str(PATTERN_MESSAGES.get(given, given or _("Not valid.")))
    return _("Not valid.")


def _nul() -> str:
    return _("Contains a NUL character (\\0), which cannot be stored.")


def json_body(schema_name: str) -> dict:
    """The request's JSON object, checked against a schema of the OpenAPI document.

    400 for a body that is not JSON or not an object, 415 for another
    content type, 422 with a message per field for values that break the
    schema (or hold a NUL character). Unknown fields are refused, never assigned.
    """
    if not request.is_json:
        raise UnsupportedMediaType(_("Send JSON with Content-Type: application/json."))
    data = request.get_json(silent=True)
    if data is None:
        raise BadRequest(_("The body is not valid JSON."))
    if not isinstance(data, dict):
        raise BadRequest(_("The body must be a JSON object."))
    errors = sorted(validator(schema_name).iter_errors(data), key=lambda e: list(e.path))
    fields: dict[str, str] = {}
    for error in errors:
        if error.validator == "required":
            for name in error.validator_value:
                if name not in data:
                    fields.setdefault(name, _("This field is required."))
        elif error.validator == "additionalProperties":
            # The object that has the unknown field: the body, or one inside it ("email.sms").
            inside = "".join(f"{p}." for p in error.path)
            for name in error.instance:
                if name not in (error.schema.get("properties") or {}):
                    fields.setdefault(inside + name, _("Unknown field."))
        else:
            name = ".".join(str(p) for p in error.path) or "body"
            fields.setdefault(name, _message(error))
    for name, value in data.items():
        # No text of the hub has a use for NUL, and PostgreSQL refuses to store or compare it.
        if has_nul(value):
            fields.setdefault(name, _nul())
    if fields:
        raise Invalid(_("Some fields are not valid: %(fields)s.", fields=", ".join(sorted(fields))), fields)
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
        raise Invalid(_("Dates look like %(example)s.", example="2026-03-31"),
                      {field: _("Use the form %(form)s.", form="YYYY-MM-DD")}) from None


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
            raise BadRequest(_("%(name)s can be at most %(characters)s.", name=name, characters=plural(limit, "character", "characters")),
                             {name: _("At most %(characters)s.", characters=plural(limit, "character", "characters"))})
