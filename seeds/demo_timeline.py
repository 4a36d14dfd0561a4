"""When things happen in the demo: receipt times, deadlines, and each path's planned steps.

A plan is a list of (time, lifecycle action) from weimin.demands.lifecycle's paths and the time the
demand went overdue (None if it never did); the builder replays it up to "now".
"""

import itertools
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache

from weimin.core.workdays import TZ, add_working_days, is_working_day
from weimin.demands.deadlines import ESCALATION, next_level

# Shares of demands turned down, closed late, or left unhandled (open long after).
REJECTED = {"affair": 0.04, "wish": 0.03, "project": 0.10}
LATE = {"affair": 0.08, "wish": 0.06, "project": 0.12}
STUCK = 0.012
SLA_LAG = timedelta(hours=1)  # the SLA job runs hourly, so it flags an hour after the deadline
ANSWERED = 0.9  # closed affairs whose resident was told the result


@lru_cache(maxsize=1024)
def _working_day(day):
    return is_working_day(day)


@lru_cache(maxsize=8192)
def _working_deadline(day, days):
    return add_working_days(datetime.combine(day, time(12), TZ), days)


class Clock:
    """Deadline arithmetic on the rule set read once (the product reads it on every call)."""

    def __init__(self, levels, wish):
        self.levels, self.wish = levels, wish

    @staticmethod
    def working(start, days):
        """add_working_days, cached: its result depends on the local day of `start` only."""
        return _working_deadline(start.astimezone(TZ).date(), days)

    def level_deadline(self, start, level, own_days=None):
        return self.working(start, own_days or self.levels[level]["deadline_days"])

    def fulfil_deadline(self, claimed):
        return self.working(claimed, self.wish["fulfil_working_days"])


def response_delay(rng):
    """Time to the first response: about nine in ten within the 24 hours."""
    if rng.random() < 0.9:
        return timedelta(hours=min(rng.expovariate(1 / 4), 23.5))
    return timedelta(hours=rng.uniform(24, 72))


def _end(rng, roll, kind, start, deadline):
    """When the work is done (None: not at all) and the span its steps spread over."""
    window = max(deadline - start, timedelta(hours=2))
    if roll < STUCK:
        return None, start + window
    if roll < STUCK + LATE[kind]:
        end = deadline + timedelta(hours=rng.uniform(6, 288))
    else:
        end = start + window * rng.uniform(0.15, 0.95)
    return end, end


def _overdue(end, deadline):
    return deadline + SLA_LAG if end is None or end > deadline + SLA_LAG else None


def _spread(rng, start, end, actions):
    offsets = sorted(rng.uniform(0.05, 0.95) for _ in actions)
    return [(start + (end - start) * f, a) for f, a in zip(offsets, actions, strict=True)]


def plan_affair(rng, clock, received, deadline, level):
    """Assign, maybe start, escalate at each missed deadline, close, and mostly answer."""
    first = received + response_delay(rng)
    roll = rng.random()
    if roll < REJECTED["affair"]:
        return [(first, "reject")], None
    end, span_end = _end(rng, roll - REJECTED["affair"], "affair", first, deadline)
    events = [(first, "assign")]
    if rng.random() < 0.85:
        events.append((first + (span_end - first) * rng.uniform(0.05, 0.5), "start"))
    # As jobs/sla.py does: each missed deadline escalates one level (up to 联席) and restarts
    # the clock at the new level's deadline.
    due = deadline
    while level != ESCALATION[-1] and (end is None or end > due + SLA_LAG):
        events.append((due + SLA_LAG, "escalate"))
        level = next_level(level)
        due = clock.level_deadline(due + SLA_LAG, level)
    if end is not None:
        events.append((end, "close"))
        if rng.random() < ANSWERED:
            events.append((end + timedelta(hours=rng.uniform(1, 48)), "answer"))
    return sorted(events), _overdue(end, deadline)


def plan_wish(rng, clock, received, window_end, _level):
    """Claim within the wall's window (or never), then fulfil by the fulfilment deadline."""
    roll = rng.random()
    if roll < REJECTED["wish"]:
        return [(received + response_delay(rng), "reject")], None
    roll -= REJECTED["wish"]
    if roll < STUCK:
        return [], window_end + SLA_LAG  # nobody claimed it: still on the wall
    fast = rng.random() < 0.6
    claim = received + (response_delay(rng) if fast else timedelta(days=rng.uniform(1, 9.5)))
    deadline = clock.fulfil_deadline(claim)
    end, _span_end = _end(rng, rng.random(), "wish", claim, deadline)
    events = [(claim, "claim")] + ([(end, "fulfil")] if end else [])
    late_claim = claim > window_end + SLA_LAG
    return events, window_end + SLA_LAG if late_claim else _overdue(end, deadline)


def plan_project(rng, clock, received, deadline, _level):
    """Review, implement, inspect (maybe fail once), pass, release the subsidy, complete."""
    review = received + timedelta(hours=rng.uniform(20, 168))
    roll = rng.random()
    if roll < REJECTED["project"]:
        return [(review, "reject")], None
    end, span_end = _end(rng, roll - REJECTED["project"], "project", review, deadline)
    steps = ["implement", "inspect"]
    steps += ["fail", "inspect"] if rng.random() < 0.15 else []
    events = [(review, "approve")] + _spread(rng, review, span_end, [*steps, "pass"])
    if end is not None:
        events += [(end - (end - events[-1][0]) / 2, "release_subsidy"), (end, "complete")]
    return events, _overdue(end, deadline)


PLANS = {"affair": plan_affair, "wish": plan_wish, "project": plan_project}


def received_times(rng, count, start, now):
    """Receipt times over the period, sorted: mostly working days and office hours, before now."""
    first, today = start.astimezone(TZ).date(), now.astimezone(TZ).date()
    days = [first + timedelta(days=n) for n in range((today - first).days + 1)]
    midnight = datetime.combine(today, time(), TZ)
    elapsed = (now - midnight).total_seconds() / 86400  # today counts only for its past part
    weights = [(1.0 if _working_day(d) else 0.25) * (elapsed if d == today else 1) for d in days]
    cumulative = list(itertools.accumulate(weights))
    times = []
    for _ in range(count):
        day = rng.choices(days, cum_weights=cumulative)[0]
        if rng.random() < 0.85:
            seconds = rng.randint(8 * 3600 + 1800, 17 * 3600 + 1800)
        else:
            seconds = rng.randint(7 * 3600, 22 * 3600)
        at = datetime.combine(day, time(), TZ) + timedelta(seconds=seconds)
        if at >= now:  # later today: move it into the part of today that is past
            at = midnight + (now - midnight) * (seconds / 86400)
        times.append(at.astimezone(UTC).replace(microsecond=0))
    return sorted(times)
