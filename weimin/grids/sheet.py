"""The coverage table as a spreadsheet: numbers as numbers, the rate as a percentage."""

from flask_babel import gettext as _

from weimin.core.sheets import Column, Table


def columns():
    return [
        Column("month", _("Month")),
        Column("street", _("Street")),
        Column("community", _("Community")),
        Column("code", _("Code")),
        Column("grid", _("Grid")),
        Column("households", _("Households")),
        Column("visited", _("Households visited")),
        Column("coverage", _("Coverage"), percent=True),
        Column("places", _("Other places visited")),
        Column("visits", _("Visits")),
        Column("workers", _("Visits per worker")),
        Column("needs", _("Needs found")),
        Column("demands", _("Demands taken in")),
        Column("closed", _("Demands closed")),
    ]


def row_cells(row):
    """One grid-month as typed cells."""
    workers = "、".join(f"{name} {n}" for name, n in row.workers.most_common())
    return {
        "month": row.month,
        "street": row.street_name,
        "community": row.community_name,
        "code": row.code,
        "grid": row.name,
        "households": row.households,
        "visited": row.visited,
        "coverage": row.coverage_rate,
        "places": row.places,
        "visits": row.visits,
        "workers": workers,
        "needs": row.needs,
        "demands": row.demands,
        "closed": row.closed,
    }


def coverage_table(rows, month):
    """A Table of the grid-months computed by weimin.grids.coverage.coverage."""
    cells = [row_cells(row) for row in rows]
    return Table(f"网格走访覆盖-{month}", _("Visit coverage"), columns(), cells, len(cells))
