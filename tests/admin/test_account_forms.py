"""The user form starts with no role chosen; the API token form ticks its operations."""

import re

from models import ApiToken, User


def role_options(html):
    select = re.search(r'<select[^>]*id="role"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option([^>]*)>([^<]*)</option>", select)


def test_the_user_form_asks_for_a_role_instead_of_defaulting_to_district_admin(make, login):
    admin = login(make.user("district_admin"))
    options = role_options(admin.get("/admin/user/new/").text)
    assert options[0][1] == "请选择角色" and 'value=""' in options[0][0]
    assert not any("selected" in attrs for attrs, _text in options)

    form = {"username": "wangfang", "name": "王芳", "role": "", "active": "y"}
    form["password"] = "Lang-Pass-2026!"
    answer = admin.post("/admin/user/new/", data=form)
    assert answer.status_code == 200
    assert "请为账号选择角色。" in answer.text
    assert User.objects(username="wangfang").count() == 0

    form["role"] = "supervisor"
    assert admin.post("/admin/user/new/", data=form).status_code == 302
    assert User.objects.get(username="wangfang").role == "supervisor"


def test_the_user_form_keeps_the_role_of_an_existing_account(make, login):
    admin = login(make.user("district_admin"))
    other = make.user("supervisor")
    options = role_options(admin.get(f"/admin/user/edit/?id={other.pk}").text)
    chosen = [text for attrs, text in options if "selected" in attrs]
    assert chosen == ["督导考核"]


def test_the_token_form_offers_its_operations_as_checkboxes(make, login):
    street = make.street()
    staff = login(make.user("street_admin", street_doc=street))
    html = staff.get("/admin/api_token/new/").text
    boxes = re.findall(r'<input[^>]*type="checkbox"[^>]*name="scopes"[^>]*>', html)
    assert len(boxes) == 4
    assert "<select" not in html.split('id="scopes"')[0][-200:]

    data = {"name": "热线", "street": str(street.pk), "active": "y"}
    answer = staff.post("/admin/api_token/new/", data=data)
    assert "请至少选择一项允许的操作。" in answer.text and ApiToken.objects.count() == 0

    data["scopes"] = ["catalogue:read", "demands:read"]
    assert staff.post("/admin/api_token/new/", data=data).status_code == 302
    assert ApiToken.objects.get().scopes == ["catalogue:read", "demands:read"]
    edit = staff.get(f"/admin/api_token/edit/?id={ApiToken.objects.get().pk}").text
    assert len(re.findall(r'name="scopes" value="[^"]+" checked', edit)) == 2
