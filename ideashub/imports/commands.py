"""``flask --app wsgi import-trello FILE --organisation ORG --team TEAM [--dry-run]``."""

from __future__ import annotations

from pathlib import Path

import click

from ideashub.core import clock
from ideashub.core.errors import ServiceError
from ideashub.core.i18n import _
from ideashub.extensions import db
from ideashub.imports import rules, services
from ideashub.people.sso import find_organisation


@click.command("import-trello")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--organisation", required=True, help="The organisation the board moves into (name or id).")
@click.option("--team", required=True, help="The team of imported people who are not found (name or id).")
@click.option("--archived", type=click.Choice(["park", "skip"]), default="park", show_default=True,
              help="Bring archived cards in as parked ideas, or leave them out.")
@click.option("--dry-run", is_flag=True, help="Print what the import would do and store nothing.")
def import_trello_command(file: Path, organisation: str, team: str, archived: str, dry_run: bool):
    """Import the Trello board exported (as JSON) in FILE; each list goes to the stage its name suggests."""
    try:
        if file.stat().st_size > rules.MAX_BYTES:
            raise rules.BadFile(_("The file is larger than %(limit)s MB.", limit=rules.MAX_BYTES // 1024 // 1024))
        board = rules.parse_board(rules.read_json(file.read_bytes()))
        org = find_organisation(organisation)
        options = services.TrelloOptions(org, services.find_team(org, team), services.default_stages(board), archived)
        report = services.import_trello(None, board, options, clock.now(), dry_run)
    except rules.BadFile as error:
        db.session.rollback()
        raise click.ClickException(_("%(problem)s Nothing was stored.", problem=error)) from None
    except ServiceError as error:
        db.session.rollback()
        raise click.ClickException(_("%(problem)s Nothing was stored.", problem=error.message)) from None
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    for line in report.lines():
        click.echo(line)
