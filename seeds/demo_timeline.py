"""When things happen in the demo: receipt times and each path's planned steps.

A plan is a list of (time, lifecycle action) from weimin.demands.lifecycle's paths; the builder
replays it up to "now" through the product's transitions, with the product's deadline watch
running in between (escalations and overdue flags come from the watch, not from the plan).
"""

import itertools
from datetime import UTC, datetime, time, timedelta

from weimin.core.workdays import TZ, is_working_day

# Shares of demands turned down, closed late, or left unhandled (open long after).
REJECTED = {"affair": 0.04, "wish": 0.03, "project": 0.10}
LATE = {"affair": 0.08, "wish": 0.06, "project": 0.12}
STUCK = 0.012
SLA_LAG = timedelta(hours=1)  # the watch is taken to run an hour after each deadline
ANSWERED = 0.9  # closed affairs whose resident was told the result


def response_delay(rng, window):
    """Time to the first response: about nine in ten within the response time `window`."""
    if rng.random() < 0.9:
        return window * min(rng.expovariate(6), 47 / 48)  # mean a sixth of the window
    return window * rng.uniform(1, 3)


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


def _spread(rng, start, end, actions):
    offsets = sorted(rng.uniform(0.05, 0.95) for _ in actions)
    return [(start + (end - start) * f, a) for f, a in zip(offsets, actions, strict=True)]


def plan_affair(rng, rules, received, deadline, window):
    """Assign, maybe start, close (late or never for some), and mostly answer."""
    first = received + response_delay(rng, window)
    roll = rng.random()
    if roll < REJECTED["affair"]:
        return [(first, "reject")]
    end, span_end = _end(rng, roll - REJECTED["affair"], "affair", first, deadline)
    events = [(first, "assign")]
    if rng.random() < 0.85:
        events.append((first + (span_end - first) * rng.uniform(0.05, 0.5), "start"))
    if end is not None:
        events.append((end, "close"))
        if rng.random() < ANSWERED:
            events.append((end + timedelta(hours=rng.uniform(1, 48)), "answer"))
    return sorted(events)


def plan_wish(rng, rules, received, _window_end, window):
    """Claim within the wall's window (or late, or never), then fulfil, mostly in time."""
    roll = rng.random()
    if roll < REJECTED["wish"]:
        return [(received + response_delay(rng, window), "reject")]
    roll -= REJECTED["wish"]
    if roll < STUCK:
        return []  # nobody claims it: it stays on the wall
    fast = rng.random() < 0.6
    claim = received + (
        response_delay(rng, window) if fast else timedelta(days=rng.uniform(1, 9.5))
    )
    deadline = rules.fulfil_deadline(claim)
    end, _span_end = _end(rng, rng.random(), "wish", claim, deadline)
    return [(claim, "claim")] + ([(end, "fulfil")] if end else [])


def plan_project(rng, rules, received, deadline, _window):
    """Review, implement, inspect (maybe fail once), pass, release the subsidy, complete."""
    review = received + timedelta(hours=rng.uniform(20, 168))
    roll = rng.random()
    if roll < REJECTED["project"]:
        return [(review, "reject")]
    end, span_end = _end(rng, roll - REJECTED["project"], "project", review, deadline)
    steps = ["implement", "inspect"]
    steps += ["fail", "inspect"] if rng.random() < 0.15 else []
    events = [(review, "approve")] + _spread(rng, review, span_end, [*steps, "pass"])
    if end is not None:
        events += [(end - (end - events[-1][0]) / 2, "release_subsidy"), (end, "complete")]
    return events


PLANS = {"affair": plan_affair, "wish": plan_wish, "project": plan_project}


def received_times(rng, count, start, now):
    """Receipt times over the period, sorted: mostly working days and office hours, before now."""
    first, today = start.astimezone(TZ).date(), now.astimezone(TZ).date()
    days = [first + timedelta(days=n) for n in range((today - first).days + 1)]
    midnight = datetime.combine(today, time(), TZ)
    elapsed = (now - midnight).total_seconds() / 86400  # today counts only for its past part
    weights = [(1.0 if is_working_day(d) else 0.25) * (elapsed if d == today else 1) for d in days]
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
