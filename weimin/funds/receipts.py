"""A donor's acknowledgment (捐赠收据) of one contribution, and its public check by code."""

from dataclasses import dataclass

from models import LedgerEntry
from models.codes import normalise_code
from models.fund_choices import MONEY_CHANNELS
from weimin.access.masking import mask_name
from weimin.core.money import decimal
from weimin.core.money_words import capitals


@dataclass
class Receipt:
    """What a receipt prints; `void` when the contribution was reversed (已冲正)."""

    entry: object
    fund: object
    number: str
    donor: str
    amount: object
    in_words: str
    day: object
    channel: str
    code: str
    issuer: str
    void: bool
    voided_on: object = None
    voided_why: str = ""

    @property
    def masked_donor(self):
        """The donor as the public check shows it: 张*, 海天** …"""
        return mask_name(self.donor)


def receipt_number(entry):
    """Our own receipt number: the street's code, the year, the fund and the entry's place in
    its ledger (unique, since a fund numbers its entries without gaps)."""
    fund = entry.fund
    street = getattr(fund.street, "code", "") or ""
    return f"JZ{street}-{entry.value_date:%Y}-{str(fund.pk)[-6:].upper()}-{entry.seq:05d}"


def receipt(entry):
    """The Receipt of a contribution entry; None for any other entry."""
    if entry is None or entry.kind != "contribution":
        return None
    fund = entry.fund
    undone = LedgerEntry.objects(reverses=entry.pk).first()
    community = fund.community
    issuer = community.name if community is not None else fund.street.name
    amount = decimal(entry.amount)
    return Receipt(
        entry=entry,
        fund=fund,
        number=receipt_number(entry),
        donor=entry.donor or "",
        amount=amount,
        in_words=capitals(amount),
        day=entry.value_date,
        channel=str(dict(MONEY_CHANNELS).get(entry.channel, "")),
        code=entry.code or "",
        issuer=issuer,
        void=undone is not None,
        voided_on=undone.value_date if undone is not None else None,
        voided_why=(undone.note or "") if undone is not None else "",
    )


def by_code(text):
    """The Receipt whose verification code a visitor typed; None when there is none."""
    code = normalise_code(text)
    if len(code) != 19:
        return None
    return receipt(LedgerEntry.objects(code=code, kind="contribution").first())
