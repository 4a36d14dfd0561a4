"""Review: panel members score every criterion; a member tied to an applicant declares it and is
left out for that applicant; the ranking is the weighted mean of the members' marks.

Ranking: each criterion's marks are put on a 100 scale (mark / top mark × 100) and averaged over
the members who scored the application; the total is Σ weight / 100 × that mean, rounded half up
to 0.01. Ties go to the lower budget, then the earlier application, then the application id.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models import Application, PanelScore
from models.base import utcnow
from models.references import ref_id
from weimin.access.scope import on_panel
from weimin.core.money import decimal
from weimin.demands.errors import TransitionError
from weimin.purchase import saving

CENT = Decimal("0.01")
TIE_RULE = _l(
    "Ties: the lower budget first, then the earlier application, then the application number."
)


def _score_doc(call, application, member):
    found = PanelScore.objects(application=application.pk, member=member.pk).first()
    return found or PanelScore(
        call=call, application=application, member=member, street=ref_id(call, "street")
    )


def _check_member(call, application, member):
    if call.status != "reviewing":
        raise TransitionError(_("Scores are given while the call is under review."))
    if not on_panel(member, call):
        raise TransitionError(_("Only members of the call's panel score its applications."))
    if ref_id(application, "call") != call.pk or application.status == "refused":
        raise TransitionError(_("This application is not under review."))


def declare(call, application, member, note):
    """Record the member's tie to the applicant: they are left out of its scoring."""
    _check_member(call, application, member)
    if not (note or "").strip():
        raise TransitionError(_("Give a reason."), {"conflict_note": [_("Give a reason.")]})
    doc = _score_doc(call, application, member)
    doc.conflict, doc.conflict_note, doc.marks = True, note.strip()[:300], {}
    doc.updated_at = utcnow()
    saving.save(doc, "declare_conflict")
    return doc


def score(call, application, member, marks):
    """Save the member's mark of every criterion; TransitionError with field messages."""
    _check_member(call, application, member)
    doc = _score_doc(call, application, member)
    if doc.conflict:
        raise TransitionError(_("You declared a tie to this applicant and do not score it."))
    errors, clean = {}, {}
    for n, criterion in enumerate(call.criteria):
        raw = str(marks.get(criterion.name, "")).strip()
        try:
            value = Decimal(raw)
        except ArithmeticError:
            value = None
        if value is None or not value.is_finite() or not 0 <= value <= criterion.max_score:
            errors[f"mark-{n}"] = [_("Enter a mark from 0 to %(max)s.", max=criterion.max_score)]
        else:
            clean[criterion.name] = str(value)
    if errors:
        raise TransitionError(_("The scores were not saved."), errors)
    doc.marks, doc.updated_at = clean, utcnow()
    doc.save()
    return doc


@dataclass
class Row:
    """One application's place in the ranking."""

    application: Application
    total: Decimal | None
    means: dict = field(default_factory=dict)
    scored_by: int = 0
    excluded: int = 0
    rank: int | None = None


def ranking(call):
    """Rows of the call's applications under review, best first (refused ones left out)."""
    applications = list(Application.objects(call=call.pk, status__ne="refused"))
    scores = list(PanelScore.objects(call=call.pk))
    members = {m.pk for m in call.panel or ()}
    rows = []
    for application in applications:
        mine = [s for s in scores if ref_id(s, "application") == application.pk
                and ref_id(s, "member") in members]  # fmt: skip
        counted = [s for s in mine if not s.conflict and s.marks]
        row = Row(application, None, scored_by=len(counted),
                  excluded=sum(1 for s in mine if s.conflict))  # fmt: skip
        if counted:
            total = Fraction(0)
            for criterion in call.criteria:
                marks = [Fraction(s.marks[criterion.name]) for s in counted
                         if criterion.name in s.marks]  # fmt: skip
                mean = sum(marks, Fraction(0)) / len(marks) * 100 / criterion.max_score
                row.means[criterion.name] = _cents(mean)
                total += mean * criterion.weight / 100
            row.total = _cents(total)
        rows.append(row)
    rows.sort(key=_order)
    for n, row in enumerate(rows, start=1):
        row.rank = n if row.total is not None else None
    return rows


def _order(row):
    app = row.application
    return (row.total is None, -(row.total or 0), decimal(app.budget), app.submitted_at, app.pk)


def _cents(value):
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, ROUND_HALF_UP)


def missing(call):
    """(member, application) pairs still to be scored or declared."""
    applications = list(Application.objects(call=call.pk, status__ne="refused"))
    done = {(ref_id(s, "member"), ref_id(s, "application"))
            for s in PanelScore.objects(call=call.pk) if s.conflict or s.marks}  # fmt: skip
    return [(m, a) for m in call.panel or () for a in applications if (m.pk, a.pk) not in done]
