"""What a refused topic step raises."""


class TopicError(Exception):
    """The move is refused: `message` says why, `errors` maps form fields to messages."""

    def __init__(self, message, errors=None):
        super().__init__(str(message))
        self.message, self.errors = str(message), errors or {}


class Conflict(Exception):
    """Someone else moved the topic first."""
