"""Every /admin route's expected answer per role, written out by hand from the brief.

Inherited routes of a model view take their rule from the letters of permissions.VIEWS;
routes a view adds itself, and pages that are not model lists, are listed one by one.
tests/security/test_routes.py asks every rule of app.url_map for these answers.
"""

from admin import VIEWS as ADMIN_VIEWS
from tests.security.permissions import (
    ALLOCATORS,
    BOARD_KEEPERS,
    CALL_DECIDERS,
    CALL_SCORE_EXPORTERS,
    DECIDE_HOURS,
    LEDGER,
    PAGES,
    PRINTERS,
    PUBLISH,
    ROLES,
    may,
)

ANONYMOUS = "anonymous"
WHO = (*ROLES, ANONYMOUS)
STAFF = {"district_admin", "street_admin", "community_worker"}
EXPORTERS = STAFF | {"supervisor"}
RECEIPTS = STAFF  # a donor's receipt: the staff who take money in
MODELS = {endpoint: document.__name__ for _cls, document, *_, endpoint in ADMIN_VIEWS}
CLOSED = 404  # a route the product does not use: not found, whoever asks

# Inherited routes of a model view, per method: the request, and the letter of
# permissions.VIEWS it needs (None: the product never uses it — Flask-Admin's GridFS reader
# served any bucket's file, so other users' exports, to anyone who could open a list; inline
# editing is not offered). `allowed`/`refused` (302 unless given) answer a user who may open
# the list; a refused request changes nothing: not the record, not the collection.
INHERITED = {
    "index_view": [dict(method="GET", path="/", letter="L", allowed=200)],
    "details_view": [dict(method="GET", path="/details/?id={inside}", letter="V", allowed=200)],
    "create_view": [dict(method="GET", path="/new/", letter="C", allowed=200),
                    # an empty form: back with its field errors
                    dict(method="POST", path="/new/", letter="C", allowed=200)],
    "edit_view": [dict(method="GET", path="/edit/?id={inside}", letter="E", allowed=200),
                  dict(method="POST", path="/edit/?id={inside}", letter="E", allowed=200)],
    "export": [dict(method="GET", path="/export/csv/", letter="X", allowed=200, refused=403)],
    "ajax_lookup": [dict(method="GET", path="/ajax/lookup/?name={lookup}&query=", letter="CE",
                         allowed=200, refused=403)],
    "delete_view": [dict(method="POST", path="/delete/", data={"id": "{inside}"}, letter="D",
                         allowed=302)],
    "action_view": [dict(method="POST", path="/action/", letter="D", allowed=302,
                         data={"action": "delete", "rowid": "{inside}"})],
    "ajax_update": [dict(method="POST", path="/ajax/update/", letter=None,
                         data={"list_form_pk": "{inside}", "name": "改名"})],
    "api_file_view": [dict(method="GET", path="/api/file/?id={file}&coll=exports",
                           letter=None)],
}  # fmt: skip
# Walked last, in this order (a bulk delete of a record already deleted still answers 302).
DESTRUCTIVE = ("delete_view", "action_view")


def _pages(path):
    return {role: PAGES[path][ROLES.index(role)] for role in ROLES}


def _roles(allowed, ok=200, refused=403):
    return {role: ok if role in allowed else refused for role in ROLES}


EDITORS = {role for role in ROLES if may("demand", role, "E")}

# Routes a view adds itself, and pages that are not model lists, per method: the request and
# the status each role gets (anonymous visitors are sent to sign in, except for public files).
CUSTOM = {
    "admin.index": [("GET", "/admin/", None, _pages("/admin/"))],
    "admin.static": [("GET", "/admin/static/admin/js/helpers.js", None,
                      {**_roles(ROLES), ANONYMOUS: 200})],
    "clearance_report.board": [("GET", "/admin/clearance_report/board/", None,
                                _pages("/admin/clearance_report/board/"))],
    "clearance_month.decide": [("POST", "/admin/clearance_month/decide/",
                                {"id": "{month}", "do": "publish", "confirm": "yes"},
                                _roles(PUBLISH, 302))],
    # Publishing or reopening months chosen in the list: a page that asks to confirm. Those who
    # may not publish find no such page.
    "clearance_month.confirm": [
        ("GET", "/admin/clearance_month/confirm/?do=publish&ids={month}", None,
         {**_roles(PUBLISH), "community_worker": 404, "supervisor": 404}),
        ("POST", "/admin/clearance_month/confirm/",
         {"do": "publish", "ids": "{month}", "confirm": "yes"},
         {**_roles(PUBLISH, 302), "community_worker": 404, "supervisor": 404}),
    ],
    "service_record.decide_view": [
        ("GET", "/admin/service_record/decide/?id={record}", None, _roles(DECIDE_HOURS)),
        ("POST", "/admin/service_record/decide/?id={record}", {}, _roles(DECIDE_HOURS)),
    ],
    # A board motion's page: whoever reads motions sees it; staff record the meeting and the
    # decision; the admins who allocate enter a passed allocation in the ledger.
    "fund_motion.meeting_view": [
        ("GET", "/admin/fund_motion/meeting/?id={motion}", None,
         _roles(BOARD_KEEPERS | {"supervisor"})),
        ("POST", "/admin/fund_motion/meeting/?id={motion}", {"minutes": "纪要"},
         _roles(BOARD_KEEPERS, 302)),
    ],
    "fund_motion.decide": [("POST", "/admin/fund_motion/decide/", {"id": "{motion}"},
                            _roles(BOARD_KEEPERS, 302))],
    "fund_motion.execute": [("POST", "/admin/fund_motion/execute/", {"id": "{motion}"},
                             _roles(ALLOCATORS, 302))],
    # A topic's step forms: whoever reads topics is sent back to its page; staff take the step.
    "topic.step_view": [
        ("GET", "/admin/topic/step/?id={topic}&do=close", None,
         {**_roles(BOARD_KEEPERS), "supervisor": 302}),
        ("POST", "/admin/topic/step/?id={topic}&do=close", {"reason": "重复"},
         _roles(BOARD_KEEPERS, 302)),
    ],
    "demand.act_view": [("POST", "/admin/demand/act/",
                         {"id": "{demand}", "action": "escalate", "rev": "0"},
                         _roles(EDITORS, 302))],
    # A supervisor reads demands but cannot act on them: the bulk page is not there for them.
    "demand.bulk_view": [
        ("GET", "/admin/demand/bulk/?do=assign&ids={demand}", None,
         {**_roles(EDITORS), "supervisor": 404}),
        ("POST", "/admin/demand/bulk/", {"do": "assign", "ids": "{demand}", "organisation": ""},
         {**_roles(EDITORS), "supervisor": 404}),
    ],
    "demand_import.index": [
        ("GET", "/admin/demand_import/", None, _pages("/admin/demand_import/")),
        ("POST", "/admin/demand_import/", {}, _pages("/admin/demand_import/")),
    ],
    "demand_import.template": [("GET", "/admin/demand_import/template/{item}", None,
                                _roles(STAFF))],
    "signin_import.index": [
        ("GET", "/admin/signin_import/", None, _pages("/admin/signin_import/")),
        ("POST", "/admin/signin_import/", {}, _pages("/admin/signin_import/")),
    ],
    "signin_import.template": [("GET", "/admin/signin_import/template.xlsx", None,
                                _roles(STAFF))],
    "exports.index": [("GET", "/admin/exports/", None, _pages("/admin/exports/"))],
    # The users' guide: each role its own, the district admin every role's.
    "help.index": [("GET", "/admin/help/", None, _pages("/admin/help/"))],
    "help.page": [("GET", "/admin/help/street_admin/", None,
                   {**_roles({"district_admin", "street_admin"}), "volunteer": 302})],
    "exports.ratings": [("GET", "/admin/exports/ratings?period=2026", None,
                         _roles(EXPORTERS))],
    "exports.clearance": [("GET", "/admin/exports/clearance?month=2026-10", None,
                           _roles(EXPORTERS))],
    "exports.volunteer_hours": [("GET", "/admin/exports/volunteer-hours", None,
                                 _roles(EXPORTERS))],
    # The audit trail is exported from its list, as filtered there.
    "exports.audit": [("GET", "/admin/exports/audit", None,
                       _roles({r for r in ROLES if may("audit", r, "X")}, 302))],
    "exports.jobs": [("GET", "/admin/exports/jobs/", None, _roles(EXPORTERS))],
    # A fund's entry forms: each kind for those who write it (a volunteer cannot open funds).
    "fund.entry_view": [
        (method, f"/admin/fund/entry/{kind}/?id={{fund}}", {} if method == "POST" else None,
         _roles(LEDGER[kind]))
        for kind in LEDGER for method in ("GET", "POST")
    ],
    # Somebody else's background export does not exist for anyone but its owner.
    "exports.job": [("GET", "/admin/exports/jobs/{job}", None, _roles(EXPORTERS, 404))],
    "exports.download": [("GET", "/admin/exports/jobs/{job}/download", None,
                          _roles(EXPORTERS, 404))],
    # Fund statements (per fund, community, street; month or year) and their XLSX.
    "fund_statement.index": [("GET", "/admin/fund_statement/?period=2026", None,
                              _pages("/admin/fund_statement/"))],
    "fund_statement.export": [("GET", "/admin/fund_statement/export?period=2026-10", None,
                               _roles(EXPORTERS))],
    # A donor's receipt: by its contribution's id, inside the user's scope.
    "fund_receipt.index": [("GET", "/admin/fund/receipt/", None,
                            _pages("/admin/fund/receipt/"))],
    "fund_receipt.show": [("GET", "/admin/fund/receipt/{contribution}", None,
                           _roles(RECEIPTS))],
    # A community's resident-page poster: whoever may open that community.
    "community.poster_view": [("GET", "/admin/community/poster/?id={community}", None,
                               _roles({r for r in ROLES if may("community", r, "L")}))],
    "fund_receipt.pdf": [("GET", "/admin/fund/receipt/{contribution}.pdf", None,
                          _roles(RECEIPTS))],
    # A demand's receipt and work order, page and PDF: the staff over it.
    "demand_print.index": [("GET", "/admin/demand/print/", None, _pages("/admin/demand/print/"))],
    "demand_print.page": [("GET", f"/admin/demand/print/{doc}/{{demand}}", None, _roles(PRINTERS))
                          for doc in ("receipt", "work-order")],
    "demand_print.pdf": [("GET", f"/admin/demand/print/{doc}/{{demand}}.pdf", None,
                          _roles(PRINTERS)) for doc in ("receipt", "work-order")],
    # Sending a failed outbox message again: the staff over it; supervisors only read.
    "outbox.retry_view": [("POST", "/admin/outbox/retry/", {"id": "{outbox}"},
                           _roles(STAFF, 302))],
    # Visit coverage per grid and month, and its XLSX.
    "grid_coverage.index": [("GET", "/admin/grid_coverage/?month=2026-10", None,
                             _pages("/admin/grid_coverage/"))],
    "grid_coverage.export": [("GET", "/admin/grid_coverage/export?month=2026-10", None,
                              _roles(EXPORTERS))],
    # Purchased services. A call's actions (here: closing before the deadline, refused with a
    # message) and acceptance are the admins'; nobody in the world is on the call's panel, so
    # scoring answers 403 to all (the panel's own tests: tests/purchase).
    "purchase_call.act_view": [("POST", "/admin/purchase_call/act/",
                                {"id": "{call}", "do": "close"}, _roles(CALL_DECIDERS, 302))],
    "purchase_call.enter_view": [
        ("GET", "/admin/purchase_call/enter/?id={call}", None, _roles(CALL_DECIDERS)),
        ("POST", "/admin/purchase_call/enter/?id={call}", {}, _roles(CALL_DECIDERS)),
    ],
    "purchase_call.score_view": [
        (method, "/admin/purchase_call/score/?id={call}&application={application}",
         {} if method == "POST" else None, _roles(()))
        for method in ("GET", "POST")
    ],
    "purchase_call.scores_export": [("GET", "/admin/purchase_call/scores.xlsx?id={call}", None,
                                     _roles(CALL_SCORE_EXPORTERS))],
    "application.file_view": [("GET", "/admin/application/file/?id={application}&n=0", None,
                               _roles(STAFF | {"supervisor"}))],
    # Objections on a call's page: the admins enter paper ones (here: nothing given, the form
    # comes back with its messages) and answer (here: no reasons, refused with a message);
    # everyone who reads the call opens an objection's document.
    "purchase_call.objection_view": [
        ("GET", "/admin/purchase_call/objection/?id={objection_call}", None,
         _roles(CALL_DECIDERS)),
        ("POST", "/admin/purchase_call/objection/?id={objection_call}", {},
         _roles(CALL_DECIDERS)),
    ],
    "purchase_call.answer_view": [("POST", "/admin/purchase_call/answer/",
                                   {"id": "{objection_call}", "objection": "{objection}",
                                    "outcome": "dismissed", "answer": ""},
                                   _roles(CALL_DECIDERS, 302))],
    "purchase_call.objection_file": [
        ("GET", "/admin/purchase_call/objection_file/?id={objection_call}&objection={objection}",
         None, _roles(STAFF | {"supervisor"}))],
    "purchase_contract.deliver_view": [("POST", "/admin/purchase_contract/deliver/",
                                        {"id": "{contract}", "do": "accept", "score": "x"},
                                        _roles(CALL_DECIDERS, 302))],
}  # fmt: skip
