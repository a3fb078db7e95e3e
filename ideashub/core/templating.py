"""What every template can use: filters for dates and Markdown, the CSP nonce, asset URLs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from flask import Flask, current_app, request, url_for
from flask_login import current_user
from markupsafe import Markup, escape

from ideashub.core import assets, clock, shared, wording
from ideashub.core.i18n import _, format_moment
from ideashub.core.markdown import render_markdown
from ideashub.core.security import csp_nonce

# ``plural`` is the one pluralising helper, for templates and Python alike (core.words).
from ideashub.core.words import excerpt, number, plural


def static_url(filename: str) -> str:
    """The address of a static file, with a content hash so it can be cached for a year.

    A script's hash covers the scripts it imports too (ideashub/core/assets.py).
    """
    return url_for("static", filename=filename, v=assets.fingerprint(current_app.static_folder, filename))


def local_time(moment: datetime | str | None, fmt: str = "%-d %b %Y, %H:%M") -> str:
    """A moment in the organisation's time zone, in words ("6 Dec 2026, 09:00"); ISO text too
    (pages drawn from a JSON document, such as "Your data")."""
    if moment is None:
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return format_moment(clock.local(moment), fmt)


def local_date(moment, fmt: str = "%-d %B %Y") -> str:
    if moment is None:
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if isinstance(moment, datetime):
        moment = clock.local(moment)
    return format_moment(moment, fmt)


MINUTE, HOUR, DAY = 60, 3600, 86400
SHOWS_DATE = 30 * DAY  # from this age on, time_ago gives the date


def _unit_shown(seconds: float) -> int | None:
    """What ``time_ago`` counts a moment ``seconds`` old in: DAY, HOUR or MINUTE; 0 while it says
    "just now"; None once it gives the date."""
    if seconds >= SHOWS_DATE:
        return None
    return next((unit for unit in (DAY, HOUR, MINUTE) if seconds >= unit), 0)


def time_ago(moment: datetime | None) -> str:
    if moment is None:
        return ""
    seconds = (clock.now() - moment).total_seconds()
    unit = _unit_shown(seconds)
    if unit is None:
        return local_date(moment, "%-d %b %Y")
    if not unit:
        return _("just now")
    count = int(seconds // unit)
    if unit == DAY:
        time = plural(count, "day", "days")
    elif unit == HOUR:
        time = plural(count, "hour", "hours")
    else:
        time = plural(count, "minute", "minutes")
    # Translators: %(time)s is a count with its unit, such as "3 days".
    return _("%(time)s ago", time=time)


def time_ago_changes_at(moment: datetime, now: datetime) -> datetime | None:
    """When ``time_ago(moment)`` next reads differently ("just now" becomes "1 minute ago", and so
    on); None once it shows the date, which stays. For pages kept and shared (core.shared)."""
    seconds = (now - moment).total_seconds()
    unit = _unit_shown(seconds)
    if unit is None:
        return None
    step = unit or MINUTE  # "just now" becomes "1 minute ago" a minute on
    return moment + timedelta(seconds=(seconds // step + 1) * step)


def url_with(**changes) -> str:
    """The current page's address with some query arguments changed (None removes one)."""
    args = request.args.to_dict()
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def html_attrs(attrs: dict | None) -> Markup:
    """Extra attributes of a form control, in the order given, each with a leading space.

    True writes a bare attribute (``required``), None and False leave it out, and
    every value is escaped: the form macros take attributes as a dict so that a
    page never writes a control by hand.
    """
    parts = []
    for name, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        # Markup.format escapes the name and the value.
        parts.append(Markup(" {}").format(name) if value is True else Markup(' {}="{}"').format(name, value))
    return Markup("").join(parts)


def option_tags(choices, selected=None) -> Markup:
    """The ``<option>``s of a drop-down: each choice a value, a (value, text) pair, or
    (group label, choices) for an ``<optgroup>``; the one whose value equals ``selected``
    (compared as text) is selected. Python rather than a recursive macro, and plain
    escaping rather than ``Markup.format``: the board draws some sixty on every view."""
    chosen = None if selected is None else str(selected)
    parts = []
    for choice in choices:
        value, text = (choice, choice) if isinstance(choice, str) else choice
        # A group's choices are a list; a label may be lazy text (``_l``), which is not a group.
        if not isinstance(text, str) and not hasattr(text, "__html__") and isinstance(text, Iterable):
            parts.append(f'<optgroup label="{escape(value)}">{option_tags(text, selected)}</optgroup>')
        else:
            mark = " selected" if chosen is not None and str(value) == chosen else ""
            parts.append(f'<option value="{escape(value)}"{mark}>{escape(text)}</option>')
    return Markup("".join(parts))  # noqa: S704  # nosec B704 - every value and text above went through escape()


def choices(items, value: str = "id", text: str = "name") -> list[tuple]:
    """The (value, text) pairs of a drop-down list, read from two attributes of each item."""
    return [(getattr(item, value), getattr(item, text)) for item in items]


def add_nav(app: Flask, label: str, endpoint: str, section: str, visible=None, order: int = 50) -> None:
    """Add a link to the main navigation (features call this when they are registered)."""
    items = app.extensions.setdefault("ideashub_nav", [])
    items.append((order, label, endpoint, section, visible))
    items.sort(key=lambda item: item[0])


def add_account_page(app: Flask, label: str, endpoint: str, order: int = 50) -> None:
    """Add a page to the tabs of "Your account" (features call this when they are registered)."""
    items = app.extensions.setdefault("ideashub_account_pages", [])
    items.append((order, label, endpoint))
    items.sort(key=lambda item: item[0])


def account_pages() -> list[dict]:
    """The tabs of "Your account", the current page's marked."""
    return [
        {"label": str(label), "url": url_for(endpoint), "current": request.endpoint == endpoint}
        for _order, label, endpoint in current_app.extensions.get("ideashub_account_pages", [])
    ]


def extra_nav() -> list[dict]:
    registered = current_app.extensions.get("ideashub_nav", [])
    exact = any(request.endpoint == endpoint for _o, _l, endpoint, _s, _v in registered)
    items = []
    for _order, label, endpoint, section, visible in registered:
        if visible is None or visible(current_user):
            # The page's own link is current; otherwise its feature's first link.
            current = request.endpoint == endpoint if exact else request.blueprint == section
            items.append({"label": str(label), "url": url_for(endpoint), "current": current})
            exact = exact or current
    return items


def register(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters.update(
        markdown=render_markdown,
        excerpt=excerpt,
        number=number,
        local_time=local_time,
        local_date=local_date,
        time_ago=time_ago,
        html_attrs=html_attrs,
        choices=choices,
        option_tags=option_tags,
    )
    app.jinja_env.globals.update(
        csp_nonce=csp_nonce,
        slot=shared.slot,
        static_url=static_url,
        plural=plural,
        number=number,
        activity_lines=wording.describe_all,
        label=wording.label,
        url_with=url_with,
        now=clock.now,
        extra_nav=extra_nav,
        account_pages=account_pages,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def hub():
        return {"hub_name": current_app.config["HUB_NAME"]}
