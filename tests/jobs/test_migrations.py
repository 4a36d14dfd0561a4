"""The data migrations, each on documents of the old shape written raw, each run twice."""

from datetime import UTC, datetime, timedelta

from jobs.clearance import run_clearance
from jobs.migrations import (
    MIGRATIONS,
    m0001_half_open_deadlines,
    m0002_acceptance_instants,
    m0003_catalogue_response_hours,
    m0005_recompute_draft_months,
    m0007_call_milestones,
)
from jobs.publication import publish_month
from models import (
    CatalogueItem,
    CatalogueItemVersion,
    ClearanceReport,
    Demand,
    MigrationRecord,
    PurchaseCall,
)
from tests.jobs.conftest import MONTH, demand, local
from weimin.store.migrations import run_pending


def run_twice(migration, collection):
    """Run the migration, then again as if never recorded; the raw documents after each."""
    counts = []
    for _ in range(2):
        MigrationRecord.objects(number=migration.number).delete()
        (outcome,) = run_pending([migration])
        assert outcome.state == "ran", outcome.record
        counts.append(outcome.record["counts"])
        yield {doc["_id"]: doc for doc in collection.find()}
    assert counts[1].get("moved", 0) == counts[1].get("filled", 0) == 0, counts
    assert counts[1].get("unset", 0) == 0, counts


def both_runs(migration, collection):
    first, second = run_twice(migration, collection)
    assert first == second
    return first, MigrationRecord.objects.get(number=migration.number).counts


def insert_old(*docs):
    """Write demands as an older version left them (raw, each with its unique ticket number)."""
    Demand._get_collection().insert_many(
        [{**doc, "ticket_no": f"OLD-{doc['_id']}"} for doc in docs]
    )


def test_the_registry_is_in_number_order():
    assert [m.number for m in MIGRATIONS] == [
        "0001",
        "0002",
        "0003",
        "0004",
        "0005",
        "0006",
        "0007",
    ]


def test_0001_moves_exact_end_of_day_deadlines_to_next_midnight(app):
    demands = Demand._get_collection()
    old_end = local(3, 5, 23, 59).replace(second=59)  # 23:59:59.000 Asia/Shanghai
    new_end = local(3, 6, 0, 0)
    a_fraction_later = old_end + timedelta(milliseconds=500)
    claim_end = local(3, 12, 16, 20)
    utc_end = datetime(2026, 3, 5, 23, 59, 59, tzinfo=UTC)  # 23:59:59 UTC is 07:59:59 local
    insert_old(
        {"_id": 1, "kind": "affair", "deadline_at": old_end, "timeline": [
            {"action": "accept", "at": local(3, 2)},
            {"action": "escalate", "at": local(3, 3), "deadline_at": old_end},
            {"action": "escalate", "at": local(3, 4), "deadline_at": claim_end}]},
        {"_id": 2, "kind": "wish", "deadline_at": claim_end},
        {"_id": 3, "kind": "affair", "deadline_at": a_fraction_later},
        {"_id": 4, "kind": "affair", "deadline_at": utc_end},
        {"_id": 5, "kind": "affair"},
        {"_id": 6, "kind": "affair", "deadline_at": new_end,
         "timeline": [{"action": "escalate", "at": local(3, 1), "deadline_at": old_end}]},
    )  # fmt: skip

    after, counts = both_runs(m0001_half_open_deadlines.MIGRATION, demands)
    assert after[1]["deadline_at"] == new_end
    assert [s.get("deadline_at") for s in after[1]["timeline"]] == [None, new_end, claim_end]
    assert after[1]["timeline"][1]["at"] == local(3, 3)
    assert after[2]["deadline_at"] == claim_end
    assert after[3]["deadline_at"] == a_fraction_later
    assert after[4]["deadline_at"] == utc_end
    assert "deadline_at" not in after[5]
    assert after[6]["deadline_at"] == new_end and after[6]["timeline"][0]["deadline_at"] == new_end
    assert counts == {"scanned": 5}  # the second run's: five demands hold a deadline, none moves


def test_0001_counts_what_it_moved(app):
    old_end = local(3, 5, 23, 59).replace(second=59)
    insert_old(*({"_id": n, "deadline_at": old_end} for n in range(3)))
    (outcome,) = run_pending([m0001_half_open_deadlines.MIGRATION])
    assert outcome.record["counts"] == {"scanned": 3, "moved": 3}


def test_0002_sets_accepted_at_from_the_last_pass_step_of_projects(app):
    demands = Demand._get_collection()
    first_pass, second_pass, kept = local(3, 10), local(3, 20), local(2, 1)
    insert_old(
        {"_id": 1, "kind": "project", "timeline": [
            {"action": "approve", "at": local(3, 1)}, {"action": "pass", "at": first_pass},
            {"action": "reopen", "at": local(3, 15)}, {"action": "pass", "at": second_pass},
            {"action": "close", "at": local(3, 25)}]},
        {"_id": 2, "kind": "project", "accepted_at": None,
         "timeline": [{"action": "pass", "at": first_pass}]},
        {"_id": 3, "kind": "project", "accepted_at": kept,
         "timeline": [{"action": "pass", "at": first_pass}]},
        {"_id": 4, "kind": "project", "timeline": [{"action": "inspect", "at": first_pass}]},
        {"_id": 5, "kind": "affair", "timeline": [{"action": "pass", "at": first_pass}]},
    )  # fmt: skip

    after, counts = both_runs(m0002_acceptance_instants.MIGRATION, demands)
    assert after[1]["accepted_at"] == second_pass
    assert after[2]["accepted_at"] == first_pass
    assert after[3]["accepted_at"] == kept
    assert "accepted_at" not in after[4] and "accepted_at" not in after[5]
    assert counts == {}  # the second run found nothing left to fill


def test_0003_unsets_the_old_default_response_hours_only(app, make):
    items = CatalogueItem._get_collection()
    defaulted, own, unset = make.item(), make.item(), make.item()
    items.update_one({"_id": defaulted.pk}, {"$set": {"response_hours": 24}})
    items.update_one({"_id": own.pk}, {"$set": {"response_hours": 48}})
    versions = {d["_id"]: d for d in CatalogueItemVersion._get_collection().find()}

    after, counts = both_runs(m0003_catalogue_response_hours.MIGRATION, items)
    assert "response_hours" not in after[defaulted.pk]
    assert after[own.pk]["response_hours"] == 48
    assert "response_hours" not in after[unset.pk]
    assert {d["_id"]: d for d in CatalogueItemVersion._get_collection().find()} == versions
    assert counts == {}


def report_of(community, month=MONTH):
    return ClearanceReport._get_collection().find_one(
        {"month": month, "community": community.pk}, {"computed_at": 0}
    )


def test_0005_recomputes_draft_months_and_leaves_published_ones_frozen(app, make, march):
    other = make.street(code="JX")
    elsewhere = make.community(other, code="JXC01")
    demand(make, elsewhere, march["item"], local(3, 3), deadline_at=local(3, 9))
    run_clearance(MONTH)
    publish_month(other, MONTH, by="审核员")
    draft, frozen = report_of(march["a"]), report_of(elsewhere)
    reports = ClearanceReport._get_collection()
    for community in (march["a"], elsewhere):  # as an older version computed them
        reports.update_one({"month": MONTH, "community": community.pk}, {"$set": {"received": 99}})

    first, second = run_twice(m0005_recompute_draft_months.MIGRATION, reports)
    assert report_of(march["a"]) == draft
    assert report_of(elsewhere) == {**frozen, "received": 99}
    strip = {"computed_at", "_id"}
    assert [{k: v for k, v in d.items() if k not in strip} for d in first.values()] == [
        {k: v for k, v in d.items() if k not in strip} for d in second.values()
    ]
    # March, and the month just ended, as the nightly run would
    assert MigrationRecord.objects.get(number="0005").counts == {"months": 2}


def test_0005_without_draft_months_computes_only_the_month_just_ended(app):
    (outcome,) = run_pending([m0005_recompute_draft_months.MIGRATION])
    assert outcome.state == "ran" and outcome.record["counts"] == {"months": 1}
    assert ClearanceReport.objects.count() == 0  # no street yet: nothing to report


def test_0007_gives_calls_stored_without_milestones_the_30_70_plan(app, make):
    street = make.street()
    item = make.item("project", street_doc=street)
    calls = PurchaseCall._get_collection()
    base = {"title": "旧公告", "street": street.pk, "category": item.category.pk,
            "item": item.pk, "budget_cap": 1000, "status": "published",
            "contact_name": "王", "contact_phone": "13800001111"}  # fmt: skip
    old = calls.insert_one(dict(base)).inserted_id
    empty = calls.insert_one({**base, "milestones": []}).inserted_id
    own = [{"name": "一次付清", "share": 100}]
    kept = calls.insert_one({**base, "milestones": own}).inserted_id

    with app.app_context():  # as `flask migrate` and the start-up run it
        after, counts = both_runs(m0007_call_milestones.MIGRATION, calls)
    assert after[old]["milestones"] == [
        {"name": "首期款（项目启动）", "share": 30},
        {"name": "尾款（验收通过后）", "share": 70},
    ]
    assert after[empty]["milestones"] == after[old]["milestones"]
    assert after[kept]["milestones"] == own
    assert counts == {}  # the second run found nothing left to fill
