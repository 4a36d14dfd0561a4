"""Error pages of the signed-in areas: staff inside the admin layout, volunteers in theirs."""

from flask import current_app, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from weimin.access import READ, may
from weimin.web.errors import area, details


def signed_in_error(exc):
    """The admin layout (menu and all) for staff, the phone layout for volunteers; else None."""
    if not current_user.is_authenticated:
        return None
    page = details(exc)
    if may(current_user, "dashboard", READ):
        view = current_app.extensions["weimin_admin"].index_view
        back = {"back_url": url_for("admin.index"), "back_text": _("Back to the home page")}
        return view.render("admin/error.html", **page, **back), page["code"]
    if may(current_user, "me", READ):
        back = {"back_url": url_for("me.home"), "back_text": _("Back to my volunteer service")}
        return render_template("volunteer/error.html", **page, **back), page["code"]
    return None


def init_error_pages(app):
    """The admin and the volunteer pages answer their errors in their own layouts."""
    for prefix in ("/admin/", "/me/"):
        area(app, prefix, signed_in_error)
