"""微民生大服务 back office: the application factory."""

import logging

from flask import Flask

from weimin import config as config_module


def create_app(config=None):
    """Build the app: defaults, then the environment, then the given dict."""
    app = Flask(__name__, instance_relative_config=True)
    config_module.load(app, config)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    from admin import init_admin
    from api import init_api
    from jobs import init_jobs
    from seeds import init_seeds
    from weimin.audit import init_audit
    from weimin.auth import init_auth
    from weimin.cli import init_cli
    from weimin.db import init_db
    from weimin.i18n import init_i18n
    from weimin.security import init_security

    init_db(app)
    init_audit(app)
    init_i18n(app)
    init_security(app)
    init_auth(app)
    init_admin(app)
    init_api(app)
    init_jobs(app)
    init_seeds(app)
    init_cli(app)
    if app.extensions.get("demo_seeded"):
        from admin.dashboard import warm_up

        warm_up(app)
    return app
