"""The data migrations in order, `flask migrate`, and the run at start-up."""

import logging

from jobs.migrations import (
    m0001_half_open_deadlines,
    m0002_acceptance_instants,
    m0003_catalogue_response_hours,
    m0004_overdue_instants,
    m0005_recompute_draft_months,
    m0006_phone_tails,
    m0007_call_milestones,
)
from weimin.store.migration_lock import LockBusy
from weimin.store.migrations import describe, run_pending

log = logging.getLogger(__name__)

# Append new migrations with the next number; a number once released never changes.
MIGRATIONS = (
    m0001_half_open_deadlines.MIGRATION,
    m0002_acceptance_instants.MIGRATION,
    m0003_catalogue_response_hours.MIGRATION,
    m0004_overdue_instants.MIGRATION,
    m0005_recompute_draft_months.MIGRATION,
    m0006_phone_tails.MIGRATION,
    m0007_call_milestones.MIGRATION,
)


def migrate_pending():
    """Run the pending migrations and log what each did; a busy lock is logged, not raised.

    A failure is logged by the runner, with its traceback; the app starts all the same, so
    that `flask migrate --status` and the other commands still work while it is fixed.
    """
    try:
        outcomes = run_pending(MIGRATIONS)
    except LockBusy as exc:
        log.warning("migrations not run: %s", exc)
        return None
    for outcome in outcomes:
        if outcome.state in ("ran", "waiting"):
            log.info("migration %s", describe(outcome))
    return outcomes


def init_migrations(app):
    """Add `flask migrate`; run the pending migrations now when MIGRATE_ON_START says so."""
    from jobs.migrations.cli import migrate_command

    app.cli.add_command(migrate_command)
    if app.config.get("MIGRATE_ON_START"):
        with app.app_context():
            migrate_pending()
