"""Field-level messages from mongoengine validation, for admin and self-service forms."""

from mongoengine import ValidationError

NON_FIELD = "__all__"


def field_errors(exc):
    """{field: message} of a ValidationError, unwrapping what clean() raised."""
    errors = dict(exc.errors or {})
    nested = errors.pop(NON_FIELD, None)
    if nested is not None:
        errors.update(getattr(nested, "errors", None) or {NON_FIELD: nested})
    if not errors:
        errors[NON_FIELD] = exc
    return {name: str(getattr(err, "message", None) or err) for name, err in errors.items()}


def validate_flat(model):
    """Validate; on failure raise one ValidationError whose errors name the fields."""
    try:
        model.validate()
    except ValidationError as exc:
        raise ValidationError(
            exc.message, errors={k: ValidationError(v) for k, v in field_errors(exc).items()}
        ) from None


def put_on_form(form, exc):
    """Attach the messages to the form's fields; the rest are returned for the page top."""
    left = []
    for name, message in field_errors(exc).items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, message]
        else:
            left.append(message)
    return left
