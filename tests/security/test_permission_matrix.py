"""Role × view × action, written out by hand, for a record inside and one outside the scope.

The tables (tests/security/permissions.py) are the product's access rules as the brief states
them, not read from the code: a view added later fails `test_the_table_names_every_view` until a
row is written there.
"""

import pytest

from admin import VIEWS as ADMIN_VIEWS
from tests.security.permissions import API, DECIDE_HOURS, PAGES, PUBLISH, ROLES, VIEWS, may
from tests.security.samples import build

ROLES_SCOPED = {"street_admin", "community_worker", "volunteer"}

MODEL_VIEWS = [(endpoint, document.__name__) for _cls, document, *_, endpoint in ADMIN_VIEWS]


def test_the_table_names_every_view():
    assert {endpoint for endpoint, _ in MODEL_VIEWS} == set(VIEWS)


@pytest.fixture
def world(make):
    """Two streets, each with a community; the users of street A."""
    a, b = make.street(name="甲街道"), make.street(name="乙街道")
    a1, b1 = make.community(a, name="甲一社区"), make.community(b, name="乙一社区")
    volunteer = make.volunteer(a1, id_number="110105198001010016")
    users = {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=a),
        "community_worker": make.user("community_worker", community_doc=a1),
        "volunteer": make.user("volunteer", volunteer_doc=volunteer),
        "supervisor": make.user("supervisor"),
    }
    return {"inside": (a, a1), "outside": (b, b1), "users": users}


def _raw(doc):
    return type(doc)._get_collection().find_one({"_id": doc.pk})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("endpoint", "model"), MODEL_VIEWS, ids=[v[0] for v in MODEL_VIEWS])
def test_permission_matrix(app, client, login, world, role, endpoint, model):
    inside = build(model, *world["inside"])
    outside = build(model, *world["outside"])
    assert inside is not None, f"add a sample builder for {model} in tests/security/samples.py"
    login(world["users"][role])
    can = {letter: may(endpoint, role, letter) for letter in "LVCEDX"}
    scoped = role in ROLES_SCOPED and inside.pk != outside.pk
    base = f"/admin/{endpoint}"

    def expect(response, allowed_code, when_forbidden=403):
        code = response.status_code
        assert code == (allowed_code if can["L"] else when_forbidden), (role, endpoint, code)

    expect(client.get(f"{base}/"), 200)
    if can["L"]:
        expect(client.get(f"{base}/details/?id={inside.pk}"), 200 if can["V"] else 302)
        expect(client.get(f"{base}/details/?id={outside.pk}"), 404 if scoped else 200)
    expect(client.get(f"{base}/new/"), 200 if can["C"] else 302)
    expect(client.get(f"{base}/edit/?id={inside.pk}"), 200 if can["E"] else 302)
    if can["E"]:
        expect(client.get(f"{base}/edit/?id={outside.pk}"), 404 if scoped else 200)

    exported = client.get(f"{base}/export/csv/")
    if can["X"]:
        assert exported.status_code == 200, (role, endpoint, exported.status_code)
        assert exported.mimetype == "text/csv"
    else:
        assert exported.status_code in ((302, 403) if can["L"] else (403,)), (role, endpoint)
        assert exported.mimetype != "text/csv"

    # Bulk actions and delete must never touch a record outside the scope.
    before = _raw(outside)
    view = next(v for v in app.extensions["weimin_admin"]._views if v.endpoint == endpoint)
    for name, _text in view._actions:
        response = client.post(f"{base}/action/", data={"action": name, "rowid": str(outside.pk)})
        assert response.status_code in ((302, 200) if can["L"] else (403,)), (name, response)
        if scoped or not can["L"]:
            assert _raw(outside) == before, f"{endpoint}: bulk {name} changed an outside record"
    response = client.post(f"{base}/delete/", data={"id": str(outside.pk)})
    if not can["L"]:
        assert response.status_code == 403
    elif scoped and can["D"]:
        assert response.status_code == 404
    if not (can["D"] and not scoped):
        assert _raw(outside) is not None, f"{endpoint}: {role} deleted an outside record"


@pytest.mark.parametrize(("endpoint", "model"), MODEL_VIEWS, ids=[v[0] for v in MODEL_VIEWS])
def test_anonymous_is_sent_to_sign_in(client, endpoint, model):
    for path in ("/", "/new/", "/details/?id=0123456789abcdef01234567", "/export/csv/"):
        response = client.get(f"/admin/{endpoint}{path}")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    response = client.post(f"/admin/{endpoint}/delete/", data={"id": "0123456789abcdef01234567"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PAGES)
def test_pages_per_role(client, login, world, role, path):
    login(world["users"][role])
    expected = PAGES[path][ROLES.index(role)]
    assert client.get(path).status_code == expected, (role, path)
    if expected == 403:
        assert client.post(path, data={}).status_code in (403, 405), (role, path)


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("/admin/")])
def test_pages_send_anonymous_users_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_publishing_a_month(client, login, world, role):
    from models import ClearanceMonth, ClearanceReport
    from models.base import utcnow

    street, _community = world["inside"]
    state = ClearanceMonth(street=street, month="2026-10", computed_at=utcnow()).save()
    ClearanceReport(month="2026-10", level="street", street=street).save()
    login(world["users"][role])
    response = client.post(
        "/admin/clearance_month/decide/",
        data={"id": str(state.pk), "do": "publish", "confirm": "yes"},
    )
    allowed = PUBLISH.get(role, False)
    assert response.status_code == (302 if allowed else 403), role
    assert (state.reload().status == "published") is allowed, role


@pytest.mark.parametrize("role", ROLES)
def test_deciding_service_hours(client, login, world, role, make):
    from models import ServiceRecord

    _street, community = world["inside"]
    volunteer = make.volunteer(community, id_number="110101199003077774", name="李雷")
    record = make.service_record(volunteer, street=community.street, community=community)
    login(world["users"][role])
    client.post("/admin/service_record/action/", data={"action": "approve", "rowid": record.pk})
    approved = ServiceRecord.objects(pk=record.pk).first().status == "approved"
    assert approved is (role in DECIDE_HOURS), role


def test_the_api_table_names_every_route(app):
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == set(API)


@pytest.mark.parametrize(("method", "route"), [k for k, v in API.items() if v])
def test_api_routes_need_their_token_scope(client, make, method, route):
    needed = API[(method, route)]
    street = make.street()
    others = {"catalogue:read", "demands:create", "demands:act"} - {needed}
    path = route.replace("<ticket>", "T-000000").replace("<code>", "X")
    _token, wrong = make.api_token(street, *sorted(others))
    response = client.open(
        path, method=method, json={}, headers={"Authorization": f"Bearer {wrong}"}
    )
    assert response.status_code == 403, (route, response.status_code)
    _token, right = make.api_token(street, needed, name="网格平台")
    response = client.open(
        path, method=method, json={}, headers={"Authorization": f"Bearer {right}"}
    )
    assert response.status_code not in (401, 403), (route, response.status_code)


def test_the_page_table_names_every_other_admin_page(app):
    admin = app.extensions["weimin_admin"]
    others = {f"{view.url}/" for view in admin._views if not hasattr(view, "model")}
    assert others <= set(PAGES)
