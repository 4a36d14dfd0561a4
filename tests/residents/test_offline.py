"""The resident's pages load nothing from the internet and run only nonce'd scripts."""

import re

from models import Demand
from weimin.demands.links import follow_token

ASSET = re.compile(
    r"<(?:script|img|link|iframe|source|audio|video|embed|object)\b[^>]*?"
    r"\b(?:src|href|data|srcset)\s*=\s*[\"']?\s*(?:https?:)?//",
    re.I,
)
CSS_URL = re.compile(r"url\(\s*[\"']?\s*(?:https?:)?//", re.I)


def _pages(client, post, place):
    post()
    token = follow_token(Demand.objects.get())
    code = place.community.code
    urls = [f"/r/{code}", f"/r/{code}/HELP", f"/r/{code}/WISH", f"/f/{token}/receipt",
            f"/f/{token}", "/f/", "/f/?ticket=X&phone4=1234"]  # fmt: skip
    return {url: client.get(url) for url in urls}


def test_no_asset_comes_from_another_host(client, post, place):
    for url, response in _pages(client, post, place).items():
        html = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert not ASSET.search(html) and not CSS_URL.search(html), url


def test_every_script_carries_the_nonce_of_the_csp(client, post, place):
    for url, response in _pages(client, post, place).items():
        html = response.get_data(as_text=True)
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])[1]
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts), url
        assert not re.search(r"\son\w+\s*=", html), url  # no inline handlers


def test_the_scan_would_see_a_remote_asset():
    assert ASSET.search('<script src="https://cdn.example.com/x.js"></script>')
    assert ASSET.search("<link rel=stylesheet href=//fonts.example.com/a.css>")
    assert not ASSET.search('<a href="https://example.com/f/abc">link</a>')
