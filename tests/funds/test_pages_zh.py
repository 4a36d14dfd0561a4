"""Every disclosure page speaks Chinese, filled with data (the site-wide walk of
tests/web/test_every_page_zh.py sees them empty, the demo having no ledger entries)."""

import pytest

from models.base import local_today
from tests.funds import disclosure_world
from tests.web.test_every_page_zh import PageText, _untranslated
from weimin.core.periods import month_text

MONTH = month_text(local_today().year, local_today().month)


def _untranslated_on(client, url):
    response = client.get(url)
    assert response.status_code in (200, 403, 404), (url, response.status_code)
    text = PageText()
    text.feed(response.text)
    return [(m, part[:80]) for part in text.parts for m in _untranslated().findall(part)]


@pytest.mark.parametrize("role", ["street_admin", "community_worker", "supervisor"])
def test_disclosure_pages_are_chinese(client, login, make, role):
    world = disclosure_world.build(make)
    public = [
        "/bulletin/JD18/funds",
        "/receipt/",
        f"/receipt/{world['public'].code}",
        f"/receipt/{world['mistaken'].code}",
        "/receipt/AAAA-BBBB-CCCC-DDDD",
    ]
    found = {url: _untranslated_on(client, url) for url in public}
    kw = {"street_admin": {"street_doc": world["street"]},
          "community_worker": {"community_doc": world["community"]}}.get(role, {})  # fmt: skip
    login(make.user(role, **kw))
    admin = [
        f"/admin/fund_statement/?period={MONTH}",
        f"/admin/fund_statement/?period={MONTH[:4]}",
        f"/admin/fund_statement/?period={MONTH}&fund={world['named'].pk}",
        f"/admin/fund/receipt/{world['public'].pk}",
        f"/admin/fund/receipt/{world['mistaken'].pk}",
    ]
    found.update({url: _untranslated_on(client, url) for url in admin})
    assert not {url: words for url, words in found.items() if words}
