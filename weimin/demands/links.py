"""Links for residents: a signed, expiring evaluation link that needs no login."""

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

SALT = "resident-evaluation"
MAX_AGE = 60 * 60 * 24 * 30  # thirty days to answer a return visit


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def evaluation_token(demand):
    """A token naming the demand; it is single-use because a demand is evaluated once."""
    return _serializer().dumps({"d": str(demand.pk), "t": demand.ticket_no})


def demand_id_from(token):
    """The demand id a token was made for, or None when forged or expired."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE)
    except (BadSignature, SignatureExpired):
        return None
    return data.get("d")
