"""One way to run a page request: call one service, then commit once or roll back.

Every page view that changes something goes through ``run`` (as Indico's
``RH.process`` commits or rolls back once for every handler), so services
compose inside one transaction and no view decides on its own what a refusal
does to the session:

- success: the transaction is committed once, and the view flashes, redirects
  or renders;
- ``Invalid``: rolled back, and the message of each field is shown under that
  field, the form again with status 422 (``form_page``);
- ``Forbidden`` (403, audited) and ``NotFound`` (404): rolled back and passed on
  to the app's error handlers, which answer a page or JSON (``wants_json``);
- any other ``ServiceError`` (409 Conflict and the like): rolled back and shown
  as the form's or the page's message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash, jsonify, redirect, session
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from ideashub.core.errors import Forbidden, Invalid, NotFound, ServiceError, json_error
from ideashub.core.forms import show_service_error
from ideashub.core.i18n import _
from ideashub.extensions import db


@dataclass(frozen=True)
class Outcome:
    """What a service call came to: its result, or the refusal it raised."""

    value: Any = None
    error: ServiceError | None = None

    @property
    def ok(self) -> bool:
        """True when the service succeeded and its change is committed."""
        return self.error is None


def run(action: Callable[[], Any], *, commit_refusals: bool = False) -> Outcome:
    """Call ``action`` (one service call) as the request's one transaction.

    Commits on success and returns the result. On a ``ServiceError`` the
    transaction is rolled back (or committed when ``commit_refusals``: the
    service recorded that the refusal used something up, such as a link);
    ``Forbidden`` and ``NotFound`` are raised again for the app's error
    handlers, any other refusal is returned for the view to show. Errors that
    are not a ``ServiceError`` propagate untouched (the error handlers roll back).
    """
    try:
        value = action()
    except ServiceError as error:
        if commit_refusals:
            db.session.commit()
        else:
            db.session.rollback()
        if isinstance(error, Forbidden | NotFound):
            raise
        return Outcome(error=error)
    db.session.commit()
    return Outcome(value=value)


def form_page(
    form: FlaskForm,
    action: Callable[[], Any],
    *,
    done: Callable[[Any], ResponseReturnValue],
    page: Callable[[], str],
    ready: bool = True,
    back: str | None = None,
) -> ResponseReturnValue:
    """A page with a form: show it, and on a valid post run ``action`` through ``run``.

    ``done(result)`` answers a success (usually a flash and a redirect). The
    form is shown again by ``page()`` with status 200 for a first visit, 422
    when the post does not validate or the service finds values ``Invalid``
    (each message under its field), and the refusal's own status (409 and the
    like) for another refusal, shown at the top of the form; with ``back`` such
    a refusal is flashed and the person is sent there instead. ``ready`` false
    (a rule already says no) shows the form without running anything.
    """
    status = 422 if form.is_submitted() else 200
    if form.validate_on_submit() and ready:
        outcome = run(action)
        if outcome.ok:
            return done(outcome.value)
        error = outcome.error
        if isinstance(error, Invalid):
            show_service_error(form, error)
        elif back is not None:
            flash(error.message, "error")
            return redirect(back)
        else:
            form.form_errors.append(error.message)
            status = error.status
    return page(), status


def done_to(url: str, message: str) -> ResponseReturnValue:
    """The usual answer to a success: flash ``message`` (when there is one) and redirect to ``url``."""
    if message:
        flash(message, "success")
    return redirect(url)


def done_at(url: str, message: str, anchor: str) -> ResponseReturnValue:
    """Flash ``message`` beside the thing at ``anchor`` of the page at ``url``, and go there.

    The page lands at ``anchor`` and shows the confirmation next to it (``flash_anchor``), so
    the person sees that it worked instead of a message scrolled off the top of the page.
    """
    flash(message, "success")
    session["flash_at"] = anchor
    return redirect(f"{url}#{anchor}")


def flash_anchor() -> str | None:
    """Where the page being shown should put its messages (see ``done_at``); asked once."""
    return session.pop("flash_at", None)


def one_click(action: Callable[[], Any], done: str, back: str, anchor: str | None = None) -> ResponseReturnValue:
    """A one-click action (a button posting only its CSRF token): run it and go back.

    Flashes ``done`` on success (nothing when it is empty) or the refusal's
    message, and redirects to ``back`` either way (on success at ``anchor``,
    with ``done`` shown there, when given); 403 and 404 go to the error
    handlers (see ``run``).
    """
    outcome = run(action)
    if not outcome.ok:
        flash(outcome.error.message, "error")
        return redirect(back)
    if anchor and done:
        return done_at(back, done, anchor)
    return done_to(back, done)


def for_page_scripts(view=None, *, methods: tuple[str, ...] = ("POST",)):
    """Mark a page view whose POST (or the ``methods`` given) also answers the hub's page scripts in JSON.

    Its JSON answers belong to the OpenAPI document (tag ``page-scripts``), and
    the document's test holds every marked view to it.
    """

    def mark(marked):
        marked.answers_page_scripts = True
        marked.page_script_methods = frozenset(methods)
        return marked

    return mark(view) if view is not None else mark


def refusal_json(error: ServiceError) -> ResponseReturnValue:
    """A refusal as a page script reads it: the API's error shape and the refusal's status."""
    return json_error(error.status, error.message, error.fields, error.code)


def form_errors_json(form: FlaskForm) -> ResponseReturnValue:
    """A form that did not validate, for a page script: 422 with one message per field."""
    fields = {name: " ".join(str(m) for m in messages) for name, messages in form.errors.items()}
    return json_error(422, _("Check the form."), fields, "invalid")


def script_answer(outcome: Outcome, answer: Callable[[Any], dict]) -> ResponseReturnValue:
    """The JSON answer of a page endpoint to a page script: ``answer(result)`` or the refusal."""
    if not outcome.ok:
        return refusal_json(outcome.error)
    return jsonify(answer(outcome.value))
