"""A call's objections (异议) on its page: the street enters one brought on paper, answers each
(dismissed with reasons, or upheld — which revokes the award) and opens their documents.
The rules are weimin.purchase.objections'; `get_one` keeps every route inside the user's scope."""

from bson import ObjectId
from flask import abort, flash, redirect, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_login import current_user

from admin.purchase_forms import flash_errors, objection_upload, send_attachment
from models import PurchaseObjection
from models.base import utcnow
from models.choices import label
from models.purchase_objection import OBJECTION_CHANNELS, OBJECTION_STATES
from weimin.access import CREATE, DECIDE, may, may_change
from weimin.access.masking import shown
from weimin.demands.errors import TransitionError
from weimin.purchase import objections

RESOURCE = "purchase_objection"


def objections_of(call):
    """What a call's page shows of its objections, and what the user may do with them."""
    now = utcnow()
    return {
        "objections": list(PurchaseObjection.objects(call=call.pk).order_by("submitted_at")),
        "objection_state": lambda code: label(OBJECTION_STATES, code),
        "objection_channel": lambda code: label(OBJECTION_CHANNELS, code),
        "may_record_objection": objections.closed_reason(call, now) is None
        and may(current_user, RESOURCE, CREATE)
        and may_change(current_user, call),
        "may_answer": may(current_user, RESOURCE, DECIDE) and may_change(current_user, call),
        "objector_phone": lambda o: shown(current_user, o, "objector_phone"),
    }


class CallObjectionsMixin:
    """Routes of a call's page that take and answer objections."""

    def _objection(self, call, objection_id):
        if not ObjectId.is_valid(objection_id or ""):
            abort(404)
        found = PurchaseObjection.objects(pk=objection_id, call=call.pk).first()
        if found is None:
            abort(404)
        return found

    def _to_call(self, call):
        return redirect(self.get_url(".details_view", id=str(call.pk)) + "#objections")

    @expose("/objection/", methods=("GET", "POST"))
    def objection_view(self):
        """The street enters an objection brought on paper during the 公示."""
        if not may(current_user, RESOURCE, CREATE):
            abort(403)
        call = self.get_one(request.args.get("id"))
        if not may_change(current_user, call):  # a district-wide call: the district admin's
            abort(403)
        if request.method == "POST":
            try:
                objections.lodge(
                    call, request.form.get("grounds"), objection_upload(),
                    current_user.username, utcnow(), name=request.form.get("objector_name"),
                    phone=request.form.get("objector_phone"),
                )  # fmt: skip
            except TransitionError as exc:
                flash(exc.message, "error")
                flash_errors(exc.errors)
            else:
                flash(_("The objection was taken in."), "success")
                return self._to_call(call)
        return self.render("admin/purchase/objection.html", call=call,
                           closed=objections.closed_reason(call, utcnow()),
                           values=request.form)  # fmt: skip

    @expose("/answer/", methods=("POST",))
    def answer_view(self):
        """Answer one objection: dismissed with reasons, or upheld (the award is revoked)."""
        if not may(current_user, RESOURCE, DECIDE):
            abort(403)
        call = self.get_one(request.form.get("id"))
        if not may_change(current_user, call):
            abort(403)
        objection = self._objection(call, request.form.get("objection"))
        outcome = request.form.get("outcome")
        try:
            objections.answer(objection, outcome, request.form.get("answer"),
                              current_user.username, utcnow())  # fmt: skip
        except TransitionError as exc:
            flash(exc.message, "error")
            flash_errors(exc.errors)
        else:
            flash(_("The objection was upheld: the award is revoked and the call is under "
                    "review again.") if outcome == "upheld" else _("The answer was recorded."),
                  "success")  # fmt: skip
        return self._to_call(call)

    @expose("/objection_file/")
    def objection_file(self):
        """An objection's supporting document, inside the user's scope."""
        call = self.get_one(request.args.get("id"))
        return send_attachment(self._objection(call, request.args.get("objection")).document)
