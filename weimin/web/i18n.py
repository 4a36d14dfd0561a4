"""Locale selection: Simplified Chinese by default, English on request."""

from pathlib import Path

from flask import current_app, has_request_context, redirect, request, session
from flask_login import current_user

from weimin.core.timefmt import init_timefmt
from weimin.extensions import babel
from weimin.web.redirects import local_target
from weimin.web.stateless import in_stateless_area

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"


def select_locale():
    """?lang= (remembered in the session), then the user's setting, then the default.

    A stateless area (the API) has no session and no signed-in user: ?lang=, then
    Accept-Language, then the default."""
    allowed = current_app.config["LOCALES"]
    if not has_request_context():
        return current_app.config["DEFAULT_LOCALE"]
    asked = request.args.get("lang")
    if in_stateless_area():
        return asked if asked in allowed else _api_locale()
    if asked in allowed:
        session["lang"] = asked
        return asked
    if session.get("lang") in allowed:
        return session["lang"]
    if current_user and getattr(current_user, "locale", None) in allowed:
        return current_user.locale
    return current_app.config["DEFAULT_LOCALE"]


def _api_locale():
    """What an integration asks for in Accept-Language (zh-CN, zh, en), else the default."""
    best = request.accept_languages.best_match(["zh-CN", "zh", "en"])
    if best:
        return "en" if best == "en" else "zh_Hans_CN"
    return current_app.config["DEFAULT_LOCALE"]


def init_i18n(app):
    """Bind flask-babel with our translations and the locale selector."""
    babel.init_app(
        app,
        locale_selector=select_locale,
        timezone_selector=lambda: app.config["TIMEZONE"],
        default_translation_directories=str(TRANSLATIONS),
    )

    @app.route("/lang/<code>")
    def set_language(code):
        if code in app.config["LOCALES"]:
            session["lang"] = code
            if current_user.is_authenticated and current_user.locale != code:
                # Remembered per user, so the next sign-in opens in the same language.
                type(current_user._get_current_object()).objects(id=current_user.id).update_one(
                    set__locale=code
                )
        return redirect(local_target(request.args.get("next")) or "/admin/")

    init_timefmt(app)

    @app.context_processor
    def locale_context():
        from flask_babel import get_locale

        return {"current_locale": str(get_locale())}
