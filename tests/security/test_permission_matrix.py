"""Role × view × action, for a record inside and one outside the user's scope.

The model views come from admin.VIEWS, so a view added there is covered without editing this
test — and fails here until it declares a policy and its document has a sample builder. A page
added to the running Admin outside VIEWS fails here until it is listed in PAGES.
"""

import pytest
from flask_admin.model import BaseModelView

from admin import VIEWS
from admin.base import SecureModelView
from admin.demand_import_view import DemandImportView
from admin.export_views import ExportView
from admin.policy import CREATE, DELETE, EDIT, EXPORT, READ, PolicyView
from admin.signin_views import SigninImportView
from tests.security.samples import build

ROLES = ("district_admin", "street_admin", "community_worker", "volunteer", "supervisor")
ROLES_SCOPED = {"street_admin", "community_worker", "volunteer"}


MODEL_VIEWS = [(endpoint, cls, doc.__name__) for cls, doc, *_, endpoint in VIEWS]


def test_every_model_view_declares_a_policy():
    for endpoint, cls, _model in MODEL_VIEWS:
        assert issubclass(cls, SecureModelView), f"{endpoint} must extend SecureModelView"
        assert cls.policy, f"{endpoint} declares no policy"
        assert set(cls.policy) <= set(ROLES), f"{endpoint}: unknown role in policy"


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
@pytest.mark.parametrize(("endpoint", "cls", "model"), MODEL_VIEWS, ids=[v[0] for v in MODEL_VIEWS])
def test_permission_matrix(app, client, login, world, role, endpoint, cls, model):
    inside = build(model, *world["inside"])
    outside = build(model, *world["outside"])
    assert inside is not None, f"add a sample builder for {model} in tests/security/samples.py"
    login(world["users"][role])
    may = {action: cls.declared(role, action) for action in (READ, CREATE, EDIT, DELETE, EXPORT)}
    scoped = role in ROLES_SCOPED and inside.pk != outside.pk
    base = f"/admin/{endpoint}"

    def expect(response, allowed_code, when_forbidden=403):
        code = response.status_code
        assert code == (allowed_code if may[READ] else when_forbidden), (role, endpoint, code)

    expect(client.get(f"{base}/"), 200)
    expect(client.get(f"{base}/details/?id={inside.pk}"), 200)
    expect(client.get(f"{base}/details/?id={outside.pk}"), 404 if scoped else 200)
    expect(client.get(f"{base}/new/"), 200 if may[CREATE] else 302)
    expect(client.get(f"{base}/edit/?id={inside.pk}"), 200 if may[EDIT] else 302)
    if may[EDIT]:
        expect(client.get(f"{base}/edit/?id={outside.pk}"), 404 if scoped else 200)
    if cls.can_export is True:
        expect(client.get(f"{base}/export/csv/"), 200 if may[EXPORT] else 302)

    # Bulk actions and delete must never touch a record outside the scope.
    before = _raw(outside)
    view = next(v for v in app.extensions["weimin_admin"]._views if v.endpoint == endpoint)
    for name, _text in view._actions:
        response = client.post(f"{base}/action/", data={"action": name, "rowid": str(outside.pk)})
        assert response.status_code in ((302, 200) if may[READ] else (403,)), (name, response)
        if scoped or not may[READ]:
            assert _raw(outside) == before, f"{endpoint}: bulk {name} changed an outside record"
    response = client.post(f"{base}/delete/", data={"id": str(outside.pk)})
    if not may[READ]:
        assert response.status_code == 403
    elif scoped and may[DELETE]:
        assert response.status_code == 404
    if not (may[DELETE] and not scoped):
        assert _raw(outside) is not None, f"{endpoint}: {role} deleted an outside record"


@pytest.mark.parametrize(("endpoint", "cls", "model"), MODEL_VIEWS, ids=[v[0] for v in MODEL_VIEWS])
def test_anonymous_is_sent_to_sign_in(client, endpoint, cls, model):
    for path in ("/", "/new/", "/details/?id=0123456789abcdef01234567"):
        response = client.get(f"/admin/{endpoint}{path}")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    response = client.post(f"/admin/{endpoint}/delete/", data={"id": "0123456789abcdef01234567"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


PAGES = [
    ("demand_import", DemandImportView),
    ("exports", ExportView),
    ("signin_import", SigninImportView),
]


def test_the_running_admin_has_exactly_these_views(app):
    admin = app.extensions["weimin_admin"]
    views = [v for v in admin._views if v is not admin.index_view]
    model_views = [(v.endpoint, type(v)) for v in views if isinstance(v, BaseModelView)]
    pages = [(v.endpoint, type(v)) for v in views if not isinstance(v, BaseModelView)]
    assert model_views == [(endpoint, cls) for endpoint, cls, _model in MODEL_VIEWS]
    assert pages == PAGES


def test_every_other_admin_page_declares_a_policy():
    assert PAGES
    for endpoint, cls in PAGES:
        assert issubclass(cls, PolicyView), f"{endpoint} must extend PolicyView"
        assert cls.policy and set(cls.policy) <= set(ROLES), endpoint


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("endpoint", "cls"), PAGES, ids=[p[0] for p in PAGES])
def test_other_pages_follow_their_policy(client, login, world, role, endpoint, cls):
    login(world["users"][role])
    allowed = cls.action in cls.policy.get(role, ())
    response = client.get(f"/admin/{endpoint}/")
    assert response.status_code == (200 if allowed else 403), (role, endpoint)
    posted = client.post(f"/admin/{endpoint}/", data={}).status_code
    assert posted in ((403, 405) if not allowed else (200, 302, 400, 405)), (role, endpoint, posted)


@pytest.mark.parametrize(("endpoint", "cls"), PAGES, ids=[p[0] for p in PAGES])
def test_other_pages_send_anonymous_users_to_sign_in(client, endpoint, cls):
    response = client.get(f"/admin/{endpoint}/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
