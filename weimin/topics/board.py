"""The public topic board: each community's open and decided topics, without personal data.

What a topic shows in public is built here, field by field, so nothing personal (who raised it,
phones, the names at the meeting, who pledged) can reach the page by accident.
"""

from models import Community, Street, Topic
from models.choices import label
from models.topic_choices import DECIDED_TOPICS, OPEN_TOPICS, PARTIES, PLEDGE_KINDS, TOPIC_STATUSES
from weimin.core.money import yuan

SHOWN = 50  # topics of each kind on a community's board


def communities():
    """[(street, [communities])] in code order, for the board's index."""
    streets = {s.pk: s for s in Street.objects.only("code", "name").order_by("code")}
    grouped = {pk: [] for pk in streets}
    for community in Community.objects.only("code", "name", "street").order_by("code"):
        grouped.setdefault(community.street.pk, []).append(community)
    return [(streets[pk], found) for pk, found in grouped.items() if found and pk in streets]


def public_topic(topic):
    """The topic as anyone may read it."""
    meeting, evaluation = topic.meeting, topic.evaluation
    return {
        "id": str(topic.pk),
        "title": topic.title,
        "description": topic.description,
        "status": topic.status,
        "step": label(TOPIC_STATUSES, topic.status),
        "supporters": topic.supporters or 0,
        "raised_on": topic.created_at,
        "meeting": meeting
        and {
            "date": meeting.date,
            "parties": [label(PARTIES, p.party) for p in meeting.participants],
            "options": [(o.text, o.votes) for o in meeting.options],
            "decision": meeting.decision,
        },
        "pledges": [
            (
                label(PLEDGE_KINDS, p.kind),
                p.fund.name if p.fund else None,
                yuan(p.amount) if p.amount is not None else None,
                p.people,
            )
            for p in topic.pledges
        ],  # fmt: skip
        "demands": [d.ticket_no for d in topic.demands],
        "evaluation": evaluation
        and {
            "satisfied": evaluation.satisfied,
            "basically": evaluation.basically,
            "dissatisfied": evaluation.dissatisfied,
            "comments": evaluation.comments,
        },
        "close_reason": topic.close_reason,
    }


def board(community):
    """(open topics, decided topics) of a community, newest first, as public dicts."""
    query = Topic.objects(community=community).order_by("-created_at")
    open_ = query.filter(status__in=OPEN_TOPICS).limit(SHOWN)
    decided = query.filter(status__in=DECIDED_TOPICS).limit(SHOWN)
    return [public_topic(t) for t in open_], [public_topic(t) for t in decided]
