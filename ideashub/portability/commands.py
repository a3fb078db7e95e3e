"""``flask --app wsgi export PATH`` and ``flask --app wsgi import-all PATH``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
from flask import Flask

from ideashub.core import clock
from ideashub.core.i18n import _
from ideashub.core.words import number, plural
from ideashub.extensions import db
from ideashub.portability import export, importing


def register(app: Flask) -> None:
    """Add ``export`` and ``import-all`` to ``app``'s commands."""
    app.cli.add_command(export_command)
    app.cli.add_command(import_all_command)


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{n:,} {name}" for name, n in sorted(counts.items()) if n) or _("no rows")


@click.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--overwrite", is_flag=True, help="Replace PATH if it already exists.")
@click.option("--describe", is_flag=True, help="Write the document's description (tables, columns, what stays behind) instead.")
def export_command(path: Path, overwrite: bool, describe: bool):
    """Write everything in the hub to PATH as one JSON document (no passwords or other secrets)."""
    if describe:
        path.write_text(json.dumps(export.describe(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        click.echo(_("Described schema version %(version)s of the export in %(path)s.", version=export.schema.SCHEMA_VERSION,
                     path=path))
        return
    if path.exists() and not overwrite:
        raise click.ClickException(_("%(path)s already exists (add --overwrite to replace it).", path=path))
    partial = path.with_name(path.name + ".partial")
    try:
        counts = export.write(partial, clock.now())
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise click.ClickException(_("Could not write %(path)s: %(problem)s.", path=path, problem=error.strerror or error)) from None
    finally:
        db.session.rollback()
    size = number(path.stat().st_size)
    click.echo(_("Exported %(rows)s to %(path)s (%(size)s bytes).", rows=_summary(counts), path=path, size=size))


@click.command("import-all")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def import_all_command(path: Path):
    """Load an export made by `export` into this hub, which must be empty."""
    try:
        counts = importing.load(importing.read(path))
    except importing.ImportRefused as error:
        db.session.rollback()
        raise click.ClickException(_("Nothing was imported. %(problem)s", problem=error)) from None
    db.session.commit()
    people = counts.get("users", 0)
    click.echo(_("Imported %(rows)s.", rows=_summary(counts)))
    if people:
        click.echo(_('%(people)s came in without a password: they reset it ("%(link)s") or sign in with their '
                     "organisation.", people=plural(people, "person", "people"), link=_("Forgot your password?")))
