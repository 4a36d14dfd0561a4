"""Objections (异议) during the 公示: who may raise them and until when, the street's answer,
an upheld objection revoking the award, and no final award while one is unanswered."""

from datetime import UTC, datetime, timedelta

import pytest

from models import Application, AuditEntry, Demand, PurchaseContract, PurchaseObjection
from tests.purchase.conftest import PDF, announced
from weimin.demands.errors import TransitionError
from weimin.purchase import award, calls, objections

# The Monday before National Day 2025: 5 working days end at 00:00 on 14 October (Shanghai).
AWARDED = datetime(2025, 9, 29, 2, 0, tzinfo=UTC)
ENDS = datetime(2025, 10, 13, 16, 0, tzinfo=UTC)


@pytest.fixture
def awarded(world):
    return announced(world, AWARDED)


def test_an_applicant_objects_during_the_period_and_nobody_after_it(world, awarded, make):
    call, _apps = awarded
    loser = world["orgs"][1]
    objection = objections.lodge(call, "评分未考虑我方的服务年限", ("证明.pdf", PDF), "org2",
                                 AWARDED + timedelta(days=1), organisation=loser)  # fmt: skip
    stored = PurchaseObjection.objects.get(pk=objection.pk)
    assert (stored.status, stored.channel, stored.organisation.pk) == ("open", "org", loser.pk)
    assert stored.document.file.read() == PDF and stored.document.kind == "pdf"
    assert calls.aware(stored.awarded_at) == AWARDED
    outsider = make.organisation(world["street"], name="未申报的机构")
    with pytest.raises(TransitionError) as caught:
        objections.lodge(call, "理由", None, "x", AWARDED, organisation=outsider)
    assert "organisation" in caught.value.errors
    with pytest.raises(TransitionError) as caught:  # the end of the period itself is too late
        objections.lodge(call, "理由", None, "x", ENDS, organisation=loser)
    assert "2025-10-13 24:00" in caught.value.message
    assert PurchaseObjection.objects.count() == 1


def test_a_paper_objection_names_who_brought_it_and_a_valid_phone(world, awarded, app):
    call, _apps = awarded
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        with pytest.raises(TransitionError) as caught:
            objections.lodge(call, "  ", ("a.pdf", b"GIF89a"), "科长", AWARDED, phone="123")
    assert set(caught.value.errors) == {"grounds", "objector_name", "objector_phone", "document"}
    assert PurchaseObjection.objects.count() == 0
    objection = objections.lodge(call, "中选机构资质存疑", None, "科长", AWARDED,
                                 name="张先生", phone="138 0000 2222")  # fmt: skip
    assert objection.channel == "paper" and objection.objector_phone == "13800002222"


def test_no_final_award_while_an_objection_waits_then_dismissed(world, awarded):
    call, _apps = awarded
    objection = objections.lodge(call, "理由", None, "科长", AWARDED, name="张先生",
                                 phone="13800002222")  # fmt: skip
    with pytest.raises(TransitionError):
        award.finalise(call, "科长", ENDS)
    assert call.reload().status == "awarded" and not PurchaseContract.objects.count()
    with pytest.raises(TransitionError) as caught:
        objections.answer(objection, "dismissed", " ", "科长", ENDS)
    assert "answer" in caught.value.errors
    objections.answer(objection, "dismissed", "评分符合公告规定的评分办法", "科长", ENDS)
    with pytest.raises(TransitionError):  # answered once
        objections.answer(PurchaseObjection.objects.get(pk=objection.pk), "upheld", "x", "科长",
                          ENDS)  # fmt: skip
    assert PurchaseObjection.objects.get(pk=objection.pk).status == "dismissed"
    (contract,) = award.finalise(call, "科长", ENDS)
    assert call.reload().status == "final" and contract.organisation.pk == world["orgs"][0].pk
    assert AuditEntry.objects(collection="purchase_objections", summary="dismiss_objection")


def test_an_upheld_objection_revokes_the_award_and_a_new_period_runs(world, awarded):
    call, apps = awarded
    objection = objections.lodge(
        call,
        "中选机构未按要求提交资质",
        None,
        "org2",
        AWARDED + timedelta(hours=1),
        organisation=world["orgs"][1],
    )
    other = objections.lodge(call, "同一理由", None, "科长", AWARDED + timedelta(hours=2),
                             name="李女士", phone="13900003333")  # fmt: skip
    objections.answer(objection, "upheld", "经核查，中选机构资质证明已过期", "科长",
                      AWARDED + timedelta(days=1))  # fmt: skip
    call.reload()
    assert call.status == "reviewing"
    assert call.awarded_at is None and call.objection_ends is None
    assert {a.status for a in Application.objects(call=call.pk)} == {"submitted"}
    with pytest.raises(TransitionError):  # nothing is announced now
        objections.lodge(call, "理由", None, "科长", AWARDED + timedelta(days=1), name="王",
                         phone="13900003333")  # fmt: skip
    again = datetime(2025, 10, 20, 2, 0, tzinfo=UTC)  # a Monday: the 21st to the 27th
    award.award(call, [apps[1].pk], "科长", again)
    assert calls.aware(call.objection_ends) == datetime(2025, 10, 27, 16, 0, tzinfo=UTC)
    assert Application.objects.get(pk=apps[1].pk).status == "awarded"
    with pytest.raises(TransitionError):  # the earlier round's objection is still unanswered
        award.finalise(call, "科长", calls.aware(call.objection_ends))
    objections.answer(PurchaseObjection.objects.get(pk=other.pk), "upheld", "已重新评定",
                      "科长", again)  # fmt: skip
    assert call.reload().status == "awarded"  # an objection to an earlier award revokes nothing
    (contract,) = award.finalise(call, "科长", calls.aware(call.objection_ends))
    assert contract.organisation.pk == world["orgs"][1].pk
    assert Demand.objects.count() == 1
    assert objections.tally(call.reload()) == (0, 0)


def test_the_street_cannot_revoke_through_the_call_actions(world, awarded, make, login):
    call, _apps = awarded
    admin = make.user("street_admin", street_doc=world["street"])
    login(admin).post("/admin/purchase_call/act/", data={"id": str(call.pk), "do": "revoke"})
    assert call.reload().status == "awarded"


def test_upholding_at_once_revokes_an_award_stored_to_the_millisecond(world):
    at = AWARDED.replace(microsecond=123456)  # the store keeps 123 ms of it
    call, _apps = announced(world, at)
    objection = objections.lodge(call, "理由", None, "科长", at, name="王先生",
                                 phone="13900003333")  # fmt: skip
    objections.answer(objection, "upheld", "经核查属实", "科长", at)
    assert call.reload().status == "reviewing"
