"""The volunteer certificate and the donor's receipt: print-ready, with a QR code to their
public check, and as PDF (Chinese text, the QR image); audited; each to its own people."""

import base64
import io
import re
from decimal import Decimal

import pytest
from PIL import Image

from models import AuditEntry
from tests.funds import disclosure_world
from tests.paper.pdfs import pdf_images, pdf_text
from weimin.core.qr import qr_png
from weimin.volunteers.hours import approve


def _is_qr_of(image, url):
    drawn = Image.open(io.BytesIO(qr_png(url, scale=8, border=1))).convert("L")
    return image.image.convert("L").tobytes() == drawn.tobytes()


@pytest.fixture
def certified(make, login):
    user = make.volunteer_user(name="欧阳娜娜", phone="13912345678")
    vol = user.volunteer
    team = make.organisation(vol.street, name="青年志愿队")
    approve(make.service_record(vol, team, hours=Decimal("2.5"), activity_name="助老探访").pk, "w")
    client = login(user)
    client.post("/me/certificate")
    page = client.get("/me/certificate").text
    code = re.search(r'id="certificate-code">([^<]+)<', page).group(1)
    return {"client": client, "code": code, "page": page, "user": user}


def test_certificate_page_is_printable_with_the_qr_of_its_check(certified):
    page = certified["page"]
    shown = re.search(r'id="certificate-qr"><img src="data:image/png;base64,([^"]+)"', page)
    check = f"http://localhost/verify/{certified['code']}"
    assert base64.b64decode(shown.group(1)) == qr_png(check, scale=4)
    assert "size: A4" in page and "@media print" in page
    assert 'href="/me/certificate.pdf"' in page and "下载 PDF" in page


def test_certificate_pdf(certified):
    response = certified["client"].get("/me/certificate.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    for words in (
        "志愿服务证明",
        certified["code"],
        "欧阳**",
        "2.5",
        "青年志愿队",
        "民政部令第67号",
    ):
        assert words in text, words
    assert "欧阳娜娜" not in text and "13912345678" not in text
    (image,) = pdf_images(response.data)
    assert _is_qr_of(image, f"http://localhost/verify/{certified['code']}")
    entry = AuditEntry.objects(action="print", collection="certificates").get()
    assert entry.changes == {"format": "pdf"} and entry.actor == certified["user"].username


def test_no_certificate_no_pdf(make, login):
    client = login(make.volunteer_user())
    assert client.get("/me/certificate.pdf").status_code == 404


def test_only_the_volunteer_gets_their_certificate_pdf(app, make, certified):
    other = app.test_client()
    assert other.get("/me/certificate.pdf").status_code == 302  # to sign in
    admin = make.user("district_admin")
    other.post("/login", data={"username": admin.username, "password": "Test-password-1"})
    assert other.get("/me/certificate.pdf").status_code == 403


@pytest.fixture
def funds(app, make):
    return disclosure_world.build(make)


def test_donor_receipt_page_has_the_qr_of_its_check_and_a5_print(client, login, make, funds):
    login(make.user("street_admin", street_doc=funds["street"]))
    page = client.get(f"/admin/fund/receipt/{funds['public'].pk}").text
    assert 'id="receipt-qr"><svg' in page and "size: A5" in page
    assert f'href="/admin/fund/receipt/{funds["public"].pk}.pdf"' in page


def test_donor_receipt_pdf(client, login, make, funds):
    login(make.user("street_admin", street_doc=funds["street"]))
    response = client.get(f"/admin/fund/receipt/{funds['public'].pk}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    for words in ("捐赠收据", "海天商行", "壹仟贰佰元伍角整", funds["public"].code, "招宝社区"):
        assert words in text, words
    (image,) = pdf_images(response.data)
    assert _is_qr_of(image, f"http://localhost/receipt/{funds['public'].code}")
    void = pdf_text(client.get(f"/admin/fund/receipt/{funds['mistaken'].pk}.pdf").data)
    assert "已冲正" in void and "重复录入" in void
    formats = [
        e.changes["format"] for e in AuditEntry.objects(action="print", collection="ledger_entries")
    ]
    assert sorted(formats) == ["pdf", "pdf"]


@pytest.mark.parametrize("role, status", [("supervisor", 403), ("street_admin", 404)])
def test_donor_receipt_pdf_for_others(client, login, make, funds, role, status):
    kw = {"street_doc": make.street()} if role == "street_admin" else {}
    login(make.user(role, **kw))
    assert client.get(f"/admin/fund/receipt/{funds['public'].pk}.pdf").status_code == status
