"""The demo's funds (微基金 "1+X") and a year of their ledgers, built in memory.

Every street has a fiscal fund that receives the district's budget transfers and pays the
subsidy of every 微项目 released in the year (topped up when it runs low, as budgets are);
one to three named funds (公益冠名基金) pledge and pay each year and pay for wishes and
projects; every other community has a crowdfunded fund with its decision board (决议团).
A mistaken contribution and a payment to a wrong account are reversed.
"""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from bson import ObjectId

from models import Fund
from models.base import TZ
from models.fund import BoardMember
from seeds.demo_board import board_year
from seeds.demo_ledger import MemoryLedger

BUDGET = "区财政局"
SHOPS = ("邻家便民超市", "康乐家政服务部", "爱心餐饮店", "安康大药房", "快修水电维修部")
UNITS = ("农商银行营业部", "供电所", "人民医院", "安居物业服务有限公司")
PARTIES = ("社区党组织", "居民代表", "居民代表", "捐赠人代表", "驻区单位代表", "社会组织代表")
TENTH = Decimal(10000)


def build_funds(rng, people, now, start, communities, demands, actor):
    """(funds, ledger entries, board motions) of every demo street, unsaved."""
    span = (start.astimezone(TZ).date(), now.astimezone(TZ).date())
    story = Story(rng, people, now, span, actor)
    streets = list(dict.fromkeys(c.street for c in communities))
    by_street, by_community = defaultdict(list), defaultdict(list)  # in the demands' order
    for demand in demands:
        by_street[id(demand.street)].append(demand)
        by_community[id(demand.community)].append(demand)
    for i, street in enumerate(streets):
        mine = by_street[id(street)]
        story.fiscal(street, mine)
        for n in range(1 + i % 3):  # one to three named funds
            story.named(street, rng.choice([c for c in communities if c.street is street]), n, mine)
    for n, community in enumerate(communities):
        if n % 2 == 0:
            story.crowd(community, by_community[id(community)])
    entries = [entry for ledger in story.ledgers for entry in ledger.finish()]
    return story.funds, entries, story.motions


class Story:
    def __init__(self, rng, people, now, span, actor):
        self.rng, self.people, self.now, self.span, self.actor = rng, people, now, span, actor
        self.funds, self.ledgers, self.motions = [], [], []

    def fund(self, street, community, kind, name, **fields):
        fund = Fund(id=ObjectId(), street=street, community=community, kind=kind, name=name,
                    created_at=self.now - timedelta(days=400), **fields)  # fmt: skip
        self.funds.append(fund)
        self.ledgers.append(MemoryLedger(fund, self.rng, self.now))
        return fund, self.ledgers[-1]

    def day(self, first=None, last=None):
        first, last = first or self.span[0], last or self.span[1]
        return first + timedelta(days=self.rng.randrange(max(1, (last - first).days + 1)))

    def fiscal(self, street, demands):
        """The budget transfers in, and every released subsidy paid out."""
        _fund, book = self.fund(
            street, None, "fiscal", f"{street.name}微项目补助资金", sponsor=BUDGET,
            sponsor_kind="government", sponsor_public=True,
            purpose="财政保障资金（“1+X”中的“1”），用于评审立项、验收通过的微项目补助",
        )  # fmt: skip
        receipts = iter(range(1, 1000))

        def transfer(on, note):
            amount = self.rng.randrange(100, 301) * TENTH  # 100万–300万
            book.add("contribution", amount, on, "财政所", donor=BUDGET, donor_kind="government",
                     donor_public=True, channel="budget", note=note,
                     receipt_no=f"CZ{on.year}-{street.code}-{next(receipts):03d}")  # fmt: skip

        transfer(self.span[0], "年度微项目补助资金预算拨入")
        released = sorted(
            (d for d in demands if d.kind == "project" and d.subsidy_released_at is not None),
            key=lambda d: d.subsidy_released_at,
        )
        for n, project in enumerate(released):
            on = project.subsidy_released_at.astimezone(TZ).date()
            amount = project.subsidy_released
            if book.available < amount:
                transfer(on, "追加微项目补助资金预算")
            who = self.actor(project.community, "release_subsidy")
            purpose = f"微项目{project.ticket_no}补助"
            paid = book.add("disbursement", amount, on, who, demand=project, purpose=purpose)
            if n == 0 and paid is not None:  # the first payment went to a wrong account
                note = "收款账户信息有误，银行退回，更正后重新支付"
                book.add("reversal", None, on, who, reverses=paid, note=note)
                book.add("disbursement", amount, on, who, demand=project, purpose=purpose)

    def named(self, street, community, n, demands):
        """A sponsor's yearly pledge, paid, and money for wishes or projects."""
        rng, own = self.rng, [d for d in demands if d.community is community]
        if n == 0:
            sponsor = f"{self.people.name('female')[0]}阿姨"
            name, kind, yearly = f"{sponsor}助学基金", "resident", rng.randrange(5, 21) * 1000
            fields = {"restriction": "仅用于助学", "allowed_kinds": ["wish"],
                      "purpose": "资助困难家庭学生的学习用品和助学微心愿"}  # fmt: skip
        elif n == 1:
            sponsor = rng.choice(SHOPS)
            name, kind, yearly = f"{sponsor}爱心基金", "unit", 2000
            fields = {"purpose": "每年认捐2000元，用于社区微心愿和邻里互助"}
        else:
            sponsor = f"{street.name[:-2]}{rng.choice(UNITS)}"
            name, kind, yearly = f"{sponsor}公益冠名基金", "unit", rng.randrange(2, 6) * TENTH
            fields = {"purpose": "支持社区微项目的配套资金"}
        fund, book = self.fund(street, community, "named", name, sponsor=sponsor,
                               sponsor_kind=kind, sponsor_public=True, **fields)  # fmt: skip
        giver = {"donor": sponsor, "donor_kind": kind, "donor_public": True}
        who = self.actor(community, "record")
        for year in sorted({self.span[0].year, self.span[1].year}):
            first = max(self.span[0], self.span[0].replace(year=year, month=1, day=1))
            paid_on = first + timedelta(days=rng.randrange(10, 60))
            receipt = f"YH{paid_on:%Y%m%d}{rng.randrange(1000, 9999)}"
            # The latest year's pledge waits to be paid (the pledge reminders show it).
            paid = paid_on <= self.span[1] and year == self.span[0].year
            self.pledged(book, first, paid_on if paid else None, yearly, who, giver, receipt, year)
        wanted = "wish" if fund.allowed_kinds else ("project" if n > 1 else "wish")
        self.spend(book, [d for d in own if d.kind == wanted], 6, (200, 1500) if wanted == "wish"
                   else (3000, 12000))  # fmt: skip

    def pledged(self, book, first, paid_on, yearly, who, giver, receipt, year):
        cell = {}

        def pledge():
            cell["pledge"] = book.add("pledge", yearly, first, who, pledge_year=year, **giver)

        def pay():
            book.add("contribution", yearly, paid_on, who, channel="bank", pledge=cell["pledge"],
                     receipt_no=receipt, **giver)  # fmt: skip

        book.on(first, pledge)
        if paid_on is not None:
            book.on(paid_on, pay)

    def crowd(self, community, demands):
        """Residents' and units' money, allocated by the board and paid out."""
        rng = self.rng
        board = [BoardMember(name=self.people.name(rng.choice(("male", "female"))), party=p)
                 for p in PARTIES[: rng.randint(5, 6)]]  # fmt: skip
        if rng.random() < 0.5:
            board.append(BoardMember(name=self.people.name("male"), party="居民代表"))
        _fund, book = self.fund(
            community.street, community, "crowd", f"{community.name}众筹微基金",
            sponsor="社区居民、驻区单位和爱心人士", sponsor_kind="mixed", sponsor_public=True,
            purpose="居民众筹，决议团议定使用方向和标准，用于本社区微心愿和微项目", board=board,
            quorum="half", majority=rng.choice(("half", "two_thirds")),
            vote_threshold=Decimal(5000),
        )  # fmt: skip
        gifts = []
        for _ in range(rng.randint(20, 60)):
            gender = rng.choice(("male", "female"))
            gifts.append((self.day(), self.people.name(gender), "resident",
                          rng.choice((50, 100, 100, 200, 200, 500, 1000, 2000))))  # fmt: skip
        for unit in rng.sample(UNITS, rng.randint(1, 3)):
            gifts.append((self.day(), unit, "unit", rng.randrange(2, 11) * 1000))
        who = self.actor(community, "record")
        twice = None if self.ledgers.index(book) % 3 else 3  # the 4th gift entered twice
        for n, (on, donor, kind, amount) in enumerate(sorted(gifts)):
            channel = "bank" if kind == "unit" else rng.choice(("wechat", "alipay", "cash"))
            fields = {"donor": donor, "donor_kind": kind, "channel": channel,
                      "donor_public": rng.random() < 0.6}  # fmt: skip
            self.gift(book, on, amount, who, fields, mistake=n == twice)
        self.spend(book, demands, 8, (300, 5000))
        board_year(self, book, demands, who)

    def gift(self, book, on, amount, who, fields, mistake):
        def give():
            entry = book.add("contribution", amount, on, who, **fields)
            if mistake:
                book.add("reversal", None, on, who, reverses=entry, note="重复录入，冲正")

        book.on(on, give)

    def spend(self, book, demands, most, amounts):
        """Allocate to some finished wishes or projects, then pay (most of) it."""
        done = [d for d in demands if d.closed_at is not None and d.kind in ("wish", "project")]
        who = self.actor(book.fund.community, "release_subsidy")
        for demand in self.rng.sample(done, min(most, len(done))):
            on = max(demand.closed_at.astimezone(TZ).date(), self.span[0])
            amount = self.rng.randrange(*amounts) // 10 * 10
            paid_on = on + timedelta(days=self.rng.randrange(3, 30))
            pays = paid_on <= self.span[1] and self.rng.random() < 0.85
            self.earmark(book, demand, on, amount, who, paid_on if pays else None)

    def earmark(self, book, demand, on, amount, who, paid_on):
        cell, purpose = {}, f"{demand.ticket_no}：{demand.item.name}"

        def allocate():
            cell["allocation"] = book.add("allocation", amount, on, who, demand=demand,
                                          purpose=purpose)  # fmt: skip

        def pay():
            if cell.get("allocation") is not None:
                book.add("disbursement", amount, paid_on, who, allocation=cell["allocation"],
                         demand=demand)  # fmt: skip

        book.on(on, allocate)
        if paid_on is not None:
            book.on(paid_on, pay)
