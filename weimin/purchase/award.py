"""Award: the street picks the winner(s) of a reviewed call; the result is announced on the
bulletin (公示) for the call's objection period in working days; then it is final, and each
awarded application becomes a contract and a 微项目 demand taken in through the normal intake.
"""

from decimal import ROUND_HALF_UP, Decimal

from flask_babel import gettext as _

from models import Application, Community, Demand, PurchaseContract
from models.purchase_contract import Milestone
from models.references import ref_id
from weimin.core.money import FEN, decimal
from weimin.demands import transitions
from weimin.demands.errors import TransitionError
from weimin.demands.intake import prepare_new
from weimin.purchase import calls, objections, review, saving

FIRST_SHARE = Decimal("0.3")  # paid when the project starts; the rest after acceptance


def award(call, application_ids, actor, now):
    """Announce the award to these applications (default: the first ranked)."""
    calls.check(call, "award", now)
    if review.missing(call):
        raise TransitionError(_("Every panel member must score or declare a tie first."))
    rows = [r for r in review.ranking(call) if r.total is not None]
    ranked = {r.application.pk: r for r in rows}
    chosen = [i for i in application_ids if i in ranked] if application_ids else []
    if application_ids and len(chosen) != len(application_ids):
        raise TransitionError(_("Choose among the ranked applications."))
    if not chosen:
        if not rows:
            raise TransitionError(_("No application has been scored."))
        chosen = [rows[0].application.pk]
    for row in review.ranking(call):
        app = row.application
        app.status = "awarded" if app.pk in chosen else "not_awarded"
        saving.save(app, "award" if app.pk in chosen else "not_awarded")
    call.awarded_at = now
    call.objection_ends = calls.objection_end(now, call.objection_days)
    return calls.advance(call, "award", now)


def finalise(call, actor, now):
    """After the objection period, every objection answered: the award is final; contracts
    and projects are made.

    The call turns final first, atomically, so only one of two finalisers at the same moment
    goes on to make contracts; a final call whose contracts were not all made (a run stopped
    half-way) is completed by finalising it again, which makes only the missing ones."""
    if call.status != "final":
        calls.check(call, "finalise", now)
        objections.check_answered(call)
        calls.advance(call, "finalise", now)
    return [_contract(call, a, actor, now)
            for a in Application.objects(call=call.pk, status="awarded")]  # fmt: skip


def _contract(call, application, actor, now):
    found = PurchaseContract.objects(application=application.pk).first()
    if found is not None:  # finalising again makes nothing twice
        return found
    demand = _project(call, application, actor, now)
    amount = decimal(application.budget)
    first = (amount * FIRST_SHARE).quantize(FEN, ROUND_HALF_UP)
    contract = PurchaseContract(
        call=call, application=application, organisation=application.organisation,
        street=ref_id(call, "street"), demand=demand, amount=amount, created_at=now,
        milestones=[Milestone(name=_("First payment (on starting)"), amount=first),
                    Milestone(name=_("Final payment (after acceptance)"), amount=amount - first)],
    )  # fmt: skip
    contract.save()
    return contract


def _project(call, application, actor, now):
    """The 微项目 of an awarded application, through intake, approved with its budget."""
    org = application.organisation
    community = org.community or (call.communities or [None])[0]
    community = community or Community.objects(street=ref_id(call, "street")).first()
    demand = Demand(
        item=call.item, street=call.street, community=community, channel="purchase",
        resident_name=call.contact_name, resident_phone=call.contact_phone,
        description=_("%(title)s (purchased service): %(proposal)s", title=call.title,
                      proposal=application.proposal)[:2000],
        assigned_org=org,
    )  # fmt: skip
    prepare_new(demand, actor, now)
    demand.save()
    return transitions.apply(demand, "approve", actor, at=now, subsidy=decimal(application.budget))
