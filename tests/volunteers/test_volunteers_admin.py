"""Volunteers in the admin: masking per role (pages and export), pinyin search, own login."""

import csv
import io

import pytest

from models import User
from tests.factories import PASSWORD
from tests.volunteers.ids import IDS
from weimin.access.masking import mask_id, mask_phone

FULL_ID, PHONE = IDS[1], "13912345678"


@pytest.fixture
def setting(make):
    street = make.street()
    home, elsewhere = make.community(street), make.community(street)
    vol = make.volunteer(home, id_number=FULL_ID, phone=PHONE, name="张伟")
    return {"street": street, "home": home, "elsewhere": elsewhere, "vol": vol}


def _user(make, role, setting):
    scope = {
        "street_admin": {"street_doc": setting["street"]},
        "community_worker": {"community_doc": setting["home"]},
        "volunteer": {"volunteer_doc": setting["vol"]},
    }
    return make.user(role, **scope.get(role, {}))


@pytest.mark.parametrize(
    "role,full",
    [
        ("district_admin", True),
        ("street_admin", True),
        ("community_worker", True),
        ("supervisor", False),
    ],
)
def test_list_and_details_mask_for_roles_that_do_not_need_the_numbers(
    make, login, setting, role, full
):
    client = login(_user(make, role, setting))
    for url in ("/admin/volunteer/", f"/admin/volunteer/details/?id={setting['vol'].pk}"):
        page = client.get(url).text
        assert (FULL_ID in page) is full and (PHONE in page) is full, url
        assert (mask_id(FULL_ID) in page) is not full and (mask_phone(PHONE) in page) is not full


def test_another_communitys_worker_cannot_open_the_volunteer(make, login, setting):
    client = login(make.user("community_worker", community_doc=setting["elsewhere"]))
    assert FULL_ID not in client.get("/admin/volunteer/").text
    assert client.get(f"/admin/volunteer/details/?id={setting['vol'].pk}").status_code == 404


def _export(client):
    response = client.get("/admin/volunteer/export/csv/")
    assert response.status_code == 200, response.status_code
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    return rows[0], rows[1]


@pytest.mark.parametrize("role,full", [("supervisor", False), ("district_admin", True)])
def test_export_uses_the_same_masking(make, login, setting, role, full):
    header, row = _export(login(make.user(role)))
    assert "身份证件号码" in header
    assert (FULL_ID in row) is full and (PHONE in row) is full
    assert (mask_id(FULL_ID) in row) is not full and (mask_phone(PHONE) in row) is not full
    birth = row[header.index("出生日期")]
    born = setting["vol"].birth_date  # derived from the ID number
    assert (birth == born.isoformat()) is full and (birth == f"{born.year}年") is not full


def test_community_worker_may_not_export(make, login, setting):
    client = login(_user(make, "community_worker", setting))
    response = client.get("/admin/volunteer/export/csv/")
    assert response.status_code == 403 and "text/csv" not in response.content_type


@pytest.mark.parametrize("term", ["张伟", "zhangwei", "zw", "ZW"])
def test_search_finds_by_hanzi_pinyin_and_initials(make, login, setting, term):
    make.volunteer(setting["home"], id_number=IDS[2], phone="13700000000", name="李娜")
    page = login(make.user("district_admin")).get(f"/admin/volunteer/?search={term}").text
    assert "张伟" in page and "李娜" not in page


def test_filter_by_team(app, make, login, setting):
    from tests.volunteers.pages import filter_arg

    team = make.organisation(setting["street"], name="青年志愿队", org_type="volunteer_team")
    make.volunteer(
        setting["home"], id_number=IDS[2], phone="13700000000", name="李娜", teams=[team]
    )
    page = (
        login(make.user("district_admin"))
        .get(f"/admin/volunteer/?{filter_arg(app, 'volunteer', 'teams')}={team.pk}")
        .text
    )
    assert "李娜" in page and "张伟" not in page


def test_creating_a_volunteer_with_a_self_service_login(make, login, setting):
    client = login(_user(make, "community_worker", setting))
    response = client.post(
        "/admin/volunteer/new/",
        data={
            "name": "王芳",
            "id_number": IDS[3],
            "phone": "13600000000",
            "street": str(setting["street"].pk),
            "community": str(setting["home"].pk),
            "consent": "y",
            "login_username": "wangfang",
            "login_password": PASSWORD,
        },
    )
    assert response.status_code == 302
    login_user = User.objects.get(username="wangfang")
    assert login_user.role == "volunteer" and login_user.volunteer.name == "王芳"
    assert login_user.check_password(PASSWORD)


def test_a_taken_username_is_a_field_error_and_nothing_is_saved(make, login, setting):
    from models import Volunteer
    from tests.volunteers.pages import field_error

    make.user("district_admin", username="wangfang")
    client = login(_user(make, "community_worker", setting))
    response = client.post(
        "/admin/volunteer/new/",
        data={
            "name": "王芳",
            "id_number": IDS[3],
            "phone": "13600000000",
            "street": str(setting["street"].pk),
            "community": str(setting["home"].pk),
            "login_username": "wangfang",
            "login_password": PASSWORD,
        },
    )
    assert field_error(response.text, "login_username")
    assert Volunteer.objects(name="王芳").count() == 0


def test_volunteer_with_service_records_is_not_deleted(make, login, setting):
    from models import Volunteer

    make.service_record(setting["vol"])
    spare = make.volunteer(setting["home"], id_number=IDS[2], phone="13700000000", name="李娜")
    client = login(make.user("district_admin"))
    for vol in (setting["vol"], spare):
        client.post("/admin/volunteer/delete/", data={"id": str(vol.pk)})
    assert Volunteer.objects(pk=setting["vol"].pk).count() == 1
    assert Volunteer.objects(pk=spare.pk).count() == 0
