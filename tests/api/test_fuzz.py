"""The JSON API under generated input: never a 5xx, and every 4xx says what is wrong."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from models import ApiToken
from models.choices import API_SCOPES

EXAMPLES_PER_OPERATION = 30


@pytest.fixture
def token_headers(make):
    """A token with every scope, for a street that has a community, an item and a demand."""
    street = make.street()
    make.demand(make.community(street))
    token = ApiToken(name="模糊测试", street=street, scopes=[code for code, _ in API_SCOPES])
    secret = token.issue()
    token.save()
    return {"Authorization": f"Bearer {secret}"}


def message_on_client_error(ctx, response, case):
    """A 4xx answer is JSON with a non-empty message."""
    if 400 <= response.status_code < 500:
        body = response.json()
        assert isinstance(body, dict) and body.get("message"), (
            f"{response.status_code} without a message: {response.text[:200]}"
        )


def test_every_operation_under_generated_input(app, token_headers):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 3
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            case.call_and_validate(
                headers=token_headers, checks=[not_a_server_error, message_on_client_error]
            )

        run()
