"""Why a lifecycle action was not taken: refused (with field messages) or overtaken."""

from flask_babel import gettext as _


class TransitionError(ValueError):
    """The action cannot be taken; `errors` maps fields to messages."""

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class Conflict(RuntimeError):
    """Someone else changed the demand first; nothing was written."""


def changed():
    """The message of a Conflict, in the language of the request."""
    return _("The record was changed by someone else; reload and try again.")
