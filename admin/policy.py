"""Admin glue for weimin.access: pages that are not model lists open by the one policy table."""

from flask import abort, redirect, request, url_for
from flask_admin import BaseView
from flask_login import current_user

from weimin.access import READ, may


def deny():
    """Anonymous visitors go to sign in; signed-in users without the right get 403."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path))
    abort(403)


class PolicyView(BaseView):
    """A page that is not a model list; weimin.access.POLICY[endpoint] names who may open it."""

    action = READ  # the action a role needs on the page's endpoint to open it

    def allowed(self, action):
        return may(current_user, self.endpoint, action)

    def is_accessible(self):
        return self.allowed(self.action)

    def inaccessible_callback(self, name, **kwargs):
        return deny()
