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


# The screens' own words each guide quotes (English message ids, shown in Chinese), so that a
# renamed button or status shows up here instead of leaving the guide behind.
QUOTED = {
    "community_worker": (
        "duplicate?", "Merge into the earlier demand", "Link to the earlier demand",
        "Dashboard figure", "No data yet", "Sent back for rework", "Rework", "Likely duplicate",
        "I confirm: this cannot be undone.", "Open and handle",
        "Rating publishing",
        "Funds", "Fund list", "Record a contribution (登记捐入)", "Record a pledge (登记认捐)",
        "Donation receipt (捐赠收据)", "Pledges past due and unpaid", "Still unpaid",
    ),
    "street_admin": (
        "duplicate?", "Void", "Send to supervision (督办)", "Supervision instructions (required)",
        "Under the street's supervision", "Voided", "Merged", "Adopt into my street",
        "District template", "Adopted copy", "Own item", "Source", "Versions", "Before",
        "After", "All entries of this record", "Dashboard figure", "No data yet", "Draft",
        "To month", "Month or period", "Monthly clearance", "Rating publishing",
        "Objection contacts", "Reopen", "Recompute",
        "I confirm: the month is frozen and shown on the public bulletin.",
        "I confirm: the month is recomputed and the published revision stays readable.",
        "Funds", "Fund list", "Fund ledger", "Allocate to a project or wish (拨付安排)",
        "Reverse an entry (冲正)", "Frozen", "Closed down", "Pledges past due and unpaid",
        "Decision board (决议团) members", "Quorum", "Majority needed",
    ),
    "district_admin": (
        "Streets compared", "Dashboard figure", "No data yet", "District template",
        "Adopted copy", "Own item", "Versions", "To month", "Rating publishing",
        "Objection contacts", "All entries of this record",
        "Fund list", "Fund ledger",
    ),
    "supervisor": (
        "Streets compared", "Dashboard figure", "No data yet", "Sent back for rework",
        "Under the street's supervision", "Rating publishing", "Objection contacts",
        "Fund list", "Fund ledger",
    ),
    "volunteer": (
        "My claimed wishes", "Give it back to the wall", "Confirm the release",
        "Confirm the claim", "Claim",
        "I will fulfil this wish by its deadline; "
        "a claim not fulfilled in time goes back to the wall.",
        "I can no longer fulfil this wish; put it back on the wall for someone else.",
    ),
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_each_guide_uses_the_words_its_screens_show(app, client, login, users, role):
    from flask_babel import force_locale, gettext

    login(users[role])
    page = client.get("/me/help" if role == "volunteer" else "/admin/help/").text
    with app.test_request_context(), force_locale("zh_Hans_CN"):
        quoted = {msgid: gettext(msgid) for msgid in QUOTED[role]}
    missing = {msgid: text for msgid, text in quoted.items() if text not in page}
    assert not missing, missing
    assert all(text != msgid for msgid, text in quoted.items())  # every one is translated
