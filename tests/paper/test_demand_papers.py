"""A demand's receipt (受理回执) and work order (工单): pages, PDFs, masking, scope, audit."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from models import AuditEntry, ObjectionContact
from tests.factories import PASSWORD
from tests.paper.pdfs import pdf_images, pdf_text
from weimin.core.qr import qr_png
from weimin.demands.links import follow_token

PHONE = "13912345678"


@pytest.fixture
def place(make):
    street = make.street(name="甲街道")
    community = make.community(street, name="幸福社区")
    ObjectionContact(
        street=street,
        office="甲街道党群服务中心",
        phone="0574-86881234",
        address="人民路1号",
        hours="工作日 9:00-17:00",
    ).save()
    demand = make.demand(
        community,
        resident_name="欧阳娜娜",
        resident_phone=PHONE,
        resident_address="幸福小区3幢201室",
        description="楼道灯坏了，晚上看不见",
    )
    worker = make.user("community_worker", community_doc=community, name="李社工")
    return {"street": street, "community": community, "demand": demand, "worker": worker}


def _url(demand, document, pdf=False):
    return f"/admin/demand/print/{document}/{demand.pk}" + (".pdf" if pdf else "")


def _signed_in(app, user):
    client = app.test_client()
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _follow(app, demand):
    with app.test_request_context():
        return f"http://localhost/f/{follow_token(demand)}"


def _same_qr(image, url):
    """The PDF's image is the QR code of `url`, pixel for pixel."""
    drawn = Image.open(io.BytesIO(qr_png(url, scale=8, border=1))).convert("L")
    return image.image.convert("L").tobytes() == drawn.tobytes()


def test_receipt_page_is_a5_in_chinese_with_masked_data_and_the_follow_qr(app, login, place):
    demand = place["demand"]
    page = login(place["worker"]).get(_url(demand, "receipt"))
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.text
    assert "受理回执" in text and demand.ticket_no in text and "size: A5" in text
    assert "欧阳**" in text and "139****5678" in text and PHONE not in text
    assert "欧阳娜娜" not in text and "幸福小区3幢201室" not in text
    assert "楼道灯坏了" in text and "预计办结日期" in text and "幸福社区服务中心" in text
    assert "057486881234" in text
    assert 'id="paper-qr"><svg' in text and _follow(app, demand) in text


def test_work_order_page_is_a4_with_every_field_notes_and_signatures(login, place):
    demand = place["demand"]
    text = login(place["worker"]).get(_url(demand, "work-order")).text
    assert "工单" in text and demand.ticket_no in text and "size: A4" in text
    assert "欧阳娜娜" in text and PHONE in text and "幸福小区3幢201室" in text
    for words in (
        "处理情况记录",
        "承办人签字",
        "居民确认签字",
        "审核人签字",
        "办理期限",
        "承办方",
        "尚未派单",
        "打印人：李社工",
    ):
        assert words in text, words
    assert text.count('class="paper-line"') == 7
    assert "/f/" not in text  # the resident's private link stays theirs


def test_receipt_pdf_has_the_chinese_text_masked_and_the_qr_of_the_follow_link(app, login, place):
    demand = place["demand"]
    response = login(place["worker"]).get(_url(demand, "receipt", pdf=True))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]
    assert ".pdf" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    assert "受理回执" in text and demand.ticket_no in text and "楼道灯坏了" in text
    assert "欧阳**" in text and "139****5678" in text and PHONE not in text
    (image,) = pdf_images(response.data)
    assert _same_qr(image, _follow(app, demand))


def test_work_order_pdf_has_the_full_demand(app, login, place):
    demand = place["demand"]
    response = login(place["worker"]).get(_url(demand, "work-order", pdf=True))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    for words in (
        "工单",
        demand.ticket_no,
        "欧阳娜娜",
        PHONE,
        "幸福小区3幢201室",
        "处理情况记录",
        "承办人签字",
        "上门探访",
    ):
        assert words in text, words
    assert "/f/" not in text and len(PdfReader(io.BytesIO(response.data)).pages) == 1
    (image,) = pdf_images(response.data)
    assert _same_qr(image, f"http://localhost/admin/demand/details/?id={demand.pk}")


def test_the_follow_link_is_the_residents_page_when_it_exists(app, place):
    from weimin.paper.demands import follow_url

    app.add_url_rule("/f/<token>", "resident.follow", lambda token: token)
    with app.test_request_context():
        assert follow_url(place["demand"]) == f"http://localhost/f/{follow_token(place['demand'])}"


@pytest.mark.parametrize("document", ["receipt", "work-order"])
@pytest.mark.parametrize("pdf", [False, True])
def test_outside_the_users_scope_the_papers_do_not_exist(app, make, place, document, pdf):
    users = (
        (make.user("community_worker", community_doc=make.community(place["street"])), 404),
        (make.user("street_admin", street_doc=make.street()), 404),
        (make.user("street_admin", street_doc=place["street"]), 200),
    )
    for user, status in users:
        client = _signed_in(app, user)
        assert client.get(_url(place["demand"], document, pdf)).status_code == status


def test_unknown_documents_and_ids_are_not_found(login, place):
    client = login(place["worker"])
    assert client.get(f"/admin/demand/print/invoice/{place['demand'].pk}").status_code == 404
    assert client.get("/admin/demand/print/receipt/nonsense").status_code == 404
    assert client.get("/admin/demand/print/receipt/nonsense.pdf").status_code == 404
    assert client.get("/admin/demand/print/").status_code == 404


@pytest.mark.parametrize(
    "role, status",
    [
        ("district_admin", 200),
        ("street_admin", 200),
        ("community_worker", 200),
        ("supervisor", 403),
        ("volunteer", 403),
    ],
)
def test_who_may_print(make, login, place, role, status):
    kw = {
        "street_admin": {"street_doc": place["street"]},
        "community_worker": {"community_doc": place["community"]},
        "volunteer": {"volunteer_doc": make.volunteer(place["community"])},
    }.get(role, {})
    client = login(make.user(role, **kw))
    for pdf in (False, True):
        assert client.get(_url(place["demand"], "work-order", pdf)).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client, place):
    response = client.get(_url(place["demand"], "receipt", pdf=True))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_every_print_is_audited(login, place):
    client = login(place["worker"])
    for document in ("receipt", "work-order"):
        for pdf in (False, True):
            client.get(_url(place["demand"], document, pdf))
    entries = AuditEntry.objects(action="print", doc_id=str(place["demand"].pk))
    assert sorted(e.changes["format"] for e in entries) == ["html", "html", "pdf", "pdf"]
    assert {e.subject for e in entries} == {place["demand"].ticket_no}
    assert all(e.actor == place["worker"].username for e in entries)
    assert {e.summary.split("-")[0] for e in entries} == {"受理回执", "工单"}


def test_the_details_page_offers_the_papers_to_staff_only(app, make, place):
    details = f"/admin/demand/details/?id={place['demand'].pk}"
    text = _signed_in(app, place["worker"]).get(details).text
    assert "打印回执" in text and "打印工单" in text and _url(place["demand"], "receipt") in text
    text = _signed_in(app, make.user("supervisor")).get(details).text
    assert "打印回执" not in text


def test_a_wish_on_the_wall_has_no_expected_date_yet(make, login, place):
    wish = make.demand(place["community"], make.item("wish", street_doc=place["street"]))
    text = login(place["worker"]).get(_url(wish, "receipt")).text
    assert wish.status == "published" and "认领后确定" in text


def test_any_name_prints_even_one_the_fonts_lack(make, login, place):
    # 𠮷 (CJK extension B) is in neither vendored font: it is left out, the rest prints.
    odd = make.demand(place["community"], resident_name="𠮷田鑫淼", description="需要助浴服务")
    response = login(place["worker"]).get(_url(odd, "work-order", pdf=True))
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "田鑫淼" in text and "需要助浴服务" in text


def test_without_its_fonts_the_pdf_sends_the_user_to_the_print_page(
    monkeypatch, tmp_path, login, place
):
    monkeypatch.setattr("weimin.paper.pdf.FONTS", tmp_path)
    client = login(place["worker"])
    response = client.get(_url(place["demand"], "receipt", pdf=True))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(_url(place["demand"], "receipt"))
    assert "缺少所需字体" in client.get(response.headers["Location"]).text
