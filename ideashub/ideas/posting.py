"""Looking before posting: what a person is shown before their new idea is posted.

Ideas stand below the features that know about other ideas (matching finds similar ones),
so the new-idea pages cannot ask them directly. Instead such a feature registers a check
(``@posting.check``) when the app starts. A new-idea page runs the checks on a valid post
(``held_back``): when one of them has something to show ("these look similar"), the form
is drawn again with it, nothing is stored, and the form carries ``LOOKED`` so that the
next post (the person chose to post anyway) goes straight through. A page script that has
already shown the same thing while the person typed sets ``LOOKED`` itself.

A check that fails never stops an idea being posted: it is logged and skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, request

from ideashub.extensions import db

# The hidden field saying "I have seen what the checks showed; post it".
LOOKED = "looked"



@dataclass(frozen=True)
class Shown:
    """What a check shows above the form: a template of its own feature, and that template's
    values (the form's template includes it with ``shown`` set to ``context``)."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


Check = Callable[[str, str], Shown | None]
_checks: list[Check] = []


def check(inspect: Check) -> Check:
    """Register ``inspect(title, problem) -> Shown | None`` for new-idea pages (idempotent)."""
    if inspect not in _checks:
        _checks.append(inspect)
    return inspect


def held_back(form) -> Shown | None:
    """What to show before posting the idea of a new-idea ``form`` (an ``IdeaForm``), or None to post it.

    None when the post does not validate (the form shows its errors), when the person has
    already looked (``LOOKED`` in the form), or when no check has anything to show.
    """
    if not form.validate_on_submit() or request.form.get(LOOKED):
        return None
    return shown_before_posting(form.title.data or "", form.problem.data or "")


def shown_before_posting(title: str, problem: str) -> Shown | None:
    """The first registered check's answer for this title and problem, or None."""
    for inspect in _checks:
        try:
            with db.session.begin_nested():  # a failed statement is undone without spoiling the post
                shown = inspect(title, problem)
        except Exception:  # a failing check must never stop an idea being posted
            current_app.logger.exception("A check before posting an idea failed; the idea is posted without it.")
            continue
        if shown:
            return shown
    return None
