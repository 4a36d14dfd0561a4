"""Every route under /admin, inherited ones included, answers every role what the tables say.

Flask-Admin gives each model view more routes than list, new and edit: a GridFS file reader,
ajax look-ups, inline edits, exports, bulk actions. This walks app.url_map and asks each rule,
as each demo role and anonymously, for the answer written out by hand from the brief
(tests/security/routes.py, from permissions.py's tables). A rule with no expectation fails
`test_every_admin_rule_has_an_expectation`: a route can never again be reached unnoticed.
"""

import re

import pytest

from tests.security.exports import background_export
from tests.security.permissions import may
from tests.security.routes import ANONYMOUS, CLOSED, CUSTOM, DESTRUCTIVE, INHERITED, MODELS, WHO
from tests.security.samples import build
from weimin.funds import ledger


def _rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/admin")]


def _view(app, endpoint):
    return next(v for v in app.extensions["weimin_admin"]._views if v.endpoint == endpoint)


def _methods(rule):
    return rule.methods - {"HEAD", "OPTIONS"}


def _specs_of(rule):
    """The expectations written for a rule, or None."""
    view, _dot, name = rule.endpoint.partition(".")
    if rule.endpoint in CUSTOM:
        return [method for method, *_ in CUSTOM[rule.endpoint]]
    if view in MODELS and name in INHERITED:
        return [spec["method"] for spec in INHERITED[name]]
    return None


def test_every_admin_rule_has_an_expectation(app):
    unexpected = []
    for rule in _rules(app):
        methods = _specs_of(rule)
        if methods is None or set(methods) != _methods(rule):
            unexpected.append(f"{sorted(_methods(rule))} {rule.rule} ({rule.endpoint})")
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
    fund = make.fund(street, community_doc=community)
    given = ledger.append(fund, "contribution", "100", "w", donor="张三", channel="cash")
    application = build("Application", street, community)
    objection = build("PurchaseObjection", street, community)
    values = {
        "demand": demand.pk,
        "item": demand.item.pk,
        "record": make.service_record(volunteer, street=street, community=community).pk,
        "month": ClearanceMonth(street=street, month="2026-09").save().pk,
        "job": job.pk,
        "fund": make.fund(street, community_doc=community).pk,
        "file": job.file_id,
        "contribution": given.pk,
        "motion": build("FundMotion", street, community).pk,
        "community": community.pk,
        "outbox": build("OutboxMessage", street, community).pk,
        "topic": build("Topic", street, community).pk,
        "application": application.pk,
        "call": application.call.pk,
        "contract": build("PurchaseContract", street, community).pk,
        "objection": objection.pk,
        "objection_call": objection.call.pk,
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
    if letter is None or (spec in INHERITED["ajax_lookup"] and not view._form_ajax_refs):
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


def _walk(client, role, endpoint, view, name, spec, values, stored, inside):
    """What is wrong with one inherited route's answer to `role`: a list of messages."""
    before = stored.find_one({"_id": inside.pk}), stored.count_documents({})
    url = f"/admin/{endpoint}" + _fill(spec["path"], values)
    expected, permitted = _expected(spec, role, endpoint, view)
    got = _answer(client, spec["method"], url, _fill(spec.get("data"), values), role, expected)
    where = f"{spec['method']} {endpoint}.{name}"
    wrong = [f"{where}: {got}, expected {expected}"] if got is not None else []
    after = stored.find_one({"_id": inside.pk}), stored.count_documents({})
    if not permitted and after != before:
        wrong.append(f"{where}: refused, yet the collection changed")
    return wrong


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
            for spec in INHERITED[name]:
                wrong += _walk(client, role, endpoint, view, name, spec, values, stored, inside)
    assert not wrong, f"{role}: " + "; ".join(wrong)


@pytest.mark.parametrize("role", WHO)
def test_routes_views_add_themselves(client, login, world, make, role):
    street, _community = world["place"]
    values = {**world["values"], "item": make.item(street_doc=street).pk}
    if role != ANONYMOUS:
        login(world["users"][role])
    wrong = []
    for endpoint, specs in CUSTOM.items():
        for method, path, data, answers in specs:
            expected = answers.get(role, 302)
            got = _answer(client, method, _fill(path, values), _fill(data, values), role,
                          expected)  # fmt: skip
            if got is not None:
                wrong.append(f"{method} {endpoint}: {got}, expected {expected}")
    assert not wrong, f"{role}: " + "; ".join(wrong)
