"""ID numbers and credit codes: real check digits pass, broken ones are refused per field."""

import pytest
from mongoengine import ValidationError
from stdnum.cn import ric

from models import Organisation, Volunteer
from tests.volunteers.ids import BAD_CHECK_CODES, BAD_CHECK_IDS, CREDIT_CODES, IDS
from tests.volunteers.pages import field_error
from weimin.core.errors import field_errors


def _errors(doc):
    with pytest.raises(ValidationError) as info:
        doc.validate()
    return field_errors(info.value)


def test_fixture_numbers_are_what_they_claim():
    assert all(ric.is_valid(n) for n in IDS)
    assert not any(ric.is_valid(n) for n in BAD_CHECK_IDS)


@pytest.mark.parametrize("number", IDS)
def test_valid_id_numbers_are_accepted_and_stored_normalised(make, number):
    vol = make.volunteer(id_number=number.lower())
    assert Volunteer.objects.get(pk=vol.pk).id_number == number.upper()


@pytest.mark.parametrize("number", BAD_CHECK_IDS)
def test_wrong_check_digit_is_reported_on_the_id_field(make, number):
    community = make.community()
    vol = Volunteer(
        name="张伟",
        id_number=number,
        phone="13800138000",
        street=community.street,
        community=community,
    )
    assert _errors(vol) == {"id_number": "ID number check digit is wrong"}


def test_birth_date_and_gender_follow_the_id_number(make):
    vol = make.volunteer(id_number=IDS[1])
    assert str(vol.birth_date) == "1985-06-12" and vol.gender == "female"
    vol.gender = "male"
    assert "gender" in _errors(vol)


def test_one_id_number_is_one_volunteer_even_with_a_lower_case_x(make):
    make.volunteer(id_number=IDS[0])
    community = make.community()
    twin = Volunteer(
        name="李娜",
        id_number=IDS[0].lower(),
        phone="13912345678",
        street=community.street,
        community=community,
    )
    assert _errors(twin) == {"id_number": "This ID number is already registered"}


def test_phone_is_checked(make):
    community = make.community()
    vol = Volunteer(
        name="张伟",
        id_number=IDS[0],
        phone="1380013800",
        street=community.street,
        community=community,
    )
    assert _errors(vol) == {"phone": "Not a valid phone number"}


@pytest.mark.parametrize("code", CREDIT_CODES)
def test_registered_organisation_with_a_real_credit_code(make, code):
    org = make.organisation(org_type="registered", credit_code=code.lower())
    assert Organisation.objects.get(pk=org.pk).credit_code == code


@pytest.mark.parametrize("code", BAD_CHECK_CODES)
def test_credit_code_check_character_error_is_caught(make, code):
    org = Organisation(name="某协会", org_type="registered", credit_code=code, street=make.street())
    assert _errors(org) == {"credit_code": "Credit code check character is wrong"}


def test_registered_needs_a_code_and_filed_has_none(make):
    street = make.street()
    assert "credit_code" in _errors(Organisation(name="甲", org_type="registered", street=street))
    filed = Organisation(name="乙", org_type="filed", credit_code=CREDIT_CODES[0], street=street)
    assert "credit_code" in _errors(filed)


def test_admin_form_puts_the_check_digit_error_under_the_field(make, login):
    client = login(make.user("district_admin"))
    community = make.community()
    response = client.post(
        "/admin/volunteer/new/",
        data={
            "name": "张伟",
            "id_number": BAD_CHECK_IDS[0],
            "phone": "13800138000",
            "street": str(community.street.pk),
            "community": str(community.pk),
        },
    )
    assert response.status_code == 200
    assert field_error(response.text, "id_number") == "身份证号码校验位错误"
    assert Volunteer.objects.count() == 0


def test_admin_form_puts_the_credit_code_error_under_the_field(make, login):
    client = login(make.user("district_admin"))
    response = client.post(
        "/admin/organisation/new/",
        data={
            "name": "某协会",
            "org_type": "registered",
            "credit_code": BAD_CHECK_CODES[0],
            "street": str(make.street().pk),
        },
    )
    assert field_error(response.text, "credit_code") == "统一社会信用代码校验位错误"
    assert Organisation.objects.count() == 0
