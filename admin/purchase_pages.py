"""Routes of the purchased-services lists beyond Flask-Admin's: a call's actions, the street
entering an application, a panel member's scoring, documents, the scores' XLSX, and delivery.
The rules are weimin.purchase's; `get_one` keeps every route inside the user's scope."""

from bson import ObjectId
from flask import abort, flash, redirect, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_login import current_user
from mongoengine import ValidationError

from admin.purchase_forms import application_input, flash_errors, send_document, slots
from admin.purchase_objection_pages import objections_of
from models import Application, Fund, Organisation, PanelScore
from models.application import APPLICATION_STATES
from models.base import utcnow
from models.choices import label
from models.references import ref_id
from weimin.access import CREATE, DECIDE, EXPORT, may, may_change, may_ledger
from weimin.access.policy import SCORE
from weimin.access.scope import on_panel, scoped_query
from weimin.core.sheets import send_table
from weimin.demands.errors import TransitionError
from weimin.exports.purchase import scores_table
from weimin.purchase import applications, award, calls, delivery, milestones, review
from weimin.purchase.calls import ACTIONS

# The actions each state offers on a call's page, in order.
OFFERED = {"draft": ("publish", "cancel"), "published": ("close", "cancel"),
           "closed": ("review", "cancel"), "reviewing": ("award", "cancel"),
           "awarded": ("finalise",)}  # fmt: skip


def _back(view, call):
    return redirect(view.get_url(".details_view", id=str(call.pk)))


class CallPagesMixin:
    """A call's page (its details) and what is done from it."""

    def render(self, template, **kwargs):
        if template == self.details_template and kwargs.get("model") is not None:
            kwargs.update(self.call_page(kwargs["model"]))
        return super().render(template, **kwargs)

    def call_page(self, call):
        ranked = call.status in ("reviewing", "awarded", "final")
        runs = may_change(current_user, call)  # a district-wide call: the district admin's
        return {
            "applications": list(Application.objects(call=call.pk).order_by("submitted_at")),
            "rows": review.ranking(call) if ranked else [],
            "tie_rule": review.TIE_RULE,
            "status_label": lambda code: label(APPLICATION_STATES, code),
            "missing": len(review.missing(call)) if call.status == "reviewing" else 0,
            "offered": OFFERED.get(call.status, ()) if runs
            and may(current_user, self.endpoint, DECIDE) else (),
            "may_score": call.status == "reviewing" and on_panel(current_user, call)
            and may(current_user, "application", SCORE),
            "may_enter": runs and calls.is_open(call, utcnow())
            and may(current_user, "application", CREATE),
            "may_export": may(current_user, self.endpoint, EXPORT),
            "scored": {ref_id(s, "application") for s in PanelScore.objects(
                call=call.pk, member=current_user.pk)},
            **objections_of(call),
        }  # fmt: skip

    @expose("/act/", methods=("POST",))
    def act_view(self):
        """Publish, close, start the review, award, finalise or cancel a call."""
        if not may(current_user, self.endpoint, DECIDE):
            abort(403)
        call = self.get_one(request.form.get("id"))
        if not may_change(current_user, call):
            abort(403)
        action, now = request.form.get("do"), utcnow()
        if action not in ACTIONS:
            abort(400)
        try:
            if action not in OFFERED.get(call.status, ()):  # revoking is an objection's
                raise TransitionError(_("This cannot be done while the call is in this state."))
            if action == "award":
                chosen = [ObjectId(i) for i in request.form.getlist("awarded")
                          if ObjectId.is_valid(i)]  # fmt: skip
                award.award(call, chosen, current_user.username, now)
            elif action == "finalise":
                award.finalise(call, current_user.username, now)
            elif action == "close":
                refused = applications.close(call, now)
                if refused:
                    flash(_("%(n)d applications were refused as not eligible.",
                            n=len(refused)), "warning")  # fmt: skip
            else:
                calls.advance(call, action, now, note=request.form.get("note"))
        except TransitionError as exc:
            flash(exc.message, "error")
            flash_errors(exc.errors)
        except ValidationError as exc:  # a draft that does not validate is not published
            call.reload()
            flash(_("Please correct the errors below."), "error")
            flash_errors({"call": [exc.message or str(exc)]})
        else:
            flash(_("Done."), "success")
        return _back(self, call)

    @expose("/enter/", methods=("GET", "POST"))
    def enter_view(self):
        """The street enters an application on an organisation's behalf."""
        if not may(current_user, "application", CREATE):
            abort(403)
        call = self.get_one(request.args.get("id"))
        if not may_change(current_user, call):
            abort(403)
        orgs = scoped_query(current_user, Organisation).filter(active=True).order_by("name")
        if call.street is not None:
            orgs = orgs.filter(street=ref_id(call, "street"))
        if request.method == "POST":
            org = orgs.filter(pk=request.form.get("organisation")).first() if ObjectId.is_valid(
                request.form.get("organisation") or "") else None  # fmt: skip
            form, uploads = application_input(call)
            try:
                if org is None:
                    message = _("Choose the organisation.")
                    raise TransitionError(message, {"organisation": [message]})
                applications.submit(call, org, form, uploads, current_user.username, utcnow())
            except TransitionError as exc:
                flash(exc.message, "error")
                flash_errors(exc.errors)
            else:
                flash(_("The application was taken in."), "success")
                return _back(self, call)
        return self.render("admin/purchase/enter.html", call=call, orgs=orgs,
                           slots=slots(call), values=request.form)  # fmt: skip

    @expose("/score/", methods=("GET", "POST"))
    def score_view(self):
        """A panel member scores one application, or declares a tie to its organisation."""
        if not may(current_user, "application", SCORE):
            abort(403)
        call = self.get_one(request.args.get("id"))
        app_id = request.args.get("application")
        application = Application.objects(call=call.pk, pk=app_id).first() if ObjectId.is_valid(
            app_id or "") else None  # fmt: skip
        if application is None:
            abort(404)
        if not on_panel(current_user, call):
            abort(403)
        mine = PanelScore.objects(application=application.pk, member=current_user.pk).first()
        if request.method == "POST":
            try:
                if request.form.get("do") == "declare":
                    review.declare(call, application, current_user, request.form.get("note"))
                else:
                    marks = {c.name: request.form.get(f"mark-{n}", "")
                             for n, c in enumerate(call.criteria)}  # fmt: skip
                    review.score(call, application, current_user, marks)
            except TransitionError as exc:
                flash(exc.message, "error")
                flash_errors(exc.errors)
            else:
                flash(_("Saved."), "success")
                return _back(self, call)
        return self.render("admin/purchase/score.html", call=call, application=application,
                           mine=mine, values=request.form)  # fmt: skip

    @expose("/scores.xlsx")
    def scores_export(self):
        """The ranking and every member's marks of a call, as XLSX with typed cells."""
        if not may(current_user, self.endpoint, EXPORT):
            abort(403)
        return send_table(scores_table(self.get_one(request.args.get("id"))), "xlsx")


class ApplicationPagesMixin:
    """An application's documents, downloaded inside the user's scope."""

    @expose("/file/")
    def file_view(self):
        return send_document(self.get_one(request.args.get("id")), request.args.get("n"))


class ContractPagesMixin:
    """A contract's delivery: the first payment, those between, acceptance, the final one."""

    def render(self, template, **kwargs):
        if template == self.details_template and kwargs.get("model") is not None:
            contract = kwargs["model"]
            kwargs["funds"] = list(Fund.objects(street=ref_id(contract, "street"),
                                                status="open").order_by("name"))  # fmt: skip
            kwargs["may_pay"] = may_ledger(current_user, "disbursement")
            kwargs["next_due"] = milestones.next_on_action(contract)
            count = len(contract.milestones)
            kwargs["paid_when"] = [milestones.WHEN[milestones.when(n, count)]
                                   for n in range(count)]  # fmt: skip
            kwargs["may_accept"] = may(current_user, "purchase_call", DECIDE)
        return super().render(template, **kwargs)

    @expose("/deliver/", methods=("POST",))
    def deliver_view(self):
        contract = self.get_one(request.form.get("id"))
        action, now, actor = request.form.get("do"), utcnow(), current_user.username
        paying = action in ("start", "pay_next", "pay_final")
        if not (may_ledger(current_user, "disbursement") if paying
                else may(current_user, "purchase_call", DECIDE)):  # fmt: skip
            abort(403)
        fund = request.form.get("fund") or None
        fund = ObjectId(fund) if fund and ObjectId.is_valid(fund) else None
        try:
            if action == "start":
                delivery.start(contract, fund, actor, now)
            elif action == "pay_next":
                delivery.pay_next(contract, fund, actor, now)
            elif action == "pay_final":
                delivery.pay_final(contract, fund, actor, now)
            elif action == "accept":
                delivery.accept(contract, request.form.get("score"),
                                request.form.get("passed") == "yes",
                                request.form.get("inspector"), actor, now)  # fmt: skip
            else:
                abort(400)
        except TransitionError as exc:
            flash(exc.message, "error")
            flash_errors(exc.errors)
        else:
            flash(_("Done."), "success")
        return redirect(self.get_url(".details_view", id=str(contract.pk)))
