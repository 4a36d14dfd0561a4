"""The outbox's tests run inside the app, as requests, jobs and commands do."""

import pytest


@pytest.fixture(autouse=True)
def in_app(app):
    with app.app_context():
        yield
