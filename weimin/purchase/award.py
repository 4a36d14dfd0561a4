"""Award: the street picks the winner(s) of a reviewed call; the result is announced on the
bulletin (公示) for the call's objection period in working days; then it is final, and each
awarded application becomes a contract and a 微项目 demand taken in through the normal intake.
"""

from flask_babel import gettext as _

from models import Application, Community, Demand, PurchaseContract
from models.purchase_contract import Milestone
from models.references import ref_id
from weimin.core.money import decimal
from weimin.demands import transitions
from weimin.demands.errors import TransitionError
from weimin.demands.intake import prepare_new
from weimin.purchase import calls, milestones, objections, review, saving


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
    names, shares = zip(*milestones.plan(call), strict=True)
    amounts = milestones.split(amount, shares)
    contract = PurchaseContract(
        call=call, application=application, organisation=application.organisation,
        street=ref_id(demand, "street"), demand=demand, amount=amount, created_at=now,
        milestones=[Milestone(name=n, share=s, amount=a)
                    for n, s, a in zip(names, shares, amounts, strict=True)],
    )  # fmt: skip
    contract.save()
    return contract


def project_community(call, organisation):
    """The community a contract's 微项目 is taken in under; its street is the contract's, and
    that street's funds pay it.

    The organisation's own community; for an organisation of a whole street, the first of the
    call's communities in that street, else the street's first community. For a street's call
    this is always a community of that street; for a district-wide call, of the awarded
    organisation's street."""
    if organisation.community is not None:
        return organisation.community
    street = ref_id(organisation, "street")
    listed = [c for c in call.communities or () if ref_id(c, "street") == street]
    return listed[0] if listed else Community.objects(street=street).order_by("code").first()


def _project(call, application, actor, now):
    """The 微项目 of an awarded application, through intake, approved with its budget."""
    org = application.organisation
    community = project_community(call, org)
    demand = Demand(
        item=call.item, street=community.street, community=community, channel="purchase",
        resident_name=call.contact_name, resident_phone=call.contact_phone,
        description=_("%(title)s (purchased service): %(proposal)s", title=call.title,
                      proposal=application.proposal)[:2000],
        assigned_org=org,
    )  # fmt: skip
    prepare_new(demand, actor, now)
    demand.save()
    return transitions.apply(demand, "approve", actor, at=now, subsidy=decimal(application.budget))
