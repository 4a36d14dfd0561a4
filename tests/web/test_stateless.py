"""The API is a stateless area: no session is read, written or sent back there."""

import pytest
from flask import session

from weimin.web.stateless import in_stateless_area


def test_a_signed_in_browser_reaching_the_api_gets_no_session_back(make, login, client):
    login(make.user("district_admin"))
    client.get("/lang/en")  # the browser's session now holds a language
    answer = client.get("/api/v1/catalogue/items")
    assert answer.status_code == 401  # the session does not sign the API in
    assert answer.json["message"] == "需要有效的接口令牌。"  # nor choose its language
    assert "Set-Cookie" not in answer.headers
    assert "Cookie" not in answer.headers.get("Vary", "")  # the session was never opened
    assert client.get("/admin/").status_code == 200  # and the browser's session is intact


def test_writing_a_session_in_the_api_fails_loudly(app):
    @app.get("/api/v1/_write_session")
    def write_session():
        session["remembered"] = "x"
        return "stored"

    @app.get("/outside/_write_session")
    def write_outside():
        session["remembered"] = "x"
        return "stored"

    client = app.test_client()
    with pytest.raises(RuntimeError, match="stateless area: it keeps no session"):
        client.get("/api/v1/_write_session")
    outside = client.get("/outside/_write_session")
    assert outside.text == "stored" and "Set-Cookie" in outside.headers


@pytest.mark.parametrize(
    ("path", "inside"),
    [("/api/v1/demands", True), ("/api/v1", True), ("/api/", True),
     ("/api", False), ("/apix/", False), ("/admin/", False), ("/admin/demand/api/file/", False)],
)  # fmt: skip
def test_the_api_paths_are_the_stateless_area(app, path, inside):
    with app.test_request_context(path):
        assert in_stateless_area() is inside
    assert not in_stateless_area()  # outside any request
