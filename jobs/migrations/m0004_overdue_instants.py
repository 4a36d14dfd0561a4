"""Record when each demand first became overdue (overdue_at).

A slot: the body lives in weimin.demands.timeliness.backfill_overdue_at, which knows when a
deadline in force passed while the demand was open (RULES.md, "Late is a fact about a moment").
"""

from weimin.store.migrations import Migration


def run(progress):
    """Set overdue_at on the demands stored before it was kept."""
    from weimin.demands.timeliness import backfill_overdue_at

    backfill_overdue_at(progress)


MIGRATION = Migration("0004", "overdue instants", __doc__, run)
