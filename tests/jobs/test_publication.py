"""A published month is frozen; reopening keeps the published revision readable."""

import pytest

from jobs.clearance import run_clearance
from jobs.publication import PublicationError, publish_month, reopen_month
from models import ClearanceMonth, ClearanceReport, ClearanceRevision, Demand
from tests.jobs.conftest import MONTH, local


def figures_of(street):
    return {
        (str(r.community), r.level): (r.open_at_end, r.closed, r.composite, r.revision)
        for r in ClearanceReport.objects(month=MONTH, street=street)
    }


def close_the_rest(community):
    for d in Demand.objects(community=community, closed_at=None, rejected_at=None):
        d.update(set__closed_at=local(3, 29))


def test_publishing_needs_a_computed_month(march):
    with pytest.raises(PublicationError, match="not been computed"):
        publish_month(march["street"], MONTH, "street1")


def test_a_published_month_does_not_change_on_recompute(march):
    run_clearance(MONTH)
    publish_month(march["street"], MONTH, "street1")
    before = figures_of(march["street"])
    close_the_rest(march["b"])
    summary = run_clearance(MONTH)
    assert summary["frozen"] == [march["street"].code] and summary["computed"] == []
    assert figures_of(march["street"]) == before
    assert all(r.published for r in ClearanceReport.objects(month=MONTH))  # district too
    with pytest.raises(PublicationError, match="already published"):
        publish_month(march["street"], MONTH, "street1")


def test_reopen_and_recompute_keeps_the_earlier_revision(march):
    run_clearance(MONTH)
    publish_month(march["street"], MONTH, "street1")
    published = figures_of(march["street"])
    reopen_month(march["street"], MONTH, "street1", reason="补录回访")
    with pytest.raises(PublicationError, match="Recompute"):
        publish_month(march["street"], MONTH, "street1")
    close_the_rest(march["b"])
    run_clearance(MONTH)
    b = ClearanceReport.objects.get(month=MONTH, community=march["b"])
    assert (b.open_at_end, b.cleared, b.revision, b.published) == (0, True, 2, False)
    old = ClearanceRevision.objects.get(month=MONTH, community=march["b"], revision=1)
    assert (old.open_at_end, old.published, old.reason) == (1, True, "补录回访")
    assert old.archived_by == "street1"
    # every published report of revision 1 is kept: 4 communities and the street roll-up
    assert ClearanceRevision.objects(month=MONTH, revision=1).count() == 5
    assert {(k, v[3]) for k, v in published.items()} == {(k, 1) for k in published}
    publish_month(march["street"], MONTH, "street1")
    state = ClearanceMonth.objects.get(street=march["street"], month=MONTH)
    assert (state.status, state.revision) == ("published", 2)
    assert [e.action for e in state.history] == ["published", "reopened", "published"]


def test_only_a_published_month_can_be_reopened(march):
    run_clearance(MONTH)
    with pytest.raises(PublicationError, match="Only a published"):
        reopen_month(march["street"], MONTH, "street1")


def test_the_unique_index_refuses_writes_to_a_published_report(march):
    from jobs.clearance import Frozen, upsert

    run_clearance(MONTH)
    publish_month(march["street"], MONTH, "street1")
    # a run that checked the month before it was published cannot overwrite it
    with pytest.raises(Frozen):
        upsert(MONTH, march["street"], march["a"], "community", {"closed": 99})
    assert ClearanceReport.objects.get(month=MONTH, community=march["a"]).closed == 6


def test_the_district_is_published_only_when_every_street_is(march, make):
    other = make.street(code="JD2")
    make.community(other, code="JD2C01")
    run_clearance(MONTH, street_id=str(march["street"].pk))
    publish_month(march["street"], MONTH, "street1")
    district = ClearanceReport.objects.get(month=MONTH, level="district")
    # JD2 was never computed, so it has no draft month: the district is still not final.
    assert (district.published, district.streets, district.streets_computed) == (False, 2, 1)
    assert district.communities == 4
    run_clearance(MONTH, street_id=str(other.pk))
    district.reload()
    assert (district.published, district.streets_computed, district.communities) == (False, 2, 5)
    publish_month(other, MONTH, "street2")
    assert district.reload().published is True
    reopen_month(other, MONTH, "street2")
    assert district.reload().published is False
