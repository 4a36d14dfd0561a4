"""Demo volunteer service records (MCA Order 67, Art. 7) and the volunteers' approved hours."""

import itertools
from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from bson import ObjectId

from models import ServiceRecord
from seeds.demo_texts import (
    ACTIVITIES,
    LATE_REASONS,
    LOCATIONS,
    RECORD_REJECT_REASONS,
    WISH_ACTIVITY,
)
from weimin.core.workdays import TZ
from weimin.volunteers.hours import cap_hours
from weimin.volunteers.records import is_late

HOST_TYPES = {"volunteer_team", "registered", "self_governance", "mass_org", "filed"}
INACTIVE = 0.15  # share of registered volunteers who served nobody in the period
DAY_HOURS = Decimal(8)  # at most this much service per volunteer and day
WISH_HOURS = (Decimal("1"), Decimal("1.5"), Decimal("2"))


class RecordBuilder:
    """Draws activities, hosts and review outcomes for volunteers' service records."""

    def __init__(self, rng, now, start, orgs, compounds, actor, cap):
        self.rng, self.now, self.compounds, self.actor, self.cap = rng, now, compounds, actor, cap
        by_street = defaultdict(list)
        for org in orgs:
            by_street[org.street.id].append(org)
        # Teams and social organisations host activities; any local organisation otherwise.
        self.hosts = {
            street_id: [o for o in local if o.org_type in HOST_TYPES] or local
            for street_id, local in by_street.items()
        }
        self.activities = [a.split("|") for a in ACTIVITIES]
        first, today = start.astimezone(TZ).date(), now.astimezone(TZ).date()
        self.days = [first + timedelta(days=n) for n in range((today - first).days)]
        # Volunteers serve more at weekends.
        self.day_weights = list(
            itertools.accumulate(1.5 if d.weekday() >= 5 else 1.0 for d in self.days)
        )
        self.day_hours = defaultdict(Decimal)  # (volunteer id, day) -> hours recorded
        self.teams = {}  # volunteer id -> teams: reading a list of references dereferences it

    def host(self, volunteer):
        teams = self.teams.get(volunteer.id)
        if teams is None:
            teams = self.teams[volunteer.id] = list(volunteer.teams)
        if teams and self.rng.random() < 0.8:
            return self.rng.choice(teams)
        return self.rng.choice(self.hosts[volunteer.street.id])

    def fits(self, volunteer, day, hours):
        """Keep a volunteer's day realistic (the model allows 24 hours; people do 8 at most)."""
        return self.day_hours[(volunteer.id, day)] + hours <= DAY_HOURS

    def record(self, volunteer, name, day, location, content, hours, demand=None):
        """One record, submitted some time after the activity and reviewed unless still fresh.

        Street and community are the model's own (ServiceRecord.place): the organising unit's.
        """
        rng, org = self.rng, self.host(volunteer)
        self.day_hours[(volunteer.id, day)] += hours
        worker = self.actor(volunteer.community, "record")
        record = ServiceRecord(
            id=ObjectId(),
            volunteer=volunteer,
            activity_name=name[:100],
            activity_date=day,
            location=location,
            content=content[:1000],
            hours=hours,
            organisation=org,
            leader=org.contact_name,
            demand=demand,
            entered_by=worker,
        )
        record.place()
        done = datetime.combine(day, time(18), TZ).astimezone(UTC)
        late = rng.random() < 0.06
        delay = (
            timedelta(days=rng.uniform(15, 30)) if late else timedelta(hours=rng.uniform(1, 144))
        )
        submitted = min(done + delay, self.now - timedelta(minutes=rng.randint(5, 600)))
        record.submitted_at = submitted.replace(microsecond=0)
        # Draw everything up front: what "now" cuts off must not shift the later records.
        late_reason, reject_reason = rng.choice(LATE_REASONS), rng.choice(RECORD_REJECT_REASONS)
        decided = (record.submitted_at + timedelta(hours=rng.uniform(2, 96))).replace(microsecond=0)
        roll = rng.random()
        if is_late(day, record.submitted_at):
            record.late, record.late_reason = True, late_reason
        if decided > self.now or roll < 0.03:
            return record
        record.decided_at, record.decided_by = decided, worker
        if roll < 0.03 + (0.15 if record.late else 0.04):
            record.status, record.reject_reason = "rejected", reject_reason
        else:
            record.status = "approved"
            record.credited_hours = cap_hours(hours, self.cap)
        return record

    def activity(self, volunteer):
        name, content, hours, _category = self.rng.choice(self.activities)
        hours = Decimal(self.rng.choice(hours.split()))
        day = self.rng.choices(self.days, cum_weights=self.day_weights)[0]
        while not self.fits(volunteer, day, hours):
            day = self.rng.choices(self.days, cum_weights=self.day_weights)[0]
        community = volunteer.community
        location = self.rng.choice(LOCATIONS).format(
            community=community.name,
            compound=self.rng.choice(self.compounds[community.id]),
            street=volunteer.street.name,
        )
        return self.record(volunteer, name, day, location, content, hours)

    def wish_service(self, demand, volunteer, at):
        """The service a volunteer gave by fulfilling a micro-wish they claimed."""
        day, hours = at.astimezone(TZ).date(), self.rng.choice(WISH_HOURS)
        if not self.fits(volunteer, day, hours):
            return None
        return self.record(
            volunteer,
            WISH_ACTIVITY.format(item=demand.item.name),
            day,
            f"{demand.community.name}居民家中",
            f"为居民完成微心愿：{demand.description}",
            hours,
            demand=demand,
        )


def build_records(rng, now, start, compounds, orgs, volunteers, wish_services, spec, actor, cap):
    """About spec["records"] records: the wishes volunteers fulfilled, then activities, skewed
    so a few volunteers serve a lot and some not at all."""
    builder = RecordBuilder(rng, now, start, orgs, compounds, actor, cap)
    records = [r for r in (builder.wish_service(*s) for s in wish_services) if r is not None]
    weights = [0 if rng.random() < INACTIVE else rng.lognormvariate(0, 1) for _ in volunteers]
    cumulative = list(itertools.accumulate(weights))
    for _ in range(max(0, spec["records"] - len(records))):
        volunteer = rng.choices(volunteers, cum_weights=cumulative)[0]
        records.append(builder.activity(volunteer))
    return records


def set_approved_hours(volunteers, records):
    """Each volunteer's approved_hours: the exact sum of their approved records' credit."""
    totals = defaultdict(Decimal)
    for record in records:
        if record.status == "approved":
            totals[record.volunteer.id] += record.credited_hours
    for volunteer in volunteers:
        volunteer.approved_hours = totals[volunteer.id]
