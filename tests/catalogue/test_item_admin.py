"""Admins define an item's fields in the admin; changes are checked, versioned and previewed."""

import re

import pytest

from models import CatalogueItem, CatalogueItemVersion, Demand
from tests.catalogue.conftest import errors_of
from weimin.store.audit import acting_as


def item_form(category, street, fields=None):
    """Admin form data for item NEW1 with fields given as {position: {key: value}}."""
    data = {
        "code": "NEW1",
        "name": "适老化评估",
        "category": str(category.pk),
        "kind": "affair",
        "handling_level": "routine",
        "response_hours": "24",
        "street": str(street.pk) if street else "__None",
        "active": "y",
    }
    for pos, definition in (fields or {}).items():
        data.update({f"fields-{pos}-{key}": value for key, value in definition.items()})
    return data


FIVE = {
    0: {"name": "age", "label_zh": "年龄", "type": "integer", "required": "y", "min_value": "0"},
    1: {
        "name": "floor",
        "label_zh": "楼层",
        "type": "choice",
        "choices": "1|一楼\n2|二楼|2F\n三楼",
    },
    2: {"name": "visit_date", "label_zh": "走访日期", "type": "date"},
    3: {"name": "alone", "label_zh": "独居", "type": "yes_no"},
    4: {"name": "contact", "label_zh": "联系电话", "type": "phone"},
}


@pytest.fixture
def admin(world, login, admin_of):
    return login(admin_of(world))


def test_bad_definitions_are_refused_field_by_field_in_chinese(admin, world, make):
    bad = {
        0: {"name": "Age", "label_zh": "年龄", "type": "integer"},
        1: {"name": "kind", "label_zh": "类别", "type": "choice", "choices": ""},
        2: {"name": "n", "label_zh": "数", "type": "decimal", "min_value": "5", "max_value": "1"},
        3: {"name": "n", "label_zh": "文", "type": "text", "pattern": "(["},
        4: {"name": "m", "label_zh": "行", "type": "choice", "choices": "a|甲|A|多余"},
    }
    page = admin.post("/admin/item/new/", data=item_form(make.category(), world.street, bad))
    assert page.status_code == 200
    assert errors_of(page.text, "fields-0-name") == [
        "请用 1–40 个小写字母、数字或下划线，并以字母开头。"
    ]
    assert errors_of(page.text, "fields-1-choices") == ["选择类字段至少需要一个选项。"]
    assert errors_of(page.text, "fields-2-min_value") == ["最小值大于最大值。"]
    assert errors_of(page.text, "fields-3-name") == ["已有字段使用这个名称。"]
    assert errors_of(page.text, "fields-3-pattern")[0].startswith("不是有效的正则表达式")
    assert errors_of(page.text, "fields-4-choices") == [
        "第 1 行：请按“代码 | 中文名称 | 英文名称”填写。"
    ]
    assert CatalogueItem.objects(code="NEW1").count() == 0


def test_an_item_made_in_the_admin_takes_a_demand_through_the_api_at_once(admin, world, make):
    response = admin.post("/admin/item/new/", data=item_form(make.category(), world.street, FIVE))
    assert response.status_code == 302, response.text[:3000]
    item = CatalogueItem.objects.get(code="NEW1")
    assert item.street == world.street and item.version == 1
    assert [f.name for f in item.fields] == ["age", "floor", "visit_date", "alone", "contact"]
    assert [c.code for c in item.fields[1].choices] == ["1", "2", "三楼"]
    body = {
        "item": "NEW1",
        "community": world.community.code,
        "resident_name": "钱多多",
        "resident_phone": "13800138000",
        "description": "想做适老化改造",
        "values": {"age": 81, "floor": "三楼", "visit_date": "2024-06-01", "alone": True},
    }
    created = admin.post("/api/v1/demands", json=body, headers=world.auth)
    assert created.status_code == 201, created.json
    demand = Demand.objects.get(ticket_no=created.json["ticket_no"])
    assert demand.item == item and demand.values["age"] == 81 and demand.values["alone"] is True


def test_every_change_of_fields_is_a_new_version_and_demands_keep_theirs(admin, world, make):
    admin.post("/admin/item/new/", data=item_form(make.category(), world.street, FIVE))
    item = CatalogueItem.objects.get(code="NEW1")
    old = make.demand(world.community, item, values={"age": 70})
    old.update(set__item_version=1)
    changed = {**FIVE, 0: {**FIVE[0], "label_zh": "老人年龄"}}
    data = item_form(item.category, world.street, changed) | {"loaded_version": "1"}
    assert admin.post(f"/admin/item/edit/?id={item.pk}", data=data).status_code == 302
    data["name"] = "改个名称"  # not a field change: no new version
    data["loaded_version"] = "2"
    assert admin.post(f"/admin/item/edit/?id={item.pk}", data=data).status_code == 302
    item.reload()
    assert item.version == 2 and item.name == "改个名称"
    versions = CatalogueItemVersion.objects(item=item).order_by("version")
    assert [(v.version, v.fields[0].label_zh) for v in versions] == [(1, "年龄"), (2, "老人年龄")]
    assert Demand.objects.get(pk=old.pk).item_version == 1
    page = admin.get(f"/admin/item/details/?id={item.pk}").text
    assert 'id="item-versions"' in page and "老人年龄" in page


def test_each_version_names_who_made_it_on_every_path(login, world, make):
    editor = make.user("street_admin", street_doc=world.street)
    client = login(editor)
    client.post("/admin/item/new/", data=item_form(make.category(), world.street, FIVE))
    item = CatalogueItem.objects.get(code="NEW1")
    changed = {**FIVE, 0: {**FIVE[0], "label_zh": "老人年龄"}}
    data = item_form(item.category, world.street, changed) | {"loaded_version": "1"}
    assert client.post(f"/admin/item/edit/?id={item.pk}", data=data).status_code == 302
    with acting_as("job", "catalogue-sync"):  # a job or CLI command, outside any request
        item.reload()
        item.fields[0].label_zh = "年龄（周岁）"
        item.save()
    versions = CatalogueItemVersion.objects(item=item).order_by("version")
    made_by = [(v.version, v.created_by) for v in versions]
    assert made_by == [(1, editor.username), (2, editor.username), (3, "catalogue-sync")]


def test_a_stale_editor_does_not_overwrite_a_newer_version(admin, world, make):
    admin.post("/admin/item/new/", data=item_form(make.category(), world.street, FIVE))
    item = CatalogueItem.objects.get(code="NEW1")
    mine = item_form(item.category, world.street, FIVE) | {"loaded_version": "1"}
    theirs = dict(mine, **{"fields-0-label_zh": "他们改的"})
    assert admin.post(f"/admin/item/edit/?id={item.pk}", data=theirs).status_code == 302
    page = admin.post(
        f"/admin/item/edit/?id={item.pk}", data=dict(mine, **{"fields-0-label_zh": "我改的"})
    )
    assert page.status_code == 200 and "其他人刚刚修改了该事项的字段" in page.text
    assert CatalogueItem.objects.get(pk=item.pk).fields[0].label_zh == "他们改的"


def test_the_fit_preview_counts_exactly_the_demands_that_would_not_fit(admin, world, make):
    admin.post("/admin/item/new/", data=item_form(make.category(), world.street, FIVE))
    item = CatalogueItem.objects.get(code="NEW1")
    stored = [
        {"age": 70, "floor": "1"},  # fits
        {"age": 71, "floor": "三楼"},  # narrowed choices
        {"age": 72},  # fits (floor is optional)
        {"age": 73, "floor": "2", "contact": "13800138000"},  # fits
        {"floor": "1"},  # age was required before too: already did not fit
    ]
    for values in stored:
        make.demand(world.community, item, values=values)
    make.demand(world.community, make.item(street_doc=world.street), values={"floor": "三楼"})
    narrowed = {**FIVE, 1: {**FIVE[1], "choices": "1|一楼\n2|二楼"}}
    data = item_form(item.category, world.street, narrowed) | {"loaded_version": "1"}
    page = admin.post(f"/admin/item/edit/?id={item.pk}", data=data)
    expected = sum(1 for v in stored if v.get("floor") == "三楼")
    assert re.search(r'id="fit-report" data-count="(\d+)"', page.text).group(1) == str(expected)
    assert CatalogueItem.objects.get(pk=item.pk).version == 1  # nothing saved yet

    stricter = {
        **narrowed,
        5: {"name": "note", "label_zh": "说明", "type": "text", "required": "y"},
    }
    data = item_form(item.category, world.street, stricter) | {"loaded_version": "1"}
    page = admin.post(f"/admin/item/edit/?id={item.pk}", data=data)
    assert re.search(r'data-count="(\d+)"', page.text).group(1) == str(len(stored))
    token = re.search(r'name="confirm_fit" value="(\w+)"', page.text).group(1)
    assert (
        admin.post(
            f"/admin/item/edit/?id={item.pk}", data=data | {"confirm_fit": token}
        ).status_code
        == 302
    )
    assert CatalogueItem.objects.get(pk=item.pk).version == 2
    assert sorted(d.values.get("floor", "") for d in Demand.objects(item=item)) == [
        "",
        "1",
        "1",
        "2",
        "三楼",
    ]


def test_a_type_change_is_previewed(admin, world, make):
    admin.post("/admin/item/new/", data=item_form(make.category(), world.street, FIVE))
    item = CatalogueItem.objects.get(code="NEW1")
    make.demand(world.community, item, values={"age": 70, "alone": True})
    make.demand(world.community, item, values={"age": 70})
    as_text = {**FIVE, 3: {**FIVE[3], "type": "text"}}
    data = item_form(item.category, world.street, as_text) | {"loaded_version": "1"}
    page = admin.post(f"/admin/item/edit/?id={item.pk}", data=data).text
    assert 'data-count="1"' in page and "已存的值是另一种类型。" in page


def test_a_removed_field_keeps_its_values_readable_as_retired(admin, world, make):
    admin.post("/admin/item/new/", data=item_form(make.category(), world.street, FIVE))
    item = CatalogueItem.objects.get(code="NEW1")
    demand = make.demand(world.community, item, values={"age": 70, "alone": True})
    without_alone = {pos: FIVE[pos] for pos in (0, 1, 2, 4)}
    data = item_form(item.category, world.street, without_alone) | {"loaded_version": "1"}
    assert admin.post(f"/admin/item/edit/?id={item.pk}", data=data).status_code == 302
    assert [f.name for f in CatalogueItem.objects.get(pk=item.pk).fields] == [
        "age",
        "floor",
        "visit_date",
        "contact",
    ]
    assert Demand.objects.get(pk=demand.pk).values == {"age": 70, "alone": True}
    page = admin.get(f"/admin/demand/details/?id={demand.pk}").text
    row = page[page.index("独居（已停用字段）") :]
    assert row.index("是") < row.index("</tr>")
    listing = admin.get(f"/admin/demand/?item={item.pk}").text
    assert "独居" not in listing and "年龄" in listing  # the list shows current fields


def test_street_admins_adopt_templates_and_change_only_their_own_items(admin, world, make):
    template = make.item(code="TPL", name="区级模板", fields=[{"name": "age", "label_zh": "年龄"}])
    other = make.item(street_doc=make.street(), code="OTH")
    listing = admin.get("/admin/item/").text
    assert "区级模板" in listing and "OTH" not in listing
    assert admin.get(f"/admin/item/edit/?id={other.pk}").status_code == 404
    data = item_form(
        template.category, None, {0: {"name": "age", "label_zh": "改模板", "type": "text"}}
    )
    page = admin.post(f"/admin/item/edit/?id={template.pk}", data=data | {"code": "TPL"})
    assert page.status_code == 302 and "/admin/item/details/" in page.location
    assert template.reload().fields[0].label_zh == "年龄"

    admin.post("/admin/item/action/", data={"action": "adopt", "rowid": [str(template.pk)]})
    copy = CatalogueItem.objects.get(street=world.street, code="TPL")
    assert copy.template == template and copy.fields[0].name == "age" and copy.version == 1
    data = item_form(
        copy.category, world.street, {0: {"name": "age", "label_zh": "本街道年龄", "type": "text"}}
    )
    data |= {"code": "TPL", "loaded_version": "1"}
    assert admin.post(f"/admin/item/edit/?id={copy.pk}", data=data).status_code == 302
    assert copy.reload().fields[0].label_zh == "本街道年龄" and template.reload().version == 1
    # the adopted copy replaces the template in the street's intake choices
    offered = admin.get("/admin/demand/new/").text
    assert f'value="{copy.pk}"' in offered and f'value="{template.pk}"' not in offered


def test_district_admins_edit_templates(login, make):
    template = make.item(code="TPL", fields=[{"name": "age", "label_zh": "年龄"}])
    client = login(make.user("district_admin"))
    data = item_form(
        template.category, None, {0: {"name": "age", "label_zh": "老人年龄", "type": "text"}}
    )
    data |= {"code": "TPL", "loaded_version": "1"}
    assert client.post(f"/admin/item/edit/?id={template.pk}", data=data).status_code == 302
    assert template.reload().version == 2 and template.street is None
