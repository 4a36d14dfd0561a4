"""Reading pages in the people tests: field errors, CSRF tokens, table cells."""

import re

TAG = r'<(?:input|select|textarea)\b[^>]*\bid="{name}"[^>]*>'


def field_error(html, name):
    """The error shown under form field `name`, or None when the field is not marked invalid."""
    tag = re.search(TAG.format(name=re.escape(name)), html)
    if tag is None or "is-invalid" not in tag.group(0):
        return None
    rest = html[tag.end() :]
    feedback = re.search(r'class="invalid-feedback[^"]*"[^>]*>(.*?)</div>', rest, re.S)
    return re.sub(r"<[^>]+>", "", feedback.group(1)).strip() if feedback else ""


def csrf_token(html):
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def listed_ids(html, endpoint):
    return re.findall(rf"/admin/{endpoint}/details/\?id=([0-9a-f]{{24}})", html)


def filter_arg(
    app,
    endpoint,
    column,
    kinds=("FilterEqual", "ReferenceEqualFilter", "BooleanEqualFilter", "LabelledChoiceFilter"),
):
    """The query argument of a list's "equals" filter on `column`, e.g. flt0_3."""
    view = next(
        v for v in app.extensions["weimin_admin"]._views if getattr(v, "endpoint", None) == endpoint
    )
    for index, flt in enumerate(view._filters):
        if getattr(flt.column, "name", flt.column) == column and type(flt).__name__ in kinds:
            return f"flt0_{index}"
    raise LookupError(column)
