"""API tokens in the admin: created with the secret shown once, revoked and deleted in scope."""

import re

import pytest

from models import ApiToken

ITEMS = "/api/v1/catalogue/items"


@pytest.fixture
def streets(make):
    return make.street(), make.street()


def create(client, street, name="热线平台", scopes=("catalogue:read",)):
    data = {"name": name, "street": str(street.pk), "scopes": list(scopes), "active": "y"}
    return client.post("/admin/api_token/new/", data=data, follow_redirects=True)


def secret_on(page):
    found = re.search(r"(wm_[0-9a-f]{12}_[A-Za-z0-9_-]{20,})", page)
    assert found, page[-2000:]
    return found.group(1)


def bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def test_a_street_admin_creates_a_token_and_sees_its_secret_once(make, login, client, streets):
    own, other = streets
    staff = login(make.user("street_admin", street_doc=own))
    assert create(staff, other).status_code == 200  # not offered, so refused
    assert ApiToken.objects.count() == 0
    answer = create(staff, own)
    assert answer.status_code == 200
    secret = secret_on(answer.text)
    token = ApiToken.objects.get()
    assert token.street == own and token.active and token.token_hash not in answer.text
    assert secret not in staff.get("/admin/api_token/").text  # shown only once
    assert staff.get(ITEMS, headers=bearer(secret)).status_code == 200


def test_a_token_without_operations_gets_a_field_message(make, login, client, streets):
    staff = login(make.user("street_admin", street_doc=streets[0]))
    answer = create(staff, streets[0], scopes=())
    assert answer.status_code == 200
    assert "请至少选择一项允许的操作。" in answer.text
    assert ApiToken.objects.count() == 0


def test_unticking_active_revokes_at_once_and_for_good(make, login, client, streets):
    own = streets[0]
    token, secret = make.api_token(own, "catalogue:read")
    staff = login(make.user("street_admin", street_doc=own))
    assert client.get(ITEMS, headers=bearer(secret)).status_code == 200
    form = {"name": token.name, "street": str(own.pk), "scopes": ["catalogue:read"]}
    answer = staff.post(f"/admin/api_token/edit/?id={token.pk}", data=form)
    assert answer.status_code == 302
    token.reload()
    assert not token.active and token.revoked_at is not None
    assert client.get(ITEMS, headers=bearer(secret)).status_code == 401
    again = staff.post(f"/admin/api_token/edit/?id={token.pk}", data={**form, "active": "y"})
    assert again.status_code == 200 and "已吊销的令牌不能恢复，请新建一个令牌。" in again.text
    assert not token.reload().active
    assert client.get(ITEMS, headers=bearer(secret)).status_code == 401


def test_the_revoke_action_stops_only_tokens_in_scope(make, login, client, streets):
    own, other = streets
    mine, my_secret = make.api_token(own, "catalogue:read")
    theirs, their_secret = make.api_token(other, "catalogue:read")
    staff = login(make.user("street_admin", street_doc=own))
    ids = [str(mine.pk), str(theirs.pk)]
    answer = staff.post("/admin/api_token/action/", data={"action": "revoke", "rowid": ids})
    assert answer.status_code == 302
    assert not mine.reload().active and theirs.reload().active
    assert client.get(ITEMS, headers=bearer(my_secret)).status_code == 401
    assert client.get(ITEMS, headers=bearer(their_secret)).status_code == 200


def test_street_admins_delete_their_own_tokens_only(make, login, client, streets):
    own, other = streets
    mine, _secret = make.api_token(own)
    theirs, _secret = make.api_token(other)
    staff = login(make.user("street_admin", street_doc=own))
    assert staff.get(f"/admin/api_token/edit/?id={theirs.pk}").status_code == 404
    assert staff.post("/admin/api_token/delete/", data={"id": str(theirs.pk)}).status_code == 404
    assert staff.post("/admin/api_token/delete/", data={"id": str(mine.pk)}).status_code == 302
    assert list(ApiToken.objects.scalar("id")) == [theirs.pk]


def test_the_district_admin_revokes_and_deletes_any_streets_tokens(make, login, client, streets):
    token, secret = make.api_token(streets[1], "catalogue:read")
    staff = login(make.user("district_admin"))
    form = {"name": token.name, "street": str(streets[1].pk), "scopes": ["catalogue:read"]}
    assert staff.post(f"/admin/api_token/edit/?id={token.pk}", data=form).status_code == 302
    assert client.get(ITEMS, headers=bearer(secret)).status_code == 401
    assert staff.post("/admin/api_token/delete/", data={"id": str(token.pk)}).status_code == 302
    assert ApiToken.objects.count() == 0
