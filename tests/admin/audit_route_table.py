"""EXPECTED: how to exercise each write route of the app with valid input, by an allowed role.

Placeholders in braces are filled from the `world` of tests/admin/test_audit_routes.py. A route
nobody may write to is Closed, with the reason. Add a row here when you add a write route.
"""

from tests.admin.audit_routes import (
    INLINE,
    LEDGER,
    READ_ONLY,
    Closed,
    Way,
    act,
    create,
    delete,
    edit,
    export,
)

VISITS = "visit logs are written on the grid worker's pages (gridlog.new_visit), never here"

MODEL_WRITES = {
    "demand": dict(
        create=create("demand", {"resident_name": "钱多多", "resident_phone": "13700001111",
                                 "channel": "window", "description": "新的诉求",
                                 "community": "{community}"}, query="?item={item}"),
        edit=edit("demand", {"description": "改过的描述"}),
        delete=Closed("demands are voided with a reason (demand.act_view), never deleted"),
        action_view=act("demand", "start", role="street_admin", target="{assigned}",
                        entry="update")),
    "category": dict(create=create("category", {"code": "NEWCAT", "name": "新类别",
                                                "street": "{street}"}),
                     edit=edit("category", {"name": "改名类别"})),
    "item": dict(create=create("item", {"code": "NEWIT", "name": "新事项", "kind": "affair",
                                        "category": "{category}", "handling_level": "routine",
                                        "street": "{street}"}),
                 edit=edit("item", {"name": "改名事项"})),
    "organisation": dict(create=create("organisation", {"name": "新组织", "org_type": "filed",
                                                        "street": "{street}"}),
                         edit=edit("organisation", {"name": "改名组织"})),
    "volunteer": dict(create=create("volunteer", {"name": "新志愿者", "id_number": "{new_id}",
                                                  "gender": "male",
                                                  "phone": "13700002222", "consent": "y",
                                                  "street": "{street}",
                                                  "community": "{community}"}),
                      edit=edit("volunteer", {"name": "改名志愿者"})),
    "service_record": dict(
        create=create("service_record", {"volunteer": "{volunteer}", "activity_name": "助餐",
                                         "activity_date": "{yesterday}", "location": "食堂",
                                         "content": "送餐", "hours": "1.5",
                                         "organisation": "{organisation}", "leader": "王队长"}),
        edit=edit("service_record", {"location": "新地点"})),
    "district": dict(create=create("district", {"code": "D7", "name": "新区"}),
                     edit=edit("district", {"name": "改名区"})),
    "street": dict(create=create("street", {"code": "S77", "name": "新街道",
                                            "district": "{district}"}),
                   edit=edit("street", {"name": "改名街道"})),
    "community": dict(create=create("community", {"code": "C77", "name": "新社区",
                                                  "street": "{street}"}),
                      edit=edit("community", {"name": "改名社区"})),
    "rule_set": dict(create=create("rule_set", {"kind": "deadline", "code": "dl", "name": "时限",
                                                "params": '{"levels": {}}', "active": "y"}),
                     edit=Closed("rule sets change by new versions, never in place")),
    "user": dict(create=create("user", {"username": "newone", "name": "新用户",
                                        "role": "supervisor", "password": "Fresh-pass-2026"}),
                 edit=edit("user", {"name": "改名用户"})),
    "api_token": dict(create=create("api_token", {"name": "新平台", "street": "{street}",
                                                  "scopes": "demands:read", "active": "y"}),
                      edit=edit("api_token", {"name": "改名平台"})),
    "job_run": dict(create=create("job_run", {"kind": "sla", "period": ""}),
                    edit=Closed("a run is never edited"), delete=Closed("runs are kept"),
                    action_view=Closed("no bulk action on runs")),
    "clearance_month": dict(create=Closed(READ_ONLY), edit=Closed(READ_ONLY),
                            delete=Closed(READ_ONLY),
                            action_view=Closed("publish/reopen from the list only lead to "
                                               "clearance_month.confirm, which writes")),
    "rating_period": dict(create=Closed("rating runs make the periods"),
                          edit=Closed("periods change by publishing and reopening"),
                          delete=Closed("periods are kept"),
                          action_view=act("rating_period", "reopen", target="{published_ratings}",
                                          entry="")),
    "objection_contact": dict(
        create=create("objection_contact", {"street": "{spare_street}", "office": "党群服务中心",
                                            "phone": "0574-86881234", "address": "人民路1号"}),
        edit=edit("objection_contact", {"office": "改名办公室"})),
    "fund_motion": dict(
        create=create("fund_motion", {"fund": "{crowd_fund}", "kind": "rule", "title": "新规则",
                                      "text": "助老项目优先"}),
        edit=edit("fund_motion", {"title": "改名议题"}),
        delete=Closed("motions are kept: nobody may delete them"),
        action_view=Closed("the only bulk action is delete, which nobody may")),
    "fund": dict(create=create("fund", {"name": "新基金", "kind": "fiscal", "street": "{street}",
                                        "status": "open"}),
                 edit=edit("fund", {"purpose": "助老助残"}),
                 delete=Closed("funds are closed, never deleted"),
                 action_view=Closed("no bulk action on funds")),
    "ledger_entry": dict(create=Closed(LEDGER), edit=Closed(LEDGER), delete=Closed(LEDGER),
                         action_view=Closed(LEDGER)),
    "grid": dict(create=create("grid", {"community": "{community}", "code": "G77",
                                        "name": "新网格", "buildings": "3", "households": "90"}),
                 edit=edit("grid", {"name": "改名网格"})),
    "visit": dict(create=Closed(VISITS), edit=Closed(VISITS), delete=Closed(VISITS),
                  action_view=Closed(VISITS)),
}  # fmt: skip
for _endpoint in ("clearance_report", "clearance_revision", "star_rating", "volunteer_star",
                  "audit"):  # fmt: skip
    MODEL_WRITES[_endpoint] = {v: Closed(READ_ONLY) for v in ("create", "edit", "delete")}
    MODEL_WRITES[_endpoint]["action_view"] = Closed(READ_ONLY)

EXPECTED = {}
for _endpoint, _ways in MODEL_WRITES.items():
    EXPECTED[f"{_endpoint}.create_view"] = _ways["create"]
    EXPECTED[f"{_endpoint}.edit_view"] = _ways["edit"]
    EXPECTED[f"{_endpoint}.delete_view"] = _ways.get("delete") or delete(_endpoint)
    EXPECTED[f"{_endpoint}.action_view"] = _ways.get("action_view") or act(_endpoint)
    EXPECTED[f"{_endpoint}.ajax_update"] = Closed(INLINE)
for _endpoint in ("demand", "volunteer", "clearance_report", "clearance_revision", "star_rating",
                  "audit", "fund", "ledger_entry", "visit"):  # fmt: skip
    EXPECTED[f"{_endpoint}.export"] = export(_endpoint)
for _endpoint in ("category", "item", "organisation", "service_record", "clearance_month",
                  "volunteer_star", "job_run", "district", "street", "community", "rule_set",
                  "user", "api_token", "rating_period", "objection_contact",
                  "fund_motion", "grid"):  # fmt: skip
    EXPECTED[f"{_endpoint}.export"] = Closed("this list has no export (answers 403)")

EXPECTED.update({
    "auth.login": Way("anonymous", "POST", "/login",
                      {"username": "{username}", "password": "Test-password-1"}, action="login"),
    "auth.logout": Way("supervisor", "POST", "/logout", action="logout"),
    "api.take_in": Way("anonymous", "POST", "/api/v1/demands", {
        "item": "{item_code}", "community": "{community_code}", "resident_name": "李爷爷",
        "resident_phone": "13700001111", "channel": "wechat", "description": "想要上门理发",
        "values": {}}, action="create", status=(201,), json=True),
    "api.demand_transition": Way("anonymous", "POST", "/api/v1/demands/{ticket}/transitions",
                                 {"action": "escalate", "rev": 0}, action="update", json=True),
    "public.evaluate": Way("anonymous", "POST", "/e/{evaluation}",
                           {"satisfaction": "satisfied", "resolved": "yes"}, action="update"),
    "public.claim": Way("volunteer", "POST", "/wall/{wish}/claim", {"confirm": "yes"},
                        action="update"),
    "me.release": Way("volunteer", "POST", "/me/wishes/{claimed}/release", {"confirm": "yes"},
                      action="update", status=(302,)),
    "me.log": Way("volunteer", "POST", "/me/log", {
        "activity_name": "陪伴", "activity_date": "{yesterday}", "location": "中心",
        "content": "聊天", "hours": "2", "leader": "王队长", "organisation": "{organisation}"},
        action="create", status=(302,)),
    "me.edit": Way("volunteer", "POST", "/me/records/{submitted}/edit", {
        "activity_name": "陪伴老人", "activity_date": "{yesterday}", "location": "中心",
        "content": "聊天", "hours": "2", "leader": "王队长", "organisation": "{organisation}"},
        action="update", status=(302,)),
    "me.ask_correction": Way("volunteer", "POST", "/me/records/{approved}/request",
                             {"text": "时长应为3小时"}, action="correction", status=(302,)),
    "me.certificate": Way("volunteer", "POST", "/me/certificate", action="create"),
    "me.decide": Way("volunteer", "POST", "/me/review/{to_review}", {"approve": "y"},
                     action="update", status=(302,)),
    "service_record.decide_view": Way("street_admin", "POST",
                                      "/admin/service_record/decide/?id={submitted}",
                                      {"approve": "y"}, action="update", status=(302,)),
    "fund_motion.meeting_view": Way("street_admin", "POST",
                                    "/admin/fund_motion/meeting/?id={open_motion}",
                                    {"meeting_date": "{yesterday}", "minutes": "一致同意",
                                     "vote_0": "yes", "vote_1": "yes"},
                                    action="update", status=(302,)),
    "fund_motion.decide": Way("community_worker", "POST", "/admin/fund_motion/decide/",
                              {"id": "{voted_motion}"}, action="update", status=(302,)),
    "fund_motion.execute": Way("street_admin", "POST", "/admin/fund_motion/execute/",
                               {"id": "{passed_motion}"}, action="create", status=(302,)),
    "demand.act_view": Way("street_admin", "POST", "/admin/demand/act/",
                           {"id": "{demand}", "action": "escalate", "rev": "{rev}"},
                           action="update", status=(302,)),
    "demand.bulk_view": Way("street_admin", "POST", "/admin/demand/bulk/",
                            {"do": "assign", "ids": "{bulk}", "organisation": "{organisation}"},
                            action="update"),
    "demand_import.index": Way("street_admin", "POST", "/admin/demand_import/",
                               {"item": "{item}", "file": "{demand_sheet}"}, action="import",
                               status=(200,)),
    "signin_import.index": Way("street_admin", "POST", "/admin/signin_import/", {
        "organisation": "{organisation}", "activity_name": "清洁日", "activity_date": "{yesterday}",
        "location": "广场", "content": "清理", "leader": "陈队长", "hours": "2",
        "sheet": "{signin_sheet}"}, action="import", status=(302,)),
    "clearance_month.decide": Way("street_admin", "POST", "/admin/clearance_month/decide/",
                                  {"id": "{computed}", "do": "publish", "confirm": "yes"},
                                  action="publish", status=(302,)),
    "clearance_month.confirm": Way("district_admin", "POST", "/admin/clearance_month/confirm/",
                                   {"do": "reopen", "ids": "{published}", "confirm": "yes"},
                                   action="reopen", status=(302,)),
    "exports.ratings": Way("supervisor", "GET", "/admin/exports/ratings?period=2026",
                           action="export"),
    "exports.clearance": Way("supervisor", "GET", "/admin/exports/clearance?month=2026-10",
                             action="export"),
    "exports.volunteer_hours": Way("supervisor", "GET", "/admin/exports/volunteer-hours",
                                   action="export"),
    "fund.entry_view": Way("street_admin", "POST", "/admin/fund/entry/contribution/?id={fund}",
                           {"donor": "张三", "channel": "cash", "amount": "50",
                            "value_date": "{yesterday}"}, action="create", status=(302,)),
    "exports.audit": Closed("redirects to audit.export, which is exercised"),
    "exports.download": Way("supervisor", "GET", "/admin/exports/jobs/{export}/download",
                            action="download"),
    "fund_statement.export": Way("supervisor", "GET", "/admin/fund_statement/export?period=2026",
                                 action="export"),
    "grid_coverage.export": Way("supervisor", "GET", "/admin/grid_coverage/export?month=2026-10",
                                action="export"),
    "gridlog.new_visit": Way("community_worker", "POST", "/grid/visit/new", {
        "grid": "{grid}", "visited_at": "2026-01-05T09:30", "place_kind": "household",
        "place": "3栋401室", "findings": "独居老人需要送餐", "tags": "elderly_alone"},
        action="create", status=(302,)),
    "gridlog.to_demand": Way("community_worker", "POST", "/grid/visits/{visit}/demand", {
        "item": "{item}", "resident_name": "王奶奶", "resident_phone": "13912345678",
        "description": "希望上门送餐"}, action="create", status=(302,)),
})  # fmt: skip
