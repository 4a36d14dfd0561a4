"""Statements as rows: each street's total, each community's, then each fund's — for the admin
page, its XLSX export and the public bulletin."""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models.choices import label
from models.fund_choices import FUND_KINDS
from weimin.core.money import yuan
from weimin.core.sheets import Column, Table
from weimin.funds.figures import ZERO
from weimin.funds.statements import Statement

MONEY = (
    ("opening_balance", _l("Opening balance")),
    ("money_in", _l("Money in")),
    ("money_out", _l("Money out")),
    ("allocations", _l("Allocations made")),
    ("closing_balance", _l("Closing balance")),
    ("available", _l("Available balance")),
    ("earmarked", _l("Earmarked, not yet paid")),
)
LEVELS = {"street": _l("Street total"), "community": _l("Community total"), "fund": _l("Fund")}


def rollup(name, parts, start, end):
    """Several funds' statements as one: figures, donors and payments added up."""
    total = Statement(name, start, end, funds=0)
    for part in parts:
        total.opening = total.opening.plus(part.opening.as_dict())
        total.moved = total.moved.plus(part.moved.as_dict())
        total.anonymous += part.anonymous
        total.paid_for += part.paid_for
        total.funds += part.funds
        total.sponsors += [s for s in part.sponsors if s not in total.sponsors]
        for name, amount in part.donors.items():
            total.donors[name] = total.donors.get(name, ZERO) + amount
    return total


def by_area(pairs, start, end, street_label):
    """Roll-ups: [(community or None, Statement)] per community (street-level funds under
    None), and the street's total."""
    groups = {}
    for fund, stmt in pairs:
        groups.setdefault(fund.community, []).append(stmt)
    ordered = sorted(groups, key=lambda c: (c is None, getattr(c, "code", "") or ""))
    communities = [
        (c, rollup(c.name if c else street_label, groups[c], start, end)) for c in ordered
    ]
    return communities, rollup(street_label, [s for _f, s in pairs], start, end)


@dataclass
class Row:
    """One line of a statement table: a street's or community's total, or one fund."""

    level: str
    name: str
    statement: object
    fund: object = None
    street: object = None
    community: object = None


def street_level_label():
    return _("Street-level funds")


def rows(pairs, start, end):
    """Rows of [(fund, Statement)]: per street its total, then per community (street-level
    funds last) the community's total and its funds."""
    streets = {}
    for fund, stmt in pairs:
        streets.setdefault(fund.street, []).append((fund, stmt))
    out = []
    for street in sorted(streets, key=lambda s: s.code or ""):
        mine = streets[street]
        communities, total = by_area(mine, start, end, street.name)
        if len(communities) > 1:  # one group (a worker's community): its total is the street's
            out.append(Row("street", street.name, total, street=street))
        for community, stmt in communities:
            name = community.name if community is not None else street_level_label()
            out.append(Row("community", name, stmt, street=street, community=community))
            for fund, own in mine:
                if fund.community == community:
                    out.append(Row("fund", fund.name, own, fund, street, community))
    return out


def donors_text(stmt):
    """Named donors and the anonymous total, on one line."""
    parts = [f"{name} {yuan(amount)}" for name, amount in stmt.named_donors()]
    if stmt.anonymous:
        parts.append(f"{_('Anonymous / not disclosed')} {yuan(stmt.anonymous)}")
    return "；".join(parts)


def _area(row):
    """The community a row belongs to; the street's own funds are named as such."""
    if row.community is not None:
        return row.community.name
    return "" if row.level == "street" else street_level_label()


def sheet(rows_, period, title):
    """The rows as a Table whose money cells are numbers (0.00)."""
    columns = [
        Column("level", _("Level")),
        Column("street", _("Street")),
        Column("community", _("Community")),
        Column("fund", _("Fund")),
        Column("kind", _("Fund type")),
        Column("sponsor", _("Sponsor")),
        *[Column(key, str(header), money=True) for key, header in MONEY],
        Column("donors", _("Donors")),
    ]

    def lines():
        for row in rows_:
            stmt, fund = row.statement, row.fund
            line = {
                "level": str(LEVELS[row.level]),
                "street": row.street.name,
                "community": _area(row),
                "fund": fund.name if fund else "",
                "kind": str(label(FUND_KINDS, fund.kind)) if fund else "",
                "sponsor": "、".join(stmt.sponsors),
                "donors": donors_text(stmt),
            }
            line.update({key: getattr(stmt, key) for key, _h in MONEY})
            yield line

    name = f"基金收支-{period}"
    return Table(name=name, title=title, columns=columns, rows=list(lines()), count=len(rows_))
