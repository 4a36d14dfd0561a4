"""The lockout holds under parallel attempts and treats unknown usernames like known ones."""

import statistics
import threading
import time
from datetime import timedelta

from argon2 import PasswordHasher

import models.user
from models import SignInFailure, User
from models.base import utcnow
from tests.factories import PASSWORD
from weimin.web.lockout import MAX_FAILURES

LOCKED = "登录失败次数过多"
WRONG = "用户名或密码错误"


def _post(client, username, password):
    return client.post("/login", data={"username": username, "password": password})


def test_parallel_wrong_passwords_lock_and_only_five_are_checked(app, make, monkeypatch):
    user = make.user()
    checked = []
    real_check = User.check_password

    def slow_check(self, password):
        checked.append(password)
        time.sleep(0.05)  # what argon2 costs in production: the window parallel requests use
        return real_check(self, password)

    monkeypatch.setattr(User, "check_password", slow_check)
    start = threading.Barrier(19)

    def attempt():
        client = app.test_client()
        start.wait()
        _post(client, user.username, "wrong-guess")

    threads = [threading.Thread(target=attempt) for _ in range(19)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) == MAX_FAILURES
    response = _post(app.test_client(), user.username, PASSWORD)
    assert LOCKED in response.text and response.status_code == 200
    assert len(checked) == MAX_FAILURES  # locked: the right password was not even checked


def test_unknown_usernames_are_locked_like_known_ones_without_creating_users(client, make):
    user = make.user()
    for name in (user.username, "nobody"):
        answers = [_post(client, name, "wrong-guess").text for _ in range(MAX_FAILURES + 1)]
        assert all(WRONG in text for text in answers[:MAX_FAILURES])
        assert LOCKED in answers[-1] and WRONG not in answers[-1]
    assert User.objects(username="nobody").count() == 0
    # Kept as digests: a password typed into the username box is not stored readable.
    assert SignInFailure.objects.count() == 2
    assert all(len(r.key) == 64 and "nobody" not in r.key for r in SignInFailure.objects)


def test_the_count_is_per_normalised_username(client, make):
    for _ in range(MAX_FAILURES):
        _post(client, "Zhang.San", "wrong-guess")
    assert LOCKED in _post(client, " zhang.san ", "wrong-guess").text


def test_an_unknown_username_costs_a_password_check(client, make, monkeypatch):
    calls = []
    verify = PasswordHasher.verify

    def counting(self, stored, password):
        calls.append(password)
        return verify(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    user = make.user()
    _post(client, user.username, "wrong-guess")
    _post(client, "nobody", "wrong-guess")
    assert calls == ["wrong-guess", "wrong-guess"]


def test_unknown_and_known_usernames_take_about_as_long(client, make, monkeypatch):
    """Measured with argon2's normal cost, as in production (181 ms against 8 ms before)."""
    monkeypatch.setattr(models.user, "_hasher", PasswordHasher())
    monkeypatch.setattr(models.user, "_decoy_hash", None)
    user = make.user()

    def median(name):
        times = []
        for _ in range(3):
            began = time.perf_counter()
            _post(client, name, "wrong-guess")
            times.append(time.perf_counter() - began)
        return statistics.median(times)

    known, unknown = median(user.username), median("nobody")
    assert unknown > known / 2


def test_a_lock_ends_after_its_time(client, make):
    user = make.user()
    for _ in range(MAX_FAILURES):
        _post(client, user.username, "wrong-guess")
    assert LOCKED in _post(client, user.username, PASSWORD).text
    SignInFailure.objects.update(set__expires_at=utcnow() - timedelta(seconds=1))
    assert _post(client, user.username, PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_the_count(app, make):
    user = make.user()
    for _ in range(2):
        client = app.test_client()
        for _ in range(MAX_FAILURES - 1):
            _post(client, user.username, "wrong-guess")
        assert _post(client, user.username, PASSWORD).status_code == 302
    assert SignInFailure.objects.count() == 0


def test_the_lock_message_gives_the_minutes_left(client, make):
    for _ in range(MAX_FAILURES):
        _post(client, "nobody", "wrong-guess")
    SignInFailure.objects.update(set__expires_at=utcnow() + timedelta(minutes=3, seconds=10))
    assert "4 分钟" in _post(client, "nobody", "wrong-guess").text
