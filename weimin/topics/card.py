"""The home page's topics card: how many topics of the user's scope are at each step."""

from models import Topic
from models.choices import label
from models.topic_choices import TOPIC_STATUSES
from weimin.access import scoped_query
from weimin.topics.figures import step_counts


def topic_card(user):
    """[(status, label, count)] of the topics in the user's scope, and their total."""
    counts = step_counts(scoped_query(user, Topic))
    steps = [(code, label(TOPIC_STATUSES, code), counts[code]) for code, _l in TOPIC_STATUSES]
    return {"steps": steps, "total": sum(counts.values())}
