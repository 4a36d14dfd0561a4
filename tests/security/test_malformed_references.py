"""A reference posted by hand — not an id, or a record the user was not offered — is a field
error in the user's language, never a 500, and stores nothing."""

import pytest
from mongoengine import ListField, ReferenceField

from admin import VIEWS as ADMIN_VIEWS
from tests.security.permissions import may

JUNK = ("notanid", "0123456789abcdef0123456z", "[$ne]", "a" * 2000)
MESSAGE = "请从列出的选项中选择"
ENDPOINTS = [endpoint for *_, endpoint in ADMIN_VIEWS]
CREATED = [e for e in ENDPOINTS if may(e, "district_admin", "C")]  # the widest create forms


def _view(app, endpoint):
    return next(v for v in app.extensions["weimin_admin"]._views if v.endpoint == endpoint)


def _reference_fields(app, view, user):
    """The fields of the view's create form that pick one or more referenced records."""
    from flask_login import login_user

    def picks_records(name):
        field = view.model._fields.get(name)
        field = field.field if isinstance(field, ListField) else field
        return isinstance(field, ReferenceField)

    with app.test_request_context():
        login_user(user)
        return [field.name for field in view.create_form() if picks_records(field.name)]


@pytest.mark.parametrize("endpoint", CREATED)
def test_junk_in_any_reference_of_a_create_form_is_a_field_error(app, login, make, endpoint):
    user = make.user("district_admin")
    client = login(user)
    view = _view(app, endpoint)
    # A demand's form shows its fields once its service item is chosen.
    base = {"item": str(make.item().pk)} if endpoint == "demand" else {}
    for name in _reference_fields(app, view, user):
        for junk in JUNK:
            before = view.model.objects.count()
            response = client.post(f"/admin/{endpoint}/new/", data={**base, name: junk})
            assert response.status_code == 200, (endpoint, name, junk)
            if name in base:  # not an item offered: the page asks for the item again
                assert 'id="item-chooser"' in response.text, (endpoint, name, junk)
            else:
                assert MESSAGE in response.text, (endpoint, name, junk)
            assert view.model.objects.count() == before, (endpoint, name, junk)


def test_junk_in_an_edit_form_leaves_the_record_as_it_was(login, make):
    from models import Organisation, Volunteer

    street = make.street()
    community = make.community(street)
    org = make.organisation(street, community=community)
    volunteer = make.volunteer(community)
    client = login(make.user("district_admin"))
    for url, data in (
        (f"/admin/organisation/edit/?id={org.pk}", {"name": "新名字", "community": "notanid"}),
        (f"/admin/organisation/edit/?id={org.pk}", {"name": "新名字", "categories": "x"}),
        (f"/admin/organisation/edit/?id={org.pk}", {"name": "新名字", "leaders": "x"}),
        (f"/admin/volunteer/edit/?id={volunteer.pk}", {"name": "新名字", "teams": "nope"}),
    ):
        response = client.post(url, data=data)
        assert response.status_code == 200 and MESSAGE in response.text, (url, data)
    assert Organisation.objects.get(pk=org.pk).name == org.name
    assert Volunteer.objects.get(pk=volunteer.pk).name == volunteer.name


def test_a_record_the_user_was_not_offered_is_refused_not_dropped(login, make):
    """An optional reference outside the scope used to be saved as empty without a word."""
    from models import Organisation

    mine, theirs = make.street(name="甲街道"), make.street(name="乙街道")
    far = make.community(theirs, name="乙一社区")
    client = login(make.user("street_admin", street_doc=mine))
    data = {"name": "甲街道志愿队", "org_type": "filed", "community": str(far.pk)}
    response = client.post("/admin/organisation/new/", data=data)
    assert response.status_code == 200 and MESSAGE in response.text
    assert not Organisation.objects(name="甲街道志愿队").count()


def test_junk_in_list_filters_and_look_ups_is_not_an_error(app, login, make):
    client = login(make.user("district_admin"))
    for endpoint in ENDPOINTS:
        view = _view(app, endpoint)
        for index, _flt in enumerate(view._filters or ()):
            for junk in JUNK[:2]:
                response = client.get(f"/admin/{endpoint}/?flt0_{index}={junk}")
                assert response.status_code == 200, (endpoint, index, junk)
        for name in view._form_ajax_refs or ():
            response = client.get(f"/admin/{endpoint}/ajax/lookup/?name={name}&query=[$ne]")
            assert response.status_code == 200, (endpoint, name)


def test_an_api_token_is_created_through_the_admin_form(login, make):
    """Its scopes are a multiple choice: Flask-Admin's list validator crashed on it."""
    from models import ApiToken

    street = make.street()
    client = login(make.user("district_admin"))
    response = client.post("/admin/api_token/new/", data={"name": "热线", "street": street.pk})
    assert response.status_code == 200 and not ApiToken.objects.count()
    data = {"name": "热线", "street": street.pk, "scopes": ["demands:create", "nope"]}
    assert client.post("/admin/api_token/new/", data=data).status_code == 200
    data["scopes"] = ["demands:create", "catalogue:read"]
    assert client.post("/admin/api_token/new/", data=data).status_code == 302
    assert ApiToken.objects.get().scopes == ["demands:create", "catalogue:read"]
