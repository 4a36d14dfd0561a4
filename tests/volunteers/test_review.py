"""An organising unit's leader approves its records from /me/review — never their own."""

from decimal import Decimal

from models import ServiceRecord, Volunteer
from tests.volunteers.ids import IDS


def test_leader_approves_a_teammates_record_but_not_their_own(make, login):
    leader = make.volunteer_user()
    teammate = make.volunteer(
        leader.volunteer.community, id_number=IDS[1], phone="13900000000", name="李娜"
    )
    team = make.organisation(leader.volunteer.street, name="青年志愿队", leaders=[leader])
    theirs = make.service_record(teammate, team, hours=Decimal("1.5"))
    own = make.service_record(leader.volunteer, team)
    client = login(leader)
    listing = client.get("/me/review").text
    assert str(theirs.pk) in listing and str(own.pk) not in listing
    assert client.post(f"/me/review/{theirs.pk}", data={"approve": "1"}).status_code == 302
    assert Volunteer.objects.get(pk=teammate.pk).approved_hours == Decimal("1.5")
    assert client.post(f"/me/review/{own.pk}", data={"approve": "1"}).status_code == 404
    assert ServiceRecord.objects.get(pk=own.pk).status == "submitted"


def test_volunteers_who_lead_nothing_have_no_review_page(make, login):
    assert login(make.volunteer_user()).get("/me/review").status_code == 404


def test_leader_cannot_decide_another_units_record(make, login):
    leader = make.volunteer_user()
    make.organisation(leader.volunteer.street, leaders=[leader])
    other = make.volunteer(id_number=IDS[1], phone="13900000000")
    record = make.service_record(other)
    assert login(leader).post(f"/me/review/{record.pk}", data={"approve": "1"}).status_code == 404
