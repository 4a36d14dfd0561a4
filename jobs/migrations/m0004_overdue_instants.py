"""Record when each demand first became overdue (overdue_at).

Records stored before this version kept only the `overdue` flag and the deadline now in force.
weimin.demands.overdue_history replays each flagged or escalated demand's timeline with its
street's deadline rules to find the first deadline that passed while it was open (RULES.md,
"late is a fact about a moment"); where the replay finds none, the deadline in force is taken
and the count is logged. Resumable: a demand that has its instant no longer matches.
"""

from weimin.demands.overdue_history import backfill_overdue_at
from weimin.store.migrations import Migration


def run(progress):
    """Set overdue_at on the demands stored before it was kept."""
    backfill_overdue_at(lambda scanned, changed: progress.add(scanned=scanned, changed=changed))


MIGRATION = Migration("0004", "overdue instants", __doc__, run)
