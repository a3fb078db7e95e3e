"""People's rights over their data: download it, ask to be erased, the retention sweep, the
privacy page.

This feature stands above administration, insights and reach: a person's data is kept by every
feature (their ideas, follows, notification preferences, deliveries), so downloading or erasing
it reads and changes every one of them; nothing below it knows it exists.
"""

from __future__ import annotations

import click
from flask import Flask, current_app

from ideashub.core import clock, events, queue
from ideashub.core.i18n import _, _l
from ideashub.core.templating import add_account_page
from ideashub.core.words import plural
from ideashub.extensions import db
from ideashub.privacy import models, services, views  # noqa: F401 (models register on import)

# The audit log's words for this feature's actions (core.events keeps every feature's wording).
events.RECORDED_ONLY.update({
    "privacy.erasure_requested": "asked to be erased",
    "privacy.erasure_approved": "approved the erasure of {subject}",
    "privacy.erasure_refused": "refused the erasure of {subject}",
    "privacy.retention_erased": "anonymised {subject}: the account was deactivated for longer than the hub keeps accounts",
})


def retention_sweep(now) -> None:
    """The worker's minute sweep: anonymise accounts deactivated for longer than RETENTION_DAYS."""
    days = current_app.config.get("RETENTION_DAYS")
    if not days:
        return
    if services.sweep_retention(now, days):
        db.session.commit()
    else:
        db.session.rollback()


@click.command("retention")
@click.option("--dry-run", is_flag=True, help="List the accounts that are due, and change nothing.")
def retention_command(dry_run):
    """Anonymise accounts deactivated for longer than RETENTION_DAYS (as the worker does)."""
    days = current_app.config.get("RETENTION_DAYS")
    if not days:
        click.echo(_("RETENTION_DAYS is not set: accounts are kept until an admin erases them."))
        return
    due = services.sweep_retention(clock.now(), days, dry_run=dry_run)
    ids = "".join("\n  " + _("account %(number)s", number=person.id) for person in due)
    if dry_run:
        db.session.rollback()
        click.echo(_("%(accounts)s would be anonymised (deactivated for over %(days)s).", accounts=plural(len(due), "account", "accounts"),
                     days=plural(days, "day", "days")) + ids)
        return
    db.session.commit()
    click.echo(_("%(accounts)s anonymised (deactivated for over %(days)s).", accounts=plural(len(due), "account", "accounts"),
                 days=plural(days, "day", "days")) + ids)


def init_app(app: Flask) -> None:
    """Register the pages, the account tab, the command and the sweep (the app factory calls this once)."""
    app.register_blueprint(views.bp)
    add_account_page(app, _l("Your data"), "privacy.my_data", order=80)
    app.cli.add_command(retention_command)
    queue.every_minute(retention_sweep)
