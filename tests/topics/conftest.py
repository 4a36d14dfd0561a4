"""A community with a topic at each step, driven through weimin.topics.steps."""

from datetime import timedelta
from decimal import Decimal

import pytest

from models.base import local_today
from weimin.funds import ledger
from weimin.topics import steps


def meeting(outcome="adopted", **over):
    """Valid data of a deliberation meeting."""
    data = {
        "date": local_today() - timedelta(days=1),
        "participants": {"party": "社区党委 王书记", "property": "安居物业 张经理", "owners": ""},
        "minutes": "各方同意先做可行性评估",
        "options": [("加装电梯", 18), ("暂缓", 3)],
        "mode": "vote",
        "outcome": outcome,
        "decision": "同意加装，费用按楼层分摊",
    }
    data.update(over)
    return data


def carry(item, **over):
    data = {"item": item, "description": "3号楼加装电梯工程", "resident_name": "赵敏",
            "resident_phone": "13900001234"}  # fmt: skip
    data.update(over)
    return data


@pytest.fixture
def place(app, make):
    street = make.street(name="甲街道")
    community = make.community(street, name="甲一社区")
    fund = make.fund(street, "crowd", community_doc=community, name="甲一社区众筹基金")
    ledger.append(fund, "contribution", "5000", "w", donor="居民众筹", channel="wechat")
    fund.reload()
    project = make.item("project", street_doc=street)
    return {"street": street, "community": community, "fund": fund, "project": project}


@pytest.fixture
def walk(place, make):
    """walk(status) → a topic taken through the steps up to `status`."""

    def _walk(status):
        topic = make.topic(place["community"])
        order = ["raised", "deliberated", "resourced", "in_action", "evaluated"]
        moves = {
            "deliberated": ("deliberate", meeting()),
            "resourced": ("pledge", {"kind": "money", "text": "众筹基金出资", "fund": place["fund"],
                                     "amount": Decimal("1200")}),
            "in_action": ("carry_out", carry(place["project"])),
            "evaluated": ("evaluate", {"satisfied": 20, "basically": 3, "dissatisfied": 1,
                                       "comments": "电梯已投入使用"}),
        }  # fmt: skip
        for target in order[1 : order.index(status) + 1]:
            action, data = moves[target]
            steps.apply(topic, action, "王社工", data)
        return topic

    return _walk
