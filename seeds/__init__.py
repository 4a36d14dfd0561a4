"""Seeding: reference data always, demo data on request or on the embedded store."""

import logging

import click

from weimin.config import embedded

log = logging.getLogger(__name__)


def seed_all(demo=False, size="full"):
    """Pending migrations, reference data, then (optionally) the demo data; safe to run twice."""
    from jobs.migrations import migrate_pending
    from seeds.reference import seed_reference

    migrate_pending()  # seeds are written in the current shape: bring older data to it first

    summary = seed_reference()
    if demo:
        from seeds.demo import generate_demo

        summary.update(generate_demo(size=size))
    return summary


def print_demo_logins():
    """Print one demo sign-in per role to the terminal that started the server."""
    from seeds.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

    lines = [f"演示账号 / demo sign-ins — password for all: {DEMO_PASSWORD}"]
    lines += [f"  {role:<17} {username:<11} {name}" for username, name, role, _ in DEMO_ACCOUNTS]
    click.echo("\n".join(lines), err=True)


def init_seeds(app):
    """Register `flask seed`; fill the embedded store with demo data when it starts."""

    @app.cli.command("seed")
    @click.option("--demo", is_flag=True, help="Also create the demo data set.")
    @click.option("--size", type=click.Choice(["full", "small"]), default="full")
    def seed_command(demo, size):
        """Create catalogue templates and default rule sets (and demo data); idempotent."""
        summary = seed_all(demo=demo, size=size)
        for key, value in summary.items():
            click.echo(f"{key}: {value}")

    if embedded(app.config) and app.config.get("DEMO_SEED") and not app.testing:
        log.info("seeding the embedded demo store (%s)…", app.config["DEMO_SEED_SIZE"])
        seed_all(demo=True, size=app.config["DEMO_SEED_SIZE"])
        app.extensions["demo_seeded"] = True
        print_demo_logins()
