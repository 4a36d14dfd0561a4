"""Sign-in and sign-out with Flask-Login; passwords are argon2 hashes."""

from bson import ObjectId
from bson.errors import InvalidId
from flask import Blueprint, flash, has_request_context, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from mongoengine import signals
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from models import User
from models.base import utcnow
from models.user import check_password_of_nobody, use_hasher
from weimin.access.policy import home_endpoint
from weimin.extensions import limiter, login_manager
from weimin.store import audit
from weimin.web import lockout
from weimin.web.passwords import hasher_for
from weimin.web.redirects import local_target

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=50)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


@login_manager.user_loader
def load_user(session_id):
    """The active user the cookie names, if it was issued for their current session version."""
    user_id, _dot, version = (session_id or "").partition(".")
    try:
        oid = ObjectId(user_id)
    except (InvalidId, TypeError):
        return None
    user = User.objects(id=oid, active=True).first()
    if user is None or version != str(user.session_version or 0):
        return None
    return user


def _street_id(user):
    return user.street.id if user.street else None


def _password_ok(user, password):
    """Whether it is the active user's password; with no user it costs as much and fails."""
    if user is None:
        return check_password_of_nobody(password)
    return user.check_password(password) and user.active


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("admin.index"))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)
    username = form.username.data.strip()
    minutes_locked = lockout.take_attempt(username)
    if minutes_locked:
        # Known and unknown usernames alike, and no password is checked while it lasts.
        message = _("Too many failed sign-ins; try again in %(n)d minutes.", n=minutes_locked)
        flash(message, "danger")
        return render_template("auth/login.html", form=form)
    user = User.objects(username=username).first()
    if _password_ok(user, form.password.data):
        lockout.clear(username)
        user.update(set__last_login_at=utcnow())
        login_user(user)
        audit.record("login", "users", user.pk, street=_street_id(user))
        landing = url_for(home_endpoint(user))
        return redirect(local_target(request.args.get("next")) or landing)
    with audit.acting_as("anonymous", username[:80]):
        street = _street_id(user) if user else None
        audit.record("login_failed", "users", user.pk if user else None, street=street)
    flash(_("Wrong username or password."), "danger")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    audit.record("logout", "users", current_user.pk, street=_street_id(current_user))
    # The session is a signed cookie that a copy of would outlive logout_user(): ending the
    # user's session version makes every copy, on any device, worthless.
    current_user.end_sessions()
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


def _keep_own_session(sender, document, created=False, **kwargs):
    """Keep the session that changed its own user's password or role; the others end."""
    if created or not has_request_context() or not current_user.is_authenticated:
        return
    if current_user.pk == document.pk and document.is_active:
        if current_user.get_id() != document.get_id():
            login_user(document)


@bp.route("/")
def home():
    return redirect(url_for("admin.index"))


def init_auth(app):
    """Register the login manager and the sign-in pages."""
    use_hasher(hasher_for(app.config))
    signals.post_save.connect(_keep_own_session, sender=User)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to continue.")
    login_manager.login_message_category = "info"
    app.register_blueprint(bp)
