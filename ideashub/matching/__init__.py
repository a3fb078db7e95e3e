"""Bringing the right people to every idea: similar ideas, people who could help, and
invitations to hear an idea.

This feature sits above projects and the hearing (it reads ideas, responses, people's
profiles and project work to find matches, and notifies through the hearing's
notifications) and below challenges, whose idea form shows similar ideas too. Nothing
below it knows it exists: the pages of lower layers call the template globals it registers.
"""

from __future__ import annotations

from flask import Flask

from ideashub.core.i18n import _l
from ideashub.core.templating import add_account_page
from ideashub.matching import (  # noqa: F401 (models and listeners register on import)
    engine,
    invitations,
    models,
    similar,
    similar_views,
    views,
)


def init_app(app: Flask) -> None:
    """Register this feature's pages and template globals (the app factory calls this once)."""
    app.register_blueprint(views.bp)
    add_account_page(app, _l("Invitations"), "invitations.account", order=35)
    app.register_blueprint(similar_views.bp)
