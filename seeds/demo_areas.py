"""Demo areas, organisations, volunteers and sign-ins, built in memory (saving is the caller's)."""

from datetime import UTC, datetime, timedelta

from bson import ObjectId

from models import Community, District, Organisation, Street, User, Volunteer
from models.organisation import Contact
from models.volunteer import pinyin_keys
from seeds.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from seeds.demo_names import (
    COMPOUNDS,
    DISTRICT,
    ENTERPRISES,
    FILED,
    MASS_ORGS,
    REGISTERED,
    RESIDENT_UNITS,
    ROADS,
    SKILLS,
    STREETS,
    TEAMS,
)

# Organisation types in the proportions of a 60-organisation district; smaller sizes keep one
# of each so every type shows up.
ORG_MIX = {
    "registered": 12,
    "filed": 12,
    "self_governance": 8,
    "volunteer_team": 12,
    "resident_unit": 6,
    "mass_org": 5,
    "enterprise": 5,
}
GRADES = {"1A": 1, "2A": 2, "3A": 4, "4A": 3, "5A": 2}
# org type -> (credit code head, organisation code prefix); types missing here have no code
CREDIT_CODES = {
    "registered": ("52", "MJ"),
    "enterprise": ("91", "MA2"),
    "resident_unit": ("12", ""),
}
COMMUNITY_LEVEL = {"filed", "self_governance", "volunteer_team"}
GENDERS = ("male", "female")


def build_areas(size):
    """The district, its streets and communities, and two residential compounds per community."""
    code, name = DISTRICT
    district = District(id=ObjectId(), code=code, name=name)
    streets, communities, compounds = [], [], {}
    for street_code, street_name, names in STREETS[: size["streets"]]:
        street = Street(id=ObjectId(), code=street_code, name=street_name, district=district)
        streets.append(street)
        for n, short in enumerate(names[: size["communities_per_street"]], start=1):
            community = Community(
                id=ObjectId(), code=f"{street_code}C{n:02d}", name=f"{short}社区", street=street
            )
            first = 2 * len(communities) % len(COMPOUNDS)
            compounds[community.id] = COMPOUNDS[first : first + 2]
            communities.append(community)
    return district, streets, communities, compounds


def org_counts(total):
    """How many organisations of each type, in ORG_MIX proportions, at least one each."""
    scale = sum(ORG_MIX.values())
    counts = {kind: max(1, round(w * total / scale)) for kind, w in ORG_MIX.items()}
    while sum(counts.values()) != total:
        step = 1 if sum(counts.values()) < total else -1
        counts[max(counts, key=counts.get)] += step
    return counts


def _org_name(kind, i, street, community, compounds):
    district = DISTRICT[1]
    if kind == "registered":
        prefix, suffix = REGISTERED[i % len(REGISTERED)].split("/")
        return f"{district if i < len(REGISTERED) else street.name}{prefix}{suffix}"
    if kind == "filed":
        return community.name + FILED[i % len(FILED)].replace("/", "")
    if kind == "self_governance":
        return f"{compounds[community.id][i % 2]}居民自治互助站"
    if kind == "volunteer_team":
        return f"{community.name}{TEAMS[i % len(TEAMS)]}志愿服务队"
    if kind == "resident_unit":
        return district + RESIDENT_UNITS[i % len(RESIDENT_UNITS)]
    if kind == "mass_org":
        return street.name + MASS_ORGS[i % len(MASS_ORGS)]
    return district + ENTERPRISES[i % len(ENTERPRISES)].replace("/", "")


def build_organisations(size, rng, people, streets, communities, compounds, categories, start):
    """Organisations of every type spread over the streets (and communities, where local)."""
    orgs, names = [], set()
    for kind, count in org_counts(size["organisations"]).items():
        for i in range(count):
            street = streets[i % len(streets)]
            local = [c for c in communities if c.street is street]
            community = local[i // len(streets) % len(local)] if kind in COMMUNITY_LEVEL else None
            name = _org_name(kind, i, street, community, compounds)
            if name in names:
                name = f"{name}（{street.name}）"
            names.add(name)
            credit_code = None
            if kind in CREDIT_CODES:
                head, prefix = CREDIT_CODES[kind]
                credit_code = people.credit_code(head, DISTRICT[0], prefix)
            grade = None
            if kind == "registered" and rng.random() < 0.7:
                grade = rng.choices(list(GRADES), list(GRADES.values()))[0]
            chosen = rng.sample(categories, rng.randint(1, 3))
            # Some organisations list a second contact, often with the office landline.
            extra = []
            if rng.random() < 0.4:
                duty = rng.choice(("副主任", "联络员", "办公室"))
                phone = people.landline() if duty == "办公室" else people.mobile()
                extra = [Contact(name=people.name(rng.choice(GENDERS)), duty=duty, phone=phone)]
            orgs.append(
                Organisation(
                    id=ObjectId(),
                    name=name,
                    org_type=kind,
                    credit_code=credit_code,
                    grade=grade,
                    categories=chosen,
                    street=street,
                    community=community,
                    contact_name=people.name(rng.choice(GENDERS)),
                    contact_phone=people.mobile(),
                    contacts=extra,
                    address=f"{street.name}{rng.choice(ROADS)}{rng.randint(1, 300)}号",
                    description=f"在{(community or street).name}开展"
                    + "、".join(c.name for c in chosen)
                    + "服务。",
                    created_at=start - timedelta(days=rng.randint(60, 2000)),
                )
            )
    return orgs


def build_volunteers(size, rng, people, communities, orgs, categories, start):
    """Registered volunteers with Art. 5 fields; about half belong to a volunteer team."""
    teams = [o for o in orgs if o.org_type == "volunteer_team"]
    volunteers = []
    for _ in range(size["volunteers"]):
        community = rng.choice(communities)
        name, gender, birth, id_number = people.person()
        own = [t for t in teams if t.community is community] or [
            t for t in teams if t.street is community.street
        ]
        # Registered as an adult, before the demo period starts.
        earliest = max(start - timedelta(days=1500), datetime(birth.year + 19, 1, 1, tzinfo=UTC))
        registered = earliest + (start - earliest) * rng.random()
        pinyin, initials = pinyin_keys(name)  # clean() sets them on a save; rows are inserted
        volunteers.append(
            Volunteer(
                id=ObjectId(),
                name=name,
                name_pinyin=pinyin,
                name_initials=initials,
                gender=gender,
                birth_date=birth,
                id_number=id_number,
                phone=people.mobile(),
                street=community.street,
                community=community,
                skills=rng.sample(SKILLS, rng.choice((0, 1, 1, 2, 2, 3))),
                service_categories=rng.sample(categories, rng.randint(1, 3)),
                teams=[rng.choice(own)] if own and rng.random() < 0.5 else [],
                consent=rng.random() < 0.92,
                registered_at=registered.replace(microsecond=0),
            )
        )
    return volunteers


def staff_username(area, role):
    """The demo's account of a street's admin or a community's worker beyond the first ones."""
    return f"{area.code.lower()}.{'admin' if role == 'street_admin' else 'worker'}"


def _staff(streets, communities, people):
    """The other streets' admins and communities' workers, so every step names a person."""
    staff = [("street_admin", s, {"street": s}) for s in streets[1:]]
    staff += [("community_worker", c, {"street": c.street, "community": c})
              for c in communities[1:]]  # fmt: skip
    return [
        User(id=ObjectId(), username=staff_username(area, role),
             name=people.name(people.rng.choice(("male", "female"))), role=role, **scope)
        for role, area, scope in staff
    ]  # fmt: skip


def build_users(streets, communities, volunteer, people=None, grid=None):
    """One sign-in per demo account, scoped to the first street, community and a volunteer
    (no volunteer: the staff sign-ins only) and the first grid; with `people`, an account for
    every other street's admin and community's worker too."""
    accounts = [a for a in DEMO_ACCOUNTS if volunteer is not None or a[3] != "volunteer"]
    scopes = {
        "street": {"street": streets[0]},
        "community": {"street": streets[0], "community": communities[0]},
        "grid": {"street": streets[0], "community": communities[0], "grid": grid},
        "volunteer": volunteer
        and {
            "street": volunteer.street,
            "community": volunteer.community,
            "volunteer": volunteer,
        },
    }
    users = [
        User(id=ObjectId(), username=username, name=name, role=role, **scopes.get(scope, {}))
        for username, name, role, scope in accounts
    ]
    users += _staff(streets, communities, people) if people is not None else []
    # One hash serves all: the demo password is printed anyway, and hashing costs 0.3 s each.
    users[0].set_password(DEMO_PASSWORD)
    for user in users[1:]:
        user.password_hash = users[0].password_hash
    return users
