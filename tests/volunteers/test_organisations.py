"""Organisations in the admin: create with contacts, checked phones, filters, tenancy."""

import pytest

from models import Organisation
from tests.volunteers.ids import CREDIT_CODES
from tests.volunteers.pages import field_error, filter_arg, listed_ids


def _form(street, **extra):
    return {
        "name": "阳光助老服务中心",
        "org_type": "registered",
        "credit_code": CREDIT_CODES[0],
        "grade": "4A",
        "street": str(street.pk),
        "active": "y",
        **extra,
    }


def test_create_with_contacts_redirects_and_stores(make, login):
    client = login(make.user("district_admin"))
    street = make.street()
    response = client.post(
        "/admin/organisation/new/",
        data=_form(
            street,
            **{
                "contacts-0-name": "周敏",
                "contacts-0-duty": "秘书长",
                "contacts-0-phone": "0574-87654321",
            },
        ),
    )
    assert response.status_code == 302
    org = Organisation.objects.get(name="阳光助老服务中心")
    assert org.grade == "4A" and org.contacts[0].phone == "057487654321"


def test_bad_contact_phone_is_reported_on_the_contacts_field(make, login):
    client = login(make.user("district_admin"))
    response = client.post(
        "/admin/organisation/new/",
        data=_form(make.street(), **{"contacts-0-name": "周敏", "contacts-0-phone": "12345"}),
    )
    assert response.status_code == 200
    assert Organisation.objects.count() == 0
    assert "不是有效的手机或固定电话号码" in response.text  # the phone check's own message


@pytest.mark.parametrize(
    "column,value,wanted",
    [
        ("org_type", "volunteer_team", "青年志愿队"),
        ("grade", "5A", "五星社工站"),
    ],
)
def test_list_filters_by_type_and_grade(app, make, login, column, value, wanted):
    street = make.street()
    make.organisation(street, name="青年志愿队", org_type="volunteer_team")
    make.organisation(
        street, name="五星社工站", org_type="registered", credit_code=CREDIT_CODES[1], grade="5A"
    )
    make.organisation(street, name="楼道互助站", org_type="self_governance")
    client = login(make.user("district_admin"))
    everything = client.get("/admin/organisation/").text
    assert "楼道互助站" in everything
    narrowed = client.get(f"/admin/organisation/?{filter_arg(app, 'organisation', column)}={value}")
    assert wanted in narrowed.text and "楼道互助站" not in narrowed.text


def test_list_filters_by_community_and_category(app, make, login):
    street = make.street()
    here, there = make.community(street), make.community(street)
    elderly, children = make.category(name="助老"), make.category(name="助学")
    make.organisation(street, name="甲队", community=here, categories=[elderly])
    make.organisation(street, name="乙队", community=there, categories=[children])
    client = login(make.user("district_admin"))
    by_community = client.get(
        f"/admin/organisation/?{filter_arg(app, 'organisation', 'community')}={here.pk}"
    ).text
    assert "甲队" in by_community and "乙队" not in by_community
    by_category = client.get(
        f"/admin/organisation/?{filter_arg(app, 'organisation', 'categories')}={children.pk}"
    ).text
    assert "乙队" in by_category and "甲队" not in by_category


def test_street_admin_sees_only_their_street(make, login):
    mine, other = make.street(), make.street()
    make.organisation(mine, name="本街道组织")
    foreign = make.organisation(other, name="外街道组织")
    client = login(make.user("street_admin", street_doc=mine))
    page = client.get("/admin/organisation/").text
    assert "本街道组织" in page and "外街道组织" not in page
    assert client.get(f"/admin/organisation/details/?id={foreign.pk}").status_code == 404
    assert listed_ids(page, "organisation")


def test_form_labels_are_chinese(make, login):
    page = login(make.user("district_admin")).get("/admin/organisation/new/").text
    assert "统一社会信用代码" in page and field_error(page, "name") is None
