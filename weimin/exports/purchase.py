"""A call's scores as a spreadsheet: the ranking, each criterion's mean, and every member's marks
(numbers as numbers, the budget as money, declared ties stated)."""

from decimal import Decimal

from flask_babel import gettext as _

from models import PanelScore
from models.references import ref_id
from weimin.core.money import decimal
from weimin.core.sheets import Column, Table
from weimin.purchase import review


def scores_table(call):
    """Table of the call's applications under review, best first, with every mark."""
    rows_ = review.ranking(call)
    members = list(call.panel or ())
    marks = {(ref_id(s, "application"), ref_id(s, "member")): s
             for s in PanelScore.objects(call=call.pk)}  # fmt: skip
    columns = [Column("rank", _("Rank")), Column("organisation", _("Organisation")),
               Column("budget", _("Budget (yuan)"), money=True),
               Column("total", _("Weighted score")), Column("scored_by", _("Members scoring")),
               Column("excluded", _("Members excluded (declared a tie)"))]  # fmt: skip
    for n, criterion in enumerate(call.criteria):
        columns.append(Column(f"mean_{n}", _("%(name)s (mean, of 100)", name=criterion.name)))
    for m, member in enumerate(members):
        for n, criterion in enumerate(call.criteria):
            title = f"{member.name} · {criterion.name}"
            columns.append(Column(f"m{m}_{n}", title))

    def rows():
        for row in rows_:
            app = row.application
            out = {"rank": row.rank, "organisation": app.organisation.name,
                   "budget": decimal(app.budget), "total": row.total,
                   "scored_by": row.scored_by, "excluded": row.excluded}  # fmt: skip
            for n, criterion in enumerate(call.criteria):
                out[f"mean_{n}"] = row.means.get(criterion.name)
            for m, member in enumerate(members):
                score = marks.get((app.pk, member.pk))
                for n, criterion in enumerate(call.criteria):
                    if score is not None and score.conflict:
                        out[f"m{m}_{n}"] = _("Declared a tie")
                    elif score is not None and criterion.name in (score.marks or {}):
                        out[f"m{m}_{n}"] = Decimal(score.marks[criterion.name])
            yield out

    return Table(name=_("Scores of %(title)s", title=call.title), title=_("Scores"),
                 columns=columns, rows=rows(), count=len(rows_),
                 note=str(review.TIE_RULE))  # fmt: skip
