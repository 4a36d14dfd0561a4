"""Every page a role can reach speaks Chinese: no untranslated message, no raw value.

Each role signs in and walks the site from the pages of the URL map that take no argument
(every admin list, its create form, the dashboard, the volunteer and public pages), following
the links it finds — details and edit pages of sample records, volunteer records, the bulletin's
streets, a certificate check, a resident's evaluation link — at most a few pages per endpoint.
Pages added later are walked the same way (the error pages: test_error_pages.py).
"""

import functools
import json
import re
from collections import Counter, deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import flask_admin
import pytest
from babel.messages.pofile import read_po
from mongoengine.base import _document_registry
from werkzeug.exceptions import HTTPException

from models import User
from tests.conftest import make_app
from tests.web.test_i18n import PO, _extracted_ids

ROLES = ("district", "street", "worker", "volunteer", "supervisor")
# Raw values that must never reach a Chinese page, and Flask-Admin's odd Chinese.
BLACKLIST = ("None", "Rule Set", "hotline", "resident", "True", "False", "请选择模型")
# Endpoints that are not pages: files, downloads, language switches.
NOT_PAGES = re.compile(r"static|favicon|set_language|\.export$|download|template|^api\.|"
                       r"^exports\.(ratings|clearance|audit|volunteer_hours)$")  # fmt: skip
# The audit trail quotes stored records, actions and actors as they were written.
QUOTES_RECORDS = ()
PER_ENDPOINT = 3  # pages visited per endpoint and role (sort, filter and page links vary)
FLASK_ADMIN_PO = Path(flask_admin.__file__).parent / "translations/zh_Hans_CN/LC_MESSAGES/admin.po"
# Not prose: scripts, styles, and code or JSON shown as such (a rule set's parameters).
RAW_TAGS = ("script", "style", "pre", "code", "textarea")
SHOWN_ATTRS = ("title", "placeholder", "aria-label", "alt", "data-placeholder")


class PageText(HTMLParser):
    """The text a reader sees: text nodes outside RAW_TAGS, and shown attributes."""

    def __init__(self):
        super().__init__()
        self.parts, self.links, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in RAW_TAGS:
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        self.parts += [attrs[a] for a in SHOWN_ATTRS if attrs.get(a)]
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in RAW_TAGS:
            self._skip = max(self._skip - 1, 0)

    def handle_data(self, data):
        text = data.strip()
        if self._skip or not text:
            return
        if text[0] in "{[":  # data for a script (confirmation texts): its values are shown
            try:
                self.parts += _strings(json.loads(text))
                return
            except ValueError:
                pass
        if text.startswith("<"):  # a form template Flask-Admin keeps escaped until used
            inner = PageText()
            inner.feed(text)
            self.parts += inner.parts
            return
        self.parts.append(text)


def _strings(value):
    """The string values (not the keys) of a JSON document; of a list filter's options
    ([value, label] pairs) only the labels, which are what the filter shows."""
    if isinstance(value, dict):
        options = value.get("options")
        if isinstance(options, list) and all(isinstance(o, list) and len(o) == 2 for o in options):
            value = {**value, "options": [label for _code, label in options]}
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return [value[1]]  # a filter's [value, label] option: the value is a code, not shown
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _pattern(msgid):
    """A msgid as a pattern: its placeholders match anything short; None when it has no words."""
    pieces = re.split(r"%\(\w+\)[sd]|%[sd]|\{\w*\}", msgid)
    if not any(re.search(r"[A-Za-z]{2,}", p) for p in pieces):
        return None
    return r".{1,60}?".join(re.escape(p) for p in pieces)


def _choice_codes():
    """The stored codes of every choice field (hotline, affair, …): pages show their labels."""
    codes = set()
    for document in _document_registry.values():
        for field in document._fields.values():
            choices = field.choices or getattr(getattr(field, "field", None), "choices", None)
            for choice in choices or ():
                code = choice[0] if isinstance(choice, (tuple, list)) else None
                if isinstance(code, str) and re.search("[a-z]{2}", code):
                    codes.add(code)
    return codes


@functools.cache
def _untranslated():
    """One pattern for every English message a Chinese page could show by mistake."""
    ours = {m.id: m.string for m in read_po(PO.open("rb")) if isinstance(m.id, str)}
    theirs = {m.id: m.string for m in read_po(FLASK_ADMIN_PO.open("rb")) if isinstance(m.id, str)}
    ids = (_extracted_ids() | set(theirs)) - {""}
    # A message whose Chinese keeps the English (CSV, XLSX, API) is not a mistake when shown.
    ids = {i for i in ids if i not in (ours.get(i) or theirs.get(i) or "")}
    patterns = sorted(filter(None, map(_pattern, ids)), key=len, reverse=True)
    patterns += [re.escape(word) for word in (*BLACKLIST, *_choice_codes())]
    return re.compile(r"(?<![\w.@/-])(?:" + "|".join(patterns) + r")(?![\w@/-])")


@pytest.fixture(scope="module")
def site():
    """A small demo district with computed reports, a published month and a certificate."""
    app = make_app(PROPAGATE_EXCEPTIONS=False)
    with app.app_context():
        from jobs.clearance import run_clearance
        from jobs.publication import publish_month
        from jobs.ratings import run_ratings
        from models import Certificate, Demand, ServiceRecord, Street
        from models.base import utcnow
        from seeds import seed_all
        from weimin.core.periods import previous_month
        from weimin.demands.links import evaluation_token

        seed_all(demo=True, size="small")
        run_clearance(previous_month())
        run_ratings(str(utcnow().year))
        publish_month(Street.objects.order_by("code").first(), previous_month(), "test")
        volunteer = User.objects(username="volunteer").first().volunteer
        ServiceRecord.objects(volunteer=volunteer).update(set__status="approved")
        Certificate.issue(volunteer, volunteer.name)
        # A fund with every kind of ledger entry in the worker's community (its pages, forms).
        from models import Fund
        from tests.funds.samples import fund_with_entries

        if not Fund.objects(community=User.objects(username="worker").first().community).count():
            fund_with_entries(User.objects(username="worker").first().community)
        # Pages that are reached by a link sent, not clicked: a resident's evaluation.
        answered = Demand.objects(status="answered").first()
        app.config["EXTRA_PAGES"] = [f"/e/{evaluation_token(answered)}"]
    yield app


def _starts(app):
    """Every GET page of the URL map that needs no argument."""
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments and not NOT_PAGES.search(rule.endpoint):
            yield rule.rule


def walk(app, client, found):
    """Visit the pages reachable from the starts; note every untranslated text on them."""
    pattern, adapter = _untranslated(), app.url_map.bind("localhost")
    with app.app_context():
        usernames = set(User.objects.distinct("username"))
    seen, per_endpoint = set(), Counter()
    todo = deque([*_starts(app), *app.config.get("EXTRA_PAGES", ())])
    while todo:
        url = todo.popleft()
        parts = urlsplit(url)
        if url in seen or parts.netloc or parts.path.startswith("/api/"):
            continue
        seen.add(url)
        try:
            endpoint, _args = adapter.match(parts.path, method="GET")
        except HTTPException:
            continue
        if NOT_PAGES.search(endpoint) or per_endpoint[endpoint] >= PER_ENDPOINT:
            continue
        if endpoint in QUOTES_RECORDS:
            continue
        per_endpoint[endpoint] += 1
        response = client.get(url)
        if response.mimetype != "text/html" or 300 <= response.status_code < 400:
            continue
        assert response.status_code < 500, (url, response.text[:2000])
        text = PageText()
        text.feed(response.text)
        for part in text.parts:
            if part in usernames:
                # A username is data on the accounts' own pages and in the audit trail's record
                # of what changed; elsewhere a name belongs there.
                if not endpoint.startswith(("user.", "audit.")):
                    found.setdefault(("username", part), url)
                continue
            for match in pattern.findall(part):
                found.setdefault((match, part[:80]), url)
        if response.status_code == 200:
            todo.extend(urljoin(url, link).split("#")[0] for link in text.links)
    return seen


def _endpoints(app, urls):
    adapter, endpoints = app.url_map.bind("localhost"), set()
    for url in urls:
        try:
            endpoints.add(adapter.match(urlsplit(url).path, method="GET")[0])
        except HTTPException:
            pass
    return endpoints


def sign_in(client, username):
    response = client.post("/login", data={"username": username, "password": "Demo@2026"})
    assert response.status_code == 302


@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_role_reaches_is_chinese(site, username):
    client, found = site.test_client(), {}
    sign_in(client, username)
    seen = walk(site, client, found)
    assert len(seen) > 10
    if username == "volunteer":  # their records and a certificate's public check
        assert {"me.record", "verify.show"} <= _endpoints(site, seen)
    else:  # a fund's page and its ledger; its entry forms for the staff who write them
        funds = {"fund.details_view", "ledger_entry.index_view", "ledger_entry.details_view"}
        funds |= {"fund.entry_view"} if username != "supervisor" else set()
        assert funds <= _endpoints(site, seen)
    assert not found, "\n".join(f"{url}: {m!r} in {text!r}" for (m, text), url in found.items())


def test_public_pages_are_chinese(site):
    found = {}
    seen = walk(site, site.test_client(), found)
    assert {"public.evaluate", "bulletin.street", "public.wall"} <= _endpoints(site, seen)
    assert not found, "\n".join(f"{url}: {m!r} in {text!r}" for (m, text), url in found.items())
