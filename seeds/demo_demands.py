"""Demo demands: each one taken in, then replayed along its lifecycle path up to "now".

Intake, transitions and the deadline watch are the product's own (weimin.demands), run on
unsaved documents with the demo's clock; the documents are then bulk-inserted as they are.
"""

import random
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from bson import ObjectId

from models import Demand
from models.demand import Evaluation
from models.validators import phone_tail
from seeds.demo_texts import (
    COMMENTS,
    DEMAND_REJECT_REASONS,
    DESCRIPTIONS,
    FALLBACK_DESCRIPTION,
    ITEM_WEIGHTS,
    NOTES,
    PROJECT_REJECT_REASONS,
)
from seeds.demo_timeline import PLANS, SLA_LAG
from weimin.demands import transitions
from weimin.demands.intake import admit, duplicates
from weimin.demands.lifecycle import available_actions
from weimin.demands.tickets import local_day, ticket_text
from weimin.demands.watch import watch_unsaved
from weimin.residents import consent

KIND_SHARE = {"affair": 70, "wish": 22, "project": 8}
CHANNEL_SHARE = {
    "affair": {
        "window": 30,
        "hotline": 20,
        "wechat": 20,
        "grid": 15,
        "visit": 8,
        "api": 5,
        "resident": 6,
    },
    "wish": {"wish_wall": 50, "wechat": 20, "visit": 20, "window": 10, "resident": 8},
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

    def __init__(self, seed, people, now, rules, compounds, items, orgs, volunteers, actor):
        self.seed, self.people, self.now, self.rules = seed, people, now, rules
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
        self.by_resident_item = defaultdict(list)
        self.sequences = defaultdict(int)
        self._fitting = {}
        self.wish_services = []  # (demand, volunteer, fulfilled at): recorded as service
        self.claims = defaultdict(list)  # volunteer id -> (claimed at, wish) of earlier claims

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
        """The next number of the street's day; the caller stores the sequences as Counters."""
        day = local_day(received)
        self.sequences[(street.code, day)] += 1
        return ticket_text(street.code, day, self.sequences[(street.code, day)])

    def duplicate_of(self, demand):
        """The first earlier demand it duplicates, by intake's own rule."""
        key = (demand.resident_phone, demand.item.id)
        earlier = self.by_resident_item[key]
        found = next((d for d in earlier if duplicates(demand, d)), None)
        earlier.append(demand)
        return found

    def build(self, number, received, community, pool_size):
        """One demand taken in at `received` and replayed along its planned path up to now."""
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
        demand = Demand(
            id=ObjectId(),
            item=item,
            street=street,
            community=community,
            resident_name=name,
            resident_phone=phone,
            resident_address=address,
            channel=rng.choices(list(channels), list(channels.values()))[0],
            description=rng.choice(texts).format(c=compound, b=building),
            assigned_org=self.pick_org(street, item, PROJECT_TYPES) if kind == "project" else None,
        )
        intake_by = self.actor(community, "intake")
        if demand.channel == "resident":  # entered on the resident page: consent ticked then
            demand.consent, intake_by = consent.record(received), "resident"
        admit(demand, intake_by, received, self.rules)
        demand.phone_tail = phone_tail(phone)  # clean() sets it on a save; rows are inserted
        demand.ticket_no = self.ticket_no(street, received)
        demand.duplicate_of = self.duplicate_of(demand)
        window = demand.response_due_at - received  # the response time intake gave it
        plan = PLANS[kind](rng, self.rules, received, demand.deadline_at, window)
        for at, action in plan:
            if at > self.now:
                break
            at = at.replace(microsecond=0)
            self.watch(demand, at)
            if action in available_actions(demand):  # the watch may have changed the path
                self.step(demand, action, at)
        self.watch(demand, self.now)
        if "evaluate" in available_actions(demand):
            self.evaluate(demand)
        return demand

    def watch(self, demand, until):
        """The product's deadline watch, run SLA_LAG after each deadline passed before `until`."""
        while demand.is_open and demand.deadline_at is not None:
            at = demand.deadline_at + SLA_LAG
            if at > until or not watch_unsaved(demand, at, self.rules):
                return

    def held(self, volunteer, at):
        """How many wishes `volunteer` holds at `at`, among the wishes built so far."""
        return sum(1 for start, wish in self.claims[volunteer.id] if _holds(wish, start, at))

    def step(self, demand, action, at, **params):
        """Take one lifecycle action through the product's transitions, in memory."""
        note = self.choose(demand, action, params)
        actor = self.actor(demand.community, action)
        volunteer = params.get("volunteer") if action == "claim" else None
        held = self.held(volunteer, at) if volunteer is not None else None
        try:
            transitions.replay(
                demand, action, actor, note, at=at, rules=self.rules, held=held, **params
            )
        except transitions.TransitionError as exc:
            if volunteer is None or "volunteer" not in exc.errors:
                raise
            # The volunteer holds as many wishes as the rules allow: an organisation claims it.
            params.update(volunteer=None, organisation=self.claiming_org(demand))
            transitions.replay(demand, action, actor, note, at=at, rules=self.rules, **params)
            volunteer = None
        if volunteer is not None:
            self.claims[volunteer.id].append((at, demand))
        if action == "fulfil" and demand.assigned_volunteer:
            self.wish_services.append((demand, demand.assigned_volunteer, at))

    def claiming_org(self, demand):
        return self.pick_org(demand.street, demand.item, CLAIMING_TYPES)

    def choose(self, demand, action, params):
        """What the people involved choose for the action; returns the note a worker writes."""
        rng = self.rng
        if action == "assign":
            params["organisation"] = self.pick_org(demand.street, demand.item, ())
        elif action == "claim":
            volunteers = self.volunteers[demand.community.id]
            if volunteers and rng.random() < 0.6:
                params["volunteer"] = rng.choice(volunteers)
            else:
                params["organisation"] = self.claiming_org(demand)
        elif action == "approve":
            cap = demand.item.subsidy_max or Decimal(100000)
            params["subsidy"] = min(cap, Decimal(rng.randrange(10, 101) * 1000))
            return f"评审立项，补助{params['subsidy']}元"
        elif action == "reject":
            reasons = PROJECT_REJECT_REASONS if demand.kind == "project" else DEMAND_REJECT_REASONS
            return rng.choice(reasons)
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
        evaluation = Evaluation(
            satisfaction=satisfaction, resolved=resolved, comment=comment, at=at, by=by
        )
        self.step(demand, "evaluate", at, evaluation=evaluation)


def _holds(wish, start, at):
    """The wish claimed at `start` is still claimed at `at` (its timeline is in time order)."""
    ends = [step.at for step in wish.timeline if step.at >= start and step.from_status == "claimed"]
    return start <= at and (not ends or ends[0] > at)
