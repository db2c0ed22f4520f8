"""``flask --app wsgi crm ...``: set-up and data commands."""

import secrets
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from .codes import Locale, Role
from .errors import Invalid


@click.group()
def crm():
    """Investment-promotion CRM commands."""


@crm.command()
@with_appcontext
def init():
    """Make the instance folder and its secret key (once)."""
    instance = Path(current_app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
        click.echo(f"Wrote a new secret key to {key_file}")


@crm.command()
@with_appcontext
def seed():
    """Insert the reference data (zones, named parks, the plan's measures); safe to run
    again."""
    from .extensions import db
    from .supervision.services import seed_measures
    from .zones.services import seed_zones

    added = seed_zones()
    added += seed_measures()
    # fresh planner statistics, so SQLite picks the list indexes well (PostgreSQL keeps its own)
    if db.engine.dialect.name == "sqlite":
        with db.engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA analysis_limit = 1000")
            connection.exec_driver_sql("ANALYZE")
    click.echo(f"Reference data: {added} records added.")


@crm.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(Role.codes()), required=True)
@click.option("--zone", "zones", multiple=True, help="A zone code; repeat for several.")
@click.option("--locale", type=click.Choice(Locale.codes()), default=None)
@click.option("--password", default=None, help="Prompted for when absent.")
@click.option("--name", "display_name", default="")
@with_appcontext
def create_user(username, role, zones, locale, password, display_name):
    """Create a user."""
    from .auth.services import create_user as create

    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create(username, password, role, zones=list(zones), locale=locale,
                      display_name=display_name)
    except Invalid as exc:
        for field, messages in exc.fields.items():
            for message in messages:
                click.echo(f"{field}: {message}", err=True)
        raise SystemExit(1) from exc
    click.echo(f"Created {user.role} {user.username}.")


@crm.command()
@click.option("--if-empty", is_flag=True, help="Only when the database has no projects yet.")
@click.option("--remove", is_flag=True,
              help="Remove the demo accounts, whose passwords are published.")
@with_appcontext
def demo(if_empty, remove):
    """Load the demo data set (users, companies, projects with histories); warn while demo
    accounts with published passwords exist."""
    from . import demo_accounts
    from .demo import load_demo
    from .extensions import db
    from .projects.models import Project
    from .zones.services import seed_zones

    if remove:
        for line in demo_accounts.remove():
            click.echo(line)
        return
    seed_zones()
    if if_empty and db.session.scalar(sa.select(sa.func.count()).select_from(Project)):
        click.echo("The database has projects already: no demo data loaded.")
    else:
        click.echo(load_demo())
    warning = demo_accounts.warning(demo_accounts.published())
    if warning:
        click.echo(warning)


@crm.command("purge-sign-ins")
@with_appcontext
def purge_sign_ins():
    """Remove the sign-ins older than CRM_SIGN_IN_DAYS (365) from the audit trail."""
    from .audit.sign_ins import kept_days, purge

    click.echo(f"Sign-ins older than {kept_days()} days removed: {purge()}.")


@crm.command("bench-data")
@click.option("--projects", type=click.IntRange(1, 10_000_000), required=True)
@click.option("--meetings-per-project", type=click.IntRange(0, 1000), default=10,
              show_default=True)
@click.option("--seed", type=int, default=15, show_default=True)
@with_appcontext
def bench_data(projects, meetings_per_project, seed):
    """Fill an empty, migrated and seeded database with a synthetic data set (issue 15)."""
    import time

    from .bench_data import PASSWORD, generate

    started = time.perf_counter()
    try:
        counts = generate(projects, meetings_per_project, seed)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    seconds = time.perf_counter() - started
    for table, count in sorted(counts.items()):
        click.echo(f"{table:>22}: {count:,}")
    click.echo(f"Generated in {seconds:.1f} s. Sign in as bench-admin or bench-manager "
               f"(officers: bench-<zone>-1 … 4), password {PASSWORD}")


@crm.command()
@click.option("--rebuild", is_flag=True, help="Replace the kept counts with a recount.")
@with_appcontext
def counts(rebuild):
    """Compare the kept counts of live records per zone with a recount (exit 1 on a
    difference); --rebuild replaces them with the recount."""
    from . import counts as kept

    if rebuild:
        kept.rebuild()
    differences = kept.check()
    for (table, zone), (have, real) in sorted(differences.items()):
        click.echo(f"{table} {zone or '-'}: kept {have}, counted {real}")
    if differences:
        raise SystemExit(1)
    click.echo("The kept counts agree with a recount.")


@crm.command()
@click.option("--check", "action", flag_value="check", default=True,
              help="Compare every rollup with a recount; exit 1 on a difference (default).")
@click.option("--rebuild", "action", flag_value="rebuild",
              help="Put the triggers back and recount every rollup.")
@with_appcontext
def rollups(action):
    """The reports' rollups (crm.reports.rollups): check them against a recount, or rebuild."""
    from .extensions import db
    from .reports import rollups as kept

    with db.engine.begin() as connection:
        if action == "rebuild":
            kept.install(connection)
            kept.rebuild(connection)
            click.echo("Rollups rebuilt.")
            return
        differences = kept.check(connection)
    for line in differences[:50]:
        click.echo(line, err=True)
    if differences:
        click.echo(f"{len(differences)} differences.", err=True)
        raise SystemExit(1)
    click.echo("Rollups agree with a recount.")


@crm.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup(path):
    """Write a consistent copy of the whole database to PATH (a new file) while the app runs:
    SQLite's online backup, or pg_dump's custom format for PostgreSQL."""
    from .backup import BackupError
    from .backup import backup as write

    try:
        click.echo(write(path))
    except BackupError as exc:
        raise click.ClickException(f"No backup written. {exc}") from exc


@crm.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@with_appcontext
def restore(path, yes):
    """Replace the whole database with the backup at PATH (made by ``crm backup``)."""
    from .backup import BackupError
    from .backup import restore as bring_back

    if not yes:
        click.confirm(f"Replace everything in the database with {path}?", abort=True)
    try:
        click.echo(bring_back(path))
    except BackupError as exc:
        raise click.ClickException(f"Nothing restored. {exc}") from exc


@crm.command()
@with_appcontext
def remind():
    """Each active user's today page by e-mail (CRM_SMTP_URL), or printed when it is unset:
    run it daily from cron."""
    import smtplib

    from .today.remind import run

    try:
        tally = run(click.echo, lambda text: click.echo(text, err=True))
    except (ValueError, OSError, smtplib.SMTPException) as error:  # the address, the server
        raise click.ClickException(f"No reminders sent past this point: {error}") from error
    click.echo(f"Reminders: {tally['sent']} sent, {tally['printed']} printed, "
               f"{tally['empty']} with nothing to see to, {tally['no_address']} without an "
               "e-mail address.", err=True)
