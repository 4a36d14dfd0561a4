"""What each step of a topic needs and records; weimin.topics.steps decides when it may happen.

Each function takes the topic, the actor and the step's form data, fills the topic in (not
saved) and returns (the status it leads to, or None for the step's usual one; a timeline note).
Bad data raises TopicError with a message per form field.
"""

from flask_babel import gettext as _

from models.base import utcnow
from models.choices import label
from models.references import ref_id
from models.topic_choices import PLEDGE_KINDS
from models.topic_parts import Meeting, Option, Participant, Pledge, TopicEvaluation
from weimin.core.money import money, yuan
from weimin.topics.carry import new_demand
from weimin.topics.errors import Conflict, TopicError
from weimin.topics.inputs import counts, meeting_errors, text

FORM = "Check the fields marked below."


def refuse(errors):
    raise TopicError(_(FORM), errors)


def accept(topic, actor, data):
    return None, text(data.get("note"))


def deliberate(topic, actor, data):
    """The meeting (议): its parties, minutes, options and vote or consensus, the decision."""
    errors = meeting_errors(data)
    if errors:
        refuse(errors)
    vote = data["mode"] == "vote"
    topic.meeting = Meeting(
        date=data["date"],
        participants=[Participant(party=p, names=n) for p, n in data["participants"].items()],
        minutes=text(data["minutes"]),
        options=[Option(text=t, votes=v if vote else None) for t, v in data["options"]],
        mode=data["mode"],
        outcome=data["outcome"],
        decision=text(data["decision"]),
    )
    topic.decided_at = utcnow()
    if data["outcome"] == "rejected":
        topic.close_reason, topic.closed_at = topic.meeting.decision, topic.decided_at
        return "not_adopted", topic.meeting.decision
    return None, topic.meeting.decision


def pledge(topic, actor, data):
    """One resource pledged (筹): money from a fund is promised, never moved, here."""
    errors, kind = {}, data.get("kind")
    words = text(data.get("text"))
    if kind not in dict(PLEDGE_KINDS):
        errors["kind"] = [_("Choose what kind of resource is pledged.")]
    if not words:
        errors["text"] = [_("Say who pledges what.")]
    entry = Pledge(kind=kind, text=words, at=utcnow())
    if kind == "money":
        _money(topic, data, entry, errors)
    elif kind == "volunteers":
        people = data.get("people")
        if not isinstance(people, int) or people < 1:
            errors["people"] = [_("Give the number of volunteers pledged.")]
        entry.people = people
    elif kind == "organisation":
        entry.organisation = data.get("organisation")
    if errors:
        refuse(errors)
    topic.pledges.append(entry)
    note = label(PLEDGE_KINDS, kind) + "：" + words
    return None, note + (f"（{yuan(entry.amount)}）" if entry.amount is not None else "")


def _money(topic, data, entry, errors):
    fund = data.get("fund")
    if fund is None:
        errors["fund"] = [_("Choose the fund the money comes from.")]
        return
    if ref_id(fund, "street") != ref_id(topic, "street") or (
        fund.community is not None and ref_id(fund, "community") != ref_id(topic, "community")
    ):
        errors["fund"] = [_("The fund does not serve this topic's community.")]
    elif fund.status != "open":
        errors["fund"] = [_("The fund is not open.")]
    left = fund.available
    cap = _("The fund's available balance is %(cap)s yuan.")
    amount = money(data.get("amount"), "amount", errors, cap=left, cap_message=cap)
    entry.fund, entry.amount = fund, amount


def carry_out(topic, actor, data):
    """Carrying it out (办): a new 微项目 or 微事务 through the normal intake, linked both ways."""
    if not type(topic).objects(pk=topic.pk, rev=topic.rev or 0).count():
        # Checked before the demand is taken in, so a stale page takes no demand in.
        raise Conflict(_("Someone else updated this topic a moment ago; reload it."))
    errors = {}
    demand = new_demand(topic, actor, data, errors)
    if errors:
        refuse(errors)
    topic.demands.append(demand)
    topic.done_at = topic.done_at or utcnow()
    return None, demand.ticket_no


def evaluate(topic, actor, data):
    """The residents' evaluation of the outcome (评), published on the board."""
    errors, numbers = counts(data)
    if errors:
        refuse(errors)
    topic.evaluation = TopicEvaluation(**numbers, comments=text(data.get("comments")) or None)
    topic.evaluated_at = topic.evaluation.at = utcnow()
    return None, None


def close(topic, actor, data):
    """Closed without action, with the reason residents will read on the board."""
    reason = text(data.get("reason"))
    if not reason:
        refuse({"reason": [_("Give the reason the topic is not taken further.")]})
    topic.close_reason, topic.closed_at = reason[:500], utcnow()
    topic.decided_at = topic.decided_at or topic.closed_at
    return None, reason
