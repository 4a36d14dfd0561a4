"""Every route under /admin, inherited ones included, answers every role what the tables say.

Flask-Admin gives each model view more routes than list, new and edit: a GridFS file reader,
ajax look-ups, inline edits, exports, bulk actions. This walks app.url_map and asks each rule,
as each demo role and anonymously, for the answer written out here by hand from the brief
(tests/security/permissions.py for the lists and pages). A rule with no expectation fails
`test_every_admin_rule_has_an_expectation`: a route can never again be reached unnoticed.
"""

import re

import pytest

from admin import VIEWS as ADMIN_VIEWS
from tests.security.exports import background_export
from tests.security.permissions import DECIDE_HOURS, PAGES, PUBLISH, ROLES, may
from tests.security.samples import build

ANONYMOUS = "anonymous"
WHO = (*ROLES, ANONYMOUS)
STAFF = {"district_admin", "street_admin", "community_worker"}
EXPORTERS = STAFF | {"supervisor"}
MODELS = {endpoint: document.__name__ for _cls, document, *_, endpoint in ADMIN_VIEWS}
CLOSED = 404  # a route the product does not use: not found, whoever asks

# Inherited routes of a model view: the request, and the letter of permissions.VIEWS it needs
# (None: the product never uses it — Flask-Admin's GridFS reader served any bucket's file, so
# other users' exports, to anyone who could open a list; inline editing is not offered).
# `allowed`/`refused` (302 unless given) answer a user who may open the list; a refused
# request leaves the record as it was.
INHERITED = {
    "index_view": dict(method="GET", path="/", letter="L", allowed=200),
    "details_view": dict(method="GET", path="/details/?id={inside}", letter="V", allowed=200),
    "create_view": dict(method="GET", path="/new/", letter="C", allowed=200),
    "edit_view": dict(method="GET", path="/edit/?id={inside}", letter="E", allowed=200),
    "export": dict(method="GET", path="/export/csv/", letter="X", allowed=200, refused=403),
    "ajax_lookup": dict(method="GET", path="/ajax/lookup/?name={lookup}&query=", letter="CE",
                        allowed=200, refused=403),
    "delete_view": dict(method="POST", path="/delete/", data={"id": "{inside}"}, letter="D",
                        allowed=302),
    "action_view": dict(method="POST", path="/action/", letter="D", allowed=302,
                        data={"action": "delete", "rowid": "{inside}"}),
    "ajax_update": dict(method="POST", path="/ajax/update/", letter=None,
                        data={"list_form_pk": "{inside}", "name": "改名"}),
    "api_file_view": dict(method="GET", path="/api/file/?id={file}&coll=exports", letter=None),
}  # fmt: skip
# Walked last, in this order (a bulk delete of a record already deleted still answers 302).
DESTRUCTIVE = ("delete_view", "action_view")


def _pages(path):
    return {role: PAGES[path][ROLES.index(role)] for role in ROLES}


def _roles(allowed, ok=200, refused=403):
    return {role: ok if role in allowed else refused for role in ROLES}


# Routes a view adds itself, and pages that are not model lists: the request and the status
# each role gets (anonymous visitors are sent to sign in, except for public files).
CUSTOM = {
    "admin.index": ("GET", "/admin/", None, _pages("/admin/")),
    "admin.static": ("GET", "/admin/static/admin/js/helpers.js", None,
                     {**_roles(ROLES), ANONYMOUS: 200}),
    "clearance_report.board": ("GET", "/admin/clearance_report/board/", None,
                               _pages("/admin/clearance_report/board/")),
    "clearance_month.decide": ("POST", "/admin/clearance_month/decide/",
                               {"id": "{month}", "do": "publish"}, _roles(PUBLISH, 302)),
    "service_record.decide_view": ("GET", "/admin/service_record/decide/?id={record}", None,
                                   _roles(DECIDE_HOURS)),
    "demand.act_view": ("POST", "/admin/demand/act/",
                        {"id": "{demand}", "action": "escalate", "rev": "0"},
                        _roles({r for r in ROLES if may("demand", r, "E")}, 302)),
    # A supervisor reads demands but cannot act on them: the bulk page is not there for them.
    "demand.bulk_view": ("GET", "/admin/demand/bulk/?do=assign&ids={demand}", None,
                         {**_roles({r for r in ROLES if may("demand", r, "E")}, 200, 403),
                          "supervisor": 404}),
    "demand_import.index": ("GET", "/admin/demand_import/", None, _pages("/admin/demand_import/")),
    "demand_import.template": ("GET", "/admin/demand_import/template/{item}", None,
                               _roles(STAFF)),
    "signin_import.index": ("GET", "/admin/signin_import/", None,
                            _pages("/admin/signin_import/")),
    "signin_import.template": ("GET", "/admin/signin_import/template.xlsx", None, _roles(STAFF)),
    "exports.index": ("GET", "/admin/exports/", None, _pages("/admin/exports/")),
    "exports.ratings": ("GET", "/admin/exports/ratings?period=2026", None, _roles(EXPORTERS)),
    "exports.clearance": ("GET", "/admin/exports/clearance?month=2026-10", None,
                          _roles(EXPORTERS)),
    "exports.volunteer_hours": ("GET", "/admin/exports/volunteer-hours", None,
                                _roles(EXPORTERS)),
    "exports.audit": ("GET", "/admin/exports/audit", None,
                      _roles({r for r in ROLES if may("audit", r, "X")})),
    "exports.jobs": ("GET", "/admin/exports/jobs/", None, _roles(EXPORTERS)),
    # Somebody else's background export does not exist for anyone but its owner.
    "exports.job": ("GET", "/admin/exports/jobs/{job}", None, _roles(EXPORTERS, 404)),
    "exports.download": ("GET", "/admin/exports/jobs/{job}/download", None,
                         _roles(EXPORTERS, 404)),
}  # fmt: skip


def _rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/admin")]


def _view(app, endpoint):
    return next(v for v in app.extensions["weimin_admin"]._views if v.endpoint == endpoint)


def test_every_admin_rule_has_an_expectation(app):
    unexpected = []
    for rule in _rules(app):
        view, _dot, name = rule.endpoint.partition(".")
        if rule.endpoint in CUSTOM or (view in MODELS and name in INHERITED):
            continue
        unexpected.append(f"{rule.rule} ({rule.endpoint})")
    assert not unexpected, "routes nobody wrote an expectation for: " + ", ".join(unexpected)
    endpoints = {rule.endpoint for rule in _rules(app)}
    assert set(CUSTOM) <= endpoints, set(CUSTOM) - endpoints
    for endpoint in MODELS:  # each model view carries every inherited route, closed or not
        assert {f"{endpoint}.{name}" for name in INHERITED} <= endpoints, endpoint


@pytest.fixture
def world(app, make):
    """Street A with a community and its users; a record of each kind there; another user's
    finished background export with its file."""
    from models import ClearanceMonth

    street = make.street(name="甲街道")
    community = make.community(street, name="甲一社区")
    volunteer = make.volunteer(community, id_number="110105198001010016")
    users = {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=street),
        "community_worker": make.user("community_worker", community_doc=community),
        "volunteer": make.user("volunteer", volunteer_doc=volunteer),
        "supervisor": make.user("supervisor"),
    }
    job = background_export(app, make.user("district_admin"))  # somebody else's
    demand = make.demand(community)
    values = {
        "demand": demand.pk,
        "item": demand.item.pk,
        "record": make.service_record(volunteer, street=street, community=community).pk,
        "month": ClearanceMonth(street=street, month="2026-09").save().pk,
        "job": job.pk,
        "file": job.file_id,
    }
    return {"place": (street, community), "users": users, "values": values}


def _answer(client, method, path, data, role, expected):
    """None when the request answers as expected, else what it answered."""
    response = client.open(path, method=method, data=data)
    code, location = response.status_code, response.headers.get("Location", "")
    if role == ANONYMOUS and code == 302 and "/login" not in location:
        return f"302 to {location}"
    return None if code == expected else code


def _fill(template, values):
    if isinstance(template, dict):
        return {key: _fill(value, values) for key, value in template.items()}
    return re.sub(r"{(\w+)}", lambda m: str(values[m.group(1)]), template or "")


def _expected(spec, role, endpoint, view):
    """(status, permitted) of one inherited route for one role, from permissions.VIEWS."""
    letter = spec["letter"]
    if letter is None or (spec is INHERITED["ajax_lookup"] and not view._form_ajax_refs):
        return CLOSED, False
    if role == ANONYMOUS:
        return 302, False
    if not may(endpoint, role, "L"):
        return 403, False
    if any(may(endpoint, role, one) for one in letter):
        return spec["allowed"], True
    return spec.get("refused", 302), False


def _walk_order(endpoint):
    """Areas last, the widest last of all: deleting one must not pull the others' ground."""
    return ("community", "street", "district").index(endpoint) + 1 if endpoint in (
        "community", "street", "district") else 0  # fmt: skip


@pytest.mark.parametrize("role", WHO)
def test_inherited_routes_of_every_model_view(app, client, login, world, role):
    if role != ANONYMOUS:
        login(world["users"][role])
    wrong = []
    for endpoint in sorted(MODELS, key=_walk_order):
        view = _view(app, endpoint)
        inside = build(MODELS[endpoint], *world["place"])
        values = {**world["values"], "inside": inside.pk,
                  "lookup": next(iter(view._form_ajax_refs or {"none": None}))}  # fmt: skip
        stored = type(inside)._get_collection()
        names = sorted(
            (rule.endpoint.partition(".")[2] for rule in _rules(app)
             if rule.endpoint.partition(".")[0] == endpoint and rule.endpoint not in CUSTOM),
            key=lambda name: DESTRUCTIVE.index(name) + 1 if name in DESTRUCTIVE else 0,
        )  # fmt: skip
        for name in names:
            spec = INHERITED[name]
            before = stored.find_one({"_id": inside.pk})
            url = f"/admin/{endpoint}" + _fill(spec["path"], values)
            expected, permitted = _expected(spec, role, endpoint, view)
            got = _answer(client, spec["method"], url, _fill(spec.get("data"), values), role,
                          expected)  # fmt: skip
            if got is not None:
                wrong.append(f"{endpoint}.{name}: {got}, expected {expected}")
            if not permitted and stored.find_one({"_id": inside.pk}) != before:
                wrong.append(f"{endpoint}.{name}: refused, yet the record changed")
    assert not wrong, f"{role}: " + "; ".join(wrong)


@pytest.mark.parametrize("role", WHO)
def test_routes_views_add_themselves(client, login, world, make, role):
    street, _community = world["place"]
    values = {**world["values"], "item": make.item(street_doc=street).pk}
    if role != ANONYMOUS:
        login(world["users"][role])
    wrong = []
    for endpoint, (method, path, data, answers) in CUSTOM.items():
        expected = answers.get(role, 302)
        got = _answer(client, method, _fill(path, values), _fill(data, values), role, expected)
        if got is not None:
            wrong.append(f"{endpoint}: {got}, expected {expected}")
    assert not wrong, f"{role}: " + "; ".join(wrong)
