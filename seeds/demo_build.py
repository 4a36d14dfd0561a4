"""The demo's documents, built unsaved: the people and places first, then what they did."""

import random

from bson import Decimal128

from models import CatalogueItem, Counter, Volunteer
from seeds.accounts import DEMO_ACCOUNTS
from seeds.demo_areas import (
    build_areas,
    build_organisations,
    build_users,
    build_volunteers,
    staff_username,
)
from seeds.demo_demands import DemandBuilder
from seeds.demo_funds import build_funds
from seeds.demo_grids import build_grid_workers, build_grids, build_visits
from seeds.demo_people import People
from seeds.demo_purchase import build_purchase
from seeds.demo_records import build_records, set_approved_hours
from seeds.demo_timeline import received_times
from weimin.core.periods import bounds, month_of, shift_month
from weimin.demands.deadlines import DeadlineRules
from weimin.volunteers.stars import star_rules

USERNAMES = {scope: username for username, _name, _role, scope in DEMO_ACCOUNTS}


def period_start(now, months):
    """Local midnight on the first day of the month `months - 1` before now's month."""
    return bounds(shift_month(month_of(now), 1 - months))[0]


class Build:
    """Every demo document, unsaved: the people and places first, then what they did."""

    def __init__(self, spec, seed, now):
        self.spec, self.seed, self.now = spec, seed, now
        self.start = period_start(now, spec["months"])
        # The stages run in this order, each on its own random stream, so the data are the
        # same whichever way the stages are called.
        self.people_stream = People(self.stage("people"))
        self.district, self.streets, self.communities, self.compounds = build_areas(spec)
        self.counters = []

    def stage(self, name):
        # One random stream per stage, so a change in one stage leaves the others' data alone.
        return random.Random(f"{self.seed}:{name}")

    def people(self):
        """Areas, organisations, volunteers and the staff sign-ins."""
        spec, people, start = self.spec, self.people_stream, self.start
        categories = sorted({item.category for item in _items()}, key=lambda c: c.code)
        areas = (self.streets, self.communities, self.compounds)
        self.orgs = build_organisations(spec, self.stage("orgs"), people, *areas, categories, start)
        self.volunteers = build_volunteers(
            spec, self.stage("volunteers"), people, self.communities, self.orgs, categories, start
        )
        # Grids (网格) and a grid worker each; the demo's grid worker has the first grid.
        self.grids, self.grid_places = build_grids(
            self.stage("grids"), self.communities, self.compounds
        )
        staff = build_users(
            self.streets, self.communities, None, People(self.stage("staff")), self.grids[0]
        )
        first = next(u for u in staff if u.username == USERNAMES["grid"])
        self.grid_workers = build_grid_workers(
            self.grids, People(self.stage("grid_workers")), first
        )
        staff += [w for w in self.grid_workers.values() if w is not first]
        self.staff = staff
        return {
            "streets": self.streets,
            "communities": self.communities,
            "grids": self.grids,
            "organisations": self.orgs,
            "volunteers": self.volunteers,
            "users": staff,
        }

    def activity(self, progress):
        """Demands, service records, the volunteers' hours and the volunteer's sign-in."""
        spec, streets, communities = self.spec, self.streets, self.communities
        areas = (streets, communities, self.compounds)
        demands, self.counters, wish_services = _demands(
            spec,
            self.seed,
            self.people_stream,
            self.now,
            self.start,
            areas,
            self.orgs,
            self.volunteers,
            progress,
        )
        actor, cap = _actor(streets, communities), star_rules()[1]
        records = build_records(
            self.stage("records"),
            self.now,
            self.start,
            self.compounds,
            self.orgs,
            self.volunteers,
            wish_services,
            spec,
            actor,
            cap,
        )
        set_approved_hours(self.volunteers, records)
        # The volunteers' hours were written with them: set them now they are known.
        collection = Volunteer._get_collection()
        for volunteer in self.volunteers:
            hours = Decimal128(volunteer.approved_hours)
            collection.update_one({"_id": volunteer.pk}, {"$set": {"approved_hours": hours}})
        home = [v for v in self.volunteers if v.community is communities[0]] or self.volunteers
        demo_volunteer = max(home, key=lambda v: (v.approved_hours, v.consent))
        users = [u for u in build_users(streets, communities, demo_volunteer) if u.volunteer]
        visits = build_visits(
            self.stage("visits"), People(self.stage("visit_people")), self.grids,
            self.grid_places, self.grid_workers, demands, self.start, self.now,
        )  # fmt: skip
        return {"users": users, "demands": demands, "service_records": records, "visits": visits}

    def funds(self, demands):
        """The funds (微基金) and a year of their ledgers, paying the projects' subsidies."""
        actor = _actor(self.streets, self.communities)
        funds, entries, motions = build_funds(
            self.stage("funds"), People(self.stage("fund_people")), self.now, self.start,
            self.communities, demands, actor,
        )  # fmt: skip
        return {"funds": funds, "ledger_entries": entries, "fund_motions": motions}

    def purchase(self, demands):
        """Calls for purchased services in every state, and the organisation's sign-in."""
        item = next(i for i in _items() if i.kind == "project")
        admins = [u for u in self.staff if u.role in ("street_admin", "community_worker")]
        return build_purchase(
            self.stage("purchase"),
            self.now,
            self.streets,
            self.communities,
            self.orgs,
            admins,
            item,
            demands,
            self.staff[0].password_hash,
        )


def _items():
    return list(CatalogueItem.objects(street=None, active=True).order_by("code"))


def _actor(streets, communities):
    """Who acts on a community's demands: the demo sign-ins where they exist."""

    def actor(community, action):
        # The street office decides on projects; the community's worker does the rest.
        if action in ("approve", "release_subsidy"):
            street = community.street
            if street is streets[0]:
                return USERNAMES["street"]
            return staff_username(street, "street_admin")
        if community is communities[0]:
            return USERNAMES["community"]
        return staff_username(community, "community_worker")

    return actor


def _demands(spec, seed, people, now, start, areas, orgs, volunteers, progress):
    rng = random.Random(f"{seed}:demands")
    streets, communities, compounds = areas
    # The demo's streets are new, so the district's rule set is the one in force for all.
    actor, items, rules = _actor(streets, communities), _items(), DeadlineRules.current()
    builder = DemandBuilder(seed, people, now, rules, compounds, items, orgs, volunteers, actor)
    # Communities differ in size and activity; residents come back about three times a year.
    weights = [rng.uniform(0.6, 1.4) for _ in communities]
    pool_size = max(5, spec["demands"] // len(communities) // 3)
    demands = []
    for n, at in enumerate(received_times(rng, spec["demands"], start, now)):
        demands.append(builder.build(n, at, rng.choices(communities, weights)[0], pool_size))
        if n % 500 == 0:
            progress(0.8 * n / spec["demands"])
    counters = [
        Counter(name=f"ticket:{street}:{day}", seq=seq)
        for (street, day), seq in sorted(builder.sequences.items())
    ]
    return demands, counters, builder.wish_services
