"""What other features show on a person's profile page.

People stand below the features that use them (ideas, projects...), so the
profile view cannot ask those features directly. Instead each feature
registers what it adds (``@profiles.section``) when the app starts, and the
view puts every section's values into the page: the ideas a person posted,
the help they offered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_sections: list[Callable[[Any], dict[str, Any]]] = []


def section(contribute: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    """Register ``contribute(person) -> {name: value}`` for the profile page (idempotent)."""
    if contribute not in _sections:
        _sections.append(contribute)
    return contribute


def sections_for(person) -> dict[str, Any]:
    """Every registered feature's values for ``person``'s profile page."""
    values: dict[str, Any] = {}
    for contribute in _sections:
        values.update(contribute(person))
    return values
