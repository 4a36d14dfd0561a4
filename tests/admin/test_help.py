"""使用帮助: a Chinese guide per role, from the menu, the volunteer pages and empty lists."""

import re

import pytest

ROLES = ("district_admin", "street_admin", "community_worker", "volunteer", "supervisor")
TITLES = {
    "district_admin": "区级管理员",
    "street_admin": "街道管理员",
    "community_worker": "社区工作者",
    "volunteer": "志愿者",
    "supervisor": "督导/考核",
}


@pytest.fixture
def users(make):
    street = make.street()
    community = make.community(street)
    return {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=street),
        "community_worker": make.user(
            "community_worker", street_doc=street, community_doc=community
        ),
        "volunteer": make.volunteer_user(community),
        "supervisor": make.user("supervisor"),
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_its_own_guide_from_the_menu(client, login, users, role):
    login(users[role])
    home = client.get("/me/" if role == "volunteer" else "/admin/").text
    link = "/me/help" if role == "volunteer" else "/admin/help/"
    assert f'href="{link}"' in home
    page = client.get(link).text
    assert f"使用帮助 · {TITLES[role]}" in page
    for section in ("每月", "每年") if role != "volunteer" else ("每次服务后",):
        assert section in page
    # every screen the guide names opens for that role
    for href in set(re.findall(r'href="(/(?:admin|me)/[^"#]*)"', page.split('id="help-page"')[1])):
        assert client.get(href.replace("&amp;", "&")).status_code == 200, href


def test_other_roles_guides_are_for_the_district_admin_only(client, login, users):
    login(users["community_worker"])
    assert client.get("/admin/help/street_admin/").status_code == 403
    assert client.get("/admin/help/nobody/").status_code == 404
    client.post("/logout")
    login(users["district_admin"])
    for role in ROLES:
        assert f"使用帮助 · {TITLES[role]}" in client.get(f"/admin/help/{role}/").text


def test_a_volunteer_asking_the_admin_guide_is_sent_to_theirs(client, login, users):
    login(users["volunteer"])
    response = client.get("/admin/help/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/help")


def test_an_empty_list_points_to_the_guide(client, login, users):
    login(users["street_admin"])
    page = client.get("/admin/api_token/").text
    assert re.search(r'暂无记录 — <a href="/admin/help/"[^>]*>查看使用帮助</a>', page)
