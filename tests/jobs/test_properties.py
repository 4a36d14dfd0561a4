"""Properties of the clearance arithmetic over random demand histories."""

from datetime import timedelta

from bson import ObjectId
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobs.clearance import tally_community
from jobs.tally import Tally, figures
from models import Demand
from weimin.core.periods import bounds

START, END = bounds("2026-03")
HOUR = timedelta(hours=1)


@st.composite
def history(draw):
    """One demand: received from 40 days before March to after it, then maybe closed or rejected."""
    received = START + draw(st.integers(-40 * 24, 35 * 24)) * HOUR
    doc = {"received_at": received}
    ending = draw(st.sampled_from(["open", "closed", "rejected", "both"]))
    # "both": imported or corrected records can carry a close and a rejection, in either order.
    for field in ("closed", "rejected"):
        if ending in (field, "both"):
            doc[f"{field}_at"] = received + draw(st.integers(0, 60 * 24)) * HOUR
    if draw(st.booleans()):
        doc["deadline_at"] = received + draw(st.integers(0, 40 * 24)) * HOUR
    left = doc.get("rejected_at") or doc.get("closed_at")
    if draw(st.booleans()):  # an earlier deadline passed while it was open, then was replaced
        since = received + draw(st.integers(0, 40 * 24)) * HOUR
        if left is None or since <= left:
            doc.update(overdue=True, overdue_at=since)
    if draw(st.booleans()):
        doc["first_response_at"] = received + draw(st.integers(0, 72)) * HOUR
    if ending == "closed" and draw(st.booleans()):
        doc["evaluation"] = {
            "satisfaction": draw(st.sampled_from(["satisfied", "basically", "dissatisfied"])),
            "resolved": draw(st.booleans()),
        }
    return doc


def direct_open(docs, when):
    """Received before `when` and not left before it; a rejection, if any, is the exit."""
    return sum(
        1
        for d in docs
        if d["received_at"] < when and (d.get("rejected_at") or d.get("closed_at") or when) >= when
    )


def check_rates(figs):
    for name in ("clearance_rate", "response_rate", "resolution_rate", "satisfaction_rate",
                 "composite"):  # fmt: skip
        value = figs[name]
        assert value is None or 0 <= value <= 1, (name, value)
    assert figs["clearance_rate"] is not None  # 1.0 when nothing was due


@settings(max_examples=150, deadline=None)
@given(st.lists(history(), max_size=40))
def test_open_at_end_equals_a_direct_count(docs):
    tally = Tally()
    for doc in docs:
        tally.add(doc, START, END)
    assert tally.open_at_end == direct_open(docs, END) == tally.open_direct
    assert tally.carried_in == direct_open(docs, START)
    figs = figures(tally)
    check_rates(figs)
    assert figs["cleared"] == (tally.open_at_end == 0)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(history(), max_size=25))
def test_the_store_agrees_with_the_named_query(app, docs):
    collection = Demand._get_collection()
    collection.delete_many({})
    community = ObjectId()
    if docs:
        collection.insert_many(
            [{**doc, "community": community, "ticket_no": f"P{n}"} for n, doc in enumerate(docs)]
        )
    tally = tally_community(community, START, END)
    assert tally.open_at_end == Demand.objects(community=community).open_at(END).count()
    assert tally.carried_in == Demand.objects(community=community).open_at(START).count()
    check_rates(figures(tally))
    # The in-memory reading (used by intake's duplicate check in the demo) agrees with the query.
    for when in (START, END):
        in_memory = {d.pk for d in Demand.objects(community=community) if d.was_open_at(when)}
        stored = {d.pk for d in Demand.objects(community=community).open_at(when)}
        assert in_memory == stored
