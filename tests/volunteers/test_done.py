"""The issue's acceptance walk, CSRF on: a volunteer logs two activities on a phone-sized page,
the community worker approves one and rejects the other with a reason, and the volunteer sees
the new total, star progress and a certificate anyone can check."""

import re
from datetime import timedelta

from models.base import local_today
from tests.factories import PASSWORD
from tests.volunteers.pages import csrf_token


def _sign_in(app, user):
    client = app.test_client()
    token = csrf_token(client.get("/login").text)
    response = client.post(
        "/login", data={"username": user.username, "password": PASSWORD, "csrf_token": token}
    )
    return client, response.headers["Location"]


def _post(client, url, **data):
    token = csrf_token(client.get(url).text)
    return client.post(url, data={**data, "csrf_token": token})


def test_volunteer_logs_worker_decides_volunteer_sees_total_stars_certificate(csrf_app, make):
    me = make.volunteer_user()
    street, community = me.volunteer.street, me.volunteer.community
    team = make.organisation(street, name="青年志愿队", community=community)
    volunteer, landing = _sign_in(csrf_app, me)
    assert landing == "/me/"
    assert 'name="viewport"' in volunteer.get("/me/").text

    day = str(local_today() - timedelta(days=2))
    for name, hours in (("助老探访", "2.5"), ("文明交通劝导", "3")):
        response = _post(
            volunteer,
            "/me/log",
            activity_name=name,
            activity_date=day,
            organisation=str(team.pk),
            location="社区服务中心",
            content=name,
            hours=hours,
            leader="陈队长",
        )
        assert response.status_code == 302, response.text[:300]
    mine = volunteer.get("/me/records?status=submitted").text
    ids = dict(
        re.findall(r'data-record="([0-9a-f]{24})"[^>]*>\s*<div[^>]*>\s*<strong>([^<]+)<', mine)
    )
    by_name = {name: oid for oid, name in ids.items()}
    assert set(by_name) == {"助老探访", "文明交通劝导"}

    worker, _ = _sign_in(csrf_app, make.user("community_worker", community_doc=community))
    decide = "/admin/service_record/decide/?id={}"
    assert _post(worker, decide.format(by_name["助老探访"]), approve="1").status_code == 302
    assert (
        _post(
            worker,
            decide.format(by_name["文明交通劝导"]),
            reject="1",
            reject_reason="当天未到岗签到",
        ).status_code
        == 302
    )

    home = volunteer.get("/me/").text
    assert 'data-total="2.5"' in home and 'data-level="0"' in home
    assert 'data-to-next="97.5"' in home  # default thresholds: 100 hours for the first star
    rejected = volunteer.get(f"/me/records/{by_name['文明交通劝导']}").text
    assert "当天未到岗签到" in rejected

    _post(volunteer, "/me/certificate")
    code = re.search(r'id="certificate-code">([^<]+)<', volunteer.get("/me/certificate").text)
    check = csrf_app.test_client().get(f"/verify/{code.group(1)}")
    assert check.status_code == 200 and 'data-hours="2.5">2.5 小时<' in check.text
    assert "青年志愿队" in check.text and me.volunteer.name not in check.text
