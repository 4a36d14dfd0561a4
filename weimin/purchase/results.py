"""What an organisation learns of its own result once an award is announced: its rank among
the scored applications, its total and its own criterion means — never another applicant's."""

from dataclasses import dataclass

from weimin.purchase import review

ANNOUNCED = ("awarded", "final")


@dataclass
class OwnResult:
    """One application's place in its call's ranking."""

    rank: int
    ranked: int  # how many applications were scored
    total: object
    means: list  # [(criterion name, weight, mean on a 100 scale)]


def own_result(application):
    """The application's own result, or None before the award is announced (or if unscored)."""
    call = application.call
    if call.status not in ANNOUNCED or application.status == "refused":
        return None
    rows = review.ranking(call)
    row = next((r for r in rows if r.application.pk == application.pk), None)
    if row is None or row.total is None:
        return None
    return OwnResult(
        rank=row.rank,
        ranked=sum(1 for r in rows if r.total is not None),
        total=row.total,
        means=[(c.name, c.weight, row.means.get(c.name)) for c in call.criteria],
    )
