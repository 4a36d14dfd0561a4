"""Sign-in sheet import: matched by ID number or phone; one bad row and nothing is written."""

import io
import re
from datetime import timedelta

import pytest
from openpyxl import Workbook, load_workbook

from models import AuditEntry, ServiceRecord
from models.base import local_today
from tests.core import bad_files
from tests.volunteers.ids import BAD_CHECK_IDS, IDS
from tests.volunteers.pages import field_error


def _sheet(rows, header=("姓名", "身份证号", "手机号", "服务时长")):
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.fixture
def scene(make):
    street = make.street()
    community = make.community(street)
    people = [
        make.volunteer(community, id_number=IDS[n], phone=f"1370000000{n}", name=name)
        for n, name in enumerate(("张伟", "李娜", "王芳"))
    ]
    org = make.organisation(street, name="青年志愿队")
    return {"community": community, "people": people, "org": org}


def _post(client, scene, sheet, **extra):
    data = {
        "organisation": str(scene["org"].pk),
        "activity_name": "社区环境清洁日",
        "activity_date": str(local_today() - timedelta(days=1)),
        "location": "中心广场",
        "content": "清理绿化带垃圾",
        "leader": "陈队长",
        "hours": "2",
        "sheet": (sheet, "签到表.xlsx"),
        **extra,
    }
    return client.post("/admin/signin_import/", data=data, content_type="multipart/form-data")


def test_good_sheet_writes_one_submitted_record_per_row(make, login, scene):
    client = login(make.user("community_worker", community_doc=scene["community"]))
    sheet = _sheet(
        [
            ("张伟", IDS[0], "", 3),
            ("李娜", "", "13700000001", None),
            ("王芳", IDS[2].lower(), "", "1.5"),
        ]
    )
    response = _post(client, scene, sheet)
    assert response.status_code == 302
    records = {r.volunteer.name: r for r in ServiceRecord.objects(activity_name="社区环境清洁日")}
    assert {k: str(r.hours) for k, r in records.items()} == {
        "张伟": "3",
        "李娜": "2",
        "王芳": "1.5",
    }
    assert all(r.status == "submitted" and r.organisation == scene["org"] for r in records.values())
    assert AuditEntry.objects.get(action="import", collection="service_records").count == 3


def test_any_bad_row_writes_nothing_and_every_bad_row_is_listed(make, login, scene):
    client = login(make.user("district_admin"))
    sheet = _sheet(
        [
            ("张伟", IDS[0], "", 2),  # row 2: fine
            ("李娜", BAD_CHECK_IDS[0], "", 2),  # row 3: check digit
            ("赵六", "", "13811112222", 2),  # row 4: nobody has this phone
            ("王五", IDS[2], "", 2),  # row 5: name does not match
            ("张伟", IDS[0], "", 2),  # row 6: same volunteer twice
            ("李娜", "", "13700000001", "两小时"),  # row 7: hours not a number
            ("李娜", "", "13700000001", 30),  # row 8: implausible hours
        ]
    )
    response = _post(client, scene, sheet)
    assert response.status_code == 200
    assert ServiceRecord.objects.count() == 0
    bad = [int(n) for n in re.findall(r'data-row="(\d+)"', response.text)]
    assert bad == [3, 4, 5, 6, 7, 8]
    assert "身份证号码校验位错误" in response.text


def test_importing_the_same_sheet_twice_is_refused(make, login, scene):
    client = login(make.user("district_admin"))
    rows = [("张伟", IDS[0], "", 2)]
    assert _post(client, scene, _sheet(rows)).status_code == 302
    again = _post(client, scene, _sheet(rows))
    assert re.findall(r'data-row="(\d+)"', again.text) == ["2"]
    assert ServiceRecord.objects.count() == 1


def test_a_file_that_is_not_a_workbook_is_reported(make, login, scene):
    client = login(make.user("district_admin"))
    response = _post(client, scene, io.BytesIO(b"not a workbook"))
    assert response.status_code == 200 and ServiceRecord.objects.count() == 0
    assert re.findall(r'data-row="(\d+)"', response.text) == ["1"]


def test_late_activity_needs_a_reason_on_the_form(make, login, scene):
    client = login(make.user("district_admin"))
    response = _post(
        client,
        scene,
        _sheet([("张伟", IDS[0], "", 2)]),
        activity_date=str(local_today() - timedelta(days=40)),
    )
    assert field_error(response.text, "late_reason")
    assert ServiceRecord.objects.count() == 0


def test_late_activity_with_a_reason_is_imported_flagged_late(make, login, scene):
    client = login(make.user("district_admin"))
    old = {"activity_date": str(local_today() - timedelta(days=40)), "late_reason": "签到表晚交"}
    response = _post(client, scene, _sheet([("张伟", IDS[0], "", 2)]), **old)
    assert response.status_code == 302
    assert [r.late for r in ServiceRecord.objects] == [True]  # inserted in bulk: no save()


def test_template_download_has_the_headings(make, login):
    response = login(make.user("district_admin")).get("/admin/signin_import/template.xlsx")
    book = load_workbook(io.BytesIO(response.data))
    header = next(book.active.iter_rows(values_only=True))
    assert header == ("姓名", "身份证号", "手机号", "服务时长")
    assert book.sheetnames == ["签到表", "说明"]
    lines = {row[0]: row[1:] for row in book["说明"].iter_rows(values_only=True)}
    assert lines["身份证号"][0] == "与手机号二选一"


def test_only_staff_may_import(client, make, login):
    assert client.get("/admin/signin_import/").status_code == 302
    assert login(make.user("supervisor")).get("/admin/signin_import/").status_code == 403


NOT_FOUND = "您管辖范围内没有与此行相符的已登记志愿者。"


def _problems(response):
    """{row number: its problems} as the page lists them."""
    rows = re.findall(r'<tr data-row="(\d+)"><td>\d+</td><td>(.*?)</td></tr>', response.text)
    return {int(n): text for n, text in rows}


def test_a_volunteer_outside_the_importers_area_reads_as_unknown(make, login, scene):
    elsewhere = make.community()  # another street
    stranger = make.volunteer(elsewhere, id_number=IDS[3], phone="13955556666", name="赵敏")
    neighbour = make.community(scene["community"].street)  # same street, other community
    make.volunteer(neighbour, id_number="33020319900202002X", phone="13977778888", name="钱七")
    client = login(make.user("community_worker", community_doc=scene["community"]))
    sheet = _sheet(
        [
            ("赵敏", stranger.id_number, "", 2),  # row 2: right name, another street
            ("王五", stranger.id_number, "", 2),  # row 3: wrong name, another street
            ("赵敏", "", stranger.phone, 2),  # row 4: by phone, another street
            ("孙八", "110101198503030038", "", 2),  # row 5: a valid number nobody has
            ("钱七", "", "13977778888", 2),  # row 6: another community of the street
        ]
    )
    response = _post(client, scene, sheet)
    assert ServiceRecord.objects.count() == 0
    assert _problems(response) == dict.fromkeys((2, 3, 4, 5, 6), NOT_FOUND)


def test_a_street_admin_credits_volunteers_of_the_whole_street_only(make, login, scene):
    neighbour = make.community(scene["community"].street)
    other = make.volunteer(neighbour, id_number=IDS[3], phone="13977778888", name="钱七")
    client = login(make.user("street_admin", street_doc=scene["community"].street))
    response = _post(client, scene, _sheet([("钱七", other.id_number, "", 2)]))
    assert response.status_code == 302
    assert [r.volunteer.pk for r in ServiceRecord.objects] == [other.pk]
    stranger = make.community()  # another street, with its own organising unit
    org = make.organisation(stranger.street)
    client.post("/logout")
    login(make.user("street_admin", street_doc=stranger.street))
    response = _post(client, {**scene, "org": org}, _sheet([("钱七", other.id_number, "", 2)]))
    assert response.status_code == 200 and _problems(response) == {2: NOT_FOUND}


def test_a_far_cell_is_read_in_bounds_and_a_zip_bomb_is_refused(make, login, scene):
    client = login(make.user("district_admin"))
    rows = [("姓名", "身份证号", "手机号", "服务时长"), ("张伟", IDS[0], "", 2)]
    far = bad_files.workbook(rows, far_cell="XFD6000")  # old code: ≈700 MB
    response, peak = bad_files.peak_memory(lambda: _post(client, scene, io.BytesIO(far)))
    assert response.status_code == 302 and peak < 50 * 1024 * 1024
    assert ServiceRecord.objects.count() == 1
    bomb = bad_files.inflated(bad_files.workbook(rows))
    response = _post(client, scene, io.BytesIO(bomb), activity_name="另一次活动")
    assert response.status_code == 200 and "解压后超过 20 MB" in _problems(response)[1]
    assert ServiceRecord.objects.count() == 1


def test_cells_are_read_as_people_fill_them_in(make, login, scene):
    client = login(make.user("community_worker", community_doc=scene["community"]))
    wide = "".join(chr(ord(ch) + 0xFEE0) if ch.isdigit() else ch for ch in IDS[2])
    sheet = _sheet(
        [
            ("张\u3000伟", "", 13700000000.0, 2.5),  # a phone typed as a number
            ("李娜", "", "137 0000 0001\xa0", "１.５"),  # spaces, full-width digits
            ("王芳", wide, "", 3.0),
            ("王芳", "", "", "两小时"),  # row 5: names the column of each bad cell
        ]
    )
    response = _post(client, scene, sheet)
    assert ServiceRecord.objects.count() == 0
    assert _problems(response) == {5: "请填写身份证号或手机号。；服务时长：时长须为数字。"}
    sheet = _sheet(
        [
            ("张\u3000伟", "", 13700000000.0, 2.5),
            ("李娜", "", "137 0000 0001\xa0", "１.５"),
            ("王芳", wide, "", 3.0),
        ]
    )
    assert _post(client, scene, sheet).status_code == 302
    hours = {r.volunteer.name: str(r.hours) for r in ServiceRecord.objects}
    assert hours == {"张伟": "2.5", "李娜": "1.5", "王芳": "3"}


def test_the_downloaded_sheet_filled_in_imports(make, login, scene):
    client = login(make.user("community_worker", community_doc=scene["community"]))
    book = load_workbook(io.BytesIO(client.get("/admin/signin_import/template.xlsx").data))
    book.active.append(["李娜", None, 13700000001, 2])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    assert _post(client, scene, buffer).status_code == 302
    assert [r.volunteer.name for r in ServiceRecord.objects] == ["李娜"]
