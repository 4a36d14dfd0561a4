"""Every write leaves an append-only entry naming who, what, before and after, and from where."""

import pytest
from bson import ObjectId
from mongoengine.errors import OperationError, ValidationError

from models import AuditEntry, Community, Demand
from weimin.store import audit


def entries(**kw):
    return list(AuditEntry.objects(**kw).order_by("at"))


def test_admin_create_edit_delete_are_recorded_with_before_and_after(make, login):
    admin = make.user("district_admin")
    street = make.street()
    client = login(admin)
    client.post("/admin/community/new/", data={"code": "C77", "name": "旧名", "street": street.id})
    community = Community.objects.get(code="C77")
    created = entries(collection="communities", action="create")[-1]
    assert created.actor == admin.username and created.actor_kind == "user"
    assert created.changes["name"] == {"before": None, "after": "旧名"}
    assert created.street == street.id and created.path == "/admin/community/new/"

    client.post(
        f"/admin/community/edit/?id={community.id}",
        data={"code": "C77", "name": "新名", "street": street.id},
    )
    updated = entries(collection="communities", action="update")[-1]
    assert updated.changes == {"name": {"before": "旧名", "after": "新名"}}
    assert updated.doc_id == str(community.id)

    client.post("/admin/community/delete/", data={"id": str(community.id)})
    deleted = entries(collection="communities", action="delete")[-1]
    assert deleted.changes["name"] == {"before": "新名", "after": None}


def test_sign_ins_and_failures_are_recorded(client, make):
    user = make.user()
    client.post("/login", data={"username": user.username, "password": "wrong"})
    client.post("/login", data={"username": "nobody", "password": "wrong"})
    client.post("/login", data={"username": user.username, "password": make.PASSWORD})
    failed = entries(action="login_failed")
    assert [e.actor for e in failed] == [user.username, "nobody"]
    assert entries(action="login")[0].actor == user.username


def test_password_hashes_never_enter_the_trail(make):
    user = make.user()
    user.set_password("Another-password-2")
    user.save()
    change = entries(collection="users", action="update")[-1]
    assert change.changes["password_hash"] == {"before": "***", "after": "***"}


def test_cli_and_job_writes_name_their_actor(make):
    with audit.acting_as("job", "clearance"):
        make.street(name="作业街道")
    entry = entries(collection="streets")[-1]
    assert (entry.actor_kind, entry.actor) == ("job", "clearance")
    make.street(name="命令行街道")
    assert entries(collection="streets")[-1].actor_kind == "cli"


def test_entries_are_append_only(make):
    make.street()
    entry = AuditEntry.objects.first()
    with pytest.raises(OperationError):
        entry.delete()
    entry.actor = "someone else"
    with pytest.raises(OperationError):
        entry.save()


def test_street_admin_sees_only_their_streets_entries(make, login):
    mine, other = make.street(name="本街道"), make.street(name="他街道")
    make.community(mine, name="本社区")
    make.community(other, name="他社区")
    client = login(make.user("street_admin", street_doc=mine))
    page = client.get("/admin/audit/").text
    ids = {str(c.id) for c in Community.objects(street=mine.id)}
    others = {str(c.id) for c in Community.objects(street=other.id)}
    assert all(i in page for i in ids)
    assert not any(i in page for i in others)


def test_api_writes_name_the_token(client, make):
    from models import ApiToken

    demand = make.demand(handling_level="routine")
    token = ApiToken(name="12345热线", street=demand.street, scopes=["demands:act"])
    secret = token.issue()
    token.save()
    response = client.post(
        f"/api/v1/demands/{demand.ticket_no}/transitions",
        json={"action": "escalate", "rev": demand.rev},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 200
    entry = entries(collection="demands", action="update")[-1]
    assert (entry.actor_kind, entry.actor) == ("token", "12345热线")
    assert entry.changes["handling_level"] == {"before": "routine", "after": "general"}
    assert entry.path == f"/api/v1/demands/{demand.ticket_no}/transitions"


def test_an_unchanged_date_field_is_not_recorded_as_changed(make):
    import datetime

    from models import FundMotion

    fund = make.fund(kind="crowd")
    motion = FundMotion(fund=fund, street=fund.street, kind="rule", title="使用规则",
                        meeting_date=datetime.date(2026, 11, 3)).save()  # fmt: skip
    motion.reload()
    motion.title = "使用规则（修订）"
    motion.save()
    change = entries(collection="fund_motions", action="update")[-1]
    assert set(change.changes) == {"title"}


def test_a_date_field_reads_as_a_day_in_the_trail(app, make):
    import datetime

    from flask_login import AnonymousUserMixin

    from models import FundMotion
    from weimin.store.audit_read import Reader

    fund = make.fund(kind="crowd")
    FundMotion(fund=fund, street=fund.street, kind="rule", title="规则",
               meeting_date=datetime.date(2026, 11, 3)).save()  # fmt: skip
    created = entries(collection="fund_motions", action="create")[-1]
    with app.test_request_context():
        reader = Reader("fund_motions", AnonymousUserMixin(), {})
        assert reader.text("meeting_date", created.changes["meeting_date"]["after"]) == "2026-11-03"


def _comparable(entry):
    """The entry as the store holds it, without what differs between two writes."""
    son = AuditEntry._get_collection().find_one({"_id": entry.pk})
    for key in ("_id", "at", "doc_id"):
        son.pop(key)
    son["changes"].pop("code")
    return son


@pytest.mark.parametrize("context", ["plain", "as_action"])
def test_a_first_insert_is_entered_as_a_save_would_enter_it(app, make, context):
    """insert_new stores its entry without a second validation pass; the entry is the one the
    ordinary save path writes, holds the document's every field, and validates."""
    street = make.street()
    acting = audit.as_action("merge", summary="并入") if context == "as_action" else None
    with app.test_request_context("/api/v1/demands"), acting or audit.acting_as("job", "j"):
        first = Community(code="S1", name="同名社区", street=street).save()
        second = audit.insert_new(Community(code="S2", name="同名社区", street=street))
    saved, inserted = (entries(doc_id=str(d.pk))[0] for d in (first, second))
    assert _comparable(inserted) == _comparable(saved)
    assert inserted.action == ("merge" if context == "as_action" else "create")
    assert inserted.changes["name"] == {"before": None, "after": "同名社区"}
    assert inserted.street == street.id and inserted.path == "/api/v1/demands"
    AuditEntry.objects.get(pk=inserted.pk).validate()


def test_a_first_insert_of_a_demand_enters_its_nested_values_as_stored(app, make):
    """A demand's timeline (embedded steps) and item values enter the trail as a save enters
    them, from the same stored form."""
    demand = make.demand(values={"人数": 3, "说明": "上门"})
    saved = entries(doc_id=str(demand.pk))[0]
    stored = {**demand.to_mongo().to_dict(), "_id": ObjectId(), "ticket_no": "JD99-20261205-0001"}
    copy = Demand._from_son(stored, created=True)
    with app.test_request_context():
        audit.insert_new(copy)
    inserted = entries(doc_id=str(copy.pk))[0]
    assert inserted.changes["timeline"] == saved.changes["timeline"]
    assert inserted.changes["values"]["after"] == {"人数": 3, "说明": "上门"}
    assert set(inserted.changes) == set(saved.changes)
    AuditEntry.objects.get(pk=inserted.pk).validate()


def test_a_first_insert_checks_its_entry_as_a_save_does(app, make):
    """The entry's own fields (here an action outside the trail's list) are checked as a save
    checks them: a bad entry is refused, not stored."""
    street = make.street()
    with app.test_request_context(), audit.as_action("not-an-action"):
        with pytest.raises(ValidationError):
            audit.insert_new(Community(code="S3", name="社区", street=street))
    assert not entries(action="not-an-action")
