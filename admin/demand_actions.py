"""Lifecycle actions on demands in the admin: one at a time from the details page, or in bulk."""

from flask import abort, flash, redirect, request, url_for
from flask_admin import expose
from flask_admin.actions import action
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from admin.scope import scoped_objects
from models import Fund, Organisation, Volunteer
from models.choices import CHANNELS, SATISFACTION, STATUSES, label
from models.demand import Evaluation
from weimin.access import EDIT, may_act, ref_id
from weimin.demands import transitions
from weimin.demands.lifecycle import ACTIONS, IRREVERSIBLE, available_actions
from weimin.demands.links import evaluation_token
from weimin.funds import subsidy

# What each action asks for on the details page.
NEEDS = {
    "assign": ("organisation", "volunteer", "note"),
    "transfer": ("organisation", "volunteer", "note"),
    "claim": ("organisation", "volunteer"),
    "reject": ("note",),
    "fail": ("note",),
    "approve": ("subsidy",),
    "release_subsidy": ("subsidy", "fund"),
    "evaluate": ("evaluation",),
    "void": ("note",),
    "supervise": ("note",),
}
BULK = ("start", "close", "answer")  # bulk actions that need no parameters


def _pick(query, raw, **scope):
    """The record with id `raw` among `query` (a document or a queryset), else None."""
    if not raw or len(raw) != 24:
        return None
    return (getattr(query, "objects", query))(id=raw, **scope).first()


def params_from(form, demand):
    """Action parameters from a posted form; the transitions check the assignee's street."""
    params = {
        "organisation": _pick(Organisation, form.get("organisation")),
        "volunteer": _pick(Volunteer, form.get("volunteer")),
    }
    if form.get("subsidy"):
        params["subsidy"] = form.get("subsidy")
    if form.get("fund"):  # the subsidy step checks the fund may pay for this demand
        params["fund"] = _pick(Fund, form.get("fund")) or form.get("fund")
    if form.get("satisfaction"):
        params["evaluation"] = Evaluation(
            satisfaction=form.get("satisfaction"),
            resolved=form.get("resolved") == "yes",
            comment=(form.get("comment") or "").strip() or None,
            by=current_user.username,
        )
    return params


def _reason(exc):
    """The message of a refused action, with its field-level details."""
    details = "；".join(
        f"{', '.join(map(str, msgs))}" for msgs in getattr(exc, "errors", {}).values()
    )
    return f"{getattr(exc, 'message', exc)} {details}".strip()


def flash_errors(exc):
    flash(_reason(exc), "error")


class DemandActionsMixin:
    """Adds the timeline, the action forms and bulk actions to the demand view."""

    details_template = "admin/lifecycle/details.html"

    def lifecycle_context(self, demand):
        """What the details page needs to offer the allowed actions."""
        names = [n for n in available_actions(demand) if may_act(current_user, n)]
        return {
            "irreversible": IRREVERSIBLE,
            "actions": [(name, ACTIONS[name], NEEDS.get(name, ())) for name in names],
            "organisations": Organisation.objects(street=demand.street, active=True).only("name"),
            "volunteers": (
                Volunteer.objects(community=demand.community)
                .order_by("name", "id")
                .only("name")[:200]
            ),
            "satisfaction": SATISFACTION,
            # The funds that may pay the subsidy, the default (fiscal) one first.
            "funds": subsidy.offered(demand) if "release_subsidy" in names else [],
            "payments": subsidy.paid_for(demand) if demand.kind in ("project", "wish") else [],
            "evaluation_link": (
                url_for("public.evaluate", token=evaluation_token(demand), _external=True)
                if "evaluate" in names
                else None
            ),
            "status_label": lambda code: label(STATUSES, code) if code else "",
            # Intake keeps the channel's code as the step's note.
            "note_text": lambda step: (
                label(CHANNELS, step.note) if step.action == "intake" else step.note
            ),
            "action_label": lambda code: ACTIONS.get(
                code, _l("Intake") if code == "intake" else code
            ),
        }

    @expose("/act/", methods=("POST",))
    def act_view(self):
        if not self.allowed(EDIT):
            abort(403)
        demand = self.get_one(request.form.get("id"))
        target = url_for(".details_view", id=str(demand.pk))
        try:
            rev = int(request.form.get("rev", ""))
        except ValueError:
            abort(400)
        name = request.form.get("action", "")
        if not may_act(current_user, name):
            abort(403)
        if name in IRREVERSIBLE and request.form.get("confirm") != "yes":
            flash(_("Tick the box to confirm: this cannot be undone."), "error")
            return redirect(target)
        try:
            transitions.apply(
                demand,
                name,
                current_user.username,
                request.form.get("note"),
                rev=rev,
                **params_from(request.form, demand),
            )
        except transitions.TransitionError as exc:
            flash_errors(exc)
        except transitions.Conflict as exc:
            flash(str(exc), "error")
        else:
            flash(_("Done: %(action)s.", action=ACTIONS[name]), "success")
        return redirect(target)

    def _bulk(self, ids, name, note=None, organisation=None):
        done, skipped = 0, []
        for demand in self.get_query().filter(id__in=ids):
            try:
                transitions.apply(
                    demand, name, current_user.username, note, organisation=organisation
                )
                done += 1
            except (transitions.TransitionError, transitions.Conflict) as exc:
                skipped.append(f"{demand.ticket_no}（{_reason(exc)}）")
        flash(_("%(action)s: %(done)d done.", action=ACTIONS[name], done=done), "success")
        if skipped:
            flash(
                _("Skipped %(n)d: %(list)s", n=len(skipped), list="；".join(skipped[:20])),
                "warning",
            )

    @action("start", _l("Start handling"))
    def action_start(self, ids):
        self._bulk(ids, "start")

    @action("close", _l("Close (done)"), _l("Close the selected demands?"))
    def action_close(self, ids):
        self._bulk(ids, "close")

    @action("answer", _l("Answer the resident"))
    def action_answer(self, ids):
        self._bulk(ids, "answer")

    @action("assign", _l("Assign"))
    def action_assign(self, ids):
        return redirect(url_for(".bulk_view", do="assign", ids=",".join(ids)))

    @action("transfer", _l("Transfer"))
    def action_transfer(self, ids):
        return redirect(url_for(".bulk_view", do="transfer", ids=",".join(ids)))

    @expose("/bulk/", methods=("GET", "POST"))
    def bulk_view(self):
        """Pick the organisation for a bulk assign or transfer, then apply it."""
        name = request.values.get("do")
        if name not in ("assign", "transfer") or not self.allowed(EDIT):
            abort(404)
        ids = [i for i in request.values.get("ids", "").split(",") if len(i) == 24]
        demands = self.get_query().filter(id__in=ids).only("ticket_no", "status", "street")
        orgs = scoped_objects(Organisation).filter(
            active=True, street__in=list({ref_id(d, "street") for d in demands})
        )
        if request.method == "POST":
            org = _pick(orgs, request.form.get("organisation"))
            if org is None:
                flash(_("Choose an organisation."), "error")
            else:
                self._bulk(ids, name, request.form.get("note"), organisation=org)
                return redirect(url_for(".index_view"))
        return self.render(
            "admin/lifecycle/bulk.html",
            action_name=ACTIONS[name],
            do=name,
            ids=",".join(ids),
            demands=demands,
            organisations=orgs.only("name", "street"),
        )

    def is_action_allowed(self, name):
        if name in BULK or name in ("assign", "transfer"):
            return self.allowed(EDIT)
        return super().is_action_allowed(name)
