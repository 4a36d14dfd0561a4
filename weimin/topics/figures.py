"""Topic outcomes as figures: the rating criteria and the home page's card read these.

topics_carried_out  = topics carried out (办) in the period
                      / (those + topics closed without action in the period)
topic_satisfaction  = (满意 + factor × 基本满意) / residents who evaluated, over the
                      evaluations (评) recorded in the period
Both are empty (None) with nothing to count, as every rate (RULES.md).
"""

from collections import defaultdict
from dataclasses import dataclass

from models import Topic
from models.topic_choices import TOPIC_STATUSES
from weimin.demands.rates import ratio, satisfaction_rate


@dataclass
class TopicCounts:
    carried_out: int = 0
    not_adopted: int = 0
    satisfied: int = 0
    basically: int = 0
    dissatisfied: int = 0

    def rates(self, factor):
        evaluated = self.satisfied + self.basically + self.dissatisfied
        return {
            "topics_carried_out": ratio(self.carried_out, self.carried_out + self.not_adopted),
            "topic_satisfaction": satisfaction_rate(
                self.satisfied, self.basically, evaluated, factor
            ),
        }


def _each(query, *fields):
    return query.order_by().only(*fields).no_cache().as_pymongo()


def topic_counts(streets, start, end):
    """{community id: TopicCounts} of the topics of `streets` over [start, end)."""
    counts = defaultdict(TopicCounts)
    done = Topic.objects(street__in=streets, done_at__gte=start, done_at__lt=end)
    for doc in _each(done, "community"):
        counts[doc["community"]].carried_out += 1
    dropped = Topic.objects(street__in=streets, closed_at__gte=start, closed_at__lt=end)
    for doc in _each(dropped.filter(status="not_adopted"), "community"):
        counts[doc["community"]].not_adopted += 1
    rated = Topic.objects(street__in=streets, evaluated_at__gte=start, evaluated_at__lt=end)
    for doc in _each(rated, "community", "evaluation"):
        found = doc.get("evaluation") or {}
        for level in ("satisfied", "basically", "dissatisfied"):
            setattr(counts[doc["community"]], level,
                    getattr(counts[doc["community"]], level) + found.get(level, 0))  # fmt: skip
    return counts


def step_counts(query):
    """{status: count} of a scope's topics, through the (scope, status) indexes."""
    return {code: query.filter(status=code).count() for code, _label in TOPIC_STATUSES}
