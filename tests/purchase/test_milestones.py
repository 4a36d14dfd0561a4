"""Payment milestones set per call: validated on the form, split to the fen, each paid through
the ledger (the first on starting, those between on the street's action, the last after
acceptance), shown with their status on the contract's page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from mongoengine import ValidationError

from models import AuditEntry, LedgerEntry, PurchaseCall, PurchaseContract
from models.purchase_call import MilestoneShare
from tests.purchase.conftest import MONDAY, form, funded, plan
from weimin.demands.errors import TransitionError
from weimin.purchase import applications, award, calls, delivery, milestones, review


def _shares(*pairs):
    return [MilestoneShare(name=n, share=s) for n, s in pairs]


THREE = (("首期款", 30), ("中期款", 40), ("尾款", 30))


def test_a_new_call_has_the_30_70_plan_and_shares_must_add_up_to_100(world):
    call = world["call"]
    assert [m.share for m in call.milestones] == [30, 70]
    for wrong, message in (
        (_shares(("首期款", 30), ("尾款", 60)), "add up to 90"),
        ([], "at least one"),
        (_shares(("款", 50), ("款", 50)), "same name"),
    ):
        call.milestones = wrong
        with pytest.raises(ValidationError) as caught:
            call.validate()
        errors = caught.value.errors["__all__"].errors
        assert set(errors) == {"milestones"} and message in str(errors["milestones"])


def test_the_form_says_on_the_field_when_shares_do_not_add_up(world, make, login):
    client = login(make.user("street_admin", street_doc=world["street"]))
    client.get("/lang/zh_Hans_CN")
    new = client.get("/admin/purchase_call/new/").get_data(as_text=True)
    assert 'name="milestones-0-share"' in new and 'value="30"' in new  # the default plan
    data = {
        "title": "助餐服务", "category": str(world["item"].category.pk),
        "item": str(world["item"].pk), "budget_cap": "50000",
        "service_start": "2026-01-01 00:00:00", "service_end": "2026-12-31 00:00:00",
        "min_stars": "0", "application_days": "10", "objection_days": "5",
        "contact_name": "李主任", "contact_phone": "13800002222",
        "criteria-0-name": "方案", "criteria-0-weight": "100", "criteria-0-max_score": "100",
        "milestones-0-name": "首期款", "milestones-0-share": "30",
        "milestones-1-name": "尾款", "milestones-1-share": "60",
    }  # fmt: skip
    response = client.post("/admin/purchase_call/new/", data=data)
    assert response.status_code == 200 and not PurchaseCall.objects(title="助餐服务")
    assert "各期比例之和为 90" in response.get_data(as_text=True)
    data["milestones-1-share"] = "70"
    assert client.post("/admin/purchase_call/new/", data=data).status_code == 302
    assert [m.share for m in PurchaseCall.objects.get(title="助餐服务").milestones] == [30, 70]


@pytest.mark.parametrize(
    ("amount", "shares", "expected"),
    [
        ("10000.01", (33, 33, 34), ("3300.00", "3300.00", "3400.01")),
        ("60000", (30, 70), ("18000.00", "42000.00")),
        ("0.05", (50, 50), ("0.03", "0.02")),  # half a fen rounds up; the last takes the rest
        ("99999.99", (1, 1, 98), ("1000.00", "1000.00", "97999.99")),
        ("1234.56", (100,), ("1234.56",)),
    ],
)
def test_amounts_are_split_to_the_fen_and_add_up_exactly(amount, shares, expected):
    split = milestones.split(Decimal(amount), shares)
    assert split == [Decimal(e) for e in expected]
    assert sum(split) == Decimal(amount)


def _contract(world, shares, budget="60000.01"):
    call = world["call"]
    if shares:
        call.milestones = _shares(*shares)
        call.save()
    else:
        call.reload()
    calls.advance(call, "publish", MONDAY)
    app = applications.submit(call, world["orgs"][0], form(budget), plan(), "测试", MONDAY)
    for action in ("close", "review"):
        calls.advance(call, action, calls.aware(call.deadline))
    for member in world["panel"]:
        review.score(call, app, member, {"服务方案": 80, "团队经验": 8})
    award.award(call, [], "科长", MONDAY + timedelta(days=10))
    (contract,) = award.finalise(call, "科长", calls.aware(call.objection_ends))
    return contract, calls.aware(call.objection_ends) + timedelta(days=1)


def test_every_milestone_is_a_ledger_entry_and_they_add_up_to_the_contract(world, make):
    contract, now = _contract(world, THREE)
    assert [(m.name, m.share, m.amount) for m in contract.milestones] == [
        ("首期款", 30, Decimal("18000.00")), ("中期款", 40, Decimal("24000.00")),
        ("尾款", 30, Decimal("18000.01"))]  # fmt: skip
    fund = funded(make, world["street"])
    with pytest.raises(TransitionError):  # not started: nothing between is due yet
        delivery.pay_next(contract, None, "科长", now)
    delivery.start(contract, None, "科长", now)
    delivery.pay_next(contract, None, "科长", now)
    with pytest.raises(TransitionError) as caught:  # nothing more before acceptance
        delivery.pay_next(contract, None, "科长", now)
    assert "milestones" in caught.value.errors
    delivery.accept(contract, "90", True, "", "科长", now)
    delivery.pay_final(contract, None, "科长", now)
    entries = list(LedgerEntry.objects(kind="disbursement").order_by("seq"))
    stored = PurchaseContract.objects.get(pk=contract.pk)
    assert [e.amount for e in entries] == [m.amount for m in stored.milestones]
    assert [m.payment.pk for m in stored.milestones] == [e.pk for e in entries]
    assert all(m.status == "paid" for m in stored.milestones)
    assert sum(e.amount for e in entries) == stored.amount == Decimal("60000.01")
    assert fund.reload().paid == Decimal("60000.01")
    assert stored.demand.status == "subsidised"


def test_the_last_milestone_waits_for_those_before_it(world, make):
    contract, now = _contract(world, THREE)
    funded(make, world["street"])
    delivery.start(contract, None, "科长", now)
    delivery.accept(contract, "90", True, "", "科长", now)
    with pytest.raises(TransitionError) as caught:
        delivery.pay_final(contract, None, "科长", now)
    assert "milestones" in caught.value.errors
    assert LedgerEntry.objects(kind="disbursement").count() == 1


def test_a_single_milestone_is_paid_after_acceptance_only(world, make):
    contract, now = _contract(world, (("一次付清", 100),))
    funded(make, world["street"])
    delivery.start(contract, None, "科长", now)
    assert contract.demand.reload().status == "implementing"
    assert LedgerEntry.objects(kind="disbursement").count() == 0
    delivery.accept(contract, "88", True, "", "科长", now)
    delivery.pay_final(contract, None, "科长", now)
    (entry,) = LedgerEntry.objects(kind="disbursement")
    assert entry.amount == contract.amount == Decimal("60000.01")


def test_a_call_stored_before_milestones_is_paid_30_70(world, make):
    call = world["call"]
    PurchaseCall._get_collection().update_one({"_id": call.pk}, {"$unset": {"milestones": 1}})
    contract, _now = _contract(world, None)
    assert [m.share for m in contract.milestones] == [30, 70]
    assert [m.amount for m in contract.milestones] == [Decimal("18000.00"), Decimal("42000.01")]


def test_the_contract_page_pays_the_next_milestone_audited(world, make, login):
    contract, _now = _contract(world, THREE)
    funded(make, world["street"])
    client = login(make.user("street_admin", street_doc=world["street"]))
    client.get("/lang/zh_Hans_CN")
    url = f"/admin/purchase_contract/details/?id={contract.pk}"
    page = client.get(url).get_data(as_text=True)
    assert 'id="start-form"' in page and 'id="next-form"' not in page
    assert "项目启动时" in page and "验收通过后" in page and "中期款" in page
    deliver = "/admin/purchase_contract/deliver/"
    client.post(deliver, data={"id": str(contract.pk), "do": "start"})
    page = client.get(url).get_data(as_text=True)
    assert 'id="next-form"' in page and "支付下一期款：中期款" in page
    before = AuditEntry.objects(summary="pay_milestone").count()
    client.post(deliver, data={"id": str(contract.pk), "do": "pay_next"})
    stored = PurchaseContract.objects.get(pk=contract.pk)
    assert [m.status for m in stored.milestones] == ["paid", "paid", "due"]
    assert AuditEntry.objects(summary="pay_milestone").count() == before + 1
    assert LedgerEntry.objects(kind="disbursement", key=f"purchase:{contract.pk}:1").count() == 1
    page = client.get(url).get_data(as_text=True)
    assert 'id="next-form"' not in page
    worker = make.user("community_worker", street_doc=world["street"],
                       community_doc=world["community"])  # fmt: skip
    client.post("/logout")
    client = login(worker)
    refused = client.post(deliver, data={"id": str(contract.pk), "do": "pay_next"})
    assert refused.status_code == 403
