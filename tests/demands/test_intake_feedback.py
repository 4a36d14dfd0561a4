"""Intake tells the ticket, deadline and likely duplicate; the list finds a resident's phone;
a suspected duplicate is merged or linked; a demand is voided, never deleted."""

import html
import re
from datetime import datetime

import pytest

from models import AuditEntry, Demand
from weimin.core.timefmt import deadline_text
from weimin.core.workdays import TZ

PHONE = "13805740001"


@pytest.fixture
def place(make):
    street = make.street()
    community = make.community(street)
    item = make.item(street_doc=street)
    return street, community, item


def form(street, community, item, phone=PHONE, name="钱多多"):
    return {
        "item": str(item.pk),
        "street": str(street.pk),
        "community": str(community.pk),
        "resident_name": name,
        "resident_phone": phone,
        "channel": "hotline",
        "description": "楼道灯坏了",
    }


def flashes(text):
    return [html.unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in FLASH.findall(text)]


FLASH = re.compile(r'<div class="alert alert-\w+ alert-dismissable">(.*?)</div>', re.S)


def test_the_worker_is_told_ticket_deadline_and_duplicate(client, make, login, place):
    street, community, item = place
    login(make.user("community_worker", street_doc=street, community_doc=community))
    new = f"/admin/demand/new/?item={item.pk}"
    first = client.post(new, data=form(street, community, item))
    earlier = Demand.objects.get()
    assert first.headers["Location"].endswith(f"/admin/demand/details/?id={earlier.pk}")
    page = client.get(first.headers["Location"]).text
    told = " ".join(flashes(page))
    assert earlier.ticket_no in told and deadline_text(earlier.deadline_at) in told
    assert "同一电话" not in told

    # The same resident calls again about the same thing: the worker sees the open one.
    second = client.post(new, data=form(street, community, item, phone="138-0574-0001"))
    later = Demand.objects.get(ticket_no__ne=earlier.ticket_no)
    assert later.duplicate_of == earlier and later.phone_tail == "0001"
    page = client.get(second.headers["Location"]).text
    told = " ".join(flashes(page))
    assert f"同一电话同一事项尚有未办结诉求 {earlier.ticket_no}，查看" in told
    assert f'href="/admin/demand/details/?id={earlier.pk}"' in page  # flash and details page
    assert 'id="duplicate-of"' in page and 'data-action="merge"' in page
    listing = client.get("/admin/demand/").text
    assert listing.count("duplicate-marker") == 1 and "重复?" in listing


def test_the_api_answers_deadline_and_duplicate(app, make, place):
    street, community, item = place
    _token, secret = make.api_token(street, "demands:create")
    api = app.test_client()
    body = {"item": item.code, "community": community.code, "resident_name": "钱多多",
            "resident_phone": PHONE, "description": "楼道灯坏了"}  # fmt: skip
    headers = {"Authorization": f"Bearer {secret}"}
    first = api.post("/api/v1/demands", json=body, headers=headers).get_json()
    assert first["duplicate"] is None
    assert first["deadline_text"] == deadline_text(Demand.objects.get().deadline_at)
    assert first["ticket_no"] in first["message"] and first["deadline_text"] in first["message"]
    second = api.post("/api/v1/demands", json=body, headers=headers).get_json()
    assert second["duplicate"]["ticket_no"] == first["ticket_no"] == second["duplicate_of"]
    assert second["duplicate"]["message"].startswith("同一电话同一事项尚有未办结诉求")


def test_search_by_phone_tail_and_name(client, make, login, place):
    street, community, item = place
    mine = make.demand(community, item, resident_phone=PHONE, resident_name="钱多多")
    mine.phone_tail = "0001"
    mine.save()
    other = make.demand(community, item, resident_name="孙小美")
    login(make.user("street_admin", street_doc=street))
    for term in (PHONE, "138 0574 0001", "0001", "钱多"):
        page = client.get("/admin/demand/", query_string={"search": term}).text
        assert mine.ticket_no in page and other.ticket_no not in page, term
    page = client.get("/admin/demand/", query_string={"search": "9999"}).text
    assert mine.ticket_no not in page


def test_older_demands_get_their_phone_tail(app, make, place):
    from jobs.migrations.m0006_phone_tails import run

    _street, community, item = place
    demand = make.demand(community, item, resident_phone=PHONE)
    Demand._get_collection().update_one({"_id": demand.pk}, {"$unset": {"phone_tail": 1}})

    class Progress:
        def add(self, **counts):
            self.counts = counts

    progress = Progress()
    run(progress)
    assert demand.reload().phone_tail == "0001" and progress.counts["filled"] == 1
    progress.counts = None
    run(progress)  # nothing left to fill
    assert progress.counts is None


def act(client, demand, action, **data):
    form = {"id": str(demand.pk), "rev": demand.reload().rev, "action": action, **data}
    return client.post("/admin/demand/act/", data=form, follow_redirects=True)


def test_merge_closes_the_newer_and_link_keeps_both(client, make, login, place):
    street, community, item = place
    earlier = make.demand(community, item, resident_phone=PHONE)
    later = make.demand(community, item, resident_phone=PHONE)
    third = make.demand(community, item, resident_phone=PHONE)
    assert later.duplicate_of == earlier == third.duplicate_of
    login(make.user("community_worker", street_doc=street, community_doc=community))
    act(client, later, "merge")  # not confirmed: nothing changes
    assert later.reload().status == "received"
    act(client, later, "merge", confirm="yes")
    later.reload()
    assert (later.status, later.duplicate_state, later.timeline[-1].action) == (
        "merged",
        "merged",
        "merge",
    )
    assert AuditEntry.objects(doc_id=str(later.pk), summary="merge").count() == 1
    act(client, third, "link")
    assert (third.reload().status, third.duplicate_state) == ("received", "linked")
    # The merged one is no open work and leaves the default list.
    assert Demand.objects.open_now().count() == 2
    listing = client.get("/admin/demand/").text
    assert later.ticket_no not in listing and third.ticket_no in listing


def test_a_street_admin_voids_with_a_reason_and_nothing_counts_it(client, make, login, place):
    from jobs.clearance import tally_community
    from weimin.core.periods import current_bounds

    street, community, item = place
    demand = make.demand(community, item)
    kept = make.demand(community, item)
    worker = make.user("community_worker", street_doc=street, community_doc=community)
    login(worker)
    assert 'data-action="void"' not in client.get(f"/admin/demand/details/?id={demand.pk}").text
    assert act(client, demand, "void", note="重复录入", confirm="yes").status_code == 403
    client.post("/logout")
    login(make.user("street_admin", street_doc=street))
    # Delete is gone, for the list and for the record.
    assert client.post("/admin/demand/delete/", data={"id": str(demand.pk)}).status_code == 302
    assert Demand.objects(pk=demand.pk).count() == 1
    page = act(client, demand, "void", confirm="yes").text
    assert "请填写原因" in page and demand.reload().status == "received"
    act(client, demand, "void", note="重复录入", confirm="yes")
    demand.reload()
    assert (demand.status, demand.void_reason) == ("voided", "重复录入")
    assert demand.voided_at is not None
    entry = AuditEntry.objects(doc_id=str(demand.pk), summary="void").get()
    assert entry.changes["status"]["after"] == "voided"
    # Hidden from the list, found with the status filter, and in no figure.
    assert demand.ticket_no not in client.get("/admin/demand/").text
    view = next(v for v in client.application.extensions["weimin_admin"]._views
                if v.endpoint == "demand")  # fmt: skip
    key = next(k for k, (_i, f) in view._filter_args.items()
               if f.column == "status" and type(f).__name__ == "FilterEqual")  # fmt: skip
    found = client.get(f"/admin/demand/?flt0_{key}=voided").text
    assert demand.ticket_no in found and kept.ticket_no not in found
    details = client.get(f"/admin/demand/details/?id={demand.pk}").text
    assert 'id="voided"' in details and "重复录入" in details
    start, end = current_bounds(datetime.now(TZ))
    tally = tally_community(community.pk, start, end)
    assert (tally.received, tally.open_direct) == (1, 1)
    assert [d.pk for d in Demand.objects.open_now()] == [kept.pk]
