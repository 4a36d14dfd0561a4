"""Every write route of the app, exercised with valid input by a role allowed to use it, leaves
at least one audit entry; a write route missing from EXPECTED fails, so none is added unnoticed.
"""

import io
import re
from datetime import timedelta

import pytest
from openpyxl import Workbook

from models import AuditEntry, ClearanceMonth, Demand, District, RatingPeriod, ServiceRecord
from models.base import local_today, utcnow
from tests.admin.audit_route_table import EXPECTED
from tests.admin.audit_routes import (
    FLASK_ADMIN_WRITES,
    PRINT_PAGES,
    WRITE_METHODS,
    Closed,
    form_data,
)
from tests.security.exports import background_export
from tests.security.samples import BUILDERS, id_number
from weimin.demands.links import evaluation_token


def write_routes(app):
    """Endpoints that write, export or download, from app.url_map."""
    found = set()
    for rule in app.url_map.iter_rules():
        name = rule.endpoint.rpartition(".")[2]
        exports = name == "export" or rule.endpoint.startswith("exports.") and name not in (
            "index", "jobs", "job")  # fmt: skip
        prints = rule.rule.endswith(".pdf") or rule.endpoint in PRINT_PAGES
        if rule.methods & WRITE_METHODS or name in FLASK_ADMIN_WRITES or exports or prints:
            found.add(rule.endpoint)
    return found


def test_every_write_route_is_in_the_audit_route_table(app):
    missing = sorted(write_routes(app) - set(EXPECTED))
    assert not missing, "".join(
        f"\nroute {endpoint} is not in the audit route table (EXPECTED in "
        "tests/admin/audit_route_table.py): say how to exercise it, or why nobody may write there"
        for endpoint in missing
    )
    gone = sorted(set(EXPECTED) - write_routes(app))
    assert not gone, f"the audit route table names routes the app no longer has: {gone}"


def _xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.fixture
def world(app, make):
    """One street with everything a write route needs, the users of each role, spare records."""
    from jobs.clearance import run_clearance
    from jobs.publication import publish_month

    street = make.street(name="甲街道")
    community = make.community(street, name="甲一社区")
    volunteer = make.volunteer(community, id_number=id_number())
    other = make.volunteer(community, id_number=id_number(), name="李娜")
    users = {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=street),
        "supervisor": make.user("supervisor"),
        "volunteer": make.user("volunteer", volunteer_doc=volunteer),
    }
    organisation = make.organisation(street, leaders=[users["volunteer"]])
    item = make.item(street_doc=street)
    yesterday = str(local_today() - timedelta(days=1))
    record = make.service_record
    run_clearance("2026-09", str(street.pk))
    run_clearance("2026-08", str(street.pk))
    publish_month(street, "2026-09", "test")
    token, secret = make.api_token(street, "demands:create", "demands:act")
    demand, bulk = make.demand(community, item), make.demand(community, item)
    api_demand = make.demand(community, item)
    n = iter(range(1000))
    build = {name: (lambda model=model: BUILDERS[model](street, community)) for name, model in (
        ("spare_demand", "Demand"), ("spare_service_record", "ServiceRecord"),
        ("spare_rule_set", "RuleSet"), ("spare_api_token", "ApiToken"),
        ("spare_volunteer", "Volunteer"), ("spare_organisation", "Organisation"),
        ("spare_category", "CatalogueCategory"), ("spare_item", "CatalogueItem"),
        ("outbox", "OutboxMessage"), ("spare_grid", "Grid"))}  # fmt: skip
    # One contact per street: each of these gets a street of its own.
    for key in ("objection_contact", "spare_objection_contact"):
        build[key] = lambda: BUILDERS["ObjectionContact"](make.street(), None)
    values = {
        **{key: lambda f=f: f().pk for key, f in build.items()},
        "spare_street": lambda: make.street().pk,
        "spare_community": lambda: make.community(street).pk,
        "spare_district": lambda: District(code=f"DX{next(n)}", name="备用区").save().pk,
        "spare_user": lambda: make.user("community_worker", community_doc=community).pk,
        "street": street.pk, "community": community.pk, "district": street.district.pk,
        "fund": make.fund(street, name="甲街道财政保障金").pk,
        "topic": lambda: make.topic(community).pk,
        "item": item.pk, "category": item.category.pk, "organisation": organisation.pk,
        "volunteer": volunteer.pk, "user": users["supervisor"].pk, "api_token": token.pk,
        "demand": demand.pk, "rev": demand.rev, "bulk": bulk.pk, "yesterday": yesterday,
        "service_record": record(volunteer, organisation).pk,
        "new_id": make.VALID_IDS[1], "username": users["supervisor"].username,
        "item_code": item.code, "community_code": community.code, "ticket": api_demand.ticket_no,
        "evaluation": lambda: _link(app, make.demand(community, item, status="answered")),
        "follow": lambda: _follow(app, make.demand(community, item, status="answered")),
        "challenge": lambda: _challenge(app),
        "wish": make.demand(community, make.item(kind="wish", street_doc=street)).pk,
        "published_ratings": lambda: RatingPeriod(
            street=street, period=str(2000 + next(n)), status="published"
        ).save().pk,
        "assigned": lambda: make.demand(community, item, status="assigned").pk,
        "claimed": lambda: _claimed(make, community, street, volunteer),
        "submitted": lambda: record(volunteer, organisation).pk,
        "approved": record(volunteer, organisation, status="approved").pk,
        "to_review": record(other, organisation).pk,
        "computed": ClearanceMonth.objects.get(month="2026-08").pk,
        "published": ClearanceMonth.objects.get(month="2026-09").pk,
        "export": background_export(app, users["supervisor"]).pk,
        "demand_sheet": lambda: (_xlsx([["社区编码", "居民姓名", "居民电话", "居民地址",
                                         "受理渠道", "诉求描述"],
                                        [community.code, "王芳", "13800138000", "", "window",
                                         "需要上门探访"]]), "诉求.xlsx"),
        "signin_sheet": lambda: (_xlsx([["姓名", "身份证号", "手机号", "服务时长"],
                                        [other.name, other.id_number, "", 2]]), "签到表.xlsx"),
    }  # fmt: skip
    values.update(_board(make, street, community))
    values["contribution"] = _contribution(street)
    values["grid"] = BUILDERS["Grid"](street, community).pk
    values["visit"] = lambda: BUILDERS["Visit"](street, community).pk
    values.update(_purchase(make, street, community, users))
    users["community_worker"] = make.user("community_worker", community_doc=community)
    return {"users": users, "values": values, "secret": secret}


def _board(make, street, community):
    """A crowdfunded fund with money in, and motions before its board at each stage."""
    from models import FundMotion
    from models.fund_motion import Vote
    from weimin.funds import ledger

    fund = make.fund(street, "crowd", community_doc=community)
    ledger.append(fund, "contribution", "5000", "w", donor="居民众筹", channel="wechat")
    project = make.demand(community, make.item("project", street_doc=street))

    def motion(status="open", votes=()):
        return FundMotion(
            fund=fund, street=street, community=community, kind="allocation", title="资助助老",
            amount="100", demand=project, status=status,
            votes=[Vote(member=name, choice="yes") for name in votes],
        ).save().pk  # fmt: skip

    return {
        "crowd_fund": fund.pk,
        "fund_motion": motion(),
        "open_motion": motion,
        "voted_motion": lambda: motion(votes=("王芳", "李强")),
        "passed_motion": lambda: motion(status="passed"),
    }


def _contribution(street):
    """A donation to a fund of the street, whose receipt is printed."""
    from models import Fund
    from weimin.funds import ledger

    fund = Fund.objects(street=street).first()
    return ledger.append(fund, "contribution", "200", "w", donor="李四", channel="cash").pk


def _purchase(make, street, community, users):
    """Calls at each stage, one under review by the street admin, a contract awaiting acceptance,
    and an organisation account."""
    from models import Application, Demand
    from weimin.purchase import calls

    call = BUILDERS["PurchaseCall"](street, community)
    application = BUILDERS["Application"](street, community)
    review_call = application.call
    review_call.update(set__status="reviewing", set__panel=[users["street_admin"]])
    contract = BUILDERS["PurchaseContract"](street, community)
    Demand.objects(pk=contract.demand.pk).update(set__status="inspecting")
    # An announced award with an objection waiting; the organisation account is an applicant.
    objection = BUILDERS["PurchaseObjection"](street, community)
    users["organisation"] = make.user("organisation", organisation=objection.organisation)
    return {
        "purchase_call": call.pk, "project_item": call.item.pk,
        "project_category": call.item.category.pk,
        "draft_call": lambda: BUILDERS["PurchaseCall"](street, community).pk,
        "open_call": calls.advance(BUILDERS["PurchaseCall"](street, community), "publish",
                                   utcnow()).pk,
        "review_call": review_call.pk, "review_application": application.pk,
        "inspecting_contract": contract.pk,
        "awarded_call": objection.call.pk, "open_objection": objection.pk,
        "objecting_application": Application.objects.get(
            call=objection.call.pk, organisation=objection.organisation.pk).pk,
    }  # fmt: skip


def _claimed(make, community, street, volunteer):
    """A wish the volunteer holds, claimed the way the wall claims it."""
    from weimin.demands import transitions

    wish = make.demand(community, make.item(kind="wish", street_doc=street))
    transitions.apply(wish, "claim", "test", volunteer=volunteer)
    return wish.pk


def _link(app, demand):
    with app.app_context():
        return evaluation_token(demand)


def _follow(app, demand):
    from weimin.demands.links import follow_token

    with app.app_context():
        return follow_token(demand)


def _challenge(app):
    """A resident-page challenge asking 3 + 4."""
    from weimin.residents import challenge

    with app.app_context():
        return challenge.issue(3, 4)[0]


def _fill(template, values):
    if isinstance(template, dict):
        return {key: _fill(value, values) for key, value in template.items()}
    if not isinstance(template, str):
        return template
    whole = re.fullmatch(r"{(\w+)}", template)
    if whole:  # a placeholder alone: its value as it is (an uploaded file stays a tuple)
        value = values[whole.group(1)]
        value = value() if callable(value) else value
        return value if isinstance(value, tuple | int) else str(value)
    return re.sub(r"{(\w+)}", lambda m: str(_fill(m.group(0), values)), template)


def _exercise(app, world, way):
    """What is wrong with one way of writing: None when it left an audit entry as expected."""
    client = app.test_client()
    user = world["users"].get(way.role)
    if user is not None:
        client.post("/login", data={"username": user.username, "password": "Test-password-1"})
    path, data = _fill(way.path, world["values"]), _fill(way.data, world["values"])
    if way.form:  # the page's own form, as the browser posts it, with the changes over it
        data = {**form_data(client.get(path).text), **data}
    before = AuditEntry.objects.count()
    headers = {"Authorization": f"Bearer {world['secret']}"} if path.startswith("/api") else {}
    if way.json:
        response = client.open(path, method=way.method, json=data, headers=headers)
    else:
        response = client.open(path, method=way.method, data=data, headers=headers)
    if response.status_code not in way.status:
        errors = re.findall(
            r"(?:invalid-feedback|help-block|alert-danger)[^>]*>\s*([^<]+)", response.text
        )
        return f"answered {response.status_code}: {errors or response.text[:300]}"
    count = AuditEntry.objects.count() - before
    new = AuditEntry.objects.order_by("-id").limit(count) if count > 0 else []
    actions = {entry.action for entry in new}
    if not actions:
        return "left no audit entry"
    if way.action and way.action not in actions:
        return f"left {sorted(actions)}, not {way.action!r}"
    return None


def _refused(app, world, endpoint, rule):
    """What is wrong with a closed route: it must refuse the district admin and write nothing."""
    client = app.test_client()
    client.post("/login", data={"username": world["users"]["district_admin"].username,
                                "password": "Test-password-1"})  # fmt: skip
    before = AuditEntry.objects.count()
    method = "POST" if rule.methods & WRITE_METHODS else "GET"
    data = {"id": str(world["values"]["demand"]), "action": "delete",
            "rowid": str(world["values"]["demand"])}  # fmt: skip
    url = rule.rule + (f"?id={world['values']['demand']}" if "edit" in rule.rule else "")
    response = client.open(url, method=method, data=data)
    if response.status_code not in (302, 403, 404) or AuditEntry.objects.count() != before:
        return f"closed, yet answered {response.status_code} and wrote to the trail"
    return None


def test_every_write_route_leaves_an_audit_entry(app, world):
    wrong = []
    rules = {rule.endpoint: rule for rule in app.url_map.iter_rules()}
    for endpoint in sorted(write_routes(app) & set(EXPECTED), key=lambda e: ("delete" in e, e)):
        way = EXPECTED[endpoint]
        problem = (
            _refused(app, world, endpoint, rules[endpoint])
            if isinstance(way, Closed)
            else _exercise(app, world, way)
        )
        if problem:
            wrong.append(f"{endpoint}: {problem}")
    assert not wrong, "\n".join(wrong)
    assert Demand.objects(resident_name="王芳").count() == 1  # the import's one row
    assert ServiceRecord.objects(activity_name="清洁日").count() == 1
