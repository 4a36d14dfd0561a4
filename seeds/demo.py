"""Deterministic demo data: areas, organisations, volunteers, sign-ins, demands, service records.

Everything is built and validated in memory first, then bulk-inserted, so a bad row writes
nothing. The same seed gives the same data; only the dates move with the current month.
"""

import random
from datetime import UTC, datetime

from models import (
    CatalogueItem,
    Community,
    Counter,
    Demand,
    District,
    Organisation,
    ServiceRecord,
    Street,
    User,
    Volunteer,
)
from seeds.accounts import DEMO_ACCOUNTS
from seeds.demo_areas import (
    build_areas,
    build_organisations,
    build_users,
    build_volunteers,
    staff_username,
)
from seeds.demo_demands import DemandBuilder
from seeds.demo_names import DISTRICT
from seeds.demo_people import People
from seeds.demo_records import build_records, set_approved_hours
from seeds.demo_store import insert
from seeds.demo_timeline import received_times
from weimin.core.periods import bounds, month_of, shift_month
from weimin.demands.deadlines import DeadlineRules
from weimin.store import audit
from weimin.volunteers.stars import star_rules

SIZES = {
    "full": {
        "streets": 4,
        "communities_per_street": 5,
        "organisations": 60,
        "volunteers": 2000,
        "demands": 20000,
        "records": 10000,
        "months": 12,
    },
    "small": {
        "streets": 2,
        "communities_per_street": 2,
        "organisations": 10,
        "volunteers": 50,
        "demands": 300,
        "records": 200,
        "months": 12,
    },
}
# Insertion order: what is referenced first; the district last, as the "already seeded" mark.
COLLECTIONS = (
    ("streets", Street),
    ("communities", Community),
    ("organisations", Organisation),
    ("volunteers", Volunteer),
    ("users", User),
    ("demands", Demand),
    ("service_records", ServiceRecord),
    ("counters", Counter),
    ("districts", District),
)
USERNAMES = {scope: username for username, _name, _role, scope in DEMO_ACCOUNTS}


def generate_demo(size="full", seed=2026):
    """Create the demo data set unless it is there already; return the documents created."""
    if District.objects(code=DISTRICT[0]).first():
        return {name: 0 for name, _model in COLLECTIONS}
    spec = SIZES[size]
    _district, streets, communities, _compounds = build_areas(spec)
    codes = [doc.code for doc in streets + communities]
    if Street.objects(code__in=codes).first() or Community.objects(code__in=codes).first():
        raise RuntimeError(
            f"streets or communities with the demo codes ({codes[0]}…) exist without the demo "
            f"district {DISTRICT[0]}: an earlier demo seeding stopped half-way, or the codes "
            "are in use; seed the demo into an empty database"
        )
    now = datetime.now(UTC).replace(microsecond=0)
    docs = build(spec, seed, now)
    # Existing sign-ins keep their passwords; only the missing demo accounts are added.
    taken = set(User.objects(username__in=[u.username for u in docs["users"]]).distinct("username"))
    docs["users"] = [user for user in docs["users"] if user.username not in taken]
    for name, _model in COLLECTIONS:
        for doc in docs[name]:
            doc.validate()
    for name, model in COLLECTIONS:
        insert(model, docs[name])
        # Bulk inserts bypass the document signals, so the audit trail is told here.
        if docs[name] and model.__name__ not in audit.UNAUDITED:
            audit.record("bulk", name, count=len(docs[name]), summary=f"demo data, seed {seed}")
    return {name: len(docs[name]) for name, _model in COLLECTIONS}


def period_start(now, months):
    """Local midnight on the first day of the month `months - 1` before now's month."""
    return bounds(shift_month(month_of(now), 1 - months))[0]


def build(spec, seed, now):
    """Every demo document, unsaved, keyed by collection."""

    def stage(name):
        # One random stream per stage, so a change in one stage leaves the others' data alone.
        return random.Random(f"{seed}:{name}")

    people = People(stage("people"))
    start = period_start(now, spec["months"])
    district, streets, communities, compounds = build_areas(spec)
    categories = sorted({item.category for item in _items()}, key=lambda c: c.code)
    orgs = build_organisations(
        spec, stage("orgs"), people, streets, communities, compounds, categories, start
    )
    volunteers = build_volunteers(
        spec, stage("volunteers"), people, communities, orgs, categories, start
    )
    areas = (streets, communities, compounds)
    demands, counters, wish_services = _demands(
        spec, seed, people, now, start, areas, orgs, volunteers
    )
    actor, cap = _actor(streets, communities), star_rules()[1]
    records = build_records(
        stage("records"), now, start, compounds, orgs, volunteers, wish_services, spec, actor, cap
    )
    set_approved_hours(volunteers, records)
    home = [v for v in volunteers if v.community is communities[0]] or volunteers
    demo_volunteer = max(home, key=lambda v: (v.approved_hours, v.consent))
    return {
        "districts": [district],
        "streets": streets,
        "communities": communities,
        "organisations": orgs,
        "volunteers": volunteers,
        "users": build_users(streets, communities, demo_volunteer, People(stage("staff"))),
        "demands": demands,
        "service_records": records,
        "counters": counters,
    }


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


def _demands(spec, seed, people, now, start, areas, orgs, volunteers):
    rng = random.Random(f"{seed}:demands")
    streets, communities, compounds = areas
    # The demo's streets are new, so the district's rule set is the one in force for all.
    actor, items, rules = _actor(streets, communities), _items(), DeadlineRules.current()
    builder = DemandBuilder(seed, people, now, rules, compounds, items, orgs, volunteers, actor)
    # Communities differ in size and activity; residents come back about three times a year.
    weights = [rng.uniform(0.6, 1.4) for _ in communities]
    pool_size = max(5, spec["demands"] // len(communities) // 3)
    demands = [
        builder.build(n, at, rng.choices(communities, weights)[0], pool_size)
        for n, at in enumerate(received_times(rng, spec["demands"], start, now))
    ]
    counters = [
        Counter(name=f"ticket:{street}:{day}", seq=seq)
        for (street, day), seq in sorted(builder.sequences.items())
    ]
    return demands, counters, builder.wish_services
