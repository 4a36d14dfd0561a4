"""The service catalogue for channel integrations: each item's fields and the JSON Schema of its
`values`, so that an integration knows what POST /demands expects for that item."""

from flask import abort, g, jsonify
from flask_babel import get_locale
from flask_babel import gettext as _
from marshmallow import Schema, fields

from api import bp
from api.auth import require_token
from api.openapi import error_response, operation
from models import CatalogueCategory, CatalogueItem, memo
from models.choices import HANDLING_LEVELS, KINDS
from models.field_def import FIELD_TYPES
from models.references import ref_id
from weimin.catalogue.schema import json_schema, spec_out


class ChoiceOut(Schema):
    code = fields.String(required=True)
    label_zh = fields.String(required=True)
    label_en = fields.String()


class FieldOut(Schema):
    name = fields.String(required=True, metadata={"description": "key in `values`"})
    label_zh = fields.String(required=True)
    label_en = fields.String()
    type = fields.String(required=True, metadata={"enum": [code for code, _l in FIELD_TYPES]})
    required = fields.Boolean(required=True)
    choices = fields.List(fields.Nested(ChoiceOut))
    min_value = fields.String(metadata={"description": "decimal as a string"})
    max_value = fields.String(metadata={"description": "decimal as a string"})
    min_length = fields.Integer()
    max_length = fields.Integer()
    pattern = fields.String()
    help_zh = fields.String()
    help_en = fields.String()


class ItemOut(Schema):
    code = fields.String(required=True, metadata={"description": "give it as `item` to POST"})
    name = fields.String(required=True)
    kind = fields.String(required=True, metadata={"enum": [code for code, _l in KINDS]})
    category = fields.String()
    handling_level = fields.String(metadata={"enum": [code for code, _l in HANDLING_LEVELS]})
    version = fields.Integer(required=True, metadata={"description": "version of `fields`"})
    district_template = fields.Boolean(metadata={"description": "a district-wide item"})
    fields_ = fields.List(fields.Nested(FieldOut), data_key="fields", required=True)
    values_schema = fields.Dict(
        required=True, metadata={"description": "JSON Schema of `values` for POST /demands"}
    )


class ItemList(Schema):
    items = fields.List(fields.Nested(ItemOut), required=True)


def for_street(street):
    """Active items a street takes demands for (its own, and templates it has not adopted)."""
    return CatalogueItem.objects(active=True).for_street(street).order_by("code", "id")


def find_item(street, code):
    """The street's active item with this code, as remembered for a few seconds (models.memo)."""
    return memo.active_item(ref_id(street), code)


def item_out(item, categories=None):
    specs = item.specs()
    pk = ref_id(item, "category")
    if categories is None:  # read here, not through the item: it may be shared (models.memo)
        categories = {c.pk: c for c in CatalogueCategory.objects(id=pk).only("name")}
    category = categories.get(pk)
    english = str(get_locale() or "").startswith("en")
    return {
        "code": item.code,
        "name": item.name,
        "kind": item.kind,
        "category": category.name if category is not None else None,
        "handling_level": item.handling_level,
        "version": item.version,
        "district_template": ref_id(item, "street") is None,
        "fields": [spec_out(spec) for spec in specs],
        "values_schema": json_schema(specs, english),
    }


@bp.get("/catalogue/items")
@require_token("catalogue:read")
def catalogue_items():
    items = list(for_street(g.api_token.street))
    ids = [ref_id(item, "category") for item in items]
    categories = {c.pk: c for c in CatalogueCategory.objects(id__in=ids).only("name")}
    return jsonify(items=[item_out(item, categories) for item in items])


@bp.get("/catalogue/items/<code>")
@require_token("catalogue:read")
def catalogue_item(code):
    item = find_item(g.api_token.street, code)
    if item is None:
        abort(404, description=_("No such service item in this street's catalogue."))
    return jsonify(item_out(item))


operation(
    "/catalogue/items",
    "get",
    summary="The service items the token's street takes demands for, with their fields",
    security=[{"token": []}],
    responses={
        "200": {"description": "Items", "content": {"application/json": {"schema": ItemList}}},
        "401": error_response("No valid token"),
        "403": error_response("Token lacks the catalogue:read scope"),
    },
)
operation(
    "/catalogue/items/{code}",
    "get",
    summary="One service item: its fields and the JSON Schema of `values` for POST /demands",
    security=[{"token": []}],
    parameters=[{"in": "path", "name": "code", "required": True, "schema": {"type": "string"}}],
    responses={
        "200": {"description": "The item", "content": {"application/json": {"schema": ItemOut}}},
        "401": error_response("No valid token"),
        "403": error_response("Token lacks the catalogue:read scope"),
        "404": error_response("No active item with this code for the token's street"),
    },
)
