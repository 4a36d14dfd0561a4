"""The forms that write a fund's ledger, one per entry kind.

They only collect what weimin.funds.ledger.append needs; every rule (amounts, dates, targets,
votes, balances) is checked there, and its field messages come back onto these fields. The
choices offered are the fund's own records, and a posted id outside them is refused here.
"""

import re
import uuid
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField

from admin.fund_labels import LEDGER_LABELS as L
from models import Demand, FundMotion, LedgerEntry
from models.base import local_today
from models.choices import label
from models.demand import open_now_query
from models.fund_choices import ENTRY_KINDS, MONEY_CHANNELS, SPONSOR_KINDS
from weimin.core.money import yuan
from weimin.funds import checks, pledges

# Which fields each kind's form has, in order (the key and the CSRF token are always there).
FIELDS = {
    "contribution": ("donor", "donor_kind", "donor_public", "amount", "value_date", "channel",
                     "receipt_no", "pledge", "note"),
    "pledge": ("donor", "donor_kind", "donor_public", "amount", "pledge_year", "value_date",
               "note"),
    "allocation": ("demand", "amount", "value_date", "purpose", "motion", "note"),
    "disbursement": ("allocation", "demand", "purpose", "amount", "value_date", "receipt_no",
                     "note"),
    "reversal": ("reverses", "value_date", "note"),
}  # fmt: skip
CHOSEN = ("pledge", "demand", "motion", "allocation", "reverses")  # ids of records
MANY = 300  # options offered at most; the newest first
KEY = re.compile(r"[0-9a-f]{32}")
BLANK = [("", "—")]


class EntryForm(FlaskForm):
    key = HiddenField()
    donor = StringField(L["donor"])
    donor_kind = SelectField(L["donor_kind"], choices=BLANK, validate_choice=False)
    donor_public = BooleanField(L["donor_public"])
    amount = StringField(L["amount"], render_kw={"inputmode": "decimal"})
    pledge_year = StringField(L["pledge_year"], render_kw={"inputmode": "numeric"})
    value_date = StringField(L["value_date"], render_kw={"type": "date"})
    channel = SelectField(L["channel"], choices=BLANK, validate_choice=False)
    receipt_no = StringField(L["receipt_no"])
    pledge = SelectField(L["pledge"], choices=BLANK, validate_choice=False)
    demand = SelectField(L["demand"], choices=BLANK, validate_choice=False)
    allocation = SelectField(L["allocation"], choices=BLANK, validate_choice=False)
    motion = SelectField(L["motion"], choices=BLANK, validate_choice=False)
    reverses = SelectField(L["reverses"], choices=BLANK, validate_choice=False)
    purpose = StringField(L["purpose"])
    note = TextAreaField(L["note"])


def entry_form(kind, fund, formdata=None):
    """The form for one kind of entry to `fund`, its choices the fund's own records."""
    form = EntryForm(formdata=formdata) if formdata is not None else EntryForm()
    wanted = [n for n in FIELDS[kind] if n != "motion" or fund.kind == "crowd"]
    for name in list(form._fields):
        if name not in (*wanted, "key", "csrf_token"):
            del form[name]
    form.kind, form.fund, form.records = kind, fund, {}
    form.ordered = [form[name] for name in wanted]  # the fields as the page shows them
    if not form.key.data or not KEY.fullmatch(form.key.data):
        form.key.data = uuid.uuid4().hex
    if "value_date" in form and not form.value_date.data:
        form.value_date.data = local_today().isoformat()
    if "pledge_year" in form and not form.pledge_year.data:
        form.pledge_year.data = str(local_today().year)
    options = {
        "donor_kind": lambda: [(c, str(t)) for c, t in SPONSOR_KINDS],
        "channel": lambda: [(c, str(t)) for c, t in MONEY_CHANNELS],
        "pledge": lambda: _choices(form, "pledge", _open_pledges(fund)),
        "demand": lambda: _choices(form, "demand", _targets(fund)),
        "allocation": lambda: _choices(form, "allocation", _allocations(fund)),
        "motion": lambda: _choices(form, "motion", _motions(fund)),
        "reverses": lambda: _choices(form, "reverses", _reversible(fund)),
    }
    for name, build in options.items():
        if name in form:
            form[name].choices = BLANK + build()
    return form


def _choices(form, name, records):
    """Options from (record, text) pairs; the records are kept to resolve the posted id."""
    form.records[name] = {str(record.pk): record for record, _text in records}
    return [(str(record.pk), text) for record, text in records]


def values(form):
    """({field: value} for ledger.append, {field: [message]}): ids resolved, dates parsed."""
    fields, errors = {}, {}
    for name in (n for n in FIELDS[form.kind] if n in form):
        data = form[name].data
        if name in CHOSEN:
            fields[name] = form.records[name].get(data) if data else None
            if data and fields[name] is None:
                errors[name] = [_("Choose one of the options offered.")]
        elif name == "value_date":
            fields[name] = _date(data, errors)
        elif name == "pledge_year":
            fields[name] = int(data) if (data or "").strip().isdigit() else None
        elif name == "donor_public":
            fields[name] = bool(data)
        else:
            fields[name] = (data or "").strip() or None
    return fields, errors


def _date(text, errors):
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        errors["value_date"] = [_("Enter a date as YYYY-MM-DD.")]
        return None


def show(form, errors):
    """Put the ledger's messages on the fields; what no field shows goes to the whole form."""
    rest = []
    for name, messages in errors.items():
        target = name if name in form else None
        for message in messages:
            (form[target].errors.append if target else rest.append)(str(message))
    form.form_errors = rest


def entry_text(entry):
    """An entry in a list of options or a message: #7 捐入 2,000.00 元 2026-11-02."""
    kind = label(ENTRY_KINDS, entry.kind)
    return _("#%(seq)d %(kind)s %(amount)s yuan, %(date)s", seq=entry.seq, kind=kind,
             amount=yuan(entry.amount), date=entry.value_date)  # fmt: skip


def _open_pledges(fund):
    return [(s.pledge, f"{s.pledge.pledge_year} · {s.pledge.donor} · {yuan(s.unpaid)}")
            for s in pledges.fund_pledges(fund) if s.unpaid > 0]  # fmt: skip


def _targets(fund):
    """Open 微项目 and 微心愿 the fund may pay for, newest first."""
    kinds = fund.allowed_kinds or ("project", "wish")
    query = Demand.objects(open_now_query(), street=fund.street.pk, kind__in=kinds)
    if fund.community is not None:
        query = query.filter(community=fund.community.pk)
    if fund.allowed_categories:
        query = query.filter(category__in=[ref.pk for ref in fund.allowed_categories])
    query = query.order_by("-received_at", "-id").limit(MANY)
    return [(d, f"{d.ticket_no} {(d.description or '')[:24]}") for d in query]


def _allocations(fund):
    found = list(LedgerEntry.objects(fund=fund.pk, kind="allocation").order_by("-seq", "-id")
                 .limit(MANY))  # fmt: skip
    remaining = checks.allocations_left(found)
    left = ((a, remaining[a.pk]) for a in found)
    return [(a, _("%(entry)s, %(left)s yuan left", entry=entry_text(a), left=yuan(rest)))
            for a, rest in left if rest > 0]  # fmt: skip


def _motions(fund):
    found = FundMotion.objects(fund=fund.pk, kind="allocation", status="passed")
    return [(m, m.title) for m in found.order_by("-id").limit(MANY)]


def _reversible(fund):
    found = list(LedgerEntry.objects(fund=fund.pk, kind__ne="reversal").order_by("-seq", "-id")
                 .limit(MANY))  # fmt: skip
    done = checks.reversed_ids(e.pk for e in found)
    return [(e, entry_text(e)) for e in found if e.pk not in done]


TITLES = {
    "contribution": _l("Record a contribution (登记捐入)"),
    "pledge": _l("Record a pledge (登记认捐)"),
    "allocation": _l("Allocate to a project or wish (拨付安排)"),
    "disbursement": _l("Record a payment (支出)"),
    "reversal": _l("Reverse an entry (冲正)"),
}
