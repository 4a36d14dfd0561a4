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
    from jobs.migrations import init_migrations
    from seeds import init_seeds
    from seeds.loading import start_demo
    from weimin.catalogue import init_catalogue
    from weimin.store import init_store
    from weimin.volunteers import init_volunteers
    from weimin.web import init_web

    init_store(app)
    init_web(app)  # before the migrations: they may write translated texts
    init_migrations(app)
    init_catalogue(app)
    init_volunteers(app)
    init_seeds(app)
    init_admin(app)
    init_api(app)
    init_jobs(app)
    start_demo(app)  # last: the demo fills the store while the app already answers
    return app
