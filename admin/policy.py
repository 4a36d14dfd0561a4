"""Who may do what: the actions a role's policy names, and pages that are not model lists."""

from flask import abort, redirect, request, url_for
from flask_admin import BaseView
from flask_login import current_user

READ, CREATE, EDIT, DELETE, EXPORT = "read", "create", "edit", "delete", "export"
ALL = frozenset({READ, CREATE, EDIT, DELETE, EXPORT})
READ_ONLY = frozenset({READ, EXPORT})


def user_role():
    return current_user.role if current_user.is_authenticated else None


class PolicyView(BaseView):
    """A page that is not a model list; `policy` names who may open it, as on model views."""

    policy: dict = {}
    action = READ  # the action a role needs in `policy` to open the page

    def is_accessible(self):
        return current_user.is_authenticated and self.action in self.policy.get(user_role(), ())

    def inaccessible_callback(self, name, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path))
        abort(403)
