"""App, client and database fixtures: a fresh database for every test."""

import os
import uuid

import pytest

from tests import factories
from weimin import create_app

TEST_MONGODB_URI = os.environ.get("TEST_MONGODB_URI")


def pytest_collection_modifyitems(config, items):
    """On a real MongoDB, skip the tests that pin the embedded store's internals."""
    if not TEST_MONGODB_URI:
        return
    skip = pytest.mark.skip(reason="pins the embedded store; TEST_MONGODB_URI is set")
    for item in items:
        if item.get_closest_marker("embedded_store"):
            item.add_marker(skip)


def make_app(**overrides):
    """A test app on mongomock, or on the real MongoDB given by TEST_MONGODB_URI."""
    config = {
        "TESTING": True,
        "DEMO_SEED": False,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SECRET_KEY": "test-secret",
        "MONGODB_URI": None,
        "MONGODB_DB": f"weimin_test_{uuid.uuid4().hex[:8]}",
    }
    if TEST_MONGODB_URI:
        config["MONGODB_URI"] = TEST_MONGODB_URI
    config.update(overrides)
    return create_app(config)


@pytest.fixture
def app():
    application = make_app()
    from weimin.store.db import database

    yield application
    database().client.drop_database(database().name)


@pytest.fixture
def csrf_app():
    """An app with CSRF protection on, as in production."""
    application = make_app(WTF_CSRF_ENABLED=True)
    from weimin.store.db import database

    yield application
    database().client.drop_database(database().name)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make(app):
    """The factories module, e.g. make.street(), make.user("street_admin", street_doc=s)."""
    return factories


@pytest.fixture
def login(client):
    """Sign a user in through the real login form; returns the client."""

    def _login(user, password=factories.PASSWORD):
        response = client.post("/login", data={"username": user.username, "password": password})
        assert response.status_code == 302, response.data[:500]
        return client

    return _login
