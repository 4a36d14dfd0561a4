"""Deadlines from the rule set (RULES.md): handling levels, first response, wish windows.

Read the rule set once per computation (`DeadlineRules.current(street)`) and ask it for every
deadline of that computation. An item's own value applies only where the item sets one;
otherwise the rule set's value for the handling level does.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache

from models import memo
from models.references import ref_id
from models.rule_set import RuleSet
from models.rule_values import DeadlineParams, deadline_params
from weimin.core.workdays import TZ, add_working_days


@lru_cache(maxsize=8192)
def _working_end(day, days):
    return add_working_days(datetime.combine(day, time(12), TZ), days)


def working_deadline(start, days):
    """End of the `days`-th working day after `start`; it depends on start's local day only."""
    return _working_end(start.astimezone(TZ).date(), days)


@dataclass(frozen=True)
class DeadlineRules:
    """The deadline rule set in force for one street, read once."""

    params: DeadlineParams

    @classmethod
    def current(cls, street=None):
        doc = RuleSet.current("deadline", street)
        return cls(deadline_params(doc.params if doc else None))

    @classmethod
    def recent(cls, street=None):
        """The rules in force as read at most models.memo.SECONDS ago (intake, per demand)."""
        return memo.remembered(("deadline-rules", ref_id(street)), lambda: cls.current(street))

    def level(self, level):
        return self.params.levels[level]

    def response_due(self, item, start):
        """When the first response is due: the item's own hours, else its level's."""
        hours = item.response_hours or self.level(item.handling_level)["response_hours"]
        return start + timedelta(hours=hours)

    def level_response_due(self, level, start):
        """The level's response time, for records that lack their own due time."""
        return start + timedelta(hours=self.level(level or self.lowest)["response_hours"])

    def work_deadline(self, item, level, start, own_days=True):
        """End of the handling deadline: the item's own days, else the level's."""
        days = item.deadline_days if own_days and item.deadline_days else None
        return working_deadline(start, days or self.level(level)["deadline_days"])

    def claim_window_end(self, item, start):
        """When a wish leaves the wall unclaimed: the item's own window, else the rule set's."""
        days = item.claim_window_days or self.params.wish["claim_window_days"]
        return start + timedelta(days=days)

    def fulfil_deadline(self, claimed_at):
        return working_deadline(claimed_at, self.params.wish["fulfil_working_days"])

    @property
    def claim_limit(self):
        """How many wishes one volunteer may hold claimed at once."""
        return self.params.wish["claim_limit"]

    @property
    def lowest(self):
        return self.params.escalation[0]

    def next_level(self, level):
        """One level up the escalation order (常规 → 一般 → 联席); the top level stays."""
        order = self.params.escalation
        index = order.index(level) if level in order else 0
        return order[min(index + 1, len(order) - 1)]

    def below_top(self):
        """The levels an overdue demand can still be escalated from."""
        return list(self.params.escalation[:-1])
