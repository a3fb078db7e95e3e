"""Reaching people where they work: follows, notification preferences, email, feeds, webhooks.

This feature stands beside administration and insights: it reads every feature below it
(ideas, the hearing, projects, challenges) and listens to their domain events; nothing
below it knows it exists. What it sends is recorded in the outbox (``core.outbox``) in
the transaction of the change that caused it, and a worker delivers it.
"""

from __future__ import annotations

from flask import Flask

# from ideashub.reach import notify
from ideashub.reach import webhooks
from ideashub.reach.webhook_views import bp as webhooks_bp


def init_app(app: Flask) -> None:
    """Register this feature's pages and account tabs (the app factory calls this once)."""
    from ideashub.reach.delivery_views import bp as deliveries_bp

    app.register_blueprint(deliveries_bp)
    app.register_blueprint(webhooks_bp)
    app.add_template_global(webhooks.delivery_status)
