"""Sign-in and sign-out with Flask-Login; passwords are argon2 hashes."""

from datetime import timedelta
from urllib.parse import urlsplit

from bson import ObjectId
from bson.errors import InvalidId
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from models import User
from models.base import utcnow
from models.user import use_hasher
from weimin.access import READ, may
from weimin.extensions import limiter, login_manager
from weimin.store import audit
from weimin.web.passwords import hasher_for

bp = Blueprint("auth", __name__)

MAX_FAILURES = 5
LOCK_MINUTES = 15


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=50)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


@login_manager.user_loader
def load_user(user_id):
    try:
        oid = ObjectId(user_id)
    except (InvalidId, TypeError):
        return None
    return User.objects(id=oid, active=True).first()


def _safe_next(target):
    """Only same-site paths may be redirect targets."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _street_id(user):
    return user.street.id if user.street else None


def _locked(user):
    return user.locked_until is not None and user.locked_until > utcnow()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("admin.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = User.objects(username=form.username.data.strip()).first()
        if user and _locked(user):
            flash(
                _("Too many failed sign-ins; try again in %(n)d minutes.", n=LOCK_MINUTES), "danger"
            )
        elif user and user.active and user.check_password(form.password.data):
            user.update(set__failed_logins=0, unset__locked_until=True, set__last_login_at=utcnow())
            login_user(user)
            audit.record("login", "users", user.pk, street=_street_id(user))
            landing = url_for("admin.index" if may(user, "dashboard", READ) else "me.home")
            return redirect(_safe_next(request.args.get("next")) or landing)
        else:
            with audit.acting_as("anonymous", form.username.data.strip()[:80]):
                audit.record(
                    "login_failed",
                    "users",
                    user.pk if user else None,
                    street=_street_id(user) if user else None,
                )
            if user:
                failures = user.failed_logins + 1
                changes = {"set__failed_logins": failures}
                if failures >= MAX_FAILURES:
                    changes["set__locked_until"] = utcnow() + timedelta(minutes=LOCK_MINUTES)
                    changes["set__failed_logins"] = 0
                user.update(**changes)
            flash(_("Wrong username or password."), "danger")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    audit.record("logout", "users", current_user.pk, street=_street_id(current_user))
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/")
def home():
    return redirect(url_for("admin.index"))


def init_auth(app):
    """Register the login manager and the sign-in pages."""
    use_hasher(hasher_for(app.config))
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to continue.")
    login_manager.login_message_category = "info"
    app.register_blueprint(bp)
