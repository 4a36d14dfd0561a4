"""How to exercise each write route of the app with valid input, by a role allowed to.

tests/admin/test_audit_routes.py walks app.url_map: every rule that takes POST, PUT, PATCH or
DELETE, every Flask-Admin create/edit/delete/action/inline-edit view, every export and download.
Each must be named here — a way to exercise it, or CLOSED with the reason nobody may write there.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
FLASK_ADMIN_WRITES = {"create_view", "edit_view", "delete_view", "action_view", "ajax_update"}
# Printed papers are audited like downloads: their pages (the PDFs, *.pdf, are found by path).
PRINT_PAGES = {"demand_print.page", "fund_receipt.show"}


@dataclass
class Way:
    """A request that must leave at least one audit entry (`action` among them when given)."""

    role: str
    method: str
    path: str
    data: dict = field(default_factory=dict)
    form: str = ""  # "new" / "edit": fill the page's own form first, then `data` over it
    action: str = ""
    status: tuple = (200, 302)
    json: bool = False


@dataclass
class Closed:
    """Nobody may write here: any role's request is refused and writes nothing."""

    why: str


def create(endpoint, data, role="district_admin", query=""):
    return Way(role, "POST", f"/admin/{endpoint}/new/{query}", data, "new", "create", (302,))


def edit(endpoint, data, role="district_admin"):
    path = f"/admin/{endpoint}/edit/?id={{{endpoint}}}"
    return Way(role, "POST", path, data, "edit", status=(302,))


def delete(endpoint, role="district_admin"):
    data = {"id": f"{{spare_{endpoint}}}"}
    return Way(role, "POST", f"/admin/{endpoint}/delete/", data, action="delete", status=(302,))


def act(endpoint, name="delete", role="district_admin", target=None, entry=None):
    data = {"action": name, "rowid": target or f"{{spare_{endpoint}}}"}
    entry = entry or {"delete": "delete"}.get(name, "")
    return Way(role, "POST", f"/admin/{endpoint}/action/", data, action=entry, status=(302,))


def export(endpoint, role="supervisor"):
    return Way(role, "GET", f"/admin/{endpoint}/export/csv/", action="export", status=(200,))


READ_ONLY = "a read-only list: reports, ratings and the trail are written by jobs only"
INLINE = "no list offers inline editing (answers 404)"
LEDGER = "the ledger is append-only: entries are written from a fund's page (fund.entry_view)"


class FormReader(HTMLParser):
    """The fields of the page's admin form as a browser would post them."""

    def __init__(self):
        super().__init__()
        self.data, self.inside, self.select, self.text = {}, False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "admin-form" in (a.get("class") or ""):
            self.inside = True
        if not self.inside or not a.get("name") and tag != "option":
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            box = a.get("type") in ("checkbox", "radio")
            if box and "checked" not in a or a.get("type") == "hidden" and not a.get("value"):
                return  # unticked, or a look-up nobody filled (select2 keeps it in JavaScript)
            self.data.setdefault(a["name"], []).append(a.get("value", "y" if box else ""))
        elif tag == "select":
            self.select = (a["name"], "multiple" in a, [])
        elif tag == "option" and self.select is not None:
            name, _multiple, seen = self.select
            seen.append(a.get("value", ""))
            if "selected" in a:
                self.data.setdefault(name, []).append(a.get("value", ""))
        elif tag == "textarea":
            self.text = (a["name"], [])

    def handle_data(self, data):
        if self.text is not None:
            self.text[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            name, multiple, seen = self.select
            if name not in self.data and not multiple and seen:
                self.data[name] = [seen[0]]
            self.select = None
        elif tag == "textarea" and self.text is not None:
            self.data[self.text[0]] = ["".join(self.text[1]).lstrip("\n")]
            self.text = None


def form_data(html):
    reader = FormReader()
    reader.feed(html)
    return reader.data
