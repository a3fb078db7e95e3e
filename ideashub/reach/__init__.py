"""Reaching people where they work: follows, notification preferences, email, feeds, webhooks.

This feature stands beside administration and insights: it reads every feature below it
(ideas, the hearing, projects, challenges) and listens to their domain events; nothing
below it knows it exists. What it sends is recorded in the outbox (``core.outbox``) in
the transaction of the change that caused it, and a worker delivers it.
"""

from __future__ import annotations

from flask import Flask

from ideashub.core.i18n import _l
from ideashub.core.templating import add_account_page
from ideashub.reach import (  # noqa: F401 (models and listeners register on import)
    delivery_views,
    feed_views,
    follow_views,
    follows,
    notify,
    preference_views,
    webhook_views,
    webhooks,
)


def init_app(app: Flask) -> None:
    """Register this feature's pages and account tabs (the app factory calls this once)."""
    app.register_blueprint(preference_views.bp)
    add_account_page(app, _l("Notifications"), "preferences.notifications", order=20)
    app.register_blueprint(follow_views.bp)
    add_account_page(app, _l("Following"), "follows.following", order=30)
    app.register_blueprint(delivery_views.bp)
    app.register_blueprint(feed_views.bp)
    add_account_page(app, _l("Feeds"), "feeds.account", order=40)
    app.register_blueprint(webhook_views.bp)
    app.add_template_global(webhooks.delivery_status)
