"""A copied session cookie dies with sign-out and with any change of password, role or scope."""

import pytest

from models import User
from tests.factories import PASSWORD

NEW_PASSWORD = "Another-pass-2026"


@pytest.fixture
def stolen(app, client, make):
    """A signed-in user and a second client holding a copy of their session cookie."""
    user = make.user("street_admin", street_doc=make.street())
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    assert thief.get("/admin/").status_code == 200
    return user, thief


@pytest.fixture
def chief(app, make):
    """A district admin's client, signed in."""
    admin = app.test_client()
    boss = make.user()
    admin.post("/login", data={"username": boss.username, "password": PASSWORD})
    return admin


def _signed_out(thief):
    response = thief.get("/admin/")
    return response.status_code == 302 and "/login" in response.headers["Location"]


def _edit_user(client, user, **changes):
    """Post the admin's edit form for the user, as the browser would."""
    data = {
        "username": user.username,
        "name": user.name,
        "role": user.role,
        "street": str(user.street.pk) if user.street else "",
        "community": str(user.community.pk) if user.community else "",
        "active": "y" if user.active else "",
        "password": "",
    }
    data.update(changes)
    data = {key: value for key, value in data.items() if value != ""}
    return client.post(f"/admin/user/edit/?id={user.pk}", data=data)


def test_a_copied_cookie_dies_with_sign_out(client, stolen):
    user, thief = stolen
    assert client.post("/logout").status_code == 302
    assert _signed_out(thief)


def test_a_copied_cookie_dies_when_an_admin_sets_a_new_password(chief, stolen):
    user, thief = stolen
    assert _edit_user(chief, user, password=NEW_PASSWORD).status_code == 302
    assert User.objects.get(id=user.id).check_password(NEW_PASSWORD)
    assert _signed_out(thief)
    assert chief.get("/admin/").status_code == 200  # the admin's own session is untouched


def test_a_copied_cookie_dies_when_an_admin_changes_the_role(chief, stolen):
    user, thief = stolen
    assert _edit_user(chief, user, role="supervisor", street="").status_code == 302
    assert User.objects.get(id=user.id).role == "supervisor"
    assert _signed_out(thief)


def test_a_copied_cookie_dies_when_the_scope_changes(make, stolen):
    user, thief = stolen
    user.street = make.street()
    user.save()
    assert _signed_out(thief)


def test_a_copied_cookie_dies_when_the_account_is_disabled_and_stays_dead(stolen):
    user, thief = stolen
    user.active = False
    user.save()
    assert _signed_out(thief)
    user.active = True
    user.save()
    assert _signed_out(thief)


def test_a_volunteer_login_given_a_new_password_ends_its_sessions(app, make, login):
    from weimin.volunteers.accounts import provide_login

    volunteer_user = make.volunteer_user()
    client = login(volunteer_user)
    assert client.get("/me/").status_code == 200
    with app.test_request_context():
        provide_login(volunteer_user.volunteer, volunteer_user.username, NEW_PASSWORD)
    assert client.get("/me/").status_code == 302


def test_other_edits_keep_the_sessions(chief, stolen):
    user, thief = stolen
    assert _edit_user(chief, user, name="改了名字").status_code == 302
    assert User.objects.get(id=user.id).name == "改了名字"
    assert thief.get("/admin/").status_code == 200


def test_changing_ones_own_password_keeps_this_session_and_ends_the_others(client, make):
    me = make.user()
    client.post("/login", data={"username": me.username, "password": PASSWORD})
    with client.application.test_client() as elsewhere:
        elsewhere.set_cookie("session", client.get_cookie("session").value)
        assert _edit_user(client, me, password=NEW_PASSWORD).status_code == 302
        assert client.get("/admin/").status_code == 200
        assert _signed_out(elsewhere)


def test_a_cookie_without_a_session_version_is_refused(client, make):
    """Cookies issued before session versions existed name only the user: sign in again."""
    user = make.user()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.pk)
        session["_fresh"] = True
    assert _signed_out(client)
