"""Certificate (Art. 15): hours, content, organisation; checkable without personal data."""

import re
from decimal import Decimal

import pytest

from models import Certificate
from models.codes import normalise_code
from weimin.volunteers.hours import approve


@pytest.fixture
def served(make):
    user = make.volunteer_user(phone="13912345678")
    vol = user.volunteer
    team = make.organisation(vol.street, name="青年志愿队")
    for hours, name in (("2.5", "助老探访"), ("3", "社区环境清洁日")):
        approve(make.service_record(vol, team, hours=Decimal(hours), activity_name=name).pk, "w")
    make.service_record(vol, team, activity_name="尚未审核")  # submitted: not certified
    return user


def _issue(client):
    client.post("/me/certificate")
    page = client.get("/me/certificate").text
    return re.search(r'id="certificate-code">([^<]+)<', page).group(1), page


def test_certificate_states_hours_content_and_organisation(login, served):
    code, page = _issue(login(served))
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    assert 'data-hours="5.5">5.5 小时<' in page
    assert "青年志愿队" in page and "助老探访" in page and "尚未审核" not in page


def test_issuing_again_without_new_hours_keeps_the_code(login, served):
    client = login(served)
    first, _ = _issue(client)
    second, _ = _issue(client)
    assert first == second and Certificate.objects.count() == 1


def test_public_check_shows_the_certificate_without_personal_data(app, login, served):
    code, _ = _issue(login(served))
    anonymous = app.test_client()
    page = anonymous.get(f"/verify/{code}")
    assert page.status_code == 200 and 'id="verified"' in page.text
    vol = served.volunteer
    assert "张*" in page.text and "5.5" in page.text and "青年志愿队" in page.text
    for secret in (vol.name, vol.id_number, vol.phone, vol.phone[-4:], vol.id_number[-4:]):
        assert secret not in page.text
    typed = code.replace("-", "").lower()
    assert anonymous.get(f"/verify/?code={typed}").headers["Location"] == f"/verify/{code}"


def test_unknown_or_forged_codes_are_not_found(app, login, served):
    code, _ = _issue(login(served))
    forged = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert app.test_client().get(f"/verify/{forged}").status_code == 404
    assert app.test_client().get("/verify/hello").status_code == 404


def test_codes_are_random_and_normalised():
    from models.codes import new_code

    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert normalise_code(" abcd efgh-jkmn pqrs ") == "ABCD-EFGH-JKMN-PQRS"


def test_no_certificate_without_approved_hours(make, login):
    client = login(make.volunteer_user())
    client.post("/me/certificate")
    assert Certificate.objects.count() == 0


def test_certificate_reads_as_chinese_writes_it(login, served):
    _code, page = _issue(login(served))
    period = re.search(r'id="certificate-period">([^<]+)<', page).group(1)
    assert re.fullmatch(r"服务期间：\d{4}年\d{1,2}月\d{1,2}日至\d{4}年\d{1,2}月\d{1,2}日", period)
    issued = re.search(r'id="certificate-issued">([^<]+)<', page).group(1)
    assert re.search(r"于\d{4}年\d{1,2}月\d{1,2}日出具。$", issued)
    assert "志愿者：" in page and "核验码：" in page and "次活动）" in page
    certificate = page[page.index('id="certificate"') :].split("</form>")[0]
    assert not re.search(r"\d h\b|: |\(", certificate)


def test_home_greets_the_volunteer_by_their_own_name(login, served):
    page = login(served).get("/me/").text
    assert f"{served.volunteer.name}，您好" in page and served.username not in page
