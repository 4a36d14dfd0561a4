"""Personal data is shown in full only to the staff over the record (and a volunteer's own);
every page, export and API response goes through weimin.access.shown."""

import csv
import io
from datetime import date

import pytest

from weimin.access import shown
from weimin.access.masking import mask_address, mask_birth_date, mask_id, mask_phone

ID, PHONE = "110105198001010016", "13800138000"
RESIDENT_PHONE, ADDRESS = "13912345678", "幸福小区3幢2单元501室"
# role -> sees in full, for records of the user's own street and community
FULL = {"district_admin": True, "street_admin": True, "community_worker": True, "supervisor": False}


@pytest.fixture
def world(make):
    street = make.street()
    community = make.community(street)
    volunteer = make.volunteer(community, id_number=ID, phone=PHONE, birth_date=date(1980, 1, 1))
    demand = make.demand(community, resident_phone=RESIDENT_PHONE, resident_address=ADDRESS)
    scope = {
        "street_admin": {"street_doc": street},
        "community_worker": {"community_doc": community},
    }
    users = {role: make.user(role, **scope.get(role, {})) for role in FULL}
    users["volunteer"] = make.user("volunteer", volunteer_doc=volunteer)
    return {"street": street, "volunteer": volunteer, "demand": demand, "users": users}


def _csv(response):
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def _seen(text, full, masked):
    """True when `text` holds the full value, False when it holds the mask, an error if neither."""
    if full in text:
        return True
    assert masked in text, f"{full} neither shown nor masked"
    return False


@pytest.mark.parametrize("role", FULL)
def test_a_volunteers_identifiers_on_list_details_and_export(login, world, role):
    client = login(world["users"][role])
    vol = world["volunteer"]
    listing = client.get("/admin/volunteer/").text
    details = client.get(f"/admin/volunteer/details/?id={vol.pk}").text
    for page in (listing, details):
        assert _seen(page, ID, mask_id(ID)) is FULL[role]
        assert _seen(page, PHONE, mask_phone(PHONE)) is FULL[role]
    assert _seen(details, "1980-01-01", mask_birth_date(vol.birth_date)) is FULL[role]
    if role != "community_worker":  # may not export the volunteer list
        text = str(_csv(client.get("/admin/volunteer/export/csv/")))
        assert _seen(text, ID, mask_id(ID)) is FULL[role]
        assert _seen(text, PHONE, mask_phone(PHONE)) is FULL[role]
        assert _seen(text, "1980-01-01", "1980年") is FULL[role]


def test_a_volunteer_sees_their_own_identifiers(login, world):
    page = login(world["users"]["volunteer"]).get("/me/").text
    assert ID in page and PHONE in page


@pytest.mark.parametrize("role", FULL)
def test_a_residents_phone_and_address_on_details_and_export(login, world, role):
    client = login(world["users"][role])
    details = client.get(f"/admin/demand/details/?id={world['demand'].pk}").text
    assert _seen(details, RESIDENT_PHONE, mask_phone(RESIDENT_PHONE)) is FULL[role]
    assert _seen(details, "3幢2单元501室", mask_address(ADDRESS)) is FULL[role]
    listing = client.get("/admin/demand/").text
    assert RESIDENT_PHONE not in listing and "501室" not in listing  # not a list column
    if role != "community_worker":  # may not export demands
        text = str(_csv(client.get("/admin/demand/export/csv/")))
        assert _seen(text, RESIDENT_PHONE, mask_phone(RESIDENT_PHONE)) is FULL[role]
        assert _seen(text, "3幢2单元501室", mask_address(ADDRESS)) is FULL[role]


def test_another_streets_admin_sees_masks(make, world):
    other = make.user("street_admin", street_doc=make.street())
    assert shown(other, world["demand"], "resident_phone") == mask_phone(RESIDENT_PHONE)
    assert shown(other, world["volunteer"], "id_number") == mask_id(ID)
    assert shown(world["users"]["street_admin"], world["volunteer"], "id_number") == ID


def test_a_catalogue_field_of_a_personal_type_is_masked_by_its_type(world):
    supervisor, worker = world["users"]["supervisor"], world["users"]["community_worker"]
    demand = world["demand"]
    assert shown(supervisor, demand, "id_no", ID, kind="id_number") == mask_id(ID)
    assert shown(worker, demand, "id_no", ID, kind="id_number") == ID
    assert shown(supervisor, demand, "note", "楼下", kind="text") == "楼下"


def test_raw_records_are_masked_like_documents(world):
    raw = type(world["demand"])._get_collection().find_one({"_id": world["demand"].pk})
    assert shown(world["users"]["supervisor"], raw, "resident_phone") == mask_phone(RESIDENT_PHONE)
    assert shown(world["users"]["street_admin"], raw, "resident_phone") == RESIDENT_PHONE


def test_the_api_answers_show_no_personal_data(client, make, world):
    street, community = world["street"], world["demand"].community
    item = make.item(street_doc=street)
    _token, secret = make.api_token(street, "demands:create", "demands:act")
    auth = {"Authorization": f"Bearer {secret}"}
    body = {"item": item.code, "community": community.code, "resident_name": "钱多多",
            "resident_phone": "13611112222", "resident_address": ADDRESS,
            "channel": "hotline", "description": "水管漏水"}  # fmt: skip
    created = client.post("/api/v1/demands", json=body, headers=auth)
    assert created.status_code == 201, created.json
    ticket = created.json["ticket_no"]
    acted = client.post(
        f"/api/v1/demands/{ticket}/transitions", json={"action": "start", "rev": 0}, headers=auth
    )
    status = client.get(f"/api/v1/demands/{ticket}?phone4=2222")
    for answer in (created, acted, status):
        text = answer.get_data(as_text=True)
        assert "13611112222" not in text and "501室" not in text and "钱多多" not in text


def test_a_public_page_shows_the_holders_name_masked_even_to_the_holder(app, make):
    from weimin.access import public_name

    volunteer = make.volunteer(name="欧阳明月")
    holder = make.user("volunteer", volunteer_doc=volunteer)
    assert shown(holder, volunteer, "name", kind="holder_name") == "欧阳明月"  # own record
    assert public_name(volunteer) == "欧阳**"
