"""The deadline watch as a job run: weimin.demands.watch does the work."""

from jobs.runs import street_of, tracked
from models.base import utcnow
from weimin.demands.watch import run_watch


def run_sla(street_id=None, run_id=None, now=None):
    """Run the watch once over the district (or one street); return the counts."""
    now = now or utcnow()
    with tracked("sla", None, street_id, run_id) as progress:
        counts = run_watch(now, street_of(street_id), progress)
        progress.finish(counts)
    return counts
