"""The OpenAPI document at /api/v1/openapi.json, built from what each module declares."""

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import jsonify

# (path, method, operation) declared by the API modules at import time.
OPERATIONS = []
# Callables that add dynamic components (e.g. per-catalogue-item schemas) to the spec.
CONTRIBUTORS = []

ERROR_SCHEMA = {
    "type": "object",
    "required": ["message"],
    "properties": {
        "message": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}


def operation(path, method, **op):
    """Declare one operation of the API for the document."""
    OPERATIONS.append((path, method.lower(), op))


def build_spec():
    """The whole OpenAPI 3 document as a dict."""
    spec = APISpec(
        title="微民生大服务 API",
        version="1.0.0",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        servers=[{"url": "/api/v1"}],
        components={
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        },
    )
    spec.components.schema("Error", ERROR_SCHEMA)
    for contribute in CONTRIBUTORS:
        contribute(spec)
    paths = {}
    for path, method, op in OPERATIONS:
        paths.setdefault(path, {})[method] = op
    for path, ops in paths.items():
        spec.path(path=path, operations=ops)
    return spec.to_dict()


def error_response(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def serve_spec():
    return jsonify(build_spec())
