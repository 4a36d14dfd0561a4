"""A small arithmetic question the product asks and checks itself (no external captcha).

The two numbers travel signed and timed in the form, so no state is kept between showing the
question and checking the answer; a forged or stale token fails like a wrong answer.
"""

import secrets

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

SALT = "resident-challenge"
MAX_AGE = 30 * 60  # long enough to fill the form on a phone


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def issue(a=None, b=None):
    """A new (token, question) pair; a and b are drawn at random unless given (tests)."""
    a = a if a is not None else secrets.randbelow(9) + 1
    b = b if b is not None else secrets.randbelow(9) + 1
    token = _serializer().dumps({"a": a, "b": b, "n": secrets.token_hex(4)})
    return token, question(token)


def _numbers(token):
    try:
        data = _serializer().loads(token or "", max_age=MAX_AGE)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict) or not {"a", "b"} <= data.keys():
        return None
    return data["a"], data["b"]


def question(token):
    """The question a token asks, or None when the token is not ours or too old."""
    numbers = _numbers(token)
    if numbers is None:
        return None
    return _("What is %(a)d plus %(b)d?", a=numbers[0], b=numbers[1])


def passed(token, answer):
    """True when `answer` is the sum the token asks for."""
    numbers = _numbers(token)
    text = (answer or "").strip()
    return numbers is not None and text.isdigit() and int(text) == sum(numbers)
