"""Objections (异议) to an announced award, taken during its 公示 and answered by the street.

An objection is taken only while the call is "awarded" and before `objection_ends` (the end of
the call's objection period in working days): from an organisation that applied to the call
(its account on /org/), or entered by the street for whoever brought it on paper. The street
answers each one: dismissed (驳回) with its reasons, or upheld (成立) — which takes the award
back: the call is under review again, its applications wait for a new award, and a new award
starts a new objection period. No award is final while an objection is unanswered.
"""

from flask_babel import gettext as _
from mongoengine import ValidationError

from models import Application, PurchaseObjection
from models.application import Attachment
from models.references import ref_id
from weimin.core.errors import field_errors
from weimin.core.timefmt import deadline_text
from weimin.demands.errors import TransitionError
from weimin.purchase import calls, files, saving

OUTCOMES = ("dismissed", "upheld")


def closed_reason(call, now):
    """Why no objection is taken on `call` at `now`; None while its 公示 runs."""
    if call.status != "awarded" or call.objection_ends is None:
        return _("Objections are taken only while an award is announced (公示).")
    if now >= calls.aware(call.objection_ends):
        return _("The objection period ended on %(at)s; objections are no longer taken.",
                 at=deadline_text(call.objection_ends))  # fmt: skip
    return None


def applied(call, organisation):
    """True when `organisation` applied to `call` (only applicants object from /org/)."""
    return Application.objects(call=call.pk, organisation=organisation.pk).count() > 0


def lodge(call, grounds, upload, actor, now, organisation=None, name=None, phone=None):
    """Take an objection in; TransitionError with field messages when it cannot be.

    `upload` is (filename, bytes) or None. With an `organisation` it comes from that
    organisation's account; without one the street enters it from paper, naming the person or
    organisation who brought it (`name`) and a phone."""
    closed = closed_reason(call, now)
    if closed:
        raise TransitionError(closed, {"call": [closed]})
    if organisation is not None and not applied(call, organisation):
        message = _("Only organisations that applied to this call may object to its award.")
        raise TransitionError(message, {"organisation": [message]})
    objection = PurchaseObjection(
        call=call, street=ref_id(call, "street"), awarded_at=call.awarded_at,
        channel="org" if organisation is not None else "paper", organisation=organisation,
        objector_name=name, objector_phone=phone, grounds=grounds or "",
        entered_by=str(actor)[:80], submitted_at=now,
    )  # fmt: skip
    errors = {}
    try:
        objection.validate()
    except ValidationError as exc:
        errors = {field: [message] for field, message in field_errors(exc).items()}
    filename, data = upload or (None, None)
    kind = None
    if data:
        kind, problem = files.check(filename or "", data)
        if problem:
            errors["document"] = [problem]
    if errors:
        raise TransitionError(_("The objection was not taken in."), errors)
    if data:
        document = Attachment(title=_("Supporting document")[:60], filename=filename[:200],
                              kind=kind, size=len(data))  # fmt: skip
        document.file.put(data, filename=filename, content_type=kind)
        objection.document = document
    try:
        objection.save()
    except Exception:
        if objection.document is not None:
            objection.document.file.delete()
        raise
    return objection


def answer(objection, outcome, reasons, actor, now):
    """The street's answer: dismissed with reasons, or upheld, which revokes the award."""
    errors = {}
    if outcome not in OUTCOMES:
        errors["outcome"] = [_("Choose dismissed or upheld.")]
    if not (reasons or "").strip():
        errors["answer"] = [_("Give a reason.")]
    if objection.status != "open":
        errors["status"] = [_("This objection has already been answered.")]
    if errors:
        raise TransitionError(_("The answer was not recorded."), errors)
    objection.status, objection.answer = outcome, reasons.strip()[:3000]
    objection.answered_by, objection.answered_at = str(actor)[:80], now
    # Answered once: of two answers given at the same moment, the second is refused.
    saving.save(objection, f"{outcome[:-2]}_objection", condition={"status": "open"})
    if outcome == "upheld":
        revoke(objection.call, objection, now)
    return objection


def revoke(call, objection, now):
    """Take back the award `objection` was raised against, if it still stands."""
    call.reload()
    if call.status != "awarded" or _ms(call.awarded_at) != _ms(objection.awarded_at):
        return False  # taken back already (another objection), or a later award stands
    calls.advance(call, "revoke", now)
    for application in Application.objects(call=call.pk,
                                           status__in=("awarded", "not_awarded")):  # fmt: skip
        application.status = "submitted"
        saving.save(application, "revoke_award")
    return True


def _ms(instant):
    """An instant as the store keeps it: to the millisecond."""
    instant = calls.aware(instant)
    return instant.replace(microsecond=instant.microsecond // 1000 * 1000)


def unanswered(call):
    """The call's objections still awaiting an answer."""
    return PurchaseObjection.objects(call=call.pk, status="open")


def check_answered(call):
    """Refuse to make an award final while any objection to it is unanswered."""
    waiting = unanswered(call).count()
    if waiting:
        raise TransitionError(
            _("%(n)d objections are still to be answered; the award cannot be final yet.",
              n=waiting)
        )  # fmt: skip


def tally(call):
    """(received, answered) objections to the call's current announcement, for the bulletin."""
    if call.awarded_at is None:
        return 0, 0
    mine = PurchaseObjection.objects(call=call.pk, awarded_at=call.awarded_at)
    return mine.count(), mine.filter(status__ne="open").count()
