"""Headers, cookies, password policy and sign-in throttling."""

import re

from models import User
from tests.conftest import make_app
from tests.factories import PASSWORD
from weimin.web.passwords import password_problems


def test_security_headers_on_every_page(client):
    for path in ("/login", "/wall/", "/api/v1/health", "/admin/"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"


def test_inline_scripts_carry_this_responses_nonce(make, login):
    client = login(make.user())
    response = client.get("/admin/demand/")
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script([^>]*)>", response.text)
    assert scripts and all(f'nonce="{nonce}"' in attrs for attrs in scripts)
    assert "javascript:" not in response.text
    assert not re.search(r"\son(click|change|submit|load)=\"(?!return false;\")", response.text)


def test_session_cookie_is_http_only_and_same_site(client, make):
    user = make.user()
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_secure_cookie_when_configured(make):
    app = make_app(SESSION_COOKIE_SECURE=True)
    user = make.user()
    response = app.test_client().post(
        "/login", data={"username": user.username, "password": PASSWORD}
    )
    assert "Secure" in response.headers["Set-Cookie"]


def test_password_policy():
    assert password_problems("Str0ng-enough!", "zhang") == []
    assert password_problems("short1!")
    assert password_problems("alllowercaseletters")
    assert password_problems("Zhang-12345678", "zhang")


def test_admin_refuses_a_weak_password_with_a_field_message(make, login):
    client = login(make.user())
    street = make.street()
    data = {
        "username": "newadmin",
        "name": "新管理员",
        "role": "street_admin",
        "street": str(street.id),
        "active": "y",
        "password": "123",
    }
    response = client.post("/admin/user/new/", data=data)
    assert response.status_code == 200 and "10" in response.text
    data["password"] = "alllowercaseletters"
    response = client.post("/admin/user/new/", data=data)
    assert response.status_code == 200 and "至少三类" in response.text
    assert User.objects(username="newadmin").count() == 0
    data["password"] = "Gd-street-2026"
    assert client.post("/admin/user/new/", data=data).status_code == 302
    assert User.objects.get(username="newadmin").check_password("Gd-street-2026")


def test_sign_in_is_throttled(make):
    app = make_app(RATELIMIT_ENABLED=True)
    client = app.test_client()
    codes = [
        client.post("/login", data={"username": "nobody", "password": "x"}).status_code
        for _ in range(25)
    ]
    assert codes[0] == 200 and codes[-1] == 429


def test_production_app_is_not_in_debug_mode(app):
    assert app.debug is False
    response = app.test_client().get("/no-such-page")
    assert response.status_code == 404 and "Traceback" not in response.text
