"""One password policy wherever a password is set: user admin and volunteers' own logins."""

import pytest
from mongoengine import ValidationError

from models import User, Volunteer
from tests.factories import PASSWORD, VALID_IDS
from tests.volunteers.pages import field_error
from weimin.volunteers.accounts import provide_login

WEAK = ["short1!", "alllowercaseletters", "wangfang-2026A"]


def _volunteer_form(community, **changes):
    data = {
        "name": "王芳",
        "id_number": VALID_IDS[2],
        "phone": "13600000000",
        "street": str(community.street.pk),
        "community": str(community.pk),
        "consent": "y",
        "login_username": "wangfang",
    }
    return {**data, **changes}


@pytest.mark.parametrize("weak", WEAK)
def test_a_volunteer_login_with_a_weak_password_is_refused_and_nothing_saved(make, login, weak):
    community = make.community()
    client = login(make.user())
    response = client.post(
        "/admin/volunteer/new/", data=_volunteer_form(community, login_password=weak)
    )
    assert response.status_code == 200
    assert field_error(response.text, "login_password")
    assert Volunteer.objects(name="王芳").count() == 0
    assert User.objects(username="wangfang").count() == 0


def test_a_weak_new_password_leaves_an_existing_volunteer_login_as_it_was(make, login):
    community = make.community()
    client = login(make.user())
    form = _volunteer_form(community, login_password=PASSWORD)
    assert client.post("/admin/volunteer/new/", data=form).status_code == 302
    volunteer = Volunteer.objects.get(name="王芳")
    hash_before = User.objects.get(username="wangfang").password_hash
    form.update(name="王芳芳", login_password="alllowercaseletters")
    response = client.post(f"/admin/volunteer/edit/?id={volunteer.pk}", data=form)
    assert field_error(response.text, "login_password")
    assert Volunteer.objects.get(pk=volunteer.pk).name == "王芳"
    assert User.objects.get(username="wangfang").password_hash == hash_before


def test_the_user_admin_and_the_volunteer_form_give_the_same_reasons(make, login):
    community = make.community()
    client = login(make.user())
    user_form = {
        "username": "wangfang",
        "name": "王芳",
        "role": "district_admin",
        "active": "y",
        "password": "alllowercaseletters",
    }
    as_user = field_error(client.post("/admin/user/new/", data=user_form).text, "password")
    form = _volunteer_form(community, login_password="alllowercaseletters")
    as_volunteer = field_error(
        client.post("/admin/volunteer/new/", data=form).text, "login_password"
    )
    assert as_user and as_user == as_volunteer


def test_setting_a_volunteer_login_in_code_applies_the_policy(app, make):
    volunteer = make.volunteer()
    with app.test_request_context(), pytest.raises(ValidationError) as refused:
        provide_login(volunteer, "wangfang", "alllowercaseletters")
    assert "login_password" in refused.value.errors
    assert User.objects(username="wangfang").count() == 0
