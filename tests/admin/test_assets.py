"""Pages load nothing from the internet: every asset is served by the product itself."""

import re

import pytest

from admin import VIEWS

ATTR = re.compile(r'(?:src|href)\s*=\s*"([^"]+)"', re.I)
CSS_URL = re.compile(r"(?:url\(|@import\s+)['\"]?((?:https?:)?//[^'\")]+)", re.I)


def _external(urls):
    return [u for u in urls if re.match(r"^(?:https?:)?//", u)]


@pytest.fixture
def pages(make, login):
    client = login(make.user("district_admin"))
    paths = ["/admin/"] + [f"/admin/{endpoint}/" for *_, endpoint in VIEWS]
    paths += [f"/admin/{endpoint}/new/" for *_, endpoint in VIEWS]
    return client, {p: client.get(p).text for p in paths}


def test_no_page_references_an_external_asset(client, pages):
    signed_in, rendered = pages
    rendered["/login"] = client.get("/login").text
    for path, html in rendered.items():
        assert not _external(ATTR.findall(html)), path


def test_stylesheets_and_scripts_exist_and_load_nothing_remote(pages):
    client, rendered = pages
    local = {
        u
        for html in rendered.values()
        for u in ATTR.findall(html)
        if u.startswith("/") and re.search(r"\.(css|js)(\?|$)", u)
    }
    assert local
    for url in local:
        response = client.get(url)
        assert response.status_code == 200, url
        if ".css" in url:
            assert not CSS_URL.findall(response.get_data(as_text=True)), url
