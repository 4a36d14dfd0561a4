"""Star ratings: publishing and reopening in the admin, who sees drafts, the objection contact."""

from jobs.ratings import run_ratings
from models import AuditEntry, ObjectionContact, RatingPeriod, StarRating
from tests.factories import PASSWORD


def _act(client, action, state):
    return client.post("/admin/rating_period/action/", data={"action": action, "rowid": state.pk})


def test_a_street_admin_publishes_and_reopens_its_ratings(march, make, login):
    run_ratings("2026")
    state = RatingPeriod.objects.get(street=march["street"], period="2026")
    assert state.status == "draft" and state.computed_at
    admin = make.user("street_admin", street_doc=march["street"])
    client = login(admin)
    assert 'data-model-action="publish"' in client.get("/admin/rating_period/").text
    assert _act(client, "publish", state).status_code == 302
    state.reload()
    assert (state.status, state.published_by, state.objection_days) == (
        "published", admin.username, 7,
    )  # fmt: skip
    assert set(StarRating.objects(street=march["street"]).scalar("published")) == {True}
    assert AuditEntry.objects(collection="rating_periods", actor=admin.username).count() == 1
    assert _act(client, "reopen", state).status_code == 302
    assert state.reload().status == "draft"
    assert set(StarRating.objects.scalar("published")) == {False}


def test_who_sees_draft_ratings_and_who_may_publish(march, make, login, app):
    run_ratings("2026")
    state = RatingPeriod.objects.get()
    other = make.street()
    people = {
        "district_admin": (make.user("district_admin"), True),
        "street_admin": (make.user("street_admin", street_doc=march["street"]), True),
        "other_street": (make.user("street_admin", street_doc=other), False),
        "community_worker": (make.user("community_worker", community_doc=march["a"]), False),
        "supervisor": (make.user("supervisor"), False),
    }
    for name, (user, sees) in people.items():
        client = app.test_client()
        client.post("/login", data={"username": user.username, "password": PASSWORD})
        assert ("社区1" in client.get("/admin/star_rating/").text) is sees, name
        if name in ("community_worker", "supervisor", "other_street"):
            _act(client, "publish", state)
            assert state.reload().status == "draft", name


def test_a_street_admin_sets_its_objection_contact(march, make, login):
    client = login(make.user("street_admin", street_doc=march["street"]))
    form = {"street": march["street"].pk, "office": "社会事务办", "phone": "12345",
            "address": "人民路1号"}  # fmt: skip
    bad = client.post("/admin/objection_contact/new/", data=form)
    assert bad.status_code == 200 and ObjectionContact.objects.count() == 0
    assert "不是有效的手机或固定电话号码" in bad.text
    good = client.post("/admin/objection_contact/new/", data={**form, "phone": "13805740001"})
    assert good.status_code == 302
    contact = ObjectionContact.objects.get()
    assert (contact.street, contact.phone) == (march["street"], "13805740001")
