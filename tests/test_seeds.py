"""The demo data: idempotent, deterministic, valid identifiers, consistent statuses and totals."""

import random
import re
from collections import Counter as Tally
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from stdnum.cn import ric, uscc

from models import (
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
from models.choices import CHANNELS, ORG_TYPES
from models.validators import validate_phone
from seeds import seed_all
from seeds.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from seeds.demo import generate_demo
from seeds.demo_timeline import SLA_LAG, response_delay
from weimin.core.workdays import TZ
from weimin.demands import watch
from weimin.demands.deadlines import DeadlineRules
from weimin.demands.lifecycle import CLOSING, INITIAL, PATHS
from weimin.demands.tickets import next_ticket_no
from weimin.store.db import database, ensure_indexes
from weimin.volunteers.hours import credited

TICKET = re.compile(r"^(JD\d\d)-(\d{8})-(\d{4})$")


@pytest.fixture
def seeded(app):
    """A fresh database with the small demo data set."""
    return seed_all(demo=True, size="small")


def collection_counts():
    db = database()
    return {name: db[name].count_documents({}) for name in db.list_collection_names()}


def fresh_database():
    db = database()
    db.client.drop_database(db.name)
    ensure_indexes()


def test_seeding_twice_creates_nothing_the_second_time(seeded):
    assert seeded["demands"] == 300 and seeded["volunteers"] == 50
    before = collection_counts()
    again = seed_all(demo=True, size="small")
    assert set(again.values()) == {0}
    assert collection_counts() == before


def test_refuses_to_mix_with_half_written_demo_streets(app, make):
    make.street(code="JD01")
    seed_all()
    with pytest.raises(RuntimeError, match="JD01"):
        generate_demo(size="small")
    assert not District.objects(code="330211").first()


def test_same_seed_same_people_other_seed_other_people(app):
    def people(seed):
        fresh_database()
        seed_all()
        generate_demo(size="small", seed=seed)
        volunteers = [(v.id_number, v.name, v.phone) for v in Volunteer.objects.order_by("id")]
        codes = [o.credit_code for o in Organisation.objects.order_by("id")]
        return volunteers, codes

    first = people(2026)
    assert people(2026) == first
    assert people(7)[0] != first[0]


def test_volunteer_id_numbers_are_valid_unique_and_agree_with_gender_and_birth(seeded):
    volunteers = list(Volunteer.objects)
    numbers = [v.id_number for v in volunteers]
    assert len(set(numbers)) == len(numbers) == 50
    for v in volunteers:
        assert ric.is_valid(v.id_number), v.id_number
        assert ric.get_birth_date(v.id_number) == v.birth_date
        assert v.gender == ("male" if int(v.id_number[16]) % 2 else "female")
        assert v.name_pinyin and v.name_initials
        assert v.community.street == v.street
        validate_phone(v.phone)


def test_organisations_cover_every_type_and_registered_ones_have_valid_codes(seeded):
    orgs = list(Organisation.objects)
    assert {o.org_type for o in orgs} == {code for code, _ in ORG_TYPES}
    registered = [o for o in orgs if o.org_type == "registered"]
    assert registered and all(uscc.is_valid(o.credit_code) for o in registered)
    assert all(o.credit_code is None for o in orgs if o.org_type == "filed")
    assert len({o.name for o in orgs}) == len(orgs)


def test_every_demo_account_signs_in_with_its_scope(seeded):
    first_street = Street.objects.get(code="JD01")
    first_community = Community.objects.get(code="JD01C01")
    for username, name, role, scope in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD), username
        assert (user.name, user.role) == (name, role)
        if scope == "street":
            assert user.street == first_street and user.community is None
        elif scope == "community":
            assert user.community.code == "JD01C01" and user.street == first_street
        elif scope == "volunteer":
            assert user.volunteer.community == user.community == first_community
        elif scope == "grid":
            assert user.community == first_community and user.grid.community == first_community
        else:
            assert user.street is None and user.community is None and user.volunteer is None


def test_demands_mix_open_closed_rejected_and_overdue(seeded):
    demands = list(Demand.objects)
    open_ = [d for d in demands if d.is_open]
    closed = [d for d in demands if d.closed_at]
    rejected = [d for d in demands if d.status == "rejected"]
    assert open_ and closed and rejected
    assert len(closed) > len(demands) / 2
    assert [d for d in open_ if d.overdue]
    assert all(d.rejected_at and d.reject_reason for d in rejected)
    assert {d.kind for d in demands} == {"wish", "affair", "project"}
    assert {d.channel for d in demands} <= {code for code, _ in CHANNELS}
    evaluated = [d for d in closed if d.evaluation]
    assert 0.5 < len(evaluated) / len(closed) < 0.9
    assert {d.evaluation.satisfaction for d in evaluated} >= {"satisfied", "basically"}


def test_each_timeline_follows_its_lifecycle_path(seeded):
    for demand in Demand.objects:
        steps = demand.timeline
        assert steps[0].action == "intake" and steps[0].to_status == INITIAL[demand.kind]
        status = steps[0].to_status
        for step in steps[1:]:
            assert step.from_status == status
            assert PATHS[demand.kind][status][step.action] == step.to_status, demand.ticket_no
            status = step.to_status
        assert status == demand.status
        assert [s.at for s in steps] == sorted(s.at for s in steps)
        ended = any(s.action in (CLOSING[demand.kind], "reject") for s in steps)
        assert demand.is_open is not ended, demand.ticket_no
        if demand.first_response_at:
            assert demand.first_response_at >= demand.received_at
        if demand.status in ("approved", "implementing", "completed", "evaluated"):
            assert demand.kind != "project" or demand.subsidy_amount > 0


def test_ticket_numbers_are_unique_and_the_counters_continue_after_them(seeded):
    demands = list(Demand.objects)
    tickets = [d.ticket_no for d in demands]
    assert len(set(tickets)) == len(tickets)
    highest = defaultdict(int)
    for demand in demands:
        street, day, seq = TICKET.match(demand.ticket_no).groups()
        assert street == demand.street.code
        assert day == demand.received_at.astimezone(TZ).strftime("%Y%m%d")
        counter = f"ticket:{street}:{day}"
        highest[counter] = max(highest[counter], int(seq))
    assert {c.name: c.seq for c in Counter.objects} == highest
    busiest = Demand.objects.get(ticket_no=max(tickets, key=lambda t: t[-4:]))
    assert next_ticket_no(busiest.street, busiest.received_at) not in tickets


def test_approved_hours_equal_the_approved_records(seeded):
    totals = defaultdict(Decimal)
    for record in ServiceRecord.objects:
        assert record.hours == record.hours.quantize(Decimal("0.1"))
        assert record.status != "rejected" or record.reject_reason
        if record.status == "approved":
            # The credit is what counts (hours, capped by the volunteer-star rules if set).
            assert 0 < record.credited_hours <= record.hours
            assert record.credited_hours == credited(record.hours, record.volunteer.street)
            totals[record.volunteer.id] += record.credited_hours
    volunteers = list(Volunteer.objects)
    assert any(v.approved_hours > 0 for v in volunteers)
    for volunteer in volunteers:
        assert volunteer.approved_hours == totals[volunteer.id], volunteer.name
    statuses = {r.status for r in ServiceRecord.objects.only("status")}
    assert statuses == {"approved", "submitted", "rejected"}


def test_the_demo_leaves_the_deadline_watch_nothing_to_do(app):
    seed_all()
    started = datetime.now(UTC)
    generate_demo(size="small")
    # The demo runs the product's watch an SLA_LAG after each deadline, up to its "now".
    rules = DeadlineRules.current()
    late = [
        d
        for d in Demand.objects
        if watch.steps_due(d, started - SLA_LAG - timedelta(seconds=1), rules)
    ]
    assert late == []
    escalated = [d for d in Demand.objects if d.escalations]
    assert escalated and all(d.overdue for d in escalated)
    for demand in escalated:
        steps = [s for s in demand.timeline if s.action == "escalate"]
        assert len(steps) == demand.escalations and {s.actor for s in steps} == {"system"}


def test_the_demos_deadlines_are_the_products(seeded):
    rules = DeadlineRules.current()
    for demand in Demand.objects:
        received = demand.received_at.replace(tzinfo=UTC)
        assert demand.response_due_at.replace(tzinfo=UTC) == rules.response_due(
            demand.item, received
        )
        if not demand.escalations and demand.kind == "affair":
            expected = rules.work_deadline(demand.item, demand.item.handling_level, received)
            assert demand.deadline_at.replace(tzinfo=UTC) == expected, demand.ticket_no


@pytest.mark.parametrize("hours", [2, 24, 72])
def test_the_demos_response_times_follow_the_items_response_window(hours):
    rng, window = random.Random(7), timedelta(hours=hours)
    delays = [response_delay(rng, window) for _ in range(2000)]
    within = sum(delay <= window for delay in delays) / len(delays)
    assert 0.85 < within < 0.95 and max(delays) <= 3 * window


def test_no_demo_volunteer_holds_more_wishes_than_the_claim_limit(seeded):
    limit = DeadlineRules.current().claim_limit
    held = Tally(
        d.assigned_volunteer.id
        for d in Demand.objects(kind="wish", status="claimed")
        if d.assigned_volunteer
    )
    assert max(held.values(), default=0) <= limit
