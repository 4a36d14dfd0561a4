"""Demo purchased services: in every demo street a call in each state, with applications,
panel scores, objections to the announced awards and, for a final award, its contract;
district-wide calls (one open, one announced) with milestones of their own; and the demo
organisation's sign-in."""

from datetime import timedelta
from decimal import Decimal

from bson import ObjectId

from models import (
    Application,
    PanelScore,
    PurchaseCall,
    PurchaseContract,
    PurchaseObjection,
    User,
)
from models.purchase_call import Criterion, MilestoneShare
from models.purchase_contract import Milestone
from seeds.accounts import ORG_ACCOUNT
from weimin.purchase import milestones
from weimin.purchase.calls import application_deadline, objection_end

CRITERIA = (("服务方案", 40), ("团队与经验", 30), ("预算合理性", 20), ("居民评价", 10))
# (state, title, days since publication); awarded and final also name the days since the award.
CALLS = (
    ("draft", "{street}2026年助餐服务项目", None),
    ("published", "{street}独居老人关爱项目", 2),
    ("closed", "{street}青少年课后托管项目", 30),
    ("reviewing", "{street}社区环境微更新项目", 40),
    ("awarded", "{street}邻里互助站运营项目", 50),
    ("final", "{street}幸福邻里中心运营项目", 150),
    ("cancelled", "{street}社区文化节项目", 20),
)
PROPOSALS = ("每周两次上门探访，建立一户一档，联动社区医生。",
             "依托邻里中心开设常态化服务，配备专职社工与志愿者。",
             "以居民议事结果为依据，分阶段实施并公开进展。")  # fmt: skip
# District-wide calls: (state, title, days since publication), paid in three milestones.
DISTRICT_CALLS = (
    ("published", "全区社区心理健康服务项目", 3),
    ("awarded", "全区困境儿童关爱服务项目", 50),
)
STREET_MILESTONES = (("首期款（项目启动）", 30), ("尾款（验收通过后）", 70))
DISTRICT_MILESTONES = (
    ("首期款（项目启动）", 30),
    ("中期款（中期评估后）", 40),
    ("尾款（验收通过后）", 30),
)
TEAMS = ("专职社工3名、志愿者12名", "持证社工2名、心理咨询师1名、志愿者8名",
         "项目主管1名、社工2名、志愿者20名")  # fmt: skip


def build_purchase(rng, now, streets, communities, orgs, staff, item, demands, password_hash):
    """The demo's calls and what hangs on them, as unsaved documents keyed by collection."""
    out = {"purchase_calls": [], "applications": [], "panel_scores": [],
           "purchase_contracts": [], "purchase_objections": [], "users": []}  # fmt: skip
    undertaken = _undertaken(demands, len(streets))
    cap = min(Decimal(50000), Decimal(str(item.subsidy_max or 50000)))
    for street in streets:
        local = [c for c in communities if c.street is street]
        bidders = [o for o in orgs if o.street is street and o.org_type in ("registered", "filed")]
        panel = [u for u in staff if u.street is street][:3]
        projects = [undertaken[street.pk]] if street.pk in undertaken else []
        for state, title, days in CALLS:
            call = _call(street, local, item, cap, panel, state, title, days, now)
            out["purchase_calls"].append(call)
            if state in ("draft", "published", "cancelled"):
                continue
            given = bidders[:3]
            if state == "final" and projects:  # the winner is the project's undertaker
                winner = projects[0].assigned_org
                given = [winner, *(b for b in bidders if b.pk != winner.pk)][:3]
            apps = _applications(rng, call, given, now)
            out["applications"] += apps
            if state in ("reviewing", "awarded", "final"):
                complete = state != "reviewing"
                out["panel_scores"] += _scores(rng, call, apps, panel, complete)
            if state in ("awarded", "final"):
                apps[0].status = "awarded"
                for app in apps[1:]:
                    app.status = "not_awarded" if app.status != "refused" else app.status
            if state == "final" and projects:
                out["purchase_contracts"].append(_contract(call, apps[0], projects[0], now))
            if state in ("awarded", "final"):
                out["purchase_objections"].append(_objection(call, apps, state))
    _district_calls(rng, out, streets, communities, orgs, staff, item, cap, now)
    home = next(o for o in orgs if o.street is streets[0] and o.org_type == "filed")
    username, name = ORG_ACCOUNT
    out["users"].append(
        User(
            id=ObjectId(),
            username=username,
            name=name,
            role="organisation",
            organisation=home,
            street=home.street,
            password_hash=password_hash,
        )
    )
    return out


def _district_calls(rng, out, streets, communities, orgs, staff, item, cap, now):
    """District-wide calls: any street's organisations bid; the panel from two streets."""
    panel = [next(u for u in staff if u.street is s and u.role == "street_admin")
             for s in streets[:2]]  # fmt: skip
    # The service area lists a community in each of two streets.
    area = [next(c for c in communities if c.street is s) for s in streets[:2]]
    bidders = [next(o for o in orgs if o.street is s and o.org_type in ("registered", "filed")
                    and o.community in (None, *area)) for s in streets[:2]]  # fmt: skip
    for state, title, days in DISTRICT_CALLS:
        call = _call(None, area, item, cap, panel, state, title, days, now)
        call.contact_name = "区民政局社会组织科"
        call.milestones = [MilestoneShare(name=n, share=p) for n, p in DISTRICT_MILESTONES]
        out["purchase_calls"].append(call)
        if state == "awarded":
            apps = _applications(rng, call, bidders, now)
            out["applications"] += apps
            out["panel_scores"] += _scores(rng, call, apps, panel, True)
            apps[0].status = "awarded"
            for app in apps[1:]:
                app.status = "not_awarded"


def _call(street, local, item, cap, panel, state, title, days, now):
    call = PurchaseCall(
        id=ObjectId(), title=title.format(street=getattr(street, "name", "")), street=street,
        category=item.category, item=item, need="回应居民在民情日志和议事会上反映的需求。",
        budget_cap=cap, service_start=now + timedelta(days=30),
        service_end=now + timedelta(days=395), org_kinds=["registered", "filed"],
        min_stars=0, communities=local[:2], required_documents=["服务方案", "机构资质"],
        criteria=[Criterion(name=n, weight=w) for n, w in CRITERIA], application_days=10,
        milestones=[MilestoneShare(name=n, share=p) for n, p in STREET_MILESTONES],
        objection_days=5, panel=panel, contact_name="街道社会事务办",
        contact_phone="0574-86881234", status=state, created_at=now,
    )  # fmt: skip
    if days is not None:
        call.published_at = now - timedelta(days=days)
        call.deadline = application_deadline(call.published_at, call.application_days)
    if state == "cancelled":
        call.cancel_reason = "预算调整，下季度重新发布"
    if state in ("awarded", "final"):
        call.awarded_at = now - timedelta(days=1 if state == "awarded" else days - 40)
        call.objection_ends = objection_end(call.awarded_at, call.objection_days)
    if state == "final":
        call.final_at = call.objection_ends
    return call


def _applications(rng, call, bidders, now):
    apps = []
    for n, org in enumerate(bidders):
        budget = (call.budget_cap * Decimal(rng.choice((70, 80, 90))) / 100).quantize(Decimal(1))
        app = Application(
            id=ObjectId(), call=call, organisation=org, street=call.street,
            proposal=PROPOSALS[n % 3], budget=budget, team=TEAMS[n % 3], entered_by="demo",
            submitted_at=call.published_at + timedelta(days=n + 1),
        )  # fmt: skip
        if n == 2:  # the last one shows a refusal at the deadline
            app.status = "refused"
            app.refusals = ["按星级评定规则不具备申报资格：连续多个评定期未评上星级。"]
        apps.append(app)
    return apps


def _scores(rng, call, apps, panel, complete):
    scores = []
    for app in (a for a in apps if a.status != "refused"):
        for m, member in enumerate(panel):
            if not complete and m == len(panel) - 1:
                continue  # the review is still going on: one member has not scored yet
            marks = {c.name: str(rng.randint(70, 95)) for c in call.criteria}
            scores.append(PanelScore(id=ObjectId(), call=call, application=app, member=member,
                                     street=call.street, marks=marks))  # fmt: skip
    return scores


def _contract(call, application, demand, now):
    amount = application.budget
    names, shares = zip(*milestones.plan(call), strict=True)
    return PurchaseContract(
        id=ObjectId(), call=call, application=application, organisation=demand.assigned_org,
        street=call.street, demand=demand, amount=amount, created_at=call.final_at,
        milestones=[Milestone(name=n, share=p, amount=a) for n, p, a
                    in zip(names, shares, milestones.split(amount, shares), strict=True)],
    )  # fmt: skip


def _objection(call, apps, state):
    """An announced award has a resident's objection on paper, waiting for the street's answer;
    a final one had an objection from the runner-up, dismissed before the period ended."""
    at = call.awarded_at + timedelta(hours=5)
    if state == "awarded":
        return PurchaseObjection(
            id=ObjectId(), call=call, street=call.street, awarded_at=call.awarded_at,
            channel="paper", objector_name="陈女士", objector_phone="13905741234",
            grounds="中选机构去年在本社区的服务项目未按期完成，请核实其履约情况。",
            entered_by="demo", submitted_at=at,
        )  # fmt: skip
    return PurchaseObjection(
        id=ObjectId(), call=call, street=call.street, awarded_at=call.awarded_at,
        channel="org", organisation=apps[1].organisation,
        grounds="我方团队经验评分偏低，未考虑我方三年同类项目经历，请复核。",
        entered_by="demo", submitted_at=at, status="dismissed",
        answer="经复核，评审专家已按评分办法综合考虑同类项目经历，评分无误，异议不成立。",
        answered_by="demo", answered_at=at + timedelta(days=1),
    )  # fmt: skip


def _undertaken(demands, streets):
    """{street id: the first project with an undertaker}: one pass, stopping once each has one."""
    found = {}
    for demand in demands:
        if demand.kind == "project" and demand.assigned_org is not None:
            found.setdefault(demand.street.pk, demand)
            if len(found) == streets:
                break
    return found
