"""`flask migrate [--status [NUMBER]]`: run the pending data migrations, or list their state."""

import click
from flask.cli import with_appcontext

from jobs.migrations import MIGRATIONS
from weimin.core.timefmt import local_time
from weimin.store.migration_lock import LockBusy
from weimin.store.migrations import WAIT_SECONDS, counts_text, describe, run_pending, status


def wanted_number(text):
    """The four-digit number asked for ("3" is 0003); BadParameter for anything unknown."""
    known = [m.number for m in MIGRATIONS]
    number = text.strip().zfill(4) if text.strip().isdigit() else None
    if number not in known:
        raise click.BadParameter(
            f"no migration {number or text!r}; the migrations are {', '.join(known)}",
            param_hint="--status",
        )
    return number


def print_status(only):
    """One line per migration (or only the one numbered `only`, with its docstring)."""
    for number, name, state, record in status(MIGRATIONS):
        if only and number != only:
            continue
        record = record or {}
        when = local_time(record.get("finished_at") or record.get("started_at"))
        detail = counts_text(record.get("counts")) if record else ""
        if state == "failed":
            detail = (record.get("error") or "")[:100]
        click.echo(f"{number} {name:<34} {state:<12} {when:<16} {detail}".rstrip())
        if only:
            if state == "failed":
                click.echo(f"  error: {record.get('error')}")
            migration = next(m for m in MIGRATIONS if m.number == number)
            click.echo("\n" + migration.doc.strip())


@click.command("migrate")
@click.option(
    "--status",
    "status_of",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[NUMBER]",
    help="List the migrations and their state (with NUMBER: that one, and what it does).",
)
@click.option(
    "--wait",
    "wait_seconds",
    type=click.IntRange(min=0),
    default=WAIT_SECONDS,
    show_default=True,
    help="Seconds to wait while another process is migrating.",
)
@with_appcontext  # migrations may read the app's settings (0007: the default language)
def migrate_command(status_of, wait_seconds):
    """Run the pending data migrations in order, one line per migration."""
    if status_of is not None:
        print_status(wanted_number(status_of) if status_of else None)
        return
    try:
        outcomes = run_pending(MIGRATIONS, wait_seconds=wait_seconds)
    except LockBusy as exc:
        raise click.ClickException(str(exc)) from None
    for outcome in outcomes:
        click.echo(describe(outcome))
    if any(outcome.state == "failed" for outcome in outcomes):
        raise click.exceptions.Exit(1)
