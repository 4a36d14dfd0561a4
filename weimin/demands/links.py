"""Links for residents that need no login: the evaluation link and the private follow link."""

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeSerializer, URLSafeTimedSerializer

SALT = "resident-evaluation"
FOLLOW_SALT = "resident-follow"
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


def follow_token(demand):
    """The private follow link's token: the resident keeps it for the life of the demand."""
    signer = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=FOLLOW_SALT)
    return signer.dumps({"d": str(demand.pk), "t": demand.ticket_no})


def demand_id_from_follow(token):
    """The demand id a follow token names, or None when it was not made by this product."""
    signer = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=FOLLOW_SALT)
    try:
        data = signer.loads(token)
    except BadSignature:
        return None
    return data.get("d") if isinstance(data, dict) else None
