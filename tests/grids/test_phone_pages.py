"""The grid worker's phone pages: who may open them, logging a visit with field messages, the
log, and one tap from a finding to a demand linked both ways."""

import pytest

from models import AuditEntry, Demand, Visit

NEW = {
    "visited_at": "2026-01-05T09:30",
    "place_kind": "household",
    "place": "3栋 2单元 401室",
    "met": "王奶奶",
    "met_phone": "13912345678",
    "findings": "独居老人，腿脚不便，希望有人上门送餐",
    "tags": ["elderly_alone"],
    "follow_up": "y",
}


@pytest.mark.parametrize(
    ("who", "status"),
    [("gridworker", 200), ("worker", 200), ("street_admin", 403), ("district_admin", 403),
     ("volunteer", 403), ("supervisor", 403)],
)  # fmt: skip
def test_who_opens_the_grid_pages(client, login, world, who, status):
    login(world["users"][who])
    for path in ("/grid/", "/grid/visits", "/grid/visit/new"):
        assert client.get(path).status_code == status, path


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get("/grid/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_home_shows_my_grid_and_this_months_coverage(client, login, world):
    login(world["users"]["gridworker"])
    page = client.get("/grid/").text
    assert "幸福里G01网格" in page and "我的网格" in page
    # Two households of four visited in grid G01 this month (by two workers).
    assert 'data-visited="2"' in page and 'data-coverage="50.0"' in page
    assert "1栋101室" in page  # my recent visit
    assert "1栋102室" not in page  # a colleague's is not in *my* recent visits


def test_a_grid_worker_logs_a_visit_in_their_grid(client, login, world):
    login(world["users"]["gridworker"])
    response = client.post("/grid/visit/new", data={**NEW, "grid": str(world["grids"]["g1"].pk)})
    assert response.status_code == 302
    visit = Visit.objects.get(place="3栋 2单元 401室")
    assert visit.grid == world["grids"]["g1"] and visit.worker == world["users"]["gridworker"]
    assert visit.community == world["home"] and visit.street == world["street"]
    assert visit.place_key == "3栋2单元401室" and visit.tags == ["elderly_alone"]
    assert visit.worker_name == "赵网格" and visit.follow_up
    assert AuditEntry.objects(collection="visits", doc_id=str(visit.pk), action="create").count()


def test_a_grid_worker_cannot_log_in_another_grid(client, login, world):
    login(world["users"]["gridworker"])
    page = client.post("/grid/visit/new", data={**NEW, "grid": str(world["grids"]["g2"].pk)})
    assert page.status_code == 200 and 'data-field="grid"' in page.text
    assert not Visit.objects(place="3栋 2单元 401室").count()


def test_a_worker_without_a_grid_chooses_one_of_their_community(client, login, world):
    login(world["users"]["worker"])
    form = client.get("/grid/visit/new").text
    assert "幸福里G01网格" in form and "幸福里G02网格" in form and "和平里" not in form
    ok = client.post("/grid/visit/new", data={**NEW, "grid": str(world["grids"]["g2"].pk)})
    assert ok.status_code == 302
    refused = client.post(
        "/grid/visit/new", data={**NEW, "place": "别处", "grid": str(world["grids"]["g3"].pk)}
    )
    assert refused.status_code == 200 and not Visit.objects(place="别处").count()


def test_bad_input_gets_chinese_field_messages_and_writes_nothing(client, login, world):
    login(world["users"]["gridworker"])
    before = Visit.objects.count()
    bad = {**NEW, "grid": str(world["grids"]["g1"].pk), "place": "", "findings": "",
           "met_phone": "12345", "visited_at": "2099-01-01T10:00",
           "tags": ["nonsense"]}  # fmt: skip
    page = client.post("/grid/visit/new", data=bad).text
    assert 'data-field="place"' in page and 'data-field="findings"' in page
    assert "请填写" in page
    assert Visit.objects.count() == before
    good_but_future = {
        **NEW,
        "grid": str(world["grids"]["g1"].pk),
        "visited_at": "2099-01-01T10:00",
    }
    page = client.post("/grid/visit/new", data=good_but_future).text
    assert "不能晚于现在" in page and Visit.objects.count() == before
    wrong_phone = {**NEW, "grid": str(world["grids"]["g1"].pk), "met_phone": "12345"}
    page = client.post("/grid/visit/new", data=wrong_phone).text
    assert 'data-field="met_phone"' in page and Visit.objects.count() == before


def test_my_log_lists_my_visits_only(client, login, world):
    login(world["users"]["gridworker"])
    page = client.get("/grid/visits").text
    assert "1栋101室" in page and "1栋102室" not in page and "2栋201室" not in page


def test_visits_outside_what_the_worker_may_read_are_404(client, login, world):
    login(world["users"]["gridworker"])
    visits = world["visits"]
    assert client.get(f"/grid/visits/{visits['own'].pk}").status_code == 200
    assert client.get(f"/grid/visits/{visits['colleague_in_my_grid'].pk}").status_code == 200
    for name in ("colleague_other_grid", "next_door"):
        assert client.get(f"/grid/visits/{visits[name].pk}").status_code == 404, name
    assert client.get("/grid/visits/not-an-id").status_code == 404


def test_one_tap_takes_the_finding_in_as_a_demand_linked_both_ways(client, login, world):
    login(world["users"]["gridworker"])
    visit = world["visits"]["own"]
    page = client.get(f"/grid/visits/{visit.pk}").text
    assert "转为诉求" in page or "受理为诉求" in page
    data = {"item": str(world["item"].pk), "resident_name": "王奶奶",
            "resident_phone": "13912345678", "description": "希望上门送餐"}  # fmt: skip
    response = client.post(f"/grid/visits/{visit.pk}/demand", data=data)
    assert response.status_code == 302
    visit.reload()
    demand = Demand.objects.get(visit=visit.pk)
    assert visit.demand == demand and visit.follow_up
    assert demand.channel == "grid" and demand.grid == world["grids"]["g1"]
    assert demand.ticket_no and demand.deadline_at and demand.status == "received"
    assert demand.timeline[0].action == "intake"
    assert demand.resident_address == visit.place
    page = client.get(f"/grid/visits/{visit.pk}").text
    assert demand.ticket_no in page and "take-in-form" not in page
    details = client.get(f"/admin/demand/details/?id={demand.pk}").text
    assert f"/admin/visit/details/?id={visit.pk}" in details
    visit_page = client.get(f"/admin/visit/details/?id={visit.pk}").text
    assert demand.ticket_no in visit_page
    assert AuditEntry.objects(collection="visits", doc_id=str(visit.pk), action="update").count()
    # A second tap makes no second demand.
    again = client.post(f"/grid/visits/{visit.pk}/demand", data=data)
    assert again.status_code in (200, 302) and Demand.objects(visit=visit.pk).count() == 1


def test_a_worker_without_a_grid_takes_in_on_the_home_visit_channel(client, login, world):
    login(world["users"]["worker"])
    visit = world["visits"]["colleague_other_grid"]
    data = {"item": str(world["item"].pk), "resident_name": "李大爷",
            "resident_phone": "13812345678", "description": "楼道堆物"}  # fmt: skip
    assert client.post(f"/grid/visits/{visit.pk}/demand", data=data).status_code == 302
    assert Demand.objects.get(visit=visit.pk).channel == "visit"


def test_one_tap_without_a_phone_says_so_and_takes_nothing_in(client, login, world):
    login(world["users"]["gridworker"])
    visit = world["visits"]["own"]
    data = {"item": str(world["item"].pk), "resident_name": "王奶奶", "resident_phone": "",
            "description": "希望上门送餐"}  # fmt: skip
    page = client.post(f"/grid/visits/{visit.pk}/demand", data=data)
    assert page.status_code == 200 and 'data-field="resident_phone"' in page.text
    assert not Demand.objects(visit=visit.pk).count()
    wrong = {**data, "resident_phone": "999"}
    page = client.post(f"/grid/visits/{visit.pk}/demand", data=wrong)
    assert 'data-field="resident_phone"' in page.text and not Demand.objects.count()
