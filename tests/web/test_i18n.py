"""Chinese by default, English on request, and a complete, compiled catalogue."""

import gettext
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "translations/zh_Hans_CN/LC_MESSAGES/messages.po"
MO = PO.with_suffix(".mo")


def test_login_page_is_chinese_by_default(client):
    page = client.get("/login").text
    assert "后台管理登录" in page
    assert "用户名" in page and "密码" in page
    assert 'lang="zh-CN"' in page


def test_english_on_request_and_remembered(client):
    assert "Back office sign-in" in client.get("/login?lang=en").text
    assert "Back office sign-in" in client.get("/login").text
    assert "后台管理登录" in client.get("/login?lang=zh_Hans_CN").text


def test_admin_pages_speak_chinese_including_flask_admin_strings(make, login):
    client = login(make.user("district_admin"))
    page = client.get("/admin/demand/").text
    assert "受理编号" in page  # our column label
    assert "创建" in page and "添加筛选器" in page  # Flask-Admin's own strings
    page_en = client.get("/admin/demand/?lang=en").text
    assert "Ticket number" in page_en and "Create" in page_en


def test_unsupported_language_falls_back_to_default(client):
    assert "后台管理登录" in client.get("/login?lang=xx").text


def _extracted_ids():
    method_map = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
    ids = set()
    for sub in ("admin", "api", "jobs", "models", "seeds", "weimin"):
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            ROOT / sub,
            method_map=method_map,
            keywords={
                "_": None,
                "gettext": None,
                "_l": None,
                "lazy_gettext": None,
                "ngettext": (1, 2),
            },
        ):
            ids.add(message if isinstance(message, str) else message[0])
    return ids


def test_every_message_in_code_has_a_chinese_translation():
    catalog = {m.id: m for m in read_po(PO.open("rb")) if m.id}
    missing = sorted(i for i in _extracted_ids() if i not in catalog or not catalog[i].string)
    assert not missing, f"run `make i18n` and translate: {missing}"
    assert not [m.id for m in catalog.values() if "fuzzy" in m.flags]


def test_compiled_catalogue_matches_the_po_file():
    compiled = gettext.GNUTranslations(MO.open("rb"))
    for message in read_po(PO.open("rb")):
        if message.id and isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string, message.id


def test_admin_form_labels_are_translated(make, login):
    client = login(make.user("district_admin"))
    form = client.get("/admin/community/new/").text
    assert ">编码<" in form.replace("\n", "").replace(" ", "") or "编码" in form
    assert "Code" not in form.split("<form", 1)[1]


def test_language_choice_is_remembered_per_user(make, login, client):
    user = make.user()
    login(user)
    client.get("/lang/en?next=/admin/")
    client.post("/logout")
    client.get("/lang/zh_Hans_CN")  # an anonymous choice in this browser…
    with client.session_transaction() as session:
        session.clear()  # …forgotten, as in a new browser
    login(user)
    assert "Home" in client.get("/admin/").text


def test_flask_admins_own_failure_message_is_chinese(client, make, login):
    login(make.user("district_admin"))
    page = client.post("/admin/organisation/new/", data={"name": ""}, follow_redirects=True)
    assert "创建记录失败。" in page.text and "Failed to create record" not in page.text


def test_the_api_keeps_no_language_state(make, login, client):
    """The API speaks what the request asks for (?lang=, Accept-Language), else Chinese: a
    browser's remembered choice and a signed-in user's setting do not reach it, and asking
    does not set a cookie."""
    user = make.user()
    user.update(locale="en")
    login(user)
    client.get("/lang/en")
    assert "Home" in client.get("/admin/").text  # the pages follow the choice
    message = client.get("/api/v1/catalogue/items").json["message"]
    assert message == "需要有效的接口令牌。"
    asked = client.get("/api/v1/catalogue/items?lang=en")
    assert asked.json["message"] == "A valid API token is required."
    assert "Set-Cookie" not in asked.headers
    told = client.get("/api/v1/catalogue/items", headers={"Accept-Language": "en"})
    assert told.json["message"] == "A valid API token is required."
    both = client.get("/api/v1/catalogue/items?lang=zh_Hans_CN", headers={"Accept-Language": "en"})
    assert both.json["message"] == "需要有效的接口令牌。"  # ?lang= first
