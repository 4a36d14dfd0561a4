"""Sign-in: argon2 hashes, failures, lockout, sign-out, safe redirects, CSRF."""

import re

from models import SignInFailure
from tests.factories import PASSWORD


def test_password_is_stored_as_argon2(make):
    user = make.user()
    assert user.password_hash.startswith("$argon2")
    assert PASSWORD not in user.password_hash
    assert user.check_password(PASSWORD)
    assert not user.check_password("wrong")


def test_wrong_password_is_refused_in_chinese(client, make):
    user = make.user()
    response = client.post("/login", data={"username": user.username, "password": "nope"})
    assert response.status_code == 200
    assert "用户名或密码错误" in response.text
    assert client.get("/admin/").status_code == 302


def test_repeated_failures_lock_the_account(client, make):
    user = make.user()
    for _ in range(5):
        client.post("/login", data={"username": user.username, "password": "nope"})
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert "登录失败次数过多" in response.text
    assert SignInFailure.objects.get().attempts == 5
    assert client.get("/admin/").status_code == 302


def test_inactive_user_cannot_sign_in(client, make):
    user = make.user(active=False)
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 200


def test_sign_in_redirects_only_to_local_paths(client, make):
    user = make.user()
    data = {"username": user.username, "password": PASSWORD}
    response = client.post("/login?next=https://evil.example/x", data=data)
    assert response.headers["Location"] == "/admin/"


def test_sign_out_ends_the_session(client, make, login):
    login(make.user())
    assert client.get("/admin/").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/admin/").status_code == 302


def test_login_form_needs_csrf_token(csrf_app, make):
    user = make.user()
    client = csrf_app.test_client()
    data = {"username": user.username, "password": PASSWORD}
    assert client.post("/login", data=data).status_code == 400
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/login").text)
    response = client.post("/login", data={**data, "csrf_token": token.group(1)})
    assert response.status_code == 302


def test_admin_create_without_csrf_token_is_refused(csrf_app, make):
    user = make.user()
    client = csrf_app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/login").text)
    client.post(
        "/login",
        data={"username": user.username, "password": PASSWORD, "csrf_token": token.group(1)},
    )
    before = make.district().__class__.objects.count()
    response = client.post("/admin/district/new/", data={"code": "X9", "name": "新区"})
    assert response.status_code == 400
    assert make.district().__class__.objects.count() == before


def test_hashing_is_cheap_under_testing_and_normal_otherwise():
    from argon2 import profiles

    from weimin.web.passwords import hasher_for

    def cost(hasher):
        return hasher.time_cost, hasher.memory_cost, hasher.parallelism

    cheapest, normal = profiles.CHEAPEST, profiles.RFC_9106_LOW_MEMORY  # argon2-cffi's default
    assert cost(hasher_for({"TESTING": True})) == (1, 8, 1) == cost(cheapest)
    assert cost(hasher_for({"TESTING": False})) == (3, 65536, 4) == cost(normal)
    assert cost(hasher_for({})) == cost(normal)


def test_a_hash_made_with_the_normal_profile_still_signs_in(app, client, make):
    """A stored hash carries its own parameters: changing the profile locks nobody out."""
    from argon2 import PasswordHasher

    user = make.user()
    assert user.password_hash.startswith("$argon2id$v=19$m=8,t=1,p=1$")  # the app's TESTING
    user.password_hash = PasswordHasher().hash(PASSWORD)
    user.save()
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
