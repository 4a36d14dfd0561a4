"""The demo's deliberation topics: in every community a topic at each step (说议筹办评), some
raised from demo demands, carried out as its 微项目 and 微事务, with pledges from its funds."""

from datetime import timedelta
from decimal import Decimal

from bson import ObjectId

from models import Topic
from models.topic_choices import TOPIC_STATUSES
from models.topic_parts import (
    Meeting,
    Option,
    Participant,
    Pledge,
    TopicEvaluation,
    TopicStep,
)
from seeds import demo_topic_texts as texts

ORDER = [code for code, _label in TOPIC_STATUSES]
PATH = ["raised", "deliberated", "resourced", "in_action", "evaluated"]


def build_topics(rng, now, communities, demands, funds, actor):
    """Unsaved topics: each community one per status, the statuses rotated by community."""
    by_community, topics = {}, []
    for demand in demands:
        by_community.setdefault(id(demand.community), []).append(demand)
    for n, community in enumerate(communities):
        mine = by_community.get(id(community), [])
        works = [d for d in mine if d.kind in ("project", "affair") and d.closed_at is not None]
        serving = [f for f in funds if f.street is community.street and f.status == "open"
                   and f.community in (None, community)]  # fmt: skip
        story = Story(rng, now, community, actor(community, "topic"), works, serving)
        for k in range(len(ORDER)):
            subject = texts.TOPICS[(n + k) % len(texts.TOPICS)]
            topics.append(story.topic(ORDER[(n + k) % len(ORDER)], subject, mine, k))
    return topics


class Story:
    def __init__(self, rng, now, community, actor, works, funds):
        self.rng, self.now, self.community, self.actor = rng, now, community, actor
        self.works, self.funds = list(works), funds

    def topic(self, status, subject, demands, k):
        rng = self.rng
        start = self.now - timedelta(days=rng.randrange(100, 330), hours=rng.randrange(24))
        topic = Topic(
            id=ObjectId(), street=self.community.street, community=self.community,
            title=subject[0], description=subject[1], created_at=start, created_by=self.actor,
            supporters=rng.randrange(3, 80), status="raised", source="community", timeline=[],
        )  # fmt: skip
        if status == "proposed":
            topic.source, topic.status = "board", "proposed"
            topic.raiser_name, topic.raiser_phone = "居民", f"139{rng.randrange(10**8):08d}"
            return self._step(topic, "raise", None, "proposed", start)
        if k % 3 == 0 and demands:
            topic.source, topic.demand = "demand", rng.choice(demands)
        self._step(topic, "raise", None, "raised", start)
        at = start
        for target in PATH[1 : PATH.index(status) + 1] if status in PATH else ():
            at = at + timedelta(days=rng.randrange(5, 20))
            getattr(self, target)(topic, at)
        if status == "not_adopted":
            self.not_adopted(topic, start + timedelta(days=rng.randrange(5, 20)))
        return topic

    def _step(self, topic, action, from_status, to_status, at, note=None):
        topic.timeline.append(TopicStep(at=at, actor=self.actor, action=action,
                                        from_status=from_status, to_status=to_status,
                                        note=note))  # fmt: skip
        topic.status = to_status
        return topic

    def deliberated(self, topic, at):
        rng = self.rng
        parties = rng.sample(sorted(texts.PARTIES), rng.randrange(3, 7))
        yes = rng.randrange(12, 40)
        topic.meeting = Meeting(
            date=(at + timedelta(hours=8)).date(), minutes="各方代表充分发表意见，形成实施方案。",
            participants=[Participant(party=p, names=rng.choice(texts.PARTIES[p]))
                          for p in parties],
            options=[Option(text="同意实施", votes=yes), Option(text="暂缓", votes=yes // 4)],
            mode="vote", outcome="adopted", decision=rng.choice(texts.DECISIONS),
        )  # fmt: skip
        topic.decided_at = at
        self._step(topic, "deliberate", "raised", "deliberated", at, topic.meeting.decision)

    def resourced(self, topic, at):
        kind, words = self.rng.choice(texts.PLEDGES)
        pledges = [Pledge(kind=kind, text=words, at=at, people=8 if kind == "volunteers" else None)]
        fund = self.rng.choice(self.funds) if self.funds else None
        if fund is not None and fund.available > 0:
            amount = min(fund.available, Decimal(self.rng.randrange(20, 100) * 100))
            pledges.append(Pledge(kind="money", text=f"{fund.name}出资", fund=fund,
                                  amount=amount, at=at))  # fmt: skip
        topic.pledges = pledges
        self._step(topic, "pledge", "deliberated", "resourced", at, words)

    def in_action(self, topic, at):
        if self.works:
            demand = self.works.pop()
            topic.demands = [demand]
            note = demand.ticket_no
        else:
            note = None
        topic.done_at = at
        self._step(topic, "carry_out", "resourced", "in_action", at, note)

    def evaluated(self, topic, at):
        rng = self.rng
        topic.evaluation = TopicEvaluation(
            satisfied=rng.randrange(10, 40), basically=rng.randrange(0, 10),
            dissatisfied=rng.randrange(0, 3), comments=rng.choice(texts.COMMENTS), at=at,
        )  # fmt: skip
        topic.evaluated_at = at
        self._step(topic, "evaluate", "in_action", "evaluated", at)

    def not_adopted(self, topic, at):
        topic.close_reason = self.rng.choice(texts.NOT_ADOPTED)
        topic.closed_at = topic.decided_at = at
        self._step(topic, "close", "raised", "not_adopted", at, topic.close_reason)
