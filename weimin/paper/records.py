"""The volunteer certificate and the donor's receipt as Papers, each with a QR code to the
public page where anyone checks it (/verify/<code>, /receipt/<code>)."""

from flask import url_for
from flask_babel import gettext as _

from weimin.core.money import yuan
from weimin.core.timefmt import long_date
from weimin.paper.paper import Paper


def _hours(value):
    return "0" if value is None else f"{value.normalize():f}"


def certificate(cert):
    """A volunteer service certificate (MCA Order 67, Art. 15)."""
    check = url_for("verify.show", code=cert.code, _external=True)
    period = _(
        "%(start)s to %(end)s", start=long_date(cert.first_date), end=long_date(cert.last_date)
    )
    lines = [
        (
            line.organisation,
            _("%(content)s (%(n)d activities)", content=line.content or "", n=line.activities),
            _hours(line.hours),
        )
        for line in cert.lines
    ]
    return Paper(
        kind="certificate",
        size="A4",
        title=_("Volunteer service certificate"),
        issuer=_("Micro-livelihood Services"),
        number_label=_("Verification code"),
        number=cert.code,
        rows=[
            (_("Volunteer"), cert.holder),
            (_("Service period"), period),
            (_("Approved service hours"), _("%(hours)s hours", hours=_hours(cert.total_hours))),
            (_("Issued on"), long_date(cert.issued_at)),
        ],
        table=((_("Recording organisation"), _("Content"), _("Hours")), lines),
        qr_url=check,
        qr_caption=_("Anyone can check it at"),
        notes=[
            _(
                "Issued under the Measures for Volunteer Service Records and Certificates "
                "(MCA Order 67)."
            )
        ],
        filename=f"{_('Volunteer service certificate')}-{cert.code}",
    )


def fund_receipt(receipt):
    """A donor's receipt (捐赠收据) of one contribution; a reversed one is stamped void."""
    entry = receipt.entry
    rows = [
        (_("Donor"), receipt.donor),
        (_("Fund"), receipt.fund.name),
        (_("Amount (in figures)"), f"¥{yuan(receipt.amount)}"),
        (_("Amount (in capitals)"), f"{_('RMB')}{receipt.in_words}"),
        (_("Date received"), long_date(receipt.day)),
        (_("Received through"), receipt.channel),
    ]
    if entry.receipt_no:
        rows.append((_("Bank or counter number"), entry.receipt_no))
    stamp = ""
    if receipt.void:
        stamp = _("Reversed (void)")
        rows.append(
            (
                stamp,
                _(
                    "Reversed on %(date)s: %(reason)s",
                    date=long_date(receipt.voided_on),
                    reason=receipt.voided_why,
                ),
            )
        )
    return Paper(
        kind="fund_receipt",
        size="A5",
        title=_("Donation receipt"),
        issuer=_("Issued by %(issuer)s", issuer=receipt.issuer),
        number_label=_("Receipt no."),
        number=receipt.number,
        rows=rows,
        qr_url=url_for("receipt_check.show", code=receipt.code, _external=True),
        qr_caption=_("Anyone can check this receipt at"),
        notes=[
            _("Verification code") + f"：{receipt.code}",
            _(
                "Thank you for your donation. It is recorded in the fund’s public ledger and "
                "shown in its monthly statement on the public bulletin."
            ),
        ],
        stamp=stamp,
        filename=f"{_('Donation receipt')}-{receipt.number}",
    )
