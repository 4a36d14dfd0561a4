"""The admin's demand form asks for the item's own fields and validates them on the server."""

from datetime import UTC, datetime

import pytest
from bson import Decimal128

from models import Demand
from tests.catalogue.conftest import demand_form, errors_of

# (field, bad value, the Chinese message shown under it)
BAD = [
    ("note", "太长太长太长太长太长太长", "最多填写 10 个字。"),
    ("note", "第3号", "格式不符合要求。"),
    ("detail", "字" * 2001, "最多填写 2000 个字。"),
    ("age", "", "此项为必填。"),
    ("age", "七十", "请输入整数。"),
    ("age", "121", "不能大于 120。"),
    ("amount", "12元", "请输入数字。"),
    ("amount", "-1", "不能小于 0。"),
    ("visit_date", "2024-02-30", "请按 YYYY-MM-DD 格式填写日期。"),
    ("visit_at", "明天上午", "请按 YYYY-MM-DD HH:MM 格式填写日期和时间。"),
    ("floor", "9", "请从列出的选项中选择。"),
    ("needs", ["meal", "taxi"], "只能选择列出的选项。"),
    ("alone", "maybe", "请回答是或否。"),
    ("contact", "12345", "不是有效的手机或固定电话号码"),
    ("id_no", "110105194912310021", "身份证号码校验位错误"),
    ("addr", "址" * 201, "最多填写 200 个字。"),
]

GOOD = {
    "note": "老人独居",
    "detail": "每周两次",
    "age": "78",
    "amount": "12.50",
    "visit_date": "2024-05-01",
    "visit_at": "2024-05-01T09:30",
    "floor": "2",
    "needs": ["meal", "clean"],
    "alone": "yes",
    "contact": "021-6432 1234",
    "id_no": "11010519491231002x",
    "addr": "幸福路 8 号 302",
}


@pytest.fixture
def staff(world, login, admin_of):
    return login(admin_of(world))


def test_without_an_item_the_page_asks_to_choose_one_first(staff, world):
    page = staff.get("/admin/demand/new/").text
    assert 'id="choose-first"' in page and 'name="v_age"' not in page
    assert f'value="{world.item.pk}"' in page  # offered in the chooser


def test_the_form_shows_every_field_with_a_fitting_widget(staff, world):
    page = staff.get(f"/admin/demand/new/?item={world.item.pk}").text
    for name, html in [
        ("age", 'type="number"'),
        ("amount", 'step="any"'),
        ("visit_date", 'type="date"'),
        ("visit_at", 'type="datetime-local"'),
        ("contact", 'type="tel"'),
    ]:
        tag = page[page.index(f'name="v_{name}"') - 200 : page.index(f'name="v_{name}"') + 200]
        assert html in tag, name
    assert '<select class="form-control" id="v_floor"' in page or 'id="v_floor"' in page
    assert page.count('name="v_needs"') == 2 and 'type="checkbox"' in page
    assert "年龄" in page and "走访日期" in page
    assert "Age" in staff.get(f"/admin/demand/new/?item={world.item.pk}&lang=en").text


def test_bad_values_of_every_type_are_refused_with_chinese_messages_and_nothing_stored(
    staff, world
):
    # Each round posts one bad value per field at once (a field may come back in a later round).
    rounds = []
    for name, bad, message in BAD:
        for round_ in rounds:
            if name not in round_:
                round_[name] = (bad, message)
                break
        else:
            rounds.append({name: (bad, message)})
    for round_ in rounds:
        data = demand_form(world, **{**GOOD, **{name: bad for name, (bad, _m) in round_.items()}})
        page = staff.post(f"/admin/demand/new/?item={world.item.pk}", data=data)
        assert page.status_code == 200
        for name, (bad, message) in round_.items():
            assert errors_of(page.text, f"v_{name}") == [message], (name, bad)
        untouched = set(GOOD) - set(round_)
        assert not [name for name in untouched if errors_of(page.text, f"v_{name}")]
    assert Demand.objects.count() == 0


def test_good_values_are_stored_typed(staff, world):
    response = staff.post(
        f"/admin/demand/new/?item={world.item.pk}", data=demand_form(world, **GOOD)
    )
    assert response.status_code == 302, response.text[:2000]
    demand = Demand.objects.get()
    raw = Demand._get_collection().find_one({"_id": demand.pk})["values"]
    assert raw["age"] == 78 and isinstance(raw["age"], int)
    assert raw["amount"] == Decimal128("12.50")
    assert raw["visit_date"] == datetime(2024, 5, 1, tzinfo=UTC)
    assert raw["visit_at"] == datetime(2024, 5, 1, 1, 30, tzinfo=UTC)  # 09:30 Beijing time
    assert raw["needs"] == ["meal", "clean"] and raw["alone"] is True and raw["floor"] == "2"
    assert raw["contact"] == "02164321234" and raw["id_no"] == "11010519491231002X"
    assert demand.item_version == world.item.version and demand.ticket_no  # went through intake


def test_empty_optional_fields_store_nothing(staff, world):
    response = staff.post(
        f"/admin/demand/new/?item={world.item.pk}", data=demand_form(world, age="5", note="")
    )
    assert response.status_code == 302
    assert Demand.objects.get().values == {"age": 5}


def test_the_posted_item_decides_the_fields(staff, world, make):
    """Choosing another item in the form itself is validated against that item's fields."""
    plain = make.item(street_doc=world.street, code="PLAIN")
    data = {**demand_form(world), "item": str(plain.pk)}
    assert staff.post(f"/admin/demand/new/?item={world.item.pk}", data=data).status_code == 302
    assert Demand.objects.get().item == plain


def test_another_streets_item_cannot_be_used(staff, world, make):
    other = make.item(street_doc=make.street(), code="OTHER", fields=[])
    assert 'id="choose-first"' in staff.get(f"/admin/demand/new/?item={other.pk}").text
    data = {**demand_form(world, **GOOD), "item": str(other.pk)}
    page = staff.post(f"/admin/demand/new/?item={other.pk}", data=data)
    assert page.status_code == 200 and Demand.objects.count() == 0


def test_editing_shows_stored_values_and_keeps_retired_ones(staff, world, make):
    demand = make.demand(world.community, world.item, values={"age": 70, "gone": "旧值"})
    page = staff.get(f"/admin/demand/edit/?id={demand.pk}").text
    assert 'name="v_age"' in page and 'value="70"' in page and 'name="item"' not in page
    data = {key: value for key, value in demand_form(world, age="71").items() if key != "item"}
    response = staff.post(f"/admin/demand/edit/?id={demand.pk}", data=data)
    assert response.status_code == 302, response.text[:2000]
    assert Demand.objects.get().values == {"age": 71, "gone": "旧值"}


def test_an_item_cannot_be_paired_with_another_street(login, world, make):
    other = make.community(make.street())
    staff = login(make.user("district_admin"))
    data = demand_form(world, **GOOD) | {"street": str(other.street.pk), "community": str(other.pk)}
    page = staff.post(f"/admin/demand/new/?item={world.item.pk}", data=data)
    assert errors_of(page.text, "item") == ["该事项属于其他街道的目录。"]
    assert Demand.objects.count() == 0


HOSTILE = '<meta http-equiv="refresh" content="0;url=https://evil.example/"><b>粗体</b>'


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_text_is_shown_as_text_not_markup(staff, world, make, lang):
    fields = [{"name": "note", "label_zh": "备注", "type": "text", "help_zh": HOSTILE}]
    fields[0]["help_en"] = HOSTILE.replace("粗体", "bold")
    item = make.item(street_doc=world.street, code="HELP", fields=fields)
    demand = make.demand(world.community, item)
    for url in (
        f"/admin/demand/new/?item={item.pk}&lang={lang}",
        f"/admin/demand/edit/?id={demand.pk}",
    ):
        page = staff.get(url).text
        assert 'http-equiv="refresh"' not in page and "<b>" not in page, url
        assert "&lt;meta http-equiv=&#34;refresh&#34;" in page and "&lt;b&gt;" in page, url
