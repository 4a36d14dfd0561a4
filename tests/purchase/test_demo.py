"""The demo: in every demo street a call in each state, district-wide calls; the
organisation's sign-in works."""

from models import (
    Application,
    PurchaseCall,
    PurchaseContract,
    PurchaseObjection,
    Street,
    User,
)
from models.purchase_call import CALL_STATES
from seeds import seed_all
from seeds.accounts import DEMO_PASSWORD, ORG_ACCOUNT
from weimin.purchase import eligibility


def test_every_demo_street_has_a_call_in_every_state(app, client):
    seed_all(demo=True, size="small")
    for street in Street.objects:
        states = set(PurchaseCall.objects(street=street).distinct("status"))
        assert states == {code for code, _label in CALL_STATES}, street.name
    assert Application.objects(status="refused").count() >= 1
    assert PurchaseContract.objects.count() >= 1
    for objection in PurchaseObjection.objects:
        objection.validate()
        assert objection.call.status in ("awarded", "final")
    assert PurchaseObjection.objects(status="open").count() == Street.objects.count()
    for call in PurchaseCall.objects:
        call.validate()
    district = PurchaseCall.objects(street=None)
    assert set(district.distinct("status")) >= {"published", "awarded"}
    for call in district:
        assert [m.share for m in call.milestones] == [30, 40, 30]
        streets = {c.street.pk for c in call.communities}
        assert len(streets) == 2  # the service area spans two streets
        for application in Application.objects(call=call.pk):
            assert not eligibility.reasons(call, application.organisation, call.published_at,
                                           at_deadline=True)  # fmt: skip
    user = User.objects.get(username=ORG_ACCOUNT[0])
    response = client.post("/login", data={"username": user.username, "password": DEMO_PASSWORD})
    assert response.headers["Location"].endswith("/org/")
    page = client.get("/org/").get_data(as_text=True)
    assert user.organisation.name in page
