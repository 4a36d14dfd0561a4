"""Deadlines from the rule set (RULES.md): handling levels, first response, wish windows."""

from datetime import timedelta

from models.rule_set import RuleSet
from weimin.core.workdays import add_working_days

DEFAULT_LEVELS = {
    "routine": {"deadline_days": 3, "response_hours": 24},
    "general": {"deadline_days": 15, "response_hours": 24},
    "major": {"deadline_days": 30, "response_hours": 24},
}
DEFAULT_WISH = {"claim_window_days": 10, "fulfil_working_days": 15}
ESCALATION = ("routine", "general", "major")


def _params(street):
    rules = RuleSet.current("deadline", street)
    return rules.params if rules else {}


def level_rule(level, street):
    return {**DEFAULT_LEVELS[level], **_params(street).get("levels", {}).get(level, {})}


def wish_rule(street):
    return {**DEFAULT_WISH, **_params(street).get("wish", {})}


def response_due(item, street, start):
    hours = item.response_hours or level_rule(item.handling_level, street)["response_hours"]
    return start + timedelta(hours=hours)


def work_deadline(item, level, street, start, own_days=True):
    """End of the handling deadline: the item's own days, else the level's default."""
    days = item.deadline_days if own_days and item.deadline_days else None
    return add_working_days(start, days or level_rule(level, street)["deadline_days"])


def claim_window_end(item, street, start):
    days = item.claim_window_days or wish_rule(street)["claim_window_days"]
    return start + timedelta(days=days)


def fulfil_deadline(street, claimed_at):
    return add_working_days(claimed_at, wish_rule(street)["fulfil_working_days"])


def next_level(level):
    """One level up (常规 → 一般 → 联席); the top level stays."""
    index = ESCALATION.index(level) if level in ESCALATION else 0
    return ESCALATION[min(index + 1, len(ESCALATION) - 1)]
