"""The factory: two apps per process, configuration from the environment, refusals."""

import pytest

from models import Street
from tests.conftest import make_app
from weimin import create_app
from weimin.config import ConfigError


def test_two_apps_in_one_process_each_serve_admin(app, make):
    make.street(name="第一街道")
    second = make_app()
    assert second is not app
    assert second.extensions["weimin_admin"] is not app.extensions["weimin_admin"]
    # The second app connected a fresh database: the first app's street is not there.
    assert Street.objects.count() == 0
    assert second.test_client().get("/login").status_code == 200
    assert app.test_client().get("/login").status_code == 200


def test_real_store_without_secret_key_refuses_to_start(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("MONGODB_URI", "mongodb://127.0.0.1:1/weimin")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"TESTING": True})


def test_environment_overrides_defaults(monkeypatch):
    monkeypatch.setenv("DEFAULT_LOCALE", "en")
    monkeypatch.setenv("DEMO_SEED", "no")
    app = make_app()
    assert app.config["DEFAULT_LOCALE"] == "en"
    assert app.config["DEMO_SEED"] is False
    assert "Back office sign-in" in app.test_client().get("/login").text


def test_bad_boolean_in_environment_is_named(monkeypatch):
    monkeypatch.setenv("DEMO_SEED", "maybe")
    with pytest.raises(ConfigError, match="DEMO_SEED"):
        make_app()


def test_refreshing_a_remember_me_cookie_is_refused(monkeypatch):
    """Flask-Login would write the session on every request, the API's too, which has none."""
    monkeypatch.setenv("FLASK_REMEMBER_COOKIE_REFRESH_EACH_REQUEST", "true")
    with pytest.raises(ConfigError, match="REMEMBER_COOKIE_REFRESH_EACH_REQUEST"):
        make_app()


def test_unknown_default_locale_is_refused():
    with pytest.raises(ConfigError, match="DEFAULT_LOCALE"):
        make_app(DEFAULT_LOCALE="zh-CN")


@pytest.mark.embedded_store
def test_embedded_store_shows_the_demo_banner(client):
    assert 'id="demo-banner"' in client.get("/login").text


def test_export_limits_come_from_the_environment_and_are_checked(monkeypatch):
    monkeypatch.setenv("EXPORT_SYNC_MAX_ROWS", "2000")
    monkeypatch.setenv("EXPORT_TTL_HOURS", "48")
    app = make_app()
    assert (app.config["EXPORT_SYNC_MAX_ROWS"], app.config["EXPORT_TTL_HOURS"]) == (2000, 48)
    monkeypatch.setenv("EXPORT_TTL_HOURS", "a day")
    with pytest.raises(ConfigError, match="EXPORT_TTL_HOURS='a day': expected a whole number"):
        make_app()
    monkeypatch.setenv("EXPORT_TTL_HOURS", "0")
    with pytest.raises(ConfigError, match="EXPORT_TTL_HOURS=0"):
        make_app()
