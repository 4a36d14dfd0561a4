"""A street's item list marks templates and copies, lists each item once, and offers no edit of
templates; the form keeps only the attributes a type uses; the history shows what changed."""

import re

import pytest

from models import CatalogueItem
from tests.catalogue.test_item_admin import item_form


@pytest.fixture
def street_admin(world, login, admin_of):
    return login(admin_of(world))


def rows(html):
    """[(item code, row html), …] of the item list."""
    body = html[html.index("</thead>") :]
    body = body[: body.index("</table>")]
    return [
        (re.search(r'class="col-code">\s*([^<\s]+)', row).group(1), row)
        for row in body.split("<tr")[1:]
    ]


def test_templates_and_copies_are_marked_and_each_item_is_listed_once(street_admin, world, make):
    adopted = make.item(code="TPA", name="上门理发")
    spare = make.item(code="TPB", name="助浴")
    copy, _new = adopted.adopt(world.street)
    found = rows(street_admin.get("/admin/item/").text)
    assert [code for code, _row in found].count("TPA") == 1  # the copy stands for the template
    listing = dict(found)
    assert 'data-source="copy"' in listing["TPA"] and f"id={adopted.pk}" in listing["TPA"]
    assert "副本" in listing["TPA"] and "采用自" in listing["TPA"]
    assert 'data-source="template"' in listing["TPB"] and "区级模板" in listing["TPB"]
    assert 'data-source="own"' in listing["FW01"]
    # no edit or delete on a template; both on the street's own copy
    assert "/edit/" not in listing["TPB"] and "data-confirm" not in listing["TPB"]
    assert f"/admin/item/edit/?id={copy.pk}" in listing["TPA"]
    # the adopted template stays readable from its copy, and says who may change it
    details = street_admin.get(f"/admin/item/details/?id={adopted.pk}").text
    assert 'id="template-note"' in details and "/admin/item/edit/" not in details
    assert 'id="adopt-template"' not in details  # adopted already
    details = street_admin.get(f"/admin/item/details/?id={spare.pk}").text
    assert 'id="adopt-template"' in details
    form = {"action": "adopt", "rowid": str(spare.pk), "url": "/admin/item/"}
    assert street_admin.post("/admin/item/action/", data=form).status_code == 302
    assert CatalogueItem.objects(street=world.street, template=spare).count() == 1


def test_the_server_refuses_to_change_or_delete_a_template_for_a_street(street_admin, make):
    template = make.item(code="TPC", name="代购")
    page = street_admin.get(f"/admin/item/edit/?id={template.pk}")
    assert page.status_code == 302 and f"details/?id={template.pk}" in page.location
    answer = street_admin.post("/admin/item/delete/", data={"id": str(template.pk)})
    assert answer.status_code == 302 and CatalogueItem.objects(pk=template.pk).count() == 1
    listing = street_admin.get("/admin/item/").text
    assert "区级通用记录只能由区级管理员修改" in listing


def test_the_district_admin_still_edits_templates(login, make):
    template = make.item(code="TPD")
    admin = login(make.user("district_admin"))
    assert admin.get(f"/admin/item/edit/?id={template.pk}").status_code == 200
    assert f"/admin/item/edit/?id={template.pk}" in admin.get("/admin/item/").text


def test_attributes_the_type_does_not_use_are_cleared_not_refused(street_admin, world, make):
    stale = {
        "name": "size",
        "label_zh": "面积",
        "type": "text",
        "max_length": "20",
        "choices": "a|甲\nb|乙",  # typed while the type was a choice, then hidden
        "min_value": "1",
    }
    page = street_admin.post("/admin/item/new/", data=item_form(make.category(), None, {0: stale}))
    assert page.status_code == 302, page.text[-3000:]
    field = CatalogueItem.objects.get(code="NEW1").fields[0]
    assert field.choices == [] and field.min_value is None and field.max_length == 20


def test_the_form_page_carries_which_type_uses_which_attribute(street_admin, world):
    html = street_admin.get(f"/admin/item/edit/?id={world.item.pk}").text
    table = re.search(r'<script type="application/json" id="field-attributes">(.*?)</script>', html)
    assert '"choices": ["choice", "multi_choice"]' in table.group(1)
    assert "catalogue-fields.js" in html


def test_the_history_shows_what_changed_between_versions(street_admin, world, make):
    item = make.item(
        street_doc=world.street,
        code="HIS",
        fields=[
            {"name": "age", "label_zh": "年龄", "type": "text"},
            {"name": "x", "label_zh": "乙"},
        ],
    )
    item.fields[0].type, item.fields[0].label_zh = "integer", "周岁"
    item.fields = [item.fields[0]]
    item.fields.append(item.fields[0].__class__(name="floor", label_zh="楼层", type="text"))
    item.save()
    html = street_admin.get(f"/admin/item/details/?id={item.pk}").text
    second = html[html.index('data-version="2"') : html.index('data-version="1"')]
    assert "新增字段" in second and "floor" in second
    assert "删除字段" in second and "<code>x</code>" in second
    assert "修改字段" in second and "类型：单行文本 → 整数" in second
    assert "中文名称：年龄 → 周岁" in second
    first = html[html.index('data-version="1"') :]
    assert "首个版本" in first
