"""Command-line tasks: ``flask --app wsgi <command>``.

One function per group of commands (accounts, demo and volume data, the
digest, backups), each registering its commands on the app.
"""

from __future__ import annotations

import time
from pathlib import Path

import click
from flask import Flask

from ideashub import backup, demo
from ideashub.core import clock, outbox, queue
from ideashub.core.errors import ServiceError
from ideashub.core.i18n import _
from ideashub.core.words import number, plural
from ideashub.demo import volume
from ideashub.extensions import db
from ideashub.imports.commands import import_trello_command
from ideashub.insights import digest
from ideashub.people import scim, sso
from ideashub.people import services as people
from ideashub.people.models import Role
from ideashub.portability import commands as portability_commands

VOLUME_PASSWORD = "volume-password-2026"  # noqa: S105 - benchmark accounts, printed on purpose


def register_cli(app: Flask) -> None:
    """Add every ``flask`` command of the hub to ``app``."""
    _register_account_commands(app)
    _register_demo_commands(app)
    _register_digest_command(app)
    _register_backup_commands(app)
    _register_worker_command(app)
    _register_sso_commands(app)
    portability_commands.register(app)  # export, import-all
    app.cli.add_command(import_trello_command)


def _register_sso_commands(app: Flask) -> None:
    """``sso set|show|scim-token``: an organisation's own sign-in (OpenID Connect) and its SCIM token."""
    app.cli.add_command(sso_group)


@click.group("sso")
def sso_group():
    """Sign-in with an organisation's own accounts, and SCIM provisioning."""


def _sso_fail(error: ServiceError):
    db.session.rollback()
    details = "; ".join(f"{k}: {v}" for k, v in error.fields.items() if v != error.message)
    raise click.ClickException(error.message + (f" ({details})" if details else ""))


@sso_group.command("set")
@click.argument("organisation")
@click.option("--issuer", required=True, help="The provider's issuer (https://, or http:// on loopback).")
@click.option("--client-id", required=True, help="The client id the provider gave the hub.")
@click.option("--client-secret-env", required=True,
              help="The NAME of the environment variable holding the client secret (never the secret).")
@click.option("--scopes", default=None, help="Default: openid email profile.")
@click.option("--team-claim", default=None, help="The claim naming the person's team.")
@click.option("--role-claim", default=None, help="The claim listing the person's groups (default: groups).")
@click.option("--role-map", multiple=True, metavar="GROUP=ROLE", help="A group that gives moderator or executive (repeatable).")
@click.option("--team-map", multiple=True, metavar="VALUE=TEAM", help="A team claim value to a team's name (repeatable).")
@click.option("--not-authoritative", is_flag=True,
              help="The provider does not vouch for every address of the organisation's domains.")
@click.option("--password-sign-in/--no-password-sign-in", default=True, show_default=True,
              help="Whether the organisation's people may also sign in with a password.")
def sso_set(organisation, issuer, client_id, client_secret_env, scopes, team_claim, role_claim, role_map,
            team_map, not_authoritative, password_sign_in):
    """Set ORGANISATION's (name or id) OpenID Connect provider."""
    try:
        org = sso.find_organisation(organisation)
        settings = sso.ProviderSettings(
            issuer=issuer, client_id=client_id, client_secret_env=client_secret_env, scopes=scopes or "",
            team_claim=team_claim, role_claim=role_claim, role_map=sso.parse_role_map(role_map),
            team_map=sso.parse_team_map(team_map, org), authoritative=not not_authoritative,
            password_sign_in=password_sign_in)
        provider = sso.configure(None, org, settings, clock.now())
    except ServiceError as error:
        _sso_fail(error)
    db.session.commit()
    click.echo(_("%(organisation)s signs in through %(issuer)s; redirect URI %(uri)s.",
                 organisation=org.name, issuer=provider.issuer, uri=sso.redirect_uri()))
    if not sso.secret_is_set(provider):
        click.echo(_("Set %(variable)s in the hub's environment: sign-in needs it.", variable=provider.client_secret_env))


@sso_group.command("show")
@click.argument("organisation")
def sso_show(organisation):
    """Show ORGANISATION's sign-in settings (never the secret)."""
    try:
        org = sso.find_organisation(organisation)
    except ServiceError as error:
        _sso_fail(error)
    provider = sso.provider_of(org.id)
    if provider is None:
        click.echo(_("%(organisation)s signs in with passwords (no identity provider).", organisation=org.name))
    else:
        secret = "set" if sso.secret_is_set(provider) else "NOT SET"
        click.echo("\n".join([
            f"Organisation: {org.name} (id {org.id})",
            f"Issuer: {provider.issuer}",
            f"Client id: {provider.client_id}",
            f"Client secret: from {provider.client_secret_env} ({secret} in this environment)",
            f"Scopes: {provider.scopes}",
            f"Redirect URI: {sso.redirect_uri()}",
            f"Claims: email={provider.email_claim} name={provider.name_claim} "
            f"email_verified={provider.verified_claim} groups={provider.role_claim} team={provider.team_claim or '-'}",
            "Role map: " + (", ".join(f"{g}={r}" for g, r in provider.role_map.items()) or "-"),
            "Team map: " + (", ".join(f"{v}={t}" for v, t in provider.team_map.items()) or "-"),
            f"Authoritative for its domains: {'yes' if provider.authoritative else 'no'}",
            f"Password sign-in: {'on' if provider.password_sign_in else 'off'}",
        ]))
    token = scim.token_of(org.id)
    if token:
        click.echo(_("SCIM token: made %(when)s", when=token.created_at))
    else:
        click.echo(_("SCIM token: none"))


@sso_group.command("scim-token")
@click.argument("organisation")
def sso_scim_token(organisation):
    """Print a new SCIM token for ORGANISATION (the previous one stops working)."""
    try:
        org = sso.find_organisation(organisation)
        raw = scim.issue_token(None, org, clock.now())
    except ServiceError as error:
        _sso_fail(error)
    db.session.commit()
    click.echo(raw)


def _register_worker_command(app: Flask) -> None:
    """``worker``: the background worker that delivers email and webhooks (``core.queue``)."""

    @app.cli.command("worker")
    @click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 32),
                  help="How many deliveries run at once in this process.")
    def worker(threads):
        """Deliver what the hub owes (email, webhooks) and run the digests, until stopped."""
        where = "Redis" if app.config.get("REDIS_URL") else app.config["QUEUE_FILE"]
        click.echo(_("Worker started (%(threads)s, queue: %(queue)s). Stop with Ctrl+C.",
                     threads=plural(threads, "thread", "threads"), queue=where))
        queue.run_worker(app, threads)

    @app.cli.command("deliver")
    def deliver():
        """Fan out and send everything due now, once, and say what happened (no worker needed)."""
        result = outbox.pump(clock.now())
        click.echo(_("Fanned out %(events)s; sent %(sent)s, will retry %(retrying)s, failed %(failed)s, not sent %(cancelled)s.",
                     events=plural(result.events, "event", "events"), sent=result.sent, retrying=result.retrying,
                     failed=result.failed, cancelled=result.cancelled))


def _register_account_commands(app: Flask) -> None:
    """``create-user``: an account with any role, made through the people service."""

    @app.cli.command("create-user")
    @click.argument("email")
    @click.option("--name", required=True, help="The person's name as others will see it.")
    @click.option("--team", "team", default=None, help="A team's name or id (not needed for an admin).")
    @click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
    @click.option("--password", required=True, help="At least 12 characters.")
    def create_user(email, name, team, role, password):
        """Create an account with any role."""
        try:
            team_id = people.get_team(team).id if team else None
            user = people.create_user(
                None,
                people.NewAccount(email=email, name=name, password=password, team_id=team_id, role=role),
                clock.now(),
            )
        except ServiceError as error:
            db.session.rollback()
            details = "; ".join(f"{k}: {v}" for k, v in error.fields.items() if v != error.message)
            raise click.ClickException(error.message + (f" ({details})" if details else "")) from None
        db.session.commit()
        click.echo(_("Created %(role)s %(email)s (id %(id)s).", role=user.role, email=user.email, id=user.id))


def _register_demo_commands(app: Flask) -> None:
    """``seed-demo`` (the demo organisation) and ``seed-volume`` (benchmark data)."""

    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True, help="Do nothing if the hub already has people in it.")
    def seed_demo(if_empty):
        """Load the demo organisation (and print its logins)."""
        if demo.has_people():
            if not if_empty:
                raise click.ClickException(_("The hub already has people in it; the demo loads only into an empty hub."))
            click.echo(_("The hub already has data; the demo was not loaded again."))
        else:
            counts = demo.load(clock.now())
            db.session.commit()
            click.echo(_("Loaded the demo organisation: %(counts)s.", counts=", ".join(f"{n} {k}" for k, n in counts.items())))
        demo.print_logins(click.echo)

    @app.cli.command("seed-volume")
    @click.option("--users", default=5_000, show_default=True, type=click.IntRange(10, 1_000_000))
    @click.option("--ideas", default=100_000, show_default=True, type=click.IntRange(1, 10_000_000))
    @click.option("--supports", default=1_000_000, show_default=True, type=click.IntRange(0, 100_000_000),
                  help="About this many supports in all (spread with a long tail).")
    @click.option("--responses", default=300_000, show_default=True, type=click.IntRange(0, 100_000_000),
                  help="About this many responses in all.")
    @click.option("--challenges", default=0, show_default=True, type=click.IntRange(0, 1_000))
    @click.option("--seed", "seed_value", default=2026, show_default=True, help="Random seed: the same data each time.")
    def seed_volume(users, ideas, supports, responses, challenges, seed_value):
        """Fill the hub with volume data for benchmarks (bulk inserts; every count consistent)."""
        started = time.monotonic()
        counts = volume.seed(users, ideas, supports, responses, challenges, clock.now(),
                             people.hash_password(VOLUME_PASSWORD), seed_value,
                             progress=lambda message: click.echo(f"  {message} ({time.monotonic() - started:.0f} s)"))
        db.session.commit()
        volume.vacuum()
        click.echo(_("Seeded %(counts)s in %(seconds)s s. Every volume person's password is %(password)s.",
                     counts=", ".join(number(n) + " " + k for k, n in counts.as_dict().items()),
                     seconds=round(time.monotonic() - started, 1), password=repr(VOLUME_PASSWORD)))


def _register_digest_command(app: Flask) -> None:
    """``send-digest``: the weekly executive digest, mailed or written to the outbox."""

    @app.cli.command("send-digest")
    @click.option("--days", default=7, show_default=True, type=click.IntRange(1, 92),
                  help="How many days the digest looks back.")
    @click.option("--to", "extra", multiple=True, help="Also send to this address (repeatable).")
    def send_digest(days, extra):
        """Mail the weekly executive digest to every active executive.

        It goes through the outbox like every email: sent now when the mail server
        answers, otherwise tried again by the worker (never lost). Without MAIL_SERVER
        it is written to MAIL_OUTBOX.
        """
        now = clock.now()
        _digest, to = digest.send_digest(now, days, tuple(extra))
        if not to:
            raise click.ClickException(_("No active executive to send the digest to (add one, or pass --to)."))
        db.session.commit()
        result = outbox.deliver_due(now)
        if not app.config["MAIL_SERVER"]:
            click.echo(_("Wrote the digest for %(recipients)s to %(outbox)s (no MAIL_SERVER set).",
                         recipients=plural(len(to), "recipient", "recipients"), outbox=app.config["MAIL_OUTBOX"]))
        elif result.retrying or result.failed:
            errors = {outcome.error for _item, outcome in result.outcomes if not outcome.ok}
            click.echo(_("The mail server did not take the digest (%(errors)s); the worker will try again for %(recipients)s.",
                         errors="; ".join(sorted(e for e in errors if e)),
                         recipients=plural(len(to), "recipient", "recipients")))
        else:
            click.echo(_("Sent the digest to %(recipients)s through %(server)s.",
                         recipients=plural(len(to), "recipient", "recipients"), server=app.config["MAIL_SERVER"]))


def _register_backup_commands(app: Flask) -> None:
    """``backup`` and ``restore`` of the whole database."""

    @app.cli.command("backup")
    @click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--overwrite", is_flag=True, help="Replace PATH if it already exists.")
    def backup_command(path, overwrite):
        """Copy the database to PATH while the hub keeps running."""
        try:
            outcome = backup.backup(db.engine.url, path, overwrite=overwrite)
        except backup.BackupError as error:
            raise click.ClickException(str(error)) from None
        click.echo(_("Backed up %(database)s to %(path)s (%(size)s bytes).",
                     database=outcome.database, path=outcome.path, size=outcome.size))

    @app.cli.command("restore")
    @click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
    def restore_command(path):
        """Load the backup at PATH into this hub's database, which must be empty."""
        url = db.engine.url
        db.session.remove()
        db.engine.dispose()  # hold no connection to the database being restored into
        try:
            outcome = backup.restore(url, path)
        except backup.BackupError as error:
            raise click.ClickException(str(error)) from None
        click.echo(_("Restored %(path)s into %(database)s.", path=outcome.path, database=outcome.database))
