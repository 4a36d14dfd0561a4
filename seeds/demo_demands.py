"""Demo demands: each one taken in, then replayed along its lifecycle path up to "now"."""

import random
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from bson import ObjectId

from models import Demand
from models.demand import Evaluation, Transition
from seeds.demo_texts import (
    COMMENTS,
    DEMAND_REJECT_REASONS,
    DESCRIPTIONS,
    FALLBACK_DESCRIPTION,
    ITEM_WEIGHTS,
    NOTES,
    PROJECT_REJECT_REASONS,
)
from seeds.demo_timeline import PLANS
from weimin.core.workdays import TZ
from weimin.demands.deadlines import next_level
from weimin.demands.lifecycle import CLOSING, INITIAL, PATHS, RESPONDING

KIND_SHARE = {"affair": 70, "wish": 22, "project": 8}
CHANNEL_SHARE = {
    "affair": {"window": 30, "hotline": 20, "wechat": 20, "grid": 15, "visit": 8, "api": 5},
    "wish": {"wish_wall": 50, "wechat": 20, "visit": 20, "window": 10},
    "project": {"meeting": 60, "window": 30, "wechat": 10},
}
CLAIMING_TYPES = {"volunteer_team", "mass_org", "resident_unit", "registered", "enterprise"}
PROJECT_TYPES = {"registered", "enterprise", "volunteer_team", "filed"}
# satisfaction shares (satisfied, basically, dissatisfied): on time, and after going overdue
SATISFACTION = {False: (82, 14, 4), True: (55, 30, 15)}
RESOLVED = {"satisfied": 0.97, "basically": 0.8, "dissatisfied": 0.3}
EVALUATED = {"affair": 0.8, "wish": 0.72, "project": 0.72}  # affairs: of those answered


class DemandBuilder:
    """Builds demands in the order they were received, from shared pools of people and orgs."""

    def __init__(self, seed, people, now, clock, compounds, items, orgs, volunteers, actor):
        self.seed, self.people, self.now, self.clock = seed, people, now, clock
        self.rng = None  # the current demand's stream
        self.compounds, self.actor = compounds, actor
        self.items = defaultdict(list)
        for item in items:
            self.items[item.kind].append(item)
        self.kinds = [k for k in KIND_SHARE if self.items[k]]
        self.orgs = defaultdict(list)
        for org in orgs:
            self.orgs[org.street.id].append(org)
        self.volunteers = defaultdict(list)
        for volunteer in volunteers:
            self.volunteers[volunteer.community.id].append(volunteer)
        self.residents = defaultdict(list)
        self.sequences = defaultdict(int)
        self._fitting = {}
        self.wish_services = []  # (demand, volunteer, fulfilled at): recorded as service

    def resident(self, community, pool_size):
        """A resident of the community; residents come back, so draw from a fixed pool."""
        pool = self.residents[community.id]
        if len(pool) >= pool_size:
            return self.rng.choice(pool)
        compound = self.rng.choice(self.compounds[community.id])
        address, building = self.people.address(compound)
        name = self.people.name(self.rng.choice(("male", "female")))
        pool.append((name, self.people.mobile(), address, compound, building))
        return pool[-1]

    def pick_org(self, street, item, types):
        """An organisation of the street, of the given types, serving the item's category."""
        key = (street.id, item.id, frozenset(types))
        if key not in self._fitting:
            local = [o for o in self.orgs[street.id] if o.org_type in types]
            local = local or self.orgs[street.id]
            self._fitting[key] = [o for o in local if item.category in o.categories] or local
        return self.rng.choice(self._fitting[key])

    def ticket_no(self, street, received):
        """The format of weimin.demands.tickets; the caller stores the sequences as Counters."""
        day = received.astimezone(TZ).strftime("%Y%m%d")
        self.sequences[(street.code, day)] += 1
        return f"{street.code}-{day}-{self.sequences[(street.code, day)]:04d}"

    def build(self, number, received, community, pool_size):
        """One demand received at `received`, replayed along its planned path up to now."""
        # Each demand draws from its own stream: where "now" cuts one timeline (a date-relative
        # matter) must not change the draws of all the demands after it.
        self.rng = rng = random.Random(f"{self.seed}:demand:{number}")
        street = community.street
        kind = rng.choices(self.kinds, [KIND_SHARE[k] for k in self.kinds])[0]
        items = self.items[kind]
        item = rng.choices(items, [ITEM_WEIGHTS.get(i.code, 2) for i in items])[0]
        name, phone, address, compound, building = self.resident(community, pool_size)
        texts = DESCRIPTIONS.get(item.code) or (FALLBACK_DESCRIPTION.format(item=item.name),)
        channels = CHANNEL_SHARE[kind]
        level = item.handling_level
        if kind == "wish":
            days = item.claim_window_days or self.clock.wish["claim_window_days"]
            deadline = received + timedelta(days=days)
        else:
            deadline = self.clock.level_deadline(received, level, item.deadline_days)
        response_hours = item.response_hours or self.clock.levels[level]["response_hours"]
        demand = Demand(
            id=ObjectId(),
            ticket_no=self.ticket_no(street, received),
            kind=kind,
            item=item,
            item_version=item.version,
            category=item.category,
            street=street,
            community=community,
            resident_name=name,
            resident_phone=phone,
            resident_address=address,
            channel=rng.choices(list(channels), list(channels.values()))[0],
            description=rng.choice(texts).format(c=compound, b=building),
            status=INITIAL[kind],
            handling_level=level,
            received_at=received,
            response_due_at=received + timedelta(hours=response_hours),
            deadline_at=deadline,
            assigned_org=self.pick_org(street, item, PROJECT_TYPES) if kind == "project" else None,
        )
        # Intake notes the channel, as weimin.demands.intake does.
        intake = dict(action="intake", to_status=demand.status, note=demand.channel)
        demand.timeline = [Transition(at=received, actor=self.actor(community, "intake"), **intake)]
        events, overdue_at = PLANS[kind](rng, self.clock, received, deadline, level)
        for at, action in events:
            if at > self.now:
                break
            self.step(demand, action, at.replace(microsecond=0))
        demand.overdue = overdue_at is not None and overdue_at <= self.now
        if demand.status in PATHS[kind] and "evaluate" in PATHS[kind][demand.status]:
            self.evaluate(demand)
        return demand

    def step(self, demand, action, at):
        """Take one lifecycle action as weimin.demands.transitions would, with its effects."""
        to_status = PATHS[demand.kind][demand.status][action]
        note = self.effects(demand, action, at)
        actor = self.actor(demand.community, action)
        moved = {"from_status": demand.status, "to_status": to_status}
        demand.timeline.append(Transition(at=at, actor=actor, action=action, note=note, **moved))
        demand.status, demand.rev = to_status, demand.rev + 1
        if action in RESPONDING and demand.first_response_at is None:
            demand.first_response_at = at
        if action == CLOSING[demand.kind]:
            demand.closed_at = at

    def effects(self, demand, action, at):
        """Set what the action changes on the demand; return the note a worker would write."""
        rng = self.rng
        if action == "assign":
            demand.assigned_org = self.pick_org(demand.street, demand.item, ())
        elif action == "claim":
            volunteers = self.volunteers[demand.community.id]
            if volunteers and rng.random() < 0.6:
                demand.assigned_volunteer = rng.choice(volunteers)
            else:
                demand.assigned_org = self.pick_org(demand.street, demand.item, CLAIMING_TYPES)
            demand.deadline_at = self.clock.fulfil_deadline(at)
        elif action == "escalate":
            demand.handling_level = next_level(demand.handling_level)
            demand.deadline_at = self.clock.level_deadline(at, demand.handling_level)
            demand.escalations += 1
        elif action == "approve":
            cap = demand.item.subsidy_max or Decimal(100000)
            demand.subsidy_amount = min(cap, Decimal(rng.randrange(10, 101) * 1000))
            return f"评审立项，补助{demand.subsidy_amount}元"
        elif action == "release_subsidy":
            demand.subsidy_released, demand.subsidy_released_at = demand.subsidy_amount, at
        elif action == "fulfil" and demand.assigned_volunteer:
            self.wish_services.append((demand, demand.assigned_volunteer, at))
        elif action == "reject":
            reasons = PROJECT_REJECT_REASONS if demand.kind == "project" else DEMAND_REJECT_REASONS
            demand.rejected_at, demand.reject_reason = at, rng.choice(reasons)
            return demand.reject_reason
        note = NOTES.get(action)
        return rng.choice(note) if isinstance(note, tuple) else note

    def evaluate(self, demand):
        """The resident's return-visit evaluation, when it has happened by now."""
        rng = self.rng
        done = demand.timeline[-1].at
        at = (done + timedelta(hours=rng.uniform(12, 120))).replace(microsecond=0)
        satisfaction = rng.choices(list(RESOLVED), SATISFACTION[demand.overdue])[0]
        resolved = rng.random() < RESOLVED[satisfaction]
        comment = rng.choice(COMMENTS[satisfaction]) if rng.random() < 0.6 else None
        if rng.random() >= EVALUATED[demand.kind] or at > self.now:
            return
        by = self.actor(demand.community, "evaluate")
        demand.evaluation = Evaluation(
            satisfaction=satisfaction, resolved=resolved, comment=comment, at=at, by=by
        )
        self.step(demand, "evaluate", at)
