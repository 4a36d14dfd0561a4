"""Seeding: reference data always, demo data on request or on the embedded store."""

import logging

import click
from flask import jsonify

log = logging.getLogger(__name__)


def seed_all(demo=False, size="full", progress=None):
    """Pending migrations, reference data, then (optionally) the demo data and its reports;
    safe to run twice. `progress(share)` hears how far it got (0 to 1)."""
    from jobs.migrations import migrate_pending
    from seeds.reference import seed_reference

    progress = progress or (lambda share: None)
    migrate_pending()  # seeds are written in the current shape: bring older data to it first

    summary = seed_reference()
    if demo:
        from seeds.demo import generate_demo
        from seeds.demo_reports import compute_reports

        created = generate_demo(size=size, progress=lambda share: progress(0.02 + 0.7 * share))
        summary.update(created)
        if created["districts"]:  # the demo is new: give it the reports a year of use leaves
            summary.update(compute_reports(progress=lambda share: progress(0.72 + 0.28 * share)))
    progress(1.0)
    return summary


def print_demo_logins():
    """Print one demo sign-in per role to the terminal that started the server."""
    from seeds.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, ORG_ACCOUNT

    lines = [f"演示账号 / demo sign-ins — password for all: {DEMO_PASSWORD}"]
    lines += [f"  {role:<17} {username:<11} {name}" for username, name, role, _ in DEMO_ACCOUNTS]
    lines.append(f"  {'organisation':<17} {ORG_ACCOUNT[0]:<11} {ORG_ACCOUNT[1]}（/org/）")
    lines += resident_page_lines()
    click.echo("\n".join(lines), err=True)


def resident_page_lines():
    """The banner's line naming one community's resident page (every community has one)."""
    from models import Community

    first = Community.objects.order_by("code").only("code", "name").first()
    if first is None:
        return []
    return [f"居民自助页 / resident page ({first.name}): /r/{first.code} on this server"]


def init_seeds(app):
    """Register `flask seed` (the embedded demo is filled by seeds.loading.start_demo)."""

    from seeds.loading import progress_of

    @app.context_processor
    def demo_loading():
        return {"demo_loading": lambda: progress_of(app)}

    @app.get("/demo/status", endpoint="demo_status")
    def demo_status():
        """How far the demo loading got (public: the sign-in page shows it too)."""
        state = progress_of(app)
        return jsonify(state.as_dict() if state else {"percent": 100, "ready": True})

    @app.cli.command("seed")
    @click.option("--demo", is_flag=True, help="Also create the demo data set.")
    @click.option("--size", type=click.Choice(["full", "small"]), default="full")
    def seed_command(demo, size):
        """Create catalogue templates and default rule sets (and demo data); idempotent."""
        summary = seed_all(demo=demo, size=size)
        for key, value in summary.items():
            click.echo(f"{key}: {value}")
