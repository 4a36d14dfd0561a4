"""Admin glue for weimin.access: pages that are not model lists open by the one policy table."""

from flask import abort, redirect, request, url_for
from flask_admin import BaseView
from flask_login import current_user

from weimin.access import CREATE, EDIT, READ, may

# Inherited Flask-Admin routes that serve a form, and the actions of which one is needed to
# reach them beyond opening the list: look-ups fill a form, inline edits change a record.
FORM_ROUTES = {"ajax_lookup": (CREATE, EDIT), "ajax_update": (EDIT,)}


def unused_routes(view):
    """Inherited routes a model view does not use; they answer 404 to everyone.

    Flask-Admin's GridFS file view would serve any file of any bucket (export files among
    them) to anyone who may open the list: export files go through their owner's download
    page only. Look-ups and inline edits exist only where the view declares them.
    """
    unused = {"api_file_view"}
    if not view.column_editable_list:
        unused.add("ajax_update")
    if not view._form_ajax_refs:
        unused.add("ajax_lookup")
    return unused


def route_allowed(view, name):
    """True when the signed-in user has the action a form route `name` needs on `view`."""
    needed = FORM_ROUTES.get(name)
    return needed is None or any(view.allowed(action) for action in needed)


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
