"""Deleting what others refer to is refused with the count; retiring takes its place."""

import json

import pytest
from mongoengine import ListField, ReferenceField

from models import (
    ALL_DOCUMENTS,
    CatalogueCategory,
    CatalogueItem,
    CatalogueItemVersion,
    Community,
    Demand,
    Organisation,
    RuleSet,
    StarRating,
    User,
    Volunteer,
)
from models.delete_rules import RULES, StillReferenced
from models.rule_defaults import DEFAULTS


def reference_fields(document):
    """Names of the document's reference fields, lists of references included."""
    for name, field in document._fields.items():
        inner = field.field if isinstance(field, ListField) else field
        if isinstance(inner, ReferenceField):
            yield name


def test_every_reference_in_the_model_has_a_delete_rule():
    declared = {(doc, name) for doc in ALL_DOCUMENTS for name in reference_fields(doc)}
    ruled = {(doc, name) for doc, fields in RULES.items() for name in fields}
    assert declared == ruled


@pytest.fixture
def place(make):
    street = make.street(name="甲街道")
    community = make.community(street, name="甲一社区")
    return {
        "street": street,
        "community": community,
        "admin": make.user("street_admin", street_doc=street),
        "district": make.user("district_admin"),
    }


def _delete(client, endpoint, doc, bulk=False):
    if bulk:
        data = {"action": "delete", "rowid": [str(doc.pk)]}
        return client.post(f"/admin/{endpoint}/action/", data=data, follow_redirects=True).text
    url = f"/admin/{endpoint}/delete/"
    return client.post(url, data={"id": str(doc.pk)}, follow_redirects=True).text


@pytest.mark.parametrize("bulk", [False, True], ids=["delete", "bulk-delete"])
def test_deleting_an_item_with_demands_is_refused_with_the_count(make, login, place, bulk):
    item = make.item(name="上门理发", street_doc=place["street"])
    for _ in range(2):
        make.demand(place["community"], item)
    page = _delete(login(place["admin"]), "item", item, bulk)
    assert CatalogueItem.objects(pk=item.pk).count() == 1
    assert "仍有 2 条诉求引用服务事项“上门理发”，不能删除；请改为停用" in page


def test_deleting_an_organisation_counts_every_kind_of_reference(make, login, place):
    org = make.organisation(place["street"], name="夕阳红志愿队")
    make.demand(place["community"], assigned_org=org)
    volunteer = make.volunteer(place["community"], teams=[org])
    make.service_record(volunteer, org)
    page = _delete(login(place["admin"]), "organisation", org)
    assert Organisation.objects(pk=org.pk).count() == 1
    assert "仍有 1 名志愿者、1 条服务记录、1 条诉求引用组织“夕阳红志愿队”" in page


def test_an_item_nothing_refers_to_is_deleted_with_its_versions(make, login, place):
    item = make.item(street_doc=place["street"])
    assert CatalogueItemVersion.objects(item=item.pk).count() == 1
    _delete(login(place["admin"]), "item", item)
    assert CatalogueItem.objects(pk=item.pk).count() == 0
    assert CatalogueItemVersion.objects(item=item.pk).count() == 0


def test_streets_and_communities_in_use_are_kept(make, login, place):
    make.demand(place["community"])
    client = login(place["district"])
    page = _delete(client, "community", place["community"])
    assert Community.objects(pk=place["community"].pk).count() == 1
    assert "仍有 1 条诉求引用社区“甲一社区”，不能删除。" in page
    _delete(client, "street", place["street"])
    assert place["street"].reload() is not None


def test_a_volunteer_without_records_goes_with_their_sign_in(make, login, place):
    account = make.volunteer_user(place["community"])
    _delete(login(place["admin"]), "volunteer", account.volunteer)
    assert Volunteer.objects(pk=account.volunteer.pk).count() == 0
    assert User.objects(pk=account.pk).count() == 0


def test_a_volunteer_with_service_hours_is_kept(make, login, place):
    volunteer = make.volunteer(place["community"], name="李娜")
    make.service_record(volunteer)
    page = _delete(login(place["admin"]), "volunteer", volunteer)
    assert Volunteer.objects(pk=volunteer.pk).count() == 1
    assert "仍有 1 条服务记录引用志愿者“李娜”，不能删除。" in page


def test_deleting_a_user_takes_them_off_organisations_leaders(make, login, place):
    leader = make.user("community_worker", community_doc=place["community"])
    org = make.organisation(place["street"], leaders=[leader])
    _delete(login(place["district"]), "user", leader)
    assert User.objects(pk=leader.pk).count() == 0
    assert Organisation.objects.get(pk=org.pk).leaders == []


def test_a_rule_set_behind_star_ratings_is_kept(app, make, place):
    rules = RuleSet(kind="rating", code="R1", name="评定规则", params=DEFAULTS["rating"]).save()
    StarRating(period="2026", subject_type="community", community=place["community"],
               street=place["street"], subject_name="甲一社区", score=80, stars=3,
               rule_set=rules).save()  # fmt: skip
    with app.test_request_context(), pytest.raises(StillReferenced, match="1 条星级评定"):
        rules.delete()
    assert RuleSet.objects(pk=rules.pk).count() == 1


def test_every_delete_path_is_refused_not_only_the_admin(make, place):
    item = make.item(street_doc=place["street"])
    make.demand(place["community"], item)
    with pytest.raises(StillReferenced):
        item.delete()
    with pytest.raises(StillReferenced):
        CatalogueItem.objects(pk=item.pk).delete()
    assert CatalogueItem.objects(pk=item.pk).count() == 1


def test_retiring_keeps_the_item_on_its_demands_and_offers_it_no_more(make, login, place):
    item = make.item(name="上门理发", street_doc=place["street"])
    demand = make.demand(place["community"], item)
    client = login(place["admin"])
    client.post("/admin/item/action/", data={"action": "retire", "rowid": [str(item.pk)]})
    assert CatalogueItem.objects.get(pk=item.pk).active is False
    assert "上门理发" in client.get(f"/admin/demand/details/?id={demand.pk}").text
    assert "上门理发" not in client.get("/admin/demand/new/").text


def test_a_retired_category_stays_where_it_is_and_is_not_chosen_anew(make, login, place):
    kept = make.category(name="旧分类", street_doc=place["street"])
    item = make.item(street_doc=place["street"], category=kept)
    kept.update(set__active=False)
    client = login(place["admin"])
    assert "旧分类" in client.get(f"/admin/item/edit/?id={item.pk}").text
    assert "旧分类" not in client.get("/admin/item/new/").text
    form = {"code": "NEW1", "name": "新事项", "category": str(kept.pk), "kind": "affair",
            "handling_level": "routine", "active": "y"}  # fmt: skip
    page = client.post("/admin/item/new/", data=form).text
    assert "“旧分类”已停用，不能用于新记录。" in page
    assert CatalogueItem.objects(code="NEW1").count() == 0


def test_list_filters_still_offer_retired_categories_marked(make, login, place):
    make.category(name="旧分类", street_doc=place["street"]).update(set__active=False)
    page = login(place["admin"]).get("/admin/item/").text
    # The filter options travel as JSON, non-ASCII characters escaped.
    assert json.dumps("旧分类（已停用）")[1:-1] in page


def test_a_category_in_use_is_refused_and_retired_instead(make, login, place):
    category = make.category(name="助餐", street_doc=place["street"])
    make.item(street_doc=place["street"], category=category)
    client = login(place["admin"])
    page = _delete(client, "category", category)
    assert "仍有 1 个服务事项引用服务类别“助餐”" in page
    data = {"action": "retire", "rowid": [str(category.pk)]}
    page = client.post("/admin/category/action/", data=data, follow_redirects=True).text
    assert "已停用 1 条记录。" in page
    assert CatalogueCategory.objects.get(pk=category.pk).active is False
    assert Demand.objects.count() == 0  # nothing else touched
