"""Applications: documents checked by content and size; each eligibility refusal says why."""

import io
from datetime import timedelta

import pytest
from openpyxl import Workbook

from models import Application, StarRating
from tests.purchase.conftest import MONDAY, PDF, form, plan
from weimin.demands.errors import TransitionError
from weimin.purchase import applications, calls, files


@pytest.fixture
def open_call(world):
    return calls.advance(world["call"], "publish", MONDAY)


def submit(call, org, uploads=None, at=None, **kw):
    return applications.submit(call, org, form(**kw), plan() if uploads is None else uploads,
                               "测试", at or MONDAY + timedelta(hours=1))  # fmt: skip


def refusal(call, org, **kw):
    with pytest.raises(TransitionError) as caught:
        submit(call, org, **kw)
    return caught.value.errors


def rating(org, period, stars, not_eligible=False):
    StarRating(period=period, subject_type="organisation", organisation=org, street=org.street,
               subject_name=org.name, score=stars * 100 + 450, stars=stars,
               not_eligible=not_eligible).save()  # fmt: skip


def test_an_eligible_organisation_applies_with_its_documents(open_call, world):
    application = submit(open_call, world["orgs"][0])
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == "submitted" and stored.documents[0].kind == "pdf"
    assert stored.documents[0].file.read() == PDF


def test_applying_twice_is_refused(open_call, world):
    submit(open_call, world["orgs"][0])
    assert "organisation" in refusal(open_call, world["orgs"][0])


def test_refused_after_the_deadline(open_call, world):
    errors = refusal(open_call, world["orgs"][0], at=calls.aware(open_call.deadline))
    assert errors["organisation"] == ["The application deadline has passed."]


def test_refused_for_the_wrong_kind(open_call, world, make):
    org = make.organisation(world["street"], org_type="volunteer_team",
                            community=world["community"])  # fmt: skip
    assert "Wrong kind of organisation" in refusal(open_call, org)["organisation"][0]


def test_refused_when_the_star_level_is_too_low(open_call, world):
    open_call.min_stars = 3
    org = world["orgs"][0]
    rating(org, "2024", 2)
    assert "Star level too low" in refusal(open_call, org)["organisation"][0]
    rating(org, "2025-Q1", 4)  # the latest period begun before now decides
    assert submit(open_call, org).status == "submitted"


def test_refused_under_the_rating_rule(open_call, world):
    org = world["orgs"][0]
    rating(org, "2023", 0)
    rating(org, "2024", 0, not_eligible=True)
    assert "rating rule" in refusal(open_call, org)["organisation"][0]


def test_refused_outside_the_service_area(open_call, world, make):
    org = make.organisation(world["street"], community=world["other"])
    assert refusal(open_call, org)["organisation"] == ["Outside the service area of the call."]
    elsewhere = make.organisation(make.street())
    assert refusal(open_call, elsewhere)["organisation"] == [
        "Outside the service area of the call."
    ]


def test_the_budget_is_capped(open_call, world):
    assert "budget" in refusal(open_call, world["orgs"][0], budget="90000")
    assert "budget" in refusal(open_call, world["orgs"][0], budget="abc")


def _xlsx():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def test_documents_are_checked_by_content(open_call, world):
    org = world["orgs"][0]
    fake = [("服务方案", "方案.pdf", b"MZ\x90\x00 not a pdf")]
    assert "is not a PDF" in refusal(open_call, org, uploads=fake)["documents"][0]
    renamed = [("服务方案", "方案.pdf", _xlsx())]
    assert "XLSX document but is named otherwise" in refusal(
        open_call, org, uploads=renamed)["documents"][0]  # fmt: skip
    assert "Attach the required document" in refusal(open_call, org, uploads=[])["documents"][0]
    big = [("服务方案", "方案.pdf", PDF + b"0" * files.MAX_BYTES)]
    assert "larger than 10 MB" in refusal(open_call, org, uploads=big)["documents"][0]
    assert Application.objects.count() == 0
    assert files.sniff(_xlsx()) == "xlsx" and files.sniff(b"\x89PNG\r\n\x1a\nxx") == "png"


def test_the_deadline_refuses_who_became_ineligible(open_call, world):
    first, second = (submit(open_call, org) for org in world["orgs"])
    rating(world["orgs"][1], "2025-Q1", 0, not_eligible=True)
    calls.advance(open_call, "close", calls.aware(open_call.deadline))
    refused = applications.refuse_ineligible(open_call, calls.aware(open_call.deadline))
    assert [a.pk for a in refused] == [second.pk]
    assert "rating rule" in second.reload().refusals[0] and second.status == "refused"
    assert first.reload().status == "submitted"
