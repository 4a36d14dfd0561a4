"""After sign-in, and after a language switch, `next=` leads only to a path of this site."""

import pytest

from tests.factories import PASSWORD

HOSTILE = [
    "https://evil.example/x",
    "//evil.example/x",
    "/\\evil.example/x",
    "/%5Cevil.example/x",
    "/%09/evil.example/x",
    "%09//evil.example/x",
    "/admin/%0d%0aSet-Cookie:%20x=1",
    "/admin/%0aLocation:%20https://evil.example/",
    "/admin/%00",
    "/admin/%7f",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("target", HOSTILE)
def test_a_hostile_next_after_sign_in_lands_on_the_dashboard(client, make, target):
    user = make.user()
    data = {"username": user.username, "password": PASSWORD}
    response = client.post(f"/login?next={target}", data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_a_local_next_is_followed(client, make):
    user = make.user()
    data = {"username": user.username, "password": PASSWORD}
    response = client.post("/login?next=/admin/demand/%3Fpage%3D2", data=data)
    assert response.headers["Location"] == "/admin/demand/?page=2"


@pytest.mark.parametrize("target", HOSTILE)
def test_a_hostile_next_after_a_language_switch_stays_on_the_site(client, target):
    response = client.get(f"/lang/en?next={target}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
