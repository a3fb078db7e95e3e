"""Ideas hub: a cross-team idea board where every idea is heard before it can be shot down."""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

from flask import Flask, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import bindparam, select
from werkzeug.middleware.proxy_fix import ProxyFix

# Every feature, imported here and nowhere else: the app factory is the one place that knows
# them all (the import-linter contract keeps everything below it layered). Importing a feature
# registers its models with the metadata (so Alembic knows every table) and connects its
# listeners to the domain events (core.events) and its sections to people's profiles.
import ideashub.core.activity
import ideashub.core.cache
import ideashub.core.mail
import ideashub.core.settings
import ideashub.hearing.notifications
import ideashub.ideas.counters
import ideashub.insights.rollups
import ideashub.insights.services
from ideashub import matching, privacy, reach
from ideashub.admin.views import bp as admin_bp
from ideashub.api import bp as api_bp
from ideashub.challenges.views import bp as challenges_bp
from ideashub.cli import register_cli
from ideashub.config import engine_options, load_config
from ideashub.core import assets, compress, i18n, queue, shared, templating
from ideashub.core import clock as clock_module
from ideashub.core.db import configure_engine
from ideashub.core.errors import json_error, register_error_handlers, wants_json
from ideashub.core.health import bp as health_bp
from ideashub.core.i18n import _, _l
from ideashub.core.pages import bp as pages_bp
from ideashub.core.routing import IdConverter
from ideashub.core.security import (
    apply_security_headers,
    is_public_endpoint,
    refuse_long_urls,
    refuse_nul_characters,
    safe_next,
)
from ideashub.core.templating import add_account_page, add_nav
from ideashub.extensions import csrf, db, limiter, login_manager, migrate
from ideashub.hearing.views import bp as hearing_bp
from ideashub.ideas.views import bp as ideas_bp
from ideashub.imports.views import bp as imports_bp
from ideashub.insights.views import bp as insights_bp
from ideashub.mailin.views import bp as mailin_bp
from ideashub.people import language, scim, sso_views
from ideashub.people.models import User
from ideashub.people.permissions import can_administer, can_moderate, can_read_insights
from ideashub.people.views import bp as people_bp
from ideashub.portability.views import bp as portability_bp
from ideashub.projects.views import bp as projects_bp

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints, CLI, error pages."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("INSTANCE_PATH") or str(ROOT / "instance"),
        template_folder="../templates",
        static_folder="../static",
    )
    env = dict(os.environ)
    if test_config and "ENV" in test_config:
        env.update(test_config.pop("ENV"))
    app.config.from_mapping(load_config(app.instance_path, env))
    if test_config:
        app.config.update(test_config)
        if "SQLALCHEMY_DATABASE_URI" in test_config and "SQLALCHEMY_ENGINE_OPTIONS" not in test_config:
            app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(
                test_config["SQLALCHEMY_DATABASE_URI"], env
            )
    if app.config["PROXY_HOPS"]:
        # Behind a reverse proxy: the client's address (for rate limits and the
        # audit log) and scheme come from the proxy's X-Forwarded-* headers.
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    clock_file = app.config.get("CLOCK_FILE") or os.environ.get("CLOCK_FILE")
    app.extensions["clock"] = (
        app.config.get("CLOCK")
        or (clock_module.FileClock(clock_file) if clock_file else None)
        or clock_module.SystemClock()
    )

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    with app.app_context():
        configure_engine(db.engine)

    queue.init_app(app)
    _register_login(app)
    app.url_map.converters["int"] = IdConverter  # before any route is added
    _register_blueprints(app)
    register_error_handlers(app)
    _register_request_hooks(app)
    _register_templating(app)


    register_cli(app)
    return app


def _register_login(app: Flask) -> None:
    login_manager.login_view = "people.login"
    login_manager.login_message = _l("Sign in to continue.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(session_id: str):
        # The id carries the session version it was issued under: bumping a
        # person's version ends every session they have.
        user_id, _, version = session_id.partition(".")
        if not (user_id.isdigit() and version.isdigit()):
            return None
        found = db.session.execute(_person_statement(), {"user_id": int(user_id)}).first()
        if found is None:
            return None
        user, g.unread_notifications, generation = found
        if not user.active or user.session_version != int(version):
            return None
        # Read first in the request, before anything a shared page shows (core.shared).
        g.pages_generation = generation or 0
        return user


@functools.cache
def _person_statement():
    """The person, their unread notifications (the header's count) and the shared pages' generation:
    one statement for all a signed-in page needs before its own."""
    return select(
        User, ideashub.hearing.notifications.unread_count_of(User.id), ideashub.core.cache.generation_of(shared.PAGES)
    ).where(User.id == bindparam("user_id"))


def _register_blueprints(app: Flask) -> None:
    app.register_blueprint(health_bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(people_bp)
    app.register_blueprint(language.bp)  # the Cymraeg / English switch
    # Sign-in with each organisation's own accounts, and SCIM for its joiners and leavers.
    app.register_blueprint(sso_views.bp)
    csrf.exempt(sso_views.backchannel_logout)  # the provider posts a signed logout token, not our form
    app.register_blueprint(scim.bp)
    csrf.exempt(scim.bp)  # bearer tokens only, as the API
    add_account_page(app, _l("Profile"), "people.account", order=10)
    add_account_page(app, _l("Password"), "people.password", order=90)
    app.register_blueprint(ideas_bp)
    app.register_blueprint(hearing_bp)
    app.register_blueprint(challenges_bp)
    add_nav(app, _l("Challenges"), "challenges.index", "challenges", order=10)
    app.register_blueprint(projects_bp)
    add_nav(app, _l("Projects"), "projects.wall", "projects", order=20)
    app.register_blueprint(insights_bp)
    add_nav(app, _l("Top ideas"), "insights.top", "insights", order=30)
    add_nav(app, _l("Insights"), "insights.dashboard", "insights", order=40,
            visible=can_read_insights)
    add_nav(app, _l("Moderate"), "hearing.queue", "hearing", visible=can_moderate, order=80)
    app.register_blueprint(admin_bp)
    app.register_blueprint(imports_bp)
    app.register_blueprint(mailin_bp)  # mail in: drafts by email, replies, and the `mail-in`/`fetch-mail` commands
    add_nav(app, _l("Admin"), "admin.people", "admin", visible=can_administer, order=90)
    app.register_blueprint(portability_bp)  # export everything (admins), an idea's decision trail
    matching.init_app(app)
    reach.init_app(app)
    privacy.init_app(app)  # download my data, erase me, retention, the privacy page
    app.register_blueprint(api_bp)
    csrf.exempt(api_bp)  # bearer tokens only: the API never reads the session cookie

    @app.get("/")
    def home():
        return redirect(url_for("ideas.board"))


def _register_request_hooks(app: Flask) -> None:
    app.before_request(refuse_long_urls)
    app.before_request(refuse_nul_characters)

    @app.before_request
    def require_sign_in():
        # Default deny: every page needs a signed-in person unless its view
        # is marked public. The API checks its bearer token itself.
        if request.blueprint == "api" or is_public_endpoint(app, request.endpoint):
            return None
        if current_user.is_authenticated:
            return None
        if request.method == "GET" and not wants_json():
            target = safe_next(request.full_path.rstrip("?"), "/")
            return redirect(url_for("people.login", next=target))
        if wants_json():
            return json_error(401, _("Sign in to do that."))
        return redirect(url_for("people.login"))

    compress.register(app)  # runs after the headers below (after_request runs in reverse)

    assets.register(app)  # versioned assets: a year in the cache, no cookie (ideashub/core/assets.py)

    @app.after_request
    def headers(response):
        return apply_security_headers(response)


def _register_templating(app: Flask) -> None:
    i18n.init_app(app)

    templating.register(app)
