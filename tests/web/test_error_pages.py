"""Error pages: Chinese, in the layout of their area, with a way back; the API stays JSON."""

import re

import pytest
from flask import abort

from tests.web.test_every_page_zh import PageText, _untranslated

ERRORS = (  # (role or None, path, method, status)
    (None, "/no-such-page", "get", 404),
    (None, "/admin/no-such-page", "get", 404),
    ("community_worker", "/admin/no-such-page", "get", 404),
    ("community_worker", "/admin/user/", "get", 403),
    ("community_worker", "/admin/demand/act/", "get", 405),
    ("volunteer", "/me/no-such-page", "get", 404),
    ("volunteer", "/admin/user/", "get", 403),
    (None, "/wall/x/claim", "get", 405),
)


def _user(make, role):
    street = make.street()
    if role == "volunteer":
        return make.volunteer_user(make.community(street))
    return make.user("community_worker", street_doc=street, community_doc=make.community(street))


@pytest.mark.parametrize("role,path,method,status", ERRORS)
def test_error_pages_are_chinese_with_a_way_back(client, make, login, role, path, method, status):
    if role:
        login(_user(make, role))
    response = getattr(client, method)(path)
    assert response.status_code == status
    text = PageText()
    text.feed(response.text)
    assert not _untranslated().findall(" ".join(text.parts))
    assert re.search(r'id="error-title">[\u4e00-\u9fff]', response.text), response.text[:500]
    assert 'id="error-back"' in response.text


@pytest.mark.parametrize("code", (400, 413, 500))
def test_any_error_of_each_area_is_chinese(app, client, make, login, code):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def fail():
        if code == 500:
            raise RuntimeError("boom")
        abort(code)

    for prefix in ("/admin", "/me", ""):
        app.add_url_rule(f"{prefix}/fail-{code}", f"fail{prefix.strip('/')}", fail)
    answers = [client.get(f"/admin/fail-{code}")]  # nobody signed in: the plain page
    login(make.user("street_admin", street_doc=make.street()))
    answers.append(client.get(f"/admin/fail-{code}"))
    answers.append(client.get(f"/fail-{code}"))
    client.post("/logout")
    login(make.volunteer_user())
    answers.append(client.get(f"/me/fail-{code}"))
    for response in answers:
        assert response.status_code == code
        assert re.search(r'id="error-title">[\u4e00-\u9fff]', response.text)
        assert 'id="error-back"' in response.text
    assert "admin-menu" in answers[1].text or "navbar" in answers[1].text


def test_a_refused_form_says_why_in_chinese(csrf_app):
    response = csrf_app.test_client().post("/login", data={"username": "x", "password": "y"})
    assert response.status_code == 400
    assert "表单已过期" in response.text and "CSRF" not in response.text
