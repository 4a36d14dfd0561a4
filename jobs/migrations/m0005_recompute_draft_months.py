"""Recompute every draft clearance month with the code of this version.

The earlier migrations change what the monthly clearance reads (deadlines, overdue instants),
so the stored draft reports no longer match what the nightly run would compute. This runs the
clearance again for every month that has a street-month in draft, and the month just ended
(jobs.clearance.recompute_drafts, the nightly run's own code). Published street-months stay
frozen by design (RULES.md: a published report changes only after an explicit reopen), so
run_clearance leaves them as they are. Idempotent: the recompute is an upsert on each report's
natural key; a run that stops midway is simply done again.
"""

from jobs.clearance import recompute_drafts
from weimin.store.migrations import Migration


def run(progress):
    """Recompute each month that has a draft street-month, oldest first."""
    done = recompute_drafts(by="migration")
    progress.add(months=len(done["months"]))


MIGRATION = Migration("0005", "recompute draft clearance months", __doc__, run)
