"""A crowdfunded fund's decision board in the demo: its adopted rules, an allocation above the
vote threshold that the board passed and the street entered, and a motion for the next meeting.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from bson import ObjectId

from models import FundMotion
from models.base import TZ
from models.fund_motion import Vote

RULES = (
    "一、众筹资金优先用于本社区困难家庭微心愿和公共设施类微项目；"
    "二、单笔超过五千元的安排须经决议团表决；"
    "三、每季度在社区公示栏和网上公示收支。"
)


def board_year(story, book, demands, who):
    """The board's motions of the year; the passed allocation goes through the ledger."""
    fund, rng, first = book.fund, story.rng, story.span[0]
    members = [m.name for m in fund.board]

    def motion(kind, title, on, **fields):
        decided = fields.get("status", "open") != "open"
        found = FundMotion(
            id=ObjectId(), fund=fund, street=fund.street, community=fund.community, kind=kind,
            title=title, meeting_date=on if decided else None, created_by=who,
            created_at=_at(on - timedelta(days=7), story.now),
            decided_at=_at(on, story.now) if decided else None, **fields,
        )  # fmt: skip
        story.motions.append(found)
        return found

    agreed = [Vote(member=m, choice="yes") for m in members]
    motion("rule", "众筹资金使用规则", first + timedelta(days=20), text=RULES, votes=agreed,
           status="passed", minutes="决议团全体成员出席，一致通过使用规则。")  # fmt: skip
    useful = [d for d in demands if d.kind in ("project", "wish") and d.rejected_at is None]
    if not useful:
        return
    target = rng.choice(useful)
    on = story.day(first + timedelta(days=60))
    amount = Decimal(5000 + rng.randrange(5, 40) * 100)
    split = agreed[:-1] + [Vote(member=members[-1], choice="abstain")]
    passed = motion("allocation", f"资助{target.item.name}", on, amount=amount, demand=target,
                    text=f"为 {target.ticket_no} 安排众筹资金。", votes=split, status="passed",
                    minutes="到会成员过半，赞成多数，议案通过。")  # fmt: skip

    def allocate():  # entered the day the board decided, if the fund holds enough by then
        if book.available >= amount:
            admin = story.actor(fund.community, "release_subsidy")  # the street enters it
            entry = book.add("allocation", amount, on, admin, demand=target, motion=passed,
                             purpose=f"{target.ticket_no}：{target.item.name}")  # fmt: skip
            passed.status, passed.allocation = "executed", entry

    book.on(on, allocate)
    waiting = [d for d in useful if d.closed_at is None] or useful
    motion(
        "allocation",
        "下次会议议题：资助楼道照明改造",
        story.span[1],
        status="open",
        amount=Decimal(6000),
        demand=rng.choice(waiting),
        text="待下次决议团会议表决。",
    )


def _at(day, now):
    return min(datetime.combine(day, time(19, 0), TZ), now)
