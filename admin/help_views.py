"""The users' guide (使用帮助): one page per role, in Chinese, from the menu and empty lists.

The pages are Chinese documents (templates under help/), not translated messages. Each role
reads its own; the district admin reads every role's. Volunteers read theirs under /me/help.
"""

from flask import abort, redirect, render_template, url_for
from flask_admin import expose
from flask_login import current_user

from admin.me import bp as me_bp
from admin.policy import PolicyView, deny
from models.choices import ROLES, label
from weimin.access import may_read_help

HELP_ROLES = ("district_admin", "street_admin", "community_worker", "volunteer", "supervisor")


def help_url(user):
    """Where `user` reads their own guide."""
    if getattr(user, "role", None) == "volunteer":
        return url_for("me.help")
    return url_for("help.index")


class HelpView(PolicyView):
    def inaccessible_callback(self, name, **kwargs):
        if current_user.is_authenticated and current_user.role == "volunteer":
            return redirect(url_for("me.help"))
        return deny()

    @expose("/")
    def index(self):
        return self.page(current_user.role)

    @expose("/<role>/")
    def page(self, role):
        if role not in HELP_ROLES:
            abort(404)
        if not may_read_help(current_user, role):
            abort(403)
        others = [(r, label(ROLES, r)) for r in HELP_ROLES if may_read_help(current_user, r)]
        return self.render(
            "help/admin_page.html", role=role, role_name=label(ROLES, role), others=others
        )


@me_bp.get("/help", endpoint="help")
def volunteer_help():
    return render_template("help/me_page.html", role="volunteer")
