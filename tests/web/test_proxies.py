"""Behind trusted proxies each client has its own throttling bucket; otherwise none is believed."""

import pytest
from flask import request

from tests.conftest import make_app
from weimin.config import ConfigError

LIMIT = 20  # sign-in attempts per minute and address (weimin/web/auth.py)


def _attempts(client, forwarded_for, count):
    """Post `count` empty sign-in forms as the client behind the proxy; their status codes."""
    headers = {"X-Forwarded-For": forwarded_for}
    environ = {"REMOTE_ADDR": "10.0.0.1"}  # the proxy
    return [
        client.post("/login", data={}, headers=headers, environ_base=environ).status_code
        for _ in range(count)
    ]


def test_with_one_trusted_proxy_clients_get_their_own_buckets():
    client = make_app(RATELIMIT_ENABLED=True, TRUSTED_PROXIES=1).test_client()
    assert _attempts(client, "198.51.100.7", LIMIT + 1)[-1] == 429
    assert _attempts(client, "203.0.113.9", 1) == [200]


def test_a_client_cannot_choose_its_bucket_by_forging_the_header():
    client = make_app(RATELIMIT_ENABLED=True, TRUSTED_PROXIES=1).test_client()
    # The proxy appends the real address; only that last entry is believed.
    for forged in range(LIMIT + 1):
        codes = _attempts(client, f"192.0.2.{forged}, 198.51.100.8", 1)
    assert codes == [429]


def test_without_trusted_proxies_everyone_shares_the_proxys_bucket():
    client = make_app(RATELIMIT_ENABLED=True).test_client()
    assert _attempts(client, "198.51.100.7", LIMIT + 1)[-1] == 429
    assert _attempts(client, "203.0.113.9", 1) == [429]


def test_the_address_and_scheme_come_from_the_trusted_proxy():
    app = make_app(TRUSTED_PROXIES=1)
    seen = {}

    @app.route("/_scheme")
    def scheme():
        seen["scheme"], seen["addr"] = request.scheme, request.remote_addr
        return ""

    app.test_client().get(
        "/_scheme", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
    )
    assert seen == {"scheme": "https", "addr": "198.51.100.7"}


@pytest.mark.parametrize("value", ["-1", "two"])
def test_a_bad_trusted_proxies_value_stops_the_start(monkeypatch, value):
    monkeypatch.setenv("TRUSTED_PROXIES", value)
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
        make_app()
