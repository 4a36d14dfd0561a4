"""Who hears of which event, and what they are told: one builder per event, nothing written.

Each builder returns unsaved OutboxMessages with a natural key, so that the same event taken
twice (a retried job, a repeated request) yields the same keys and `outbox.post` keeps one.
"""

from contextlib import nullcontext

from flask import current_app
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from models import OutboxMessage
from models.references import ref_id
from weimin.core.timefmt import deadline_text, long_date
from weimin.notify.links import evaluation_path, follow_path, me_path

# Actions after which the resident is asked to evaluate: the answer of a 微事务, a fulfilled
# 微心愿, a completed 微项目.
ANSWERING = ("answer", "fulfil", "complete")
ASSIGNING = ("assign", "transfer")


def _stamp(value):
    """A time as a key part, to the millisecond (what the store keeps)."""
    return value.strftime("%Y%m%dT%H%M%S.%f")[:-3] if value is not None else "-"


def phone_channel():
    return current_app.config.get("NOTIFY_CHANNEL") or "sms"


def _message(key, event, demand=None, **fields):
    if demand is not None:
        fields.update(
            demand=demand.pk,
            ticket_no=demand.ticket_no,
            street=ref_id(demand, "street"),
            community=ref_id(demand, "community"),
        )
    return OutboxMessage(key=key, event=event, **fields)


def resident(demand):
    return {
        "recipient_kind": "resident",
        "recipient_name": demand.resident_name,
        "recipient_phone": demand.resident_phone,
        "channel": phone_channel(),
    }


def volunteer(person):
    return {
        "recipient_kind": "volunteer",
        "recipient_name": person.name,
        "recipient_phone": person.phone,
        "volunteer": person.pk,
        "channel": phone_channel(),
        "link": me_path(),
    }


def organisation(org):
    """An organisation's contact; one without a phone is told in the back office."""
    phone = org.contact_phone
    return {
        "recipient_kind": "organisation",
        "recipient_name": org.contact_name or org.name,
        "recipient_phone": phone,
        "organisation": org.pk,
        "channel": phone_channel() if phone else "inbox",
    }


def community(demand):
    name = getattr(demand.community, "name", "")
    return {"recipient_kind": "community", "recipient_name": name, "channel": "inbox"}


def assignees(org, person):
    """The volunteer and/or the organisation's contact a demand is given to."""
    found = [("volunteer", volunteer(person))] if person is not None else []
    return found + ([("organisation", organisation(org))] if org is not None else [])


def handlers(demand):
    """Whoever holds the demand now."""
    return assignees(demand.assigned_org, demand.assigned_volunteer)


def _zh():
    """Messages are written in the product's language, whoever's request wrote them."""
    target = current_app.config.get("DEFAULT_LOCALE", "zh_Hans_CN")
    current = get_locale()
    return nullcontext() if current is not None and str(current) == target else force_locale(target)


def received(demand):
    """The resident hears the ticket number and gets the private follow link."""
    with _zh():
        text = _(
            "Your request has been received, ticket %(ticket)s. Follow it with the link below.",
            ticket=demand.ticket_no,
        )
    link = follow_path(demand)
    return [_message(f"received:{demand.pk}", "received", demand, text=text, link=link,
                     **resident(demand))]  # fmt: skip


def for_transition(demand, action, step, rev, params, deadline):
    """The messages of a lifecycle step, keyed by the demand and the revision it writes."""
    found = []
    with _zh():
        if action in ASSIGNING:
            org, person = params.get("organisation"), params.get("volunteer")
            text = _(
                "Demand %(ticket)s (%(item)s) has been assigned to you; please handle it by "
                "%(deadline)s.",
                ticket=demand.ticket_no,
                item=getattr(demand.item, "name", ""),
                deadline=deadline_text(deadline),
            )
            for who, recipient in assignees(org, person):
                key = f"assigned:{demand.pk}:r{rev}:{who}"
                found.append(_message(key, "assigned", demand, text=text, **recipient))
        if action in ANSWERING:
            text = _(
                "Your request %(ticket)s has been answered. Please tell us how satisfied you "
                "are with the link below.",
                ticket=demand.ticket_no,
            )
            key = f"answered:{demand.pk}:r{rev}"
            link = evaluation_path(demand)
            told = _message(key, "answered", demand, text=text, link=link, **resident(demand))
            found.append(told)
    for message in found:
        message.subject_at = step.at
    return found


def overdue(demand):
    """The handler and the community hear once per deadline that passed while it was open."""
    found = []
    deadline = demand.deadline_at
    stamp = _stamp(deadline)
    with _zh():
        told = {"ticket": demand.ticket_no, "deadline": deadline_text(deadline)}
        text = _(
            "Demand %(ticket)s is overdue (deadline %(deadline)s); please handle it now.", **told
        )
        for who, recipient in handlers(demand):
            key = f"overdue:{demand.pk}:{stamp}:{who}"
            found.append(_message(key, "overdue", demand, text=text, **recipient))
        text = _("Demand %(ticket)s of your community is overdue (deadline %(deadline)s).", **told)
        key = f"overdue:{demand.pk}:{stamp}:community"
        found.append(_message(key, "overdue", demand, text=text, **community(demand)))
    for message in found:
        message.subject_at = deadline
    return found


def claim_expiring(wish):
    """The volunteer holding a wish hears before its fulfilment deadline passes."""
    person = wish.assigned_volunteer
    if person is None:
        return []
    with _zh():
        text = _(
            "The wish %(ticket)s you claimed is due by %(deadline)s; after that it goes back "
            "to the wish wall.",
            ticket=wish.ticket_no,
            deadline=deadline_text(wish.deadline_at),
        )
    key = f"claim_expiring:{wish.pk}:{_stamp(wish.deadline_at)}"
    message = _message(key, "claim_expiring", wish, text=text, **volunteer(person))
    message.subject_at = wish.deadline_at
    return [message]


def record_approved(record, person, hours):
    """The volunteer hears that a service record's hours count."""
    with _zh():
        text = _(
            "Your service hours for “%(activity)s” on %(date)s were approved: %(hours)s hours.",
            activity=record["activity_name"],
            date=long_date(record["activity_date"]),
            hours=f"{hours.normalize():f}",
        )
    message = _message(
        f"record_approved:{record['_id']}",
        "record_approved",
        text=text,
        record=record["_id"],
        street=record.get("street"),
        community=record.get("community"),
        **volunteer(person),
    )
    return [message]
