"""Every API route declares who may call it; token routes refuse callers without a token."""

import re

ARGS = re.compile(r"<(?:[^:>]+:)?([^>]+)>")


def _api_rules(app):
    return [r for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/")]


def test_every_api_route_is_public_or_needs_a_scoped_token(app):
    rules = _api_rules(app)
    assert rules
    for rule in rules:
        view = app.view_functions[rule.endpoint]
        declared = getattr(view, "public", False) or getattr(view, "required_scopes", ())
        assert declared, f"{rule.rule} declares neither @public nor @require_token(scope)"


def test_token_routes_answer_401_without_a_token(client, app):
    for rule in _api_rules(app):
        view = app.view_functions[rule.endpoint]
        if getattr(view, "public", False):
            continue
        path = ARGS.sub("x", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(path, method=method, json={})
            assert response.status_code == 401, (method, rule.rule, response.status_code)
            assert response.json["message"]


def test_public_routes_show_no_personal_data(client, make):
    demand = make.demand(resident_name="钱多多", resident_phone="13611112222")
    text = client.get(f"/api/v1/demands/{demand.ticket_no}?phone4=2222").get_data(as_text=True)
    assert demand.ticket_no in text
    assert "钱多多" not in text and "13611112222" not in text
