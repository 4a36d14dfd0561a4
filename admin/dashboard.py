"""The admin home: counts, trends and lists for the user's scope, from stored reports."""

import threading
from datetime import datetime

from flask import current_app, redirect, request, url_for
from flask_admin import AdminIndexView, expose
from flask_login import current_user

from admin import dashboard_data as data
from admin.filters import kpi_arg
from models import Demand, User
from weimin.access import READ, area_key, demand_scope, may
from weimin.access.policy import home_endpoint
from weimin.core.workdays import TZ
from weimin.demands.kpis import KPI_CODES, kpi_counts
from weimin.funds.card import fund_card
from weimin.grids.card import grid_card
from weimin.topics.card import topic_card


def demand_counts(user, now=None):
    """Open, overdue and this month's received demands within the user's scope."""
    now = now or datetime.now(TZ)
    return kpi_counts(Demand.objects.in_scope(**demand_scope(user)), now)


class DashboardView(AdminIndexView):
    """Admin home; volunteers have their own pages, everyone else sees the counts."""

    def is_accessible(self):
        return current_user.is_authenticated

    def inaccessible_callback(self, name, **kwargs):
        return redirect(url_for("auth.login", next=request.full_path))

    @expose("/")
    def index(self):
        if not may(current_user, "dashboard", READ):
            return redirect(url_for(home_endpoint(current_user)))
        scope = current_user.community or current_user.street
        figures = data.cached(area_key(current_user), lambda: figures_for(current_user))
        return self.render(
            "admin/dashboard.html",
            scope_label=scope.name if scope else current_app.config["DISTRICT_NAME"],
            links=card_links(),
            **figures,
        )


def card_links():
    """Each headline card opens the demand list narrowed to the demands it counts."""
    admin = current_app.extensions["weimin_admin"]
    view = next(v for v in admin._views if getattr(v, "endpoint", None) == "demand")
    return {code: url_for("demand.index_view", **kpi_arg(view, code)) for code in KPI_CODES}


def figures_for(user):
    """Everything the home page shows for one user's scope."""
    now = datetime.now(TZ)
    counts = demand_counts(user, now)
    return {
        "counts": counts,
        "charts": {
            "trends": data.trends(user, now),
            "breakdown": data.breakdown(user, now, counts["received_month"]),
            "ratings": data.rating_distribution(user),
        },
        "honours": data.honour_lists(user, now),
        "comparison": data.street_comparison(user),
        # The 微基金 card: this year's money of the funds in the user's scope.
        "fund_card": fund_card(user, now.date()) if may(user, "fund", READ) else None,
        "pledges_due": data.pledges_due(user),
        "topic_card": topic_card(user) if may(user, "topic", READ) else None,
        # Grids (网格): this month's visit coverage (weimin.grids.coverage).
        "grid_card": grid_card(user, now) if may(user, "grid_coverage", READ) else None,
        "grid_log": may(user, "grid_log", READ),
    }


def warm_up(app):
    """Compute the home page of every staff account in the background (the demo's first visit)."""

    def run():
        with app.app_context():
            for user in User.objects(active=True):
                if may(user, "dashboard", READ):
                    data.cached(area_key(user), lambda u=user: figures_for(u))

    threading.Thread(target=run, name="dashboard-warm-up", daemon=True).start()
