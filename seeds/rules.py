"""Default rule sets (RULES.md); every number is configuration, versioned in the store."""

import copy

from models.rule_defaults import DEFAULTS

NAMES = {
    "deadline": "默认办理时限",
    "clearance": "月月清零考核权重",
    "rating": "星级评定标准",
    "volunteer_stars": "志愿者星级（累计时长）",
}

DEFAULT_RULE_SETS = tuple(
    {"kind": kind, "code": "default", "name": name, "params": copy.deepcopy(DEFAULTS[kind])}
    for kind, name in NAMES.items()
)
