"""District-wide calls: who runs and who reads them, their service area across streets, the
organisations' pages, and the street a contract (and its payments) belongs to."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from mongoengine import ValidationError

from models import AuditEntry, LedgerEntry, PurchaseCall
from models.purchase_call import Criterion
from tests.purchase.conftest import MONDAY, form, funded, plan
from weimin.purchase import applications, award, calls, delivery, eligibility, review


@pytest.fixture
def district(world, make):
    """A second street with a community of its own, its organisations, and a district call whose
    service area is a community in each street."""
    east = make.street()
    east_one, east_two = make.community(east), make.community(east)
    item = make.item("project", subsidy_max=Decimal(100000))  # a district template
    call = PurchaseCall(
        title="全区心理关爱项目", street=None, category=item.category, item=item,
        budget_cap=Decimal(80000), service_start=datetime(2025, 4, 1, tzinfo=UTC),
        service_end=datetime(2025, 12, 31, tzinfo=UTC), org_kinds=["filed"],
        communities=[world["community"], east_one], required_documents=["服务方案"],
        application_days=5, objection_days=5,
        criteria=[Criterion(name="服务方案", weight=60),
                  Criterion(name="团队经验", weight=40, max_score=10)],
        panel=world["panel"], contact_name="区民政局", contact_phone="13800001111",
    ).save()  # fmt: skip
    return {
        "east": east, "east_one": east_one, "east_two": east_two, "call": call,
        "listed": make.organisation(east, name="东街心理服务社", community=east_one),
        "unlisted": make.organisation(east, name="东街二社区服务队", community=east_two),
        "street_wide": make.organisation(east, name="东街社工站"),
        "admin": make.user("district_admin"),
    }  # fmt: skip


def test_a_district_call_may_list_communities_and_needs_of_several_streets(world, district, make):
    call = district["call"]
    call.demands = [make.demand(world["community"]), make.demand(district["east_one"])]
    call.topics = [make.topic(district["east_two"])]
    call.validate()
    assert call.level == "district"
    street_call = world["call"]
    street_call.communities = [district["east_one"]]
    street_call.demands = [make.demand(district["east_one"])]
    with pytest.raises(ValidationError) as caught:
        street_call.validate()
    assert {"communities", "demands"} <= set(caught.value.errors["__all__"].errors)


def test_a_district_call_takes_its_projects_under_a_district_item(world, district):
    call = district["call"]
    call.item = world["item"]  # a street's own item
    with pytest.raises(ValidationError) as caught:
        call.validate()
    assert "item" in caught.value.errors["__all__"].errors


def test_the_service_area_of_a_district_call(world, district):
    call = calls.advance(district["call"], "publish", MONDAY)
    area = "Outside the service area of the call."
    # A listed community of either street; a whole street's organisation where it holds one.
    assert not eligibility.reasons(call, world["orgs"][0], MONDAY)
    assert not eligibility.reasons(call, district["listed"], MONDAY)
    assert not eligibility.reasons(call, district["street_wide"], MONDAY)
    assert area in eligibility.reasons(call, district["unlisted"], MONDAY)
    # With no community listed: any organisation of the district.
    call.communities = []
    assert not eligibility.reasons(call, district["unlisted"], MONDAY)
    # A street's call keeps to its street, listed communities or not.
    street_call = calls.advance(world["call"], "publish", MONDAY)
    street_call.communities = []
    assert area in eligibility.reasons(street_call, district["listed"], MONDAY)


def test_a_street_admin_reads_a_district_call_but_does_not_change_it(world, district, login):
    call = district["call"]
    client = login(world["panel"][0])  # a street admin of the first street
    listing = client.get("/admin/purchase_call/").get_data(as_text=True)
    assert call.title in listing and world["call"].title in listing
    assert client.get(f"/admin/purchase_call/details/?id={call.pk}").status_code == 200
    edit = client.get(f"/admin/purchase_call/edit/?id={call.pk}")
    assert edit.status_code == 302 and "/details/" in edit.headers["Location"]
    client.post(f"/admin/purchase_call/edit/?id={call.pk}", data={"title": "改了"})
    assert call.reload().title == "全区心理关爱项目"
    acted = client.post("/admin/purchase_call/act/", data={"id": str(call.pk), "do": "publish"})
    assert acted.status_code == 403 and call.reload().status == "draft"
    assert client.get(f"/admin/purchase_call/enter/?id={call.pk}").status_code == 403
    page = client.get(f"/admin/purchase_call/details/?id={call.pk}").get_data(as_text=True)
    assert 'id="do-publish"' not in page
    # Their own street's call they still run.
    page = client.get(f"/admin/purchase_call/details/?id={world['call'].pk}")
    assert 'id="do-publish"' in page.get_data(as_text=True)


def test_other_streets_never_see_another_streets_call(world, district, make, login):
    client = login(make.user("street_admin", street_doc=district["east"]))
    assert client.get(f"/admin/purchase_call/details/?id={world['call'].pk}").status_code == 404
    assert client.get(f"/admin/purchase_call/details/?id={district['call'].pk}").status_code == 200


def test_community_workers_and_supervisors_read_district_calls(world, district, make, login):
    call = district["call"]
    worker = make.user("community_worker", street_doc=district["east"],
                       community_doc=district["east_one"])  # fmt: skip
    for user in (worker, make.user("supervisor")):
        client = login(user)
        assert client.get(f"/admin/purchase_call/details/?id={call.pk}").status_code == 200
        client.post("/logout")


def test_the_district_admin_runs_a_district_call_from_its_page(world, district, login):
    call = district["call"]
    client = login(district["admin"])
    client.get("/lang/zh_Hans_CN")
    page = client.get(f"/admin/purchase_call/details/?id={call.pk}").get_data(as_text=True)
    assert 'id="do-publish"' in page and "全区" in page and " 30%；" in page
    assert "由该街道的基金支付" in page
    client.post("/admin/purchase_call/act/", data={"id": str(call.pk), "do": "publish"})
    assert call.reload().status == "published"
    assert AuditEntry.objects(summary="publish").count() == 1


def test_the_district_admin_drafts_a_district_call_and_a_street_admin_cannot(
    world, district, login
):
    item, east_one = district["call"].item, district["east_one"]
    data = {
        "title": "全区助残项目", "category": str(item.category.pk), "item": str(item.pk),
        "budget_cap": "50000", "service_start": "2026-01-01 00:00:00",
        "service_end": "2026-12-31 00:00:00", "min_stars": "0", "application_days": "10",
        "objection_days": "5", "contact_name": "李主任", "contact_phone": "13800002222",
        "communities": [str(world["community"].pk), str(east_one.pk)],
        "criteria-0-name": "方案", "criteria-0-weight": "100", "criteria-0-max_score": "100",
        "milestones-0-name": "一次付清", "milestones-0-share": "100",
    }  # fmt: skip
    client = login(district["admin"])
    response = client.post("/admin/purchase_call/new/", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    made = PurchaseCall.objects.get(title="全区助残项目")
    assert made.street is None and made.level == "district"
    client.post("/logout")
    # A street admin's call is their street's, whatever the form says.
    client = login(world["panel"][0])
    data.update(title="街道助残项目", communities=[str(world["community"].pk)])
    data["item"] = str(world["item"].pk)
    data["category"] = str(world["item"].category.pk)
    assert client.post("/admin/purchase_call/new/", data=data).status_code == 302
    assert PurchaseCall.objects.get(title="街道助残项目").street.pk == world["street"].pk


def test_the_call_list_filters_by_level_and_exports_it(world, district, login):
    client = login(district["admin"])
    listing = client.get("/admin/purchase_call/")
    page = listing.get_data(as_text=True)
    assert world["call"].title in page and district["call"].title in page
    view = client.application.extensions["admin"][0]._views
    calls_view = next(v for v in view if getattr(v, "endpoint", "") == "purchase_call")
    index = next(n for n, f in enumerate(calls_view._filters) if "Level" in str(f.name))
    arg = calls_view.get_filter_arg(index, calls_view._filters[index])
    only = client.get(f"/admin/purchase_call/?flt0_{arg}=district").get_data(as_text=True)
    assert district["call"].title in only and world["call"].title not in only
    only = client.get(f"/admin/purchase_call/?flt0_{arg}=street").get_data(as_text=True)
    assert district["call"].title not in only and world["call"].title in only
    exported = client.get("/admin/purchase_call/export/csv/").get_data(as_text=True)
    assert "全区" in exported and "层级" in exported.splitlines()[0]


def test_the_district_admins_lookup_finds_needs_of_every_street(world, district, make, login):
    make.topic(world["community"], title="老年食堂议事")
    make.topic(district["east_one"], title="东街议事")
    client = login(district["admin"])
    found = client.get("/admin/purchase_call/ajax/lookup/?name=topics&query=议事").get_json()
    assert {title for _pk, title in found} == {"老年食堂议事", "东街议事"}
    client.post("/logout")
    client = login(world["panel"][0])
    found = client.get("/admin/purchase_call/ajax/lookup/?name=topics&query=议事").get_json()
    assert [title for _pk, title in found] == ["老年食堂议事"]


def test_organisations_see_district_calls_they_may_apply_to(world, district, make, login):
    call = calls.advance(district["call"], "publish", datetime.now(UTC) - timedelta(hours=1))
    client = login(make.user("organisation", organisation=district["listed"], username="east"))
    client.get("/lang/zh_Hans_CN")
    home = client.get("/org/").get_data(as_text=True)
    assert call.title in home and "全区" in home
    assert client.get(f"/org/calls/{call.pk}/apply").status_code == 200
    # Another street's call stays out of sight.
    other = calls.advance(world["call"], "publish", datetime.now(UTC) - timedelta(hours=1))
    assert other.title not in home
    assert client.get(f"/org/calls/{other.pk}/apply").status_code == 404


def _final(call, orgs, panel, budgets):
    """Publish, take applications from `orgs`, score (the first ranked first), award, finalise."""
    calls.advance(call, "publish", MONDAY)
    apps = [applications.submit(call, org, form(b), plan(), "测试", MONDAY)
            for org, b in zip(orgs, budgets, strict=True)]  # fmt: skip
    for action in ("close", "review"):
        calls.advance(call, action, calls.aware(call.deadline))
    for rank, app in enumerate(apps):
        for member in panel:
            review.score(call, app, member, {"服务方案": 90 - rank * 10, "团队经验": 9 - rank})
    award.award(call, [a.pk for a in apps], "区民政局", MONDAY + timedelta(days=10))
    return apps, award.finalise(call, "区民政局", calls.aware(call.objection_ends))


def test_a_contract_belongs_to_the_street_of_the_awarded_organisations_community(
    world, district, make, app
):
    make_client = app.test_client
    orgs = [district["listed"], district["street_wide"], world["orgs"][0]]
    apps, contracts = _final(district["call"], orgs, world["panel"], ("60000", "50000", "40000"))
    assert all(a.street is None for a in apps)  # the district's applications
    by_org = {c.organisation.pk: c for c in contracts}
    east, west = district["east"].pk, world["street"].pk
    # Its own community.
    listed = by_org[district["listed"].pk]
    assert (listed.street.pk, listed.demand.community.pk) == (east, district["east_one"].pk)
    # A whole street's organisation: the call's community in its street.
    wide = by_org[district["street_wide"].pk]
    assert (wide.street.pk, wide.demand.community.pk) == (east, district["east_one"].pk)
    own = by_org[world["orgs"][0].pk]
    assert (own.street.pk, own.demand.street.pk) == (west, west)
    assert listed.demand.ticket_no.startswith(district["east"].code)
    # Announced on every street's bulletin, as its organisations could take part.
    for street in (district["east"], world["street"]):
        assert district["call"].title in make_client().get(
            f"/bulletin/{street.code}/awards").get_data(as_text=True)  # fmt: skip
    # Paid from that street's funds, not another's.
    east_fund, west_fund = funded(make, district["east"]), funded(make, world["street"])
    delivery.start(listed, None, "东街", MONDAY + timedelta(days=30))
    (entry,) = LedgerEntry.objects(kind="disbursement")
    assert entry.fund.pk == east_fund.pk and entry.amount == Decimal("18000.00")
    assert west_fund.reload().paid == Decimal("0")


def test_a_street_admin_pays_the_contract_of_a_district_call_in_their_street(
    world, district, make, login
):
    _apps, (contract,) = _final(district["call"], [district["listed"]], world["panel"],
                                ("60000",))  # fmt: skip
    funded(make, district["east"])
    east_admin = make.user("street_admin", street_doc=district["east"])
    client = login(east_admin)
    page = client.get(f"/admin/purchase_contract/details/?id={contract.pk}")
    assert page.status_code == 200 and 'id="start-form"' in page.get_data(as_text=True)
    client.post("/admin/purchase_contract/deliver/", data={"id": str(contract.pk), "do": "start"})
    assert contract.reload().milestones[0].status == "paid"
    client.post("/logout")
    client = login(world["panel"][0])  # the other street's admin
    assert client.get(f"/admin/purchase_contract/details/?id={contract.pk}").status_code == 404


def test_objections_to_a_district_call_are_the_district_admins_to_enter_and_answer(
    world, district, login
):
    from models import PurchaseObjection
    from models.base import utcnow
    from tests.purchase.conftest import announced

    world["call"].update(unset__street=True, set__item=district["call"].item,
                         set__communities=[])  # fmt: skip
    world["call"].reload()
    call, _apps = announced(world, utcnow() - timedelta(hours=1))
    assert call.level == "district"
    objection = PurchaseObjection(
        call=call, street=None, awarded_at=call.awarded_at, channel="paper",
        objector_name="张先生", objector_phone="13800002222", grounds="理由",
    ).save()  # fmt: skip
    answer = {"id": str(call.pk), "objection": str(objection.pk), "outcome": "dismissed",
              "answer": "评审无误"}  # fmt: skip
    client = login(world["panel"][0])  # a street admin: reads the call, does not run it
    page = client.get(f"/admin/purchase_call/details/?id={call.pk}").text
    assert "objection-link" not in page and 'name="outcome"' not in page
    assert client.get(f"/admin/purchase_call/objection/?id={call.pk}").status_code == 403
    assert client.post("/admin/purchase_call/answer/", data=answer).status_code == 403
    assert objection.reload().status == "open"
    client.post("/logout")
    client = login(district["admin"])
    page = client.get(f"/admin/purchase_call/details/?id={call.pk}").text
    assert "objection-link" in page
    assert client.post("/admin/purchase_call/answer/", data=answer).status_code == 302
    assert objection.reload().status == "dismissed"
